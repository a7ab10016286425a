"""Who sees which convention (domain.md §1.2)."""

import pytest

from apilos.accounts.enums import Perimetre, Role
from apilos.conventions.selectors import conventions_for
from tests.factories import ConventionFactory, ProgrammeFactory, departement, membership


@pytest.mark.parametrize(
    "role",
    [
        "bailleur",
        "bailleur_lecteur",
        "instructeur",
        "instructeur_lecteur",
        "instructeur_signataire",
        "administrateur",
        "partenaire",
    ],
)
def test_each_role_sees_only_its_side(world, role):
    """Every role sees its own organisation's convention and never the other one."""
    visible = set(conventions_for(world["roles"][role]))
    assert world["convention"] in visible
    assert world["other_convention"] not in visible


def test_partenaire_sees_nothing_before_a_signer(world):
    """A partner (CAF) sees a convention only from à signer on, never a cancelled one."""
    programme = world["convention"].programme
    early = ConventionFactory(programme=programme, statut="instruction")
    cancelled = ConventionFactory(programme=programme, statut="annulee")
    visible = set(conventions_for(world["roles"]["partenaire"]))
    assert early not in visible
    assert cancelled not in visible


def test_region_perimeter_uses_insee_departement(world):
    """A regional administrateur sees Corsica's conventions (2A) through the INSEE code."""
    corse = membership(
        role=Role.ADMINISTRATEUR,
        perimetre=Perimetre.REGION,
        region=departement("2A").region,
    )
    visible = set(conventions_for(corse))
    assert world["other_convention"] in visible
    assert world["convention"] not in visible


def test_overseas_departement_derived_from_three_digits(db):
    """An overseas commune (971xx) belongs to département 971, not 97."""
    programme = ProgrammeFactory(code_insee_commune="97101", code_postal="97110", ville="Abymes")
    assert programme.departement.code == "971"
    assert programme.is_outre_mer


def test_no_membership_sees_nothing(world):
    """A user without any role sees no convention."""
    assert not conventions_for(None).exists()


def test_status_labels_per_reader():
    """The instructeur reads "À instruire"; an avenant reads the masculine "Signé"."""
    from apilos.conventions.enums import statut_label

    assert statut_label("instruction") == "En instruction"
    assert statut_label("instruction", instructeur=True) == "À instruire"
    assert statut_label("correction") == "À corriger"
    assert statut_label("correction", instructeur=True) == "En correction"
    assert statut_label("signee", avenant=True) == "Signé"
    assert statut_label("signee") == "Signée"
