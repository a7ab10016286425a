import pytest

from apilos.accounts.enums import Perimetre, Role
from tests.factories import (
    AdministrationFactory,
    BailleurFactory,
    ConventionFactory,
    ProgrammeFactory,
    departement,
    membership,
)


@pytest.fixture(scope="session", autouse=True)
def _urlconf_loaded_under_test_settings():
    """apilos/urls.py reads DEBUG when first imported: load it before any test turns DEBUG on
    (the demo builds links), so that the routes never depend on the order of the tests."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def world(db):
    """Two bailleurs and two administrations in two départements, a convention each,
    and one user per role on the first side."""
    bailleur, other_bailleur = BailleurFactory(), BailleurFactory()
    administration = AdministrationFactory(departements=["69"])
    other_administration = AdministrationFactory(departements=["2A"])
    convention = ConventionFactory(
        programme=ProgrammeFactory(bailleur=bailleur, administration=administration),
        statut="a_signer",
    )
    other_convention = ConventionFactory(
        programme=ProgrammeFactory(
            bailleur=other_bailleur,
            administration=other_administration,
            code_insee_commune="2A004",
            code_postal="20000",
            ville="Ajaccio",
        ),
        statut="a_signer",
    )
    roles = {
        "bailleur": membership(role=Role.BAILLEUR, bailleur=bailleur),
        "bailleur_lecteur": membership(role=Role.BAILLEUR_LECTEUR, bailleur=bailleur),
        "instructeur": membership(role=Role.INSTRUCTEUR, administration=administration),
        "instructeur_lecteur": membership(
            role=Role.INSTRUCTEUR_LECTEUR, administration=administration
        ),
        "instructeur_signataire": membership(
            role=Role.INSTRUCTEUR_SIGNATAIRE, administration=administration
        ),
        "administrateur": membership(
            role=Role.ADMINISTRATEUR,
            perimetre=Perimetre.DEPARTEMENT,
            departement=departement("69"),
        ),
        "partenaire": membership(
            role=Role.PARTENAIRE,
            perimetre=Perimetre.DEPARTEMENT,
            departement=departement("69"),
            partenaire_kind="caf",
        ),
    }
    return {
        "bailleur": bailleur,
        "other_bailleur": other_bailleur,
        "administration": administration,
        "other_administration": other_administration,
        "convention": convention,
        "other_convention": other_convention,
        "roles": roles,
    }


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a throw-away directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL; on SQLite they are skipped, saying why."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="nécessite PostgreSQL (définir DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
