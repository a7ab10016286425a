"""Reads of the instruction loop, scoped by the role reading them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from apilos.accounts.enums import BAILLEUR_ROLES, INSTRUCTEUR_ROLES
from apilos.accounts.models import Membership
from apilos.conventions.enums import Statut, statut_label
from apilos.conventions.lifecycle.actors import is_administration_side, reading_side
from apilos.conventions.models import Convention
from apilos.conventions.selectors import conventions_for

from .enums import StatutCommentaire
from .models import Commentaire, EnvoiSPF, Evenement, HistoriqueStatut, Message


def messages_for(membership: Membership | None, convention: Convention) -> QuerySet[Message]:
    """The thread as this role may read it: private notes for the administration only."""
    if reading_side(membership) is None:
        return Message.objects.none()
    messages = convention.messages.select_related("cree_par")
    if not is_administration_side(membership):
        messages = messages.filter(prive=False)
    return messages


def comments_for(membership: Membership | None, convention: Convention) -> QuerySet[Commentaire]:
    if reading_side(membership) is None:
        return Commentaire.objects.none()
    return convention.commentaires_instruction.select_related(
        "cree_par", "resolu_par", "clos_par"
    ).prefetch_related("reponses__cree_par")


def comments_summary(comments: list[Commentaire]) -> dict[str, Any]:
    """Counts per status and the open comments grouped by step, for the récapitulatif."""
    from apilos.conventions.rules.report import STEPS

    counts = dict.fromkeys(StatutCommentaire.values, 0)
    by_step: dict[str, list[Commentaire]] = {}
    for comment in comments:
        counts[comment.statut] += 1
        if comment.statut == StatutCommentaire.OUVERT:
            by_step.setdefault(comment.etape, []).append(comment)
    ordered = [
        {"etape": step, "libelle": label, "commentaires": by_step[step]}
        for step, label in STEPS.items()
        if step in by_step
    ]
    return {"counts": counts, "open_by_step": ordered, "open": counts[StatutCommentaire.OUVERT]}


def last_correction_request(convention: Convention) -> HistoriqueStatut | None:
    return (
        convention.historique_statuts.filter(transition="request_corrections")
        .order_by("-survenu_le", "-pk")
        .first()
    )


def changes_since_last_submission(convention: Convention) -> list:
    """What the bailleur changed after corrections were last requested (field by field)."""
    from apilos.conventions.selectors import convention_field_changes

    request = last_correction_request(convention)
    if request is None:
        return []
    return [
        change
        for change in convention_field_changes(convention, since=request.survenu_le)
        if change.field not in {"statut", "soumis_le"}
    ]


# ---------------------------------------------------------------- journal


@dataclass(frozen=True)
class JournalEntry:
    quand: datetime
    categorie: str
    titre: str
    detail: str = ""
    auteur: str = ""
    organisation: str = ""

    @property
    def date_only(self) -> bool:
        return self.categorie == "Événement"


def _who(row) -> str:
    return str(row.cree_par) if row.cree_par_id else ""


def _at_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def journal_entries(membership: Membership | None, convention: Convention) -> list[JournalEntry]:
    """Transitions, comments, messages, SPF round trips, documents and events, newest first.

    Partners read the transitions, SPF, documents and events; the exchanges between the
    bailleur and the administration stay between them, and private notes inside the
    administration.
    """
    instructeur = membership is not None and membership.role in INSTRUCTEUR_ROLES
    entries: list[JournalEntry] = []
    for row in convention.historique_statuts.select_related("cree_par"):
        de = statut_label(row.de, instructeur=instructeur)
        vers = statut_label(row.vers, instructeur=instructeur)
        entries.append(
            JournalEntry(
                row.survenu_le, "Statut", f"{de} → {vers}", row.message, _who(row), row.organisation
            )
        )
    for comment in comments_for(membership, convention):
        entries.append(
            JournalEntry(
                comment.cree_le,
                "Commentaire",
                f"Commentaire ouvert : {comment.cible_libelle}",
                comment.message,
                _who(comment),
                comment.organisation,
            )
        )
        if comment.resolu_le:
            entries.append(
                JournalEntry(
                    comment.resolu_le,
                    "Commentaire",
                    f"Commentaire résolu : {comment.cible_libelle}",
                    auteur=str(comment.resolu_par or ""),
                )
            )
        if comment.clos_le:
            entries.append(
                JournalEntry(
                    comment.clos_le,
                    "Commentaire",
                    f"Commentaire clos : {comment.cible_libelle}",
                    auteur=str(comment.clos_par or ""),
                )
            )
        for reponse in comment.reponses.all():
            entries.append(
                JournalEntry(
                    reponse.cree_le,
                    "Commentaire",
                    f"Réponse : {comment.cible_libelle}",
                    reponse.message,
                    _who(reponse),
                    reponse.organisation,
                )
            )
    for message in messages_for(membership, convention):
        titre = "Note privée" if message.prive else "Message"
        entries.append(
            JournalEntry(
                message.cree_le,
                "Échange",
                titre,
                message.texte,
                _who(message),
                message.organisation,
            )
        )
    for envoi in EnvoiSPF.objects.filter(convention=convention).select_related("cree_par"):
        entries.append(
            JournalEntry(
                _at_day(envoi.date_envoi),
                "SPF",
                "Envoi au SPF",
                auteur=_who(envoi),
                organisation=envoi.organisation,
            )
        )
        if envoi.date_retour:
            titre = (
                f"Publication au fichier immobilier (référence {envoi.reference_spf})"
                if envoi.resultat == "publiee"
                else "Refus du SPF"
            )
            entries.append(
                JournalEntry(_at_day(envoi.date_retour), "SPF", titre, envoi.motif_refus)
            )
    for evenement in Evenement.objects.filter(convention=convention).select_related("cree_par"):
        entries.append(
            JournalEntry(
                _at_day(evenement.survenu_le),
                "Événement",
                evenement.get_type_display(),
                evenement.description,
                _who(evenement),
                evenement.organisation,
            )
        )
    entries.extend(_document_entries(convention))
    return sorted(entries, key=lambda e: e.quand, reverse=True)


DOCUMENT_LABELS = {
    "fichier_signe": "Convention signée déposée",
    "fichier_signe_retire": "Convention signée (retirée)",
    "fichier_spf": "Document publié par le SPF",
}


def _document_entries(convention: Convention) -> list[JournalEntry]:
    from apilos.files.models import PieceJointe

    envoi_type = ContentType.objects.get_for_model(EnvoiSPF)
    query = Q(content_type=ContentType.objects.get_for_model(Convention), object_id=convention.pk)
    for envoi in convention.envois_spf.all():
        query |= Q(content_type=envoi_type, object_id=envoi.pk)
    deposited = [
        JournalEntry(
            piece.cree_le,
            "Document",
            DOCUMENT_LABELS.get(piece.champ, "Pièce jointe"),
            piece.nom,
            str(piece.cree_par or ""),
        )
        for piece in PieceJointe.objects.filter(query).select_related("cree_par")
    ]
    generated = [
        JournalEntry(
            document.cree_le,
            "Document",
            f"Document généré : {document.get_kind_display()}"
            + ("" if document.statut == "courant" else f" ({document.get_statut_display()})"),
            document.nom,
        )
        for document in convention.documents_generes.filter(definitif=True)
    ]
    return deposited + generated


# ---------------------------------------------------------------- work queues

QUEUES: dict[str, tuple[str, str]] = {
    "a_instruire": (Statut.INSTRUCTION, "À instruire"),
    "en_correction": (Statut.CORRECTION, "En correction"),
    "a_signer": (Statut.A_SIGNER, "À signer"),
    "signees": (Statut.SIGNEE, "Signées"),
}
# Overdue: counted from the first submission while the convention is being instructed,
# from the entry into the status afterwards.
FROM_FIRST_SUBMISSION = frozenset({Statut.INSTRUCTION, Statut.CORRECTION})
SORTS = {
    "anciennete": ("premiere_soumission_le", "Première soumission (la plus ancienne d'abord)"),
    "statut": ("entre_le", "Entrée dans le statut (la plus ancienne d'abord)"),
    "allers_retours": ("-allers_retours", "Allers-retours (le plus d'abord)"),
    "operation": ("programme__nom", "Opération (A → Z)"),
    "bailleur": ("programme__bailleur__nom", "Bailleur (A → Z)"),
}


def delai_cible() -> int:
    return settings.DELAI_INSTRUCTION_JOURS


def annotate_progress(conventions: QuerySet[Convention]) -> QuerySet[Convention]:
    """Adds `entre_le` (entry into the current status) and `allers_retours` (requests for
    corrections)."""
    entered = (
        HistoriqueStatut.objects.filter(convention=OuterRef("pk"), vers=OuterRef("statut"))
        .values("convention")
        .annotate(last=Max("survenu_le"))
        .values("last")
    )
    trips = (
        HistoriqueStatut.objects.filter(convention=OuterRef("pk"), transition="request_corrections")
        .values("convention")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_comments = (
        Commentaire.objects.filter(convention=OuterRef("pk"), statut=StatutCommentaire.OUVERT)
        .values("convention")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return conventions.annotate(
        entre_le=Coalesce(Subquery(entered), "cree_le"),
        allers_retours=Coalesce(Subquery(trips, output_field=IntegerField()), Value(0)),
        commentaires_ouverts=Coalesce(
            Subquery(open_comments, output_field=IntegerField()), Value(0)
        ),
    )


def overdue_q(statut: str, now: datetime | None = None) -> Q:
    limit = (now or timezone.now()) - timedelta(days=delai_cible())
    if statut in FROM_FIRST_SUBMISSION:
        return Q(premiere_soumission_le__lt=limit)
    return Q(entre_le__lt=limit)


def queue(
    membership: Membership,
    file: str,
    *,
    recherche: str = "",
    bailleur: str = "",
    en_retard: bool = False,
    tri: str = "anciennete",
) -> QuerySet[Convention]:
    statut = QUEUES[file][0]
    conventions = annotate_progress(conventions_for(membership).filter(statut=statut))
    if recherche:
        conventions = conventions.filter(
            Q(programme__nom__icontains=recherche)
            | Q(numero__icontains=recherche)
            | Q(programme__ville__icontains=recherche)
        )
    if bailleur:
        conventions = conventions.filter(programme__bailleur__uuid=bailleur)
    if en_retard:
        conventions = conventions.filter(overdue_q(statut))
    order = SORTS.get(tri, SORTS["anciennete"])[0]
    return conventions.order_by(order, "pk")


def queue_counts(membership: Membership) -> dict[str, int]:
    found = dict(
        conventions_for(membership)
        .filter(statut__in=[s for s, _ in QUEUES.values()])
        .values_list("statut")
        .annotate(n=Count("id"))
        .values_list("statut", "n")
    )
    return {key: found.get(statut, 0) for key, (statut, _) in QUEUES.items()}


def progress(convention: Convention, now: datetime | None = None) -> dict[str, Any]:
    """Days since first submission and in the current status, and whether it is overdue."""
    now = now or timezone.now()
    first = convention.premiere_soumission_le
    entered = getattr(convention, "entre_le", None) or convention.cree_le
    depuis_soumission = (now - first).days if first else None
    dans_statut = (now - entered).days
    reference = depuis_soumission if convention.statut in FROM_FIRST_SUBMISSION else dans_statut
    return {
        "depuis_soumission": depuis_soumission,
        "dans_statut": dans_statut,
        "en_retard": reference is not None and reference > delai_cible(),
    }


# ---------------------------------------------------------------- bailleur's view

HOLDER: dict[str, str] = {
    Statut.PROJET: "Vous",
    Statut.INSTRUCTION: "L'administration",
    Statut.CORRECTION: "Vous",
    Statut.A_SIGNER: "Vous, puis l'administration",
    Statut.SIGNEE: "L'administration",
    Statut.PUBLICATION_EN_COURS: "L'administration (publication au SPF)",
}


def expected_of_bailleur(convention: Convention) -> str:
    statut = convention.statut
    open_comments = getattr(convention, "commentaires_ouverts", 0)
    administration = convention.programme.administration
    if statut == Statut.PROJET:
        return "Compléter chaque étape, puis soumettre la convention à l'instruction."
    if statut == Statut.CORRECTION:
        points = "1 point signalé" if open_comments == 1 else f"{open_comments} points signalés"
        return f"Corriger les éléments visés ({points}), puis soumettre à nouveau."
    if statut == Statut.A_SIGNER:
        n = administration.nb_exemplaires
        originaux = "1 exemplaire original" if n == 1 else f"{n} exemplaires originaux"
        return (
            "Imprimer la convention en recto-verso, la signer sans la dater et envoyer "
            f"{originaux} à {administration.nom}."
        )
    if statut == Statut.INSTRUCTION:
        return "Rien pour l'instant : l'administration instruit la convention."
    if statut == Statut.ANNULEE:
        return "Rien : la convention est annulée."
    return "Rien : la convention est signée."


def holder(convention: Convention) -> str:
    label = HOLDER.get(convention.statut, "Personne : le dossier est clos")
    if label.startswith("L'administration"):
        return label.replace("L'administration", convention.programme.administration.nom, 1)
    return label


def suivi(membership: Membership) -> QuerySet[Convention]:
    """Where each of the bailleur's conventions stands."""
    return annotate_progress(conventions_for(membership)).order_by(F("entre_le").desc(), "pk")


def is_bailleur_reader(membership: Membership | None) -> bool:
    return membership is not None and membership.role in BAILLEUR_ROLES
