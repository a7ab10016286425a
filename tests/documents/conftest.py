"""A convention with rows and people on both sides, and its validation as the lifecycle does
it (number, snapshot taken before the status changes, then « À signer »)."""

import shutil
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from apilos.accounts.enums import Perimetre, Role
from apilos.conventions.services import convention_number_assign
from apilos.documents import texte_juridique
from apilos.documents.donnees import donnees_convention
from apilos.documents.sources import sha256_of
from tests.factories import (
    AdministrationFactory,
    BailleurFactory,
    ConventionFactory,
    LogementFactory,
    LotFactory,
    ProgrammeFactory,
    departement,
    membership,
)

LGT = {
    "tableau": "su_avec_loyer",
    "surface_habitable": Decimal("60.00"),
    "surface_annexes": Decimal("8.00"),
    "surface_annexes_retenue": Decimal("4.00"),
    "loyer_par_m2": Decimal("6.00"),
    "coefficient": Decimal("1.0000"),
    "loyer": Decimal("372.00"),
}


def add_logements(convention, n, financement="PLUS"):
    lot = LotFactory(convention=convention, financement=financement, nb_logements=n)
    for i in range(1, n + 1):
        LogementFactory(lot=lot, designation=f"{financement}-{i}", typologie="T3", ordre=i, **LGT)
    return lot


@pytest.fixture
def dossier(db, media_root):
    """An HLM convention of 3 PLUS logements, in projet."""
    programme = ProgrammeFactory(
        bailleur=BailleurFactory(nom="Lyon Métropole Habitat", signataire_nom="Anne Morel"),
        administration=AdministrationFactory(departements=["69"], nom="DDT du Rhône"),
        nom="Les Terrasses du Parc",
    )
    convention = ConventionFactory(
        programme=programme, statut="projet", date_fin_conventionnement=date(2066, 6, 30)
    )
    add_logements(convention, 3)
    return convention


@pytest.fixture
def people(dossier):
    """One user per side of the dossier, and a CAF partner of its département."""
    programme = dossier.programme
    return {
        "bailleur": membership(role=Role.BAILLEUR, bailleur=programme.bailleur),
        "instructeur": membership(role=Role.INSTRUCTEUR, administration=programme.administration),
        "partenaire": membership(
            role=Role.PARTENAIRE,
            perimetre=Perimetre.DEPARTEMENT,
            departement=departement("69"),
            partenaire_kind="caf",
        ),
        "autre_bailleur": membership(role=Role.BAILLEUR, bailleur=BailleurFactory()),
    }


def valider(convention, valide_le=None):
    """What `convention_validate` does: number, snapshot (taken while the row still says
    « instruction »), then « À signer »."""
    convention.statut = "instruction"
    convention.save()
    convention_number_assign(convention=convention)
    convention.refresh_from_db()
    snapshot = donnees_convention(convention)
    convention.donnees_validees = snapshot
    convention.donnees_validees_sha256 = sha256_of(snapshot)
    convention.valide_le = valide_le or timezone.now()
    convention.statut = "a_signer"
    convention.save()
    return convention


def signer(convention, statut="signee"):
    convention.date_signature = timezone.localdate()
    convention.statut = statut
    convention.save()
    return convention


@pytest.fixture
def textes_juridiques(tmp_path, monkeypatch):
    """A copy of the legal texts that a test may add a version to (`nouvelle_version`)."""
    root = tmp_path / "templates_juridiques"
    shutil.copytree(texte_juridique.ROOT, root)
    monkeypatch.setattr(texte_juridique, "ROOT", root)
    texte_juridique.manifests.cache_clear()
    texte_juridique.load_text.cache_clear()

    def nouvelle_version(modele, version, date_effet):
        source = root / modele / "2026.1"
        target = root / modele / version
        shutil.copytree(source, target)
        manifest = (target / "manifest.toml").read_text()
        manifest = manifest.replace('version = "2026.1"', f'version = "{version}"')
        manifest = manifest.replace("date_effet = 2026-01-01", f"date_effet = {date_effet}")
        (target / "manifest.toml").write_text(manifest)
        texte_juridique.manifests.cache_clear()
        texte_juridique.load_text.cache_clear()

    yield nouvelle_version
    texte_juridique.manifests.cache_clear()
    texte_juridique.load_text.cache_clear()
