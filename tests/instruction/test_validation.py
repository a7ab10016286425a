"""Validation (number, snapshot, document), signature, SPF, cancelling and re-routing."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apilos.accounts.enums import Role
from apilos.conventions.lifecycle import services
from apilos.conventions.lifecycle.errors import TransitionRefused
from apilos.conventions.lifecycle.snapshot import convention_snapshot, snapshot_sha256
from apilos.conventions.models import Convention
from apilos.documents.models import DocumentGenere
from apilos.files.models import PieceJointe
from apilos.instruction.models import Evenement
from apilos.instruction.selectors import journal_entries
from tests.factories import AdministrationFactory, membership

from .conftest import complete_convention, pdf, put


def test_validation_numbers_freezes_and_asks_for_the_document(
    world, dossier, django_capture_on_commit_callbacks
):
    """Validation gives the next number, valide_le, the snapshot with its SHA-256, and queues
    the final document, rendered from that snapshot and attached to the convention."""
    convention = put(dossier, "instruction")
    year = timezone.localdate().year % 100
    with django_capture_on_commit_callbacks(execute=True):
        convention = services.convention_validate(
            convention=convention, by=world["roles"]["instructeur"]
        )
    convention.refresh_from_db()
    assert convention.numero == f"69.D.{year:02d}.0001"
    assert convention.valide_le is not None
    assert convention.donnees_validees == convention_snapshot(convention)
    assert convention.donnees_validees_sha256 == snapshot_sha256(convention.donnees_validees)
    document = DocumentGenere.objects.get(convention=convention, definitif=True)
    assert document.kind == "convention"
    assert document.donnees_validees_sha256 == convention.donnees_validees_sha256
    assert document.fichier.read().startswith(b"%PDF")
    titles = [e.titre for e in journal_entries(world["roles"]["bailleur"], convention)]
    assert "Document généré : Convention" in titles


def test_instructeur_may_give_their_own_number(world, dossier):
    """The proposed number can be edited; a number already taken is refused, in French."""
    convention = put(dossier, "instruction")
    services.convention_validate(
        convention=convention, by=world["roles"]["instructeur"], numero="69.D.26.0420"
    )
    other = put(complete_convention(world), "instruction")
    with pytest.raises(TransitionRefused, match="déjà celui d'une autre convention"):
        services.convention_validate(
            convention=other, by=world["roles"]["instructeur"], numero="69 D 26 0420"
        )
    other.refresh_from_db()
    assert (other.statut, other.numero) == ("instruction", "")


def test_snapshot_is_deterministic_and_covers_the_rows(dossier):
    """Same data, same JSON and digest; a changed loyer changes the digest."""
    first = convention_snapshot(dossier)
    assert snapshot_sha256(first) == snapshot_sha256(
        convention_snapshot(Convention.objects.get(pk=dossier.pk))
    )
    lot = first["lots"][0]
    assert [row["designation"] for row in lot["logements"]] == ["A1", "A2"]
    assert lot["prets"][0]["duree"] == 40
    assert first["references_cadastrales"]
    assert first["parties"]["bailleur"]["siret"] == dossier.programme.bailleur.siret
    logement = dossier.lots.get().logements.get(designation="A1")
    logement.loyer = logement.loyer - 1
    logement.save()
    assert snapshot_sha256(convention_snapshot(dossier)) != snapshot_sha256(first)


def test_documents_read_the_validated_snapshot(world, dossier):
    """R47: once validated, the document context comes from donnees_validees, not live rows."""
    from apilos.documents.builder import build_document_context

    convention = put(dossier, "instruction")
    convention = services.convention_validate(
        convention=convention, by=world["roles"]["instructeur"]
    )
    frozen = build_document_context(convention)
    assert frozen.statut == "a_signer"  # the frozen data carries no draft watermark
    logement = convention.lots.get().logements.get(designation="A1")
    logement.loyer = logement.loyer - 1
    logement.save()
    assert build_document_context(Convention.objects.get(pk=convention.pk)) == frozen


def test_back_to_instruction_keeps_the_number(world, dossier):
    """à signer → instruction: the number stays, the frozen data and the document go."""
    convention = put(dossier, "instruction")
    instructeur = world["roles"]["instructeur"]
    convention = services.convention_validate(convention=convention, by=instructeur)
    numero = convention.numero
    convention = services.convention_back_to_instruction(
        convention=convention, by=instructeur, message="Surface à reprendre."
    )
    assert (convention.numero, convention.donnees_validees, convention.valide_le) == (
        numero,
        None,
        None,
    )
    again = services.convention_validate(convention=convention, by=instructeur)
    assert again.numero == numero


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "dans le futur"), (-30, "précéder la validation")],
)
def test_signature_date_between_validation_and_today(world, dossier, days, message):
    """R45: valide_le ≤ date_signature ≤ today."""
    convention = put(dossier, "a_signer", valide_le=timezone.now() - timedelta(days=10))
    with pytest.raises(TransitionRefused, match=message):
        services.convention_mark_signed(
            convention=convention,
            by=world["roles"]["bailleur"],
            date_signature=timezone.localdate() + timedelta(days=days),
            fichier=pdf(),
        )


def test_signature_needs_the_signed_file_and_unsign_withdraws_it(world, dossier):
    """Signing stores the signed PDF; cancelling the signature archives it as withdrawn."""
    convention = put(dossier, "a_signer")
    instructeur = world["roles"]["instructeur"]
    with pytest.raises(TransitionRefused, match="Joignez la convention signée"):
        services.convention_mark_signed(
            convention=convention, by=instructeur, date_signature=timezone.localdate(), fichier=None
        )
    convention = services.convention_mark_signed(
        convention=convention, by=instructeur, date_signature=timezone.localdate(), fichier=pdf()
    )
    assert PieceJointe.objects.filter(object_id=convention.pk, champ="fichier_signe").count() == 1
    convention = services.convention_unsign(
        convention=convention, by=instructeur, message="Erreur."
    )
    assert convention.date_signature is None
    assert PieceJointe.objects.filter(object_id=convention.pk, champ="fichier_signe").count() == 0
    assert PieceJointe.objects.filter(
        object_id=convention.pk, champ="fichier_signe_retire"
    ).exists()


def test_spf_round_trips(world, dossier):
    """Send, refusal kept with its motif, send again, publish, unpublish opens a new trip;
    once sent, the signature can no longer be cancelled."""
    from apilos.accounts.models import Bailleur

    Bailleur.objects.filter(pk=world["bailleur"].pk).update(
        sous_nature="association", nature="autre"
    )
    convention = put(dossier, "signee")
    by = world["roles"]["instructeur"]
    today = timezone.localdate()
    convention = services.convention_send_spf(convention=convention, by=by, date_envoi=today)
    with pytest.raises(TransitionRefused, match="1 000 caractères"):
        services.convention_spf_refused(
            convention=convention, by=by, date_retour=today, message="x" * 1001
        )
    convention = services.convention_spf_refused(
        convention=convention, by=by, date_retour=today, message="Marges non conformes."
    )
    assert convention.statut == "signee"
    with pytest.raises(TransitionRefused, match="déjà été envoyée"):
        services.convention_unsign(convention=convention, by=by, message="Trop tard.")
    convention = services.convention_send_spf(convention=convention, by=by, date_envoi=today)
    with pytest.raises(TransitionRefused, match="référence de publication"):
        services.convention_publish(
            convention=convention, by=by, date_retour=today, reference_spf="", fichier=pdf()
        )
    convention = services.convention_publish(
        convention=convention, by=by, date_retour=today, reference_spf="2026 P 12", fichier=pdf()
    )
    convention = services.convention_unpublish(
        convention=convention, by=by, message="Rectificatif."
    )
    envois = list(convention.envois_spf.order_by("pk").values_list("resultat", "reference_spf"))
    assert envois == [("refusee", ""), ("publiee", "2026 P 12"), ("", "")]


def test_spf_only_where_it_applies(world, dossier):
    """R25: an HLM's ordinary convention is not sent to the SPF."""
    convention = put(dossier, "signee")
    with pytest.raises(TransitionRefused, match="R25"):
        services.convention_send_spf(
            convention=convention, by=world["roles"]["instructeur"], date_envoi=timezone.localdate()
        )


def test_cancel_burns_the_number_and_reactivation_depends_on_who(world, dossier):
    """A cancelled numbered convention keeps its number; the bailleur cannot bring back what
    the administration cancelled after validation, the administration can."""
    convention = put(dossier, "a_signer")
    numero = convention.numero
    instructeur, bailleur = world["roles"]["instructeur"], world["roles"]["bailleur"]
    with pytest.raises(TransitionRefused):
        services.convention_cancel(convention=convention, by=bailleur, message="Abandon.")
    convention = services.convention_cancel(
        convention=convention, by=instructeur, message="Abandon."
    )
    assert (convention.statut, convention.numero) == ("annulee", numero)
    with pytest.raises(TransitionRefused, match="Seule l'administration"):
        services.convention_reactivate(convention=convention, by=bailleur)
    convention = services.convention_reactivate(convention=convention, by=instructeur)
    assert (convention.statut, convention.numero) == ("projet", numero)


def test_only_staff_deletes_a_never_numbered_cancelled_convention(world, dossier, staff):
    """annulée → supprimée: staff only, never for a numbered convention (R33)."""
    convention = put(dossier, "annulee")
    with pytest.raises(TransitionRefused, match="équipe APiLos"):
        services.convention_delete(convention=convention, by=world["roles"]["instructeur"])
    numbered = put(complete_convention(world), "annulee", numero="69.D.26.0999")
    with pytest.raises(TransitionRefused, match="jamais réutilisé"):
        services.convention_delete(convention=numbered, by=staff)
    services.convention_delete(convention=convention, by=staff)
    assert not Convention.objects.filter(pk=convention.pk).exists()


def test_reroute_hands_over_and_logs(world, dossier):
    """Re-routing moves the convention to another competent administration and is journaled."""
    convention = put(dossier, "instruction")
    metropole = AdministrationFactory(code="M69123", kind="metropole", departements=["69"])
    by = world["roles"]["instructeur"]
    with pytest.raises(TransitionRefused, match="ne couvre pas"):
        services.convention_reroute(
            convention=convention,
            by=by,
            administration=world["other_administration"],
            message="Erreur d'aiguillage.",
        )
    services.convention_reroute(
        convention=convention, by=by, administration=metropole, message="Délégataire."
    )
    convention.refresh_from_db()
    assert convention.programme.administration == metropole
    event = Evenement.objects.get(convention=convention)
    assert event.description.startswith(f"Convention réorientée de {world['administration'].nom}")
    with pytest.raises(TransitionRefused):
        services.convention_reroute(
            convention=convention, by=by, administration=world["administration"], message="Retour."
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_instructeurs_validating_at_once_get_two_numbers():
    """Two instructeurs validate two conventions at the same moment: two different numbers."""
    from apilos.accounts.enums import SousNature
    from tests.factories import BailleurFactory

    administration = AdministrationFactory(departements=["69"])
    world = {
        "bailleur": BailleurFactory(sous_nature=SousNature.OPH),
        "administration": administration,
    }
    conventions = [put(complete_convention(world), "instruction") for _ in range(2)]
    instructeurs = [
        membership(role=Role.INSTRUCTEUR, administration=administration) for _ in range(2)
    ]
    barrier = threading.Barrier(2)
    numbers, errors = [], []

    def validate(convention, by):
        try:
            barrier.wait(5)
            numbers.append(services.convention_validate(convention=convention, by=by).numero)
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=validate, args=pair)
        for pair in zip(conventions, instructeurs, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert len(set(numbers)) == 2
    assert sorted(n[-4:] for n in numbers) == ["0001", "0002"]
