"""The transitions of domain.md §2.2 as service functions.

Each one is keyword-only, runs in one transaction on the locked convention row, asks the
table (`table.check`) whether it may happen, performs its side effects, writes one
HistoriqueStatut row and tells people after commit. Views, the API, tasks and the demo all
call these functions; none of them is given a request or a form.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from apilos.accounts.models import Administration, Membership
from apilos.core.history import delete_tracked, save_tracked

from ..enums import DatePrecision, Statut
from ..models import Convention
from . import table
from .actors import INSTRUCTEUR, STAFF, acting_side
from .errors import TransitionRefused
from .guards import pending_envoi
from .snapshot import convention_snapshot, snapshot_sha256

# PieceJointe field keys on the convention.
FICHIER_SIGNE = "fichier_signe"
FICHIER_SIGNE_RETIRE = "fichier_signe_retire"
FICHIER_SPF = "fichier_spf"


def _lock(convention: Convention) -> Convention:
    return (
        Convention.objects.select_for_update(of=("self",))
        .select_related("programme__bailleur", "programme__administration")
        .get(pk=convention.pk)
    )


def _begin(name: str, convention: Convention, by: Membership, **params) -> Convention:
    locked = _lock(convention)
    table.check(name, by, locked, params)
    return locked


def _finish(
    name: str,
    convention: Convention,
    by: Membership,
    message: str,
    fields: tuple = (),
    *,
    freeze: bool = False,
) -> Convention:
    """Move to the target status and log it; `freeze` then snapshots the saved version (R47),
    so that the frozen data already says « à signer » (no draft watermark)."""
    from apilos.instruction.models import HistoriqueStatut
    from apilos.instruction.services.notifications import notify_on_commit

    t = table.transition(name)
    de = convention.statut
    convention.statut = t.target
    save_tracked(
        convention,
        by=by.user,
        reason=t.label,
        update_fields=[*fields, "statut", "mis_a_jour_le"],
    )
    if freeze:
        convention.donnees_validees = convention_snapshot(convention)
        convention.donnees_validees_sha256 = snapshot_sha256(convention.donnees_validees)
        save_tracked(
            convention,
            by=by.user,
            reason="Données validées (R47)",
            update_fields=["donnees_validees", "donnees_validees_sha256", "mis_a_jour_le"],
        )
    row = HistoriqueStatut(convention=convention, transition=name, de=de, vers=t.target)
    row.set_actor(by)
    row.message = (message or "").strip()
    row.save()
    notify_on_commit(f"statut:{row.uuid}")
    return convention


def _store_file(owner, champ: str, fichier: UploadedFile, by: Membership, name: str):
    from apilos.files.services import piece_jointe_create

    try:
        return piece_jointe_create(owner=owner, champ=champ, uploaded_file=fichier, by=by.user)
    except ValidationError as exc:
        raise TransitionRefused(exc.messages, transition=name) from exc


def rename_files(owner, champ: str, new_champ: str) -> int:
    from apilos.files.models import PieceJointe

    return PieceJointe.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk, champ=champ
    ).update(champ=new_champ)


def _after_commit_task(task, **kwargs) -> None:
    transaction.on_commit(lambda: task.enqueue(**kwargs))


@transaction.atomic
def convention_submit(*, convention: Convention, by: Membership, message: str = "") -> Convention:
    """projet → instruction."""
    convention = _begin("submit", convention, by, message=message)
    now = timezone.now()
    convention.soumis_le = now
    if convention.premiere_soumission_le is None:
        convention.premiere_soumission_le = now
    return _finish("submit", convention, by, message, ("soumis_le", "premiere_soumission_le"))


@transaction.atomic
def convention_request_corrections(
    *, convention: Convention, by: Membership, message: str = ""
) -> Convention:
    """instruction → correction: the bailleur fixes what the open comments point at."""
    convention = _begin("request_corrections", convention, by, message=message)
    return _finish("request_corrections", convention, by, message)


@transaction.atomic
def convention_resubmit(*, convention: Convention, by: Membership, message: str = "") -> Convention:
    """correction → instruction."""
    convention = _begin("resubmit", convention, by, message=message)
    convention.soumis_le = timezone.now()
    return _finish("resubmit", convention, by, message, ("soumis_le",))


@transaction.atomic
def convention_validate(
    *, convention: Convention, by: Membership, numero: str | None = None, message: str = ""
) -> Convention:
    """instruction/correction → à signer: number, freeze the data, build the document."""
    from apilos.conventions.services import convention_number_assign
    from apilos.instruction.enums import StatutCommentaire
    from apilos.instruction.tasks import generate_final_document

    convention = _begin("validate", convention, by, message=message, numero=numero)
    numero = (numero or "").strip() or None
    try:
        with transaction.atomic():
            convention_number_assign(convention=convention, numero=numero, by=by.user)
    except ValidationError as exc:
        raise TransitionRefused(exc.messages, transition="validate") from exc
    except IntegrityError as exc:
        raise TransitionRefused(
            f"Le numéro {convention.numero} vient d'être attribué à une autre convention : "
            "validez à nouveau pour recevoir le numéro suivant.",
            transition="validate",
        ) from exc
    now = timezone.now()
    convention.valide_le = now
    convention.commentaires_instruction.filter(statut=StatutCommentaire.RESOLU).update(
        statut=StatutCommentaire.CLOS, clos_par=by.user, clos_le=now
    )
    convention = _finish("validate", convention, by, message, ("valide_le",), freeze=True)
    _after_commit_task(generate_final_document, convention_uuid=str(convention.uuid))
    return convention


@transaction.atomic
def convention_back_to_instruction(
    *, convention: Convention, by: Membership, message: str
) -> Convention:
    """à signer → instruction: the document is archived as superseded, the number kept."""
    from apilos.documents.services import documents_supersede

    convention = _begin("back_to_instruction", convention, by, message=message)
    documents_supersede(convention=convention)
    convention.valide_le = None
    convention.donnees_validees = None
    convention.donnees_validees_sha256 = ""
    return _finish(
        "back_to_instruction",
        convention,
        by,
        message,
        ("valide_le", "donnees_validees", "donnees_validees_sha256"),
    )


@transaction.atomic
def convention_mark_signed(
    *,
    convention: Convention,
    by: Membership,
    date_signature: date | None,
    fichier: UploadedFile | None,
    precision: str = DatePrecision.JOUR,
    message: str = "",
) -> Convention:
    """à signer → signée, with the signed file and the State's date (R45)."""
    from apilos.instruction.tasks import generate_fiche_caf

    convention = _begin(
        "mark_signed",
        convention,
        by,
        message=message,
        date_signature=date_signature,
        fichier=fichier,
    )
    rename_files(convention, FICHIER_SIGNE, FICHIER_SIGNE_RETIRE)
    _store_file(convention, FICHIER_SIGNE, fichier, by, "mark_signed")  # type: ignore[arg-type]
    convention.date_signature = date_signature
    convention.date_signature_precision = precision
    convention = _finish(
        "mark_signed", convention, by, message, ("date_signature", "date_signature_precision")
    )
    _after_commit_task(generate_fiche_caf, convention_uuid=str(convention.uuid))
    return convention


@transaction.atomic
def convention_unsign(*, convention: Convention, by: Membership, message: str) -> Convention:
    """signée → à signer, before any SPF send; the signed file is archived as withdrawn."""
    convention = _begin("unsign", convention, by, message=message)
    rename_files(convention, FICHIER_SIGNE, FICHIER_SIGNE_RETIRE)
    convention.date_signature = None
    return _finish("unsign", convention, by, message, ("date_signature",))


@transaction.atomic
def convention_send_spf(
    *, convention: Convention, by: Membership, date_envoi: date | None, message: str = ""
) -> Convention:
    """signée → publication en cours: one EnvoiSPF row per round trip."""
    from apilos.instruction.models import EnvoiSPF

    convention = _begin("send_spf", convention, by, message=message, date_envoi=date_envoi)
    assert date_envoi is not None  # the guard refused a missing date
    envoi = EnvoiSPF(convention=convention, date_envoi=date_envoi)
    envoi.set_actor(by)
    envoi.save()
    return _finish("send_spf", convention, by, message)


@transaction.atomic
def convention_publish(
    *,
    convention: Convention,
    by: Membership,
    date_retour: date | None,
    reference_spf: str,
    fichier: UploadedFile | None,
    message: str = "",
) -> Convention:
    """publication en cours → publiée: the SPF's reference and published file."""
    from apilos.instruction.enums import ResultatSPF
    from apilos.instruction.tasks import generate_fiche_caf

    convention = _begin(
        "publish",
        convention,
        by,
        message=message,
        date_retour=date_retour,
        reference_spf=reference_spf,
        fichier=fichier,
    )
    envoi = pending_envoi(convention)
    envoi.resultat = ResultatSPF.PUBLIEE
    envoi.date_retour = date_retour
    envoi.reference_spf = reference_spf.strip()
    envoi.save(update_fields=["resultat", "date_retour", "reference_spf", "mis_a_jour_le"])
    _store_file(envoi, FICHIER_SPF, fichier, by, "publish")  # type: ignore[arg-type]
    convention = _finish("publish", convention, by, message)
    _after_commit_task(generate_fiche_caf, convention_uuid=str(convention.uuid))
    return convention


@transaction.atomic
def convention_spf_refused(
    *, convention: Convention, by: Membership, date_retour: date | None, message: str
) -> Convention:
    """publication en cours → signée: the refusal's date and motif stay on the EnvoiSPF."""
    from apilos.instruction.enums import ResultatSPF

    convention = _begin("spf_refused", convention, by, message=message, date_retour=date_retour)
    envoi = pending_envoi(convention)
    envoi.resultat = ResultatSPF.REFUSEE
    envoi.date_retour = date_retour
    envoi.motif_refus = message.strip()
    envoi.save(update_fields=["resultat", "date_retour", "motif_refus", "mis_a_jour_le"])
    return _finish("spf_refused", convention, by, message)


@transaction.atomic
def convention_unpublish(
    *,
    convention: Convention,
    by: Membership,
    message: str,
    date_envoi: date | None = None,
) -> Convention:
    """publiée → publication en cours: a new SPF round trip starts; the published one stays."""
    from apilos.instruction.models import EnvoiSPF

    convention = _begin("unpublish", convention, by, message=message)
    envoi = EnvoiSPF(convention=convention, date_envoi=date_envoi or timezone.localdate())
    envoi.set_actor(by)
    envoi.save()
    return _finish("unpublish", convention, by, message)


@transaction.atomic
def convention_cancel(*, convention: Convention, by: Membership, message: str) -> Convention:
    """en cours or à signer → annulée; a number already given is burnt (R33)."""
    convention = _begin("cancel", convention, by, message=message)
    return _finish("cancel", convention, by, message)


@transaction.atomic
def convention_reactivate(
    *, convention: Convention, by: Membership, message: str = ""
) -> Convention:
    """annulée → projet, unless another live convention now holds its financements (R35)."""
    from ..selectors import operation_financement_conflicts

    convention = _begin("reactivate", convention, by, message=message)
    taken = operation_financement_conflicts(convention)
    if taken:
        raise TransitionRefused(
            "Une autre convention en vigueur de la même opération porte déjà le financement "
            f"{', '.join(taken)} (R35) : annulez-la d'abord, ou corrigez les financements.",
            transition="reactivate",
        )
    try:
        with transaction.atomic():
            return _finish("reactivate", convention, by, message)
    except IntegrityError as exc:
        raise TransitionRefused(
            "Une autre convention en vigueur de la même opération porte déjà l'un de ces "
            "financements (R35) : la convention reste annulée.",
            transition="reactivate",
        ) from exc


@transaction.atomic
def convention_delete(*, convention: Convention, by: Membership) -> None:
    """annulée → supprimée: staff only, and only if it never received a number."""
    convention = _lock(convention)
    if acting_side(by) != STAFF:
        raise TransitionRefused(
            "Seule l'équipe APiLos peut supprimer une convention annulée.", transition="delete"
        )
    if convention.statut != Statut.ANNULEE:
        raise TransitionRefused(
            "Annulez d'abord la convention : seule une convention annulée peut être supprimée.",
            transition="delete",
        )
    if convention.numero:
        raise TransitionRefused(
            f"Cette convention a reçu le numéro {convention.numero} : elle reste annulée pour "
            "que ce numéro ne soit jamais réutilisé (R33).",
            transition="delete",
        )
    programme = convention.programme
    delete_tracked(Convention.objects.filter(pk=convention.pk), by=by.user)
    if not programme.conventions.exists():
        delete_tracked(type(programme).objects.filter(pk=programme.pk), by=by.user)


@transaction.atomic
def convention_reroute(
    *, convention: Convention, by: Membership, administration: Administration, message: str
) -> Convention:
    """Hand a convention still being filled in or instructed to another administration."""
    from apilos.instruction.services.journal import record_event

    from ..enums import EN_COURS
    from ..selectors import convention_visible

    convention = _lock(convention)
    programme = convention.programme
    errors = []
    if acting_side(by) != INSTRUCTEUR or not convention_visible(by, convention):
        errors.append("Seule l'administration chargée de la convention peut la réorienter.")
    elif convention.statut not in EN_COURS:
        errors.append(
            "Une convention validée ne change plus d'administration : repassez-la d'abord "
            "en instruction."
        )
    if administration.pk == programme.administration_id:
        errors.append("Choisissez une autre administration que celle qui a déjà la convention.")
    elif (
        programme.departement_id
        and not administration.departements.filter(pk=programme.departement_id).exists()
    ):
        errors.append(
            f"{administration.nom} ne couvre pas le département de l'opération "
            f"({programme.departement}) : choisissez une administration compétente."
        )
    if not (message or "").strip():
        errors.append("Indiquez le motif de la réorientation.")
    if errors:
        raise TransitionRefused(errors, transition="reroute")
    previous = programme.administration
    programme.administration = administration
    save_tracked(
        programme,
        by=by.user,
        reason="Réorientation",
        update_fields=["administration", "mis_a_jour_le"],
    )
    record_event(
        convention=convention,
        by=by,
        description=f"Convention réorientée de {previous.nom} vers {administration.nom}. "
        f"Motif : {message.strip()}",
        notify_key="reroute",
    )
    return convention


# The service of each row of the table, for views and tests that act by transition name.
TRANSITION_SERVICES = {
    "submit": convention_submit,
    "request_corrections": convention_request_corrections,
    "resubmit": convention_resubmit,
    "validate": convention_validate,
    "back_to_instruction": convention_back_to_instruction,
    "mark_signed": convention_mark_signed,
    "unsign": convention_unsign,
    "send_spf": convention_send_spf,
    "publish": convention_publish,
    "spf_refused": convention_spf_refused,
    "unpublish": convention_unpublish,
    "cancel": convention_cancel,
    "reactivate": convention_reactivate,
}
