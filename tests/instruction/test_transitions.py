"""Every (transition, role) pair of the lifecycle table (domain.md §2.2)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apilos.conventions.lifecycle import services
from apilos.conventions.lifecycle.errors import TransitionRefused
from apilos.conventions.lifecycle.table import TRANSITIONS
from apilos.instruction.models import EnvoiSPF, HistoriqueStatut
from tests.core.test_routes_permissions import ALL_ROLES

from .conftest import ACTING_INSTRUCTEURS, pdf, put

INSTRUCTEURS = frozenset(ACTING_INSTRUCTEURS)
ROLES = [*ALL_ROLES, "staff"]


def _today():
    return timezone.localdate()


def _pending_envoi(convention):
    EnvoiSPF.objects.create(convention=convention, date_envoi=_today() - timedelta(days=2))


def _spf_applicable(convention):
    """R25: a Type I/II bailleur's ordinary convention is published at the SPF."""
    from apilos.accounts.models import Bailleur

    Bailleur.objects.filter(pk=convention.programme.bailleur_id).update(
        sous_nature="association", nature="autre"
    )


def _cancelled_while_en_cours(convention):
    HistoriqueStatut.objects.create(
        convention=convention, transition="cancel", de="projet", vers="annulee"
    )


# transition → (source status, extra set-up, keyword arguments, roles allowed)
CASES = {
    "submit": ("projet", None, dict, {"bailleur"}),
    "request_corrections": (
        "instruction",
        None,
        lambda: {"message": "Loyers à revoir."},
        INSTRUCTEURS,
    ),
    "resubmit": ("correction", None, dict, {"bailleur"}),
    "validate": ("instruction", None, dict, INSTRUCTEURS),
    "back_to_instruction": (
        "a_signer",
        None,
        lambda: {"message": "Erreur de surface."},
        INSTRUCTEURS,
    ),
    "mark_signed": (
        "a_signer",
        None,
        lambda: {"date_signature": _today(), "fichier": pdf()},
        INSTRUCTEURS | {"bailleur"},
    ),
    "unsign": ("signee", None, lambda: {"message": "Mauvais fichier."}, INSTRUCTEURS),
    "send_spf": ("signee", _spf_applicable, lambda: {"date_envoi": _today()}, INSTRUCTEURS),
    "publish": (
        "publication_en_cours",
        _pending_envoi,
        lambda: {
            "date_retour": _today(),
            "reference_spf": "2026 P 1234",
            "fichier": pdf("spf.pdf"),
        },
        INSTRUCTEURS,
    ),
    "spf_refused": (
        "publication_en_cours",
        _pending_envoi,
        lambda: {"date_retour": _today(), "message": "Marges non conformes."},
        INSTRUCTEURS,
    ),
    "unpublish": ("publiee", None, lambda: {"message": "Rectificatif."}, INSTRUCTEURS),
    "cancel": (
        "projet",
        None,
        lambda: {"message": "Opération abandonnée."},
        INSTRUCTEURS | {"bailleur"},
    ),
    "reactivate": ("annulee", _cancelled_while_en_cours, dict, INSTRUCTEURS | {"bailleur"}),
}
SERVICE = services.TRANSITION_SERVICES
TARGET = {t.name: t.target for t in TRANSITIONS}


def test_every_transition_has_a_case_and_a_service():
    """The table, the cases below and the service functions name the same transitions."""
    assert set(CASES) == set(SERVICE) == set(TARGET)


def _membership(world, staff, role):
    return staff if role == "staff" else world["roles"][role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_transition_by_role(world, dossier, staff, django_capture_on_commit_callbacks, name, role):
    """Allowed roles move the convention and log it; the others are refused, nothing changes."""
    source, setup, kwargs, allowed = CASES[name]
    convention = put(dossier, source)
    if setup:
        setup(convention)
    by = _membership(world, staff, role)
    before = HistoriqueStatut.objects.filter(convention=convention).count()
    if role in allowed:
        with django_capture_on_commit_callbacks(execute=True):
            result = SERVICE[name](convention=convention, by=by, **kwargs())
        convention.refresh_from_db()
        assert result.statut == convention.statut == TARGET[name]
        row = HistoriqueStatut.objects.filter(convention=convention).latest("survenu_le", "pk")
        assert (row.de, row.vers, row.transition) == (source, TARGET[name], name)
        assert (row.cree_par, row.role) == (by.user, by.role)
        assert row.organisation == by.organisation_label
        return
    with pytest.raises(TransitionRefused) as refused:
        SERVICE[name](convention=convention, by=by, **kwargs())
    message = " ".join(refused.value.messages)
    assert "rôle" in message or message.startswith(("Seul", "Seule"))
    convention.refresh_from_db()
    assert convention.statut == source
    assert HistoriqueStatut.objects.filter(convention=convention).count() == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_transition_from_wrong_status_is_refused(world, dossier, name):
    """Any status outside the table's sources is refused and names the allowed ones."""
    source, _setup, kwargs, allowed = CASES[name]
    wrong = "annulee" if source != "annulee" else "publiee"
    convention = put(dossier, wrong)
    role = sorted(allowed)[0]
    with pytest.raises(TransitionRefused) as refused:
        SERVICE[name](convention=convention, by=world["roles"][role], **kwargs())
    assert "n'est possible que depuis" in " ".join(refused.value.messages)
    convention.refresh_from_db()
    assert convention.statut == wrong


@pytest.mark.parametrize("name", sorted(CASES))
def test_other_organisation_is_refused(world, dossier, name):
    """A role of another organisation cannot move the convention, whatever it sends."""
    from apilos.accounts.enums import Role
    from tests.factories import membership

    source, setup, kwargs, _allowed = CASES[name]
    convention = put(dossier, source)
    if setup:
        setup(convention)
    outsiders = {
        "bailleur": membership(role=Role.BAILLEUR, bailleur=world["other_bailleur"]),
        "instructeur": membership(
            role=Role.INSTRUCTEUR, administration=world["other_administration"]
        ),
    }
    for by in outsiders.values():
        with pytest.raises(TransitionRefused) as refused:
            SERVICE[name](convention=convention, by=by, **kwargs())
        assert refused.value.messages
    convention.refresh_from_db()
    assert convention.statut == source


def test_administration_submits_only_the_avenants_it_opened(world, dossier):
    """An instructeur submits an avenant its side opened; the bailleur submits the others."""
    from apilos.conventions.services import convention_new_version

    signed = put(dossier, "signee")
    instructeur, bailleur = world["roles"]["instructeur"], world["roles"]["bailleur"]
    theirs = convention_new_version(
        convention=signed, by=instructeur.user, avenant_types=["champ_libre"]
    )
    theirs = services.convention_submit(convention=theirs, by=instructeur)
    assert theirs.statut == "instruction"
    services.convention_cancel(convention=theirs, by=instructeur, message="Doublon.")
    ours = convention_new_version(
        convention=signed, by=bailleur.user, avenant_types=["champ_libre"]
    )
    with pytest.raises(TransitionRefused, match="avenants qu'elle a elle-même ouverts"):
        services.convention_submit(convention=ours, by=instructeur)
    assert services.convention_submit(convention=ours, by=bailleur).statut == "instruction"
