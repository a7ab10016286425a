"""A convention en projet of a bailleur, with two financements, and its users."""

from types import SimpleNamespace

import pytest

from apilos.accounts.enums import Role, SousNature
from tests.factories import (
    AdministrationFactory,
    BailleurFactory,
    ConventionFactory,
    LogementFactory,
    LotFactory,
    ProgrammeFactory,
    membership,
)


def make_draft(*, nature="logements_ordinaires", sous_nature=SousNature.OPH, logements=3):
    bailleur = BailleurFactory(sous_nature=sous_nature)
    administration = AdministrationFactory(departements=["69"])
    programme = ProgrammeFactory(
        bailleur=bailleur, administration=administration, nature_logement=nature
    )
    convention = ConventionFactory(programme=programme, statut="projet")
    plus = LotFactory(convention=convention, financement="PLUS", nb_logements=logements)
    plai = LotFactory(convention=convention, financement="PLAI", nb_logements=1)
    tableau = "su_avec_loyer" if nature == "logements_ordinaires" else "foyer_residence"
    rows = [
        LogementFactory(
            lot=plus, designation=f"A{i:02d}", ordre=i, tableau=tableau, **_foyer(tableau)
        )
        for i in range(1, logements + 1)
    ]
    return SimpleNamespace(
        bailleur=bailleur,
        administration=administration,
        programme=programme,
        convention=convention,
        plus=plus,
        plai=plai,
        logements=rows,
        member=membership(role=Role.BAILLEUR, bailleur=bailleur),
        lecteur=membership(role=Role.BAILLEUR_LECTEUR, bailleur=bailleur),
        instructeur=membership(role=Role.INSTRUCTEUR, administration=administration),
    )


def _foyer(tableau):
    if tableau == "foyer_residence":
        return {
            "surface_annexes": None,
            "surface_annexes_retenue": None,
            "loyer_par_m2": None,
        }
    return {}


@pytest.fixture
def draft(db):
    return make_draft()


@pytest.fixture
def bailleur_client(client, draft):
    client.force_login(draft.member.user)
    return client
