"""Opening an avenant: a deep copy of the version in force (R27, domain.md §2.3)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apilos.conventions.enums import Statut
from apilos.conventions.models import Convention
from apilos.conventions.services import convention_new_version
from apilos.files.services import piece_jointe_create, pieces_jointes_for
from tests.factories import (
    AnnexeFactory,
    ConventionFactory,
    LocauxCollectifsFactory,
    LogementEDDFactory,
    LogementFactory,
    LotFactory,
    PretFactory,
    ProgrammeFactory,
    ReferenceCadastraleFactory,
    TypeStationnementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n% test\n"


def pdf(name="acte.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def signed(media_root):
    """A signed mixte convention: PLUS, PLAI and PLS lots, each with its own prêts,
    logements with annexes, parking, locaux collectifs, EDD, cadastre and files."""
    user = UserFactory()
    programme = ProgrammeFactory(numero_operation="2022 1000 003", vendeur="Commune de Lyon")
    convention = ConventionFactory(
        programme=programme,
        statut=Statut.SIGNEE,
        numero="69.D.26.0001",
        fonds_propres=Decimal("25000.00"),
        type2_categories=[3],
    )
    plus = LotFactory(convention=convention, financement="PLUS", nb_logements=3)
    plai = LotFactory(convention=convention, financement="PLAI", nb_logements=2)
    pls = LotFactory(convention=convention, financement="PLS", nb_logements=1)
    PretFactory(lot=plus, preteur="cdc_logement", numero="PLUS-1", montant=Decimal("100000"))
    PretFactory(lot=plus, preteur="cdc_foncier", numero="PLUS-2", montant=Decimal("20000"))
    PretFactory(lot=plai, preteur="cdc_logement", numero="PLAI-1", montant=Decimal("80000"))
    PretFactory(lot=plai, preteur="region", numero="", montant=Decimal("5000"), duree=None)
    PretFactory(lot=pls, preteur="autre", preteur_autre="Banque X", numero="PLS-1")
    for lot, designations in ((plus, "A1 A2 A3"), (plai, "B1 B2"), (pls, "C1")):
        for designation in designations.split():
            logement = LogementFactory(lot=lot, designation=designation)
            if designation in {"A1", "B2"}:
                AnnexeFactory(logement=logement, typologie="jardin")
                AnnexeFactory(logement=logement, typologie="terrasse", surface=Decimal("1"))
    TypeStationnementFactory(lot=plus, typologie="garage_enterre", nombre=3)
    TypeStationnementFactory(lot=pls, typologie="carport", nombre=1)
    LocauxCollectifsFactory(lot=plai, type_local="Laverie")
    for designation, financement in (("A1", "PLUS"), ("B1", "PLAI"), ("C1", "PLS")):
        LogementEDDFactory(programme=programme, designation=designation, financement=financement)
    ReferenceCadastraleFactory(programme=programme, section="AB", numero="12")
    ReferenceCadastraleFactory(programme=programme, section="C", numero="7", surface_m2=310)
    piece_jointe_create(owner=programme, champ="acte_de_propriete", uploaded_file=pdf(), by=user)
    piece_jointe_create(owner=convention, champ="fichier_signe", uploaded_file=pdf(), by=user)
    piece_jointe_create(
        owner=plai.logements.get(designation="B1"), champ="plan", uploaded_file=pdf(), by=user
    )
    return convention


def picture(convention: Convention) -> dict:
    """Everything that must survive the copy, keyed so that places can be compared."""
    programme = convention.programme
    lots = {}
    for lot in convention.lots.all():
        lots[lot.financement] = {
            "nb_logements": lot.nb_logements,
            "prets": sorted(
                (p.preteur, p.preteur_autre, p.numero, p.montant, p.duree) for p in lot.prets.all()
            ),
            "logements": sorted(
                (
                    lg.designation,
                    lg.surface_utile,
                    lg.loyer,
                    tuple(sorted((a.typologie, a.surface) for a in lg.annexes.all())),
                    tuple(sorted(p.sha256 for p in pieces_jointes_for(lg))),
                )
                for lg in lot.logements.all()
            ),
            "stationnements": sorted((s.typologie, s.nombre) for s in lot.stationnements.all()),
            "locaux": sorted((lc.type_local, lc.nombre) for lc in lot.locaux_collectifs.all()),
        }
    return {
        "programme": (programme.nom, programme.numero_operation, programme.vendeur),
        "edd": sorted(
            (e.designation, e.financement, e.numero_lot) for e in programme.logements_edd.all()
        ),
        "cadastre": sorted(
            (r.section, r.numero, r.surface_m2) for r in programme.references_cadastrales.all()
        ),
        "fichiers_programme": sorted(
            (p.champ, p.fichier.name, p.sha256) for p in pieces_jointes_for(programme)
        ),
        "fichiers_convention": sorted(
            (p.champ, p.fichier.name) for p in pieces_jointes_for(convention)
        ),
        "fonds_propres": convention.fonds_propres,
        "type2_categories": convention.type2_categories,
        "lots": lots,
    }


def test_avenant_copies_every_child_in_its_place(signed):
    """R27: each lot keeps its own prêts, logements, annexes, parking and locaux; EDD, cadastre
    and files are copied; the source version is left untouched."""
    before = picture(signed)
    user = UserFactory()

    avenant = convention_new_version(convention=signed, by=user, avenant_types=["logements"])

    signed.refresh_from_db()
    assert picture(signed) == before
    assert picture(avenant) == before
    assert avenant.parent == signed and avenant.source == signed
    assert avenant.statut == Statut.PROJET and avenant.rang is None and avenant.numero == ""
    assert avenant.avenant_types == ["logements"]
    assert avenant.programme_id != signed.programme_id
    # Copies are new rows, not moved ones.
    assert not set(avenant.lots.values_list("pk", flat=True)) & set(
        signed.lots.values_list("pk", flat=True)
    )
    plai = avenant.lots.get(financement="PLAI")
    assert sorted(plai.prets.values_list("numero", flat=True)) == ["", "PLAI-1"]
    assert avenant.nb_logements == signed.nb_logements == 6


def test_avenant_copy_is_in_the_history(signed):
    """The copied rows are recorded as created by the user who opened the avenant."""
    user = UserFactory()
    avenant = convention_new_version(convention=signed, by=user)
    logement = avenant.lots.get(financement="PLUS").logements.first()
    record = logement.history.get()
    assert record.history_type == "+" and record.history_user == user
    assert avenant.history.get().history_user == user


def test_avenant_of_an_avenant_hangs_from_the_original(signed):
    """parent is always the original; source is the latest achevée version."""
    user = UserFactory()
    first = convention_new_version(convention=signed, by=user)
    first.statut, first.rang = Statut.SIGNEE, 1
    first.save()
    first.lots.get(financement="PLS").prets.update(montant=Decimal("42"))

    second = convention_new_version(convention=first, by=user)

    assert second.parent == signed and second.source == first
    assert second.lots.get(financement="PLS").prets.get().montant == Decimal("42")


@pytest.mark.parametrize("statut", [Statut.PROJET, Statut.INSTRUCTION, Statut.A_SIGNER])
def test_refused_before_signature(statut):
    """An avenant needs an achevée convention."""
    convention = ConventionFactory(statut=statut)
    with pytest.raises(ValidationError, match="pas encore signée"):
        convention_new_version(convention=convention, by=UserFactory())


@pytest.mark.parametrize("statut", [Statut.RESILIEE, Statut.DENONCEE])
def test_refused_once_terminated(statut):
    """A résiliée or dénoncée convention takes no avenant."""
    convention = ConventionFactory(statut=statut)
    with pytest.raises(ValidationError, match="résiliée ou dénoncée"):
        convention_new_version(convention=convention, by=UserFactory())


@pytest.mark.parametrize(
    "statut", [Statut.PROJET, Statut.INSTRUCTION, Statut.CORRECTION, Statut.A_SIGNER]
)
def test_refused_while_another_avenant_is_open(statut):
    """Only one avenant may be open (projet to a_signer) at a time."""
    original = ConventionFactory(statut=Statut.PUBLIEE)
    ConventionFactory(parent=original, programme=original.programme, statut=statut)
    with pytest.raises(ValidationError, match="déjà en cours"):
        convention_new_version(convention=original, by=UserFactory())


def test_cancelled_avenant_does_not_block():
    """An annulée avenant no longer counts as open."""
    original = ConventionFactory(statut=Statut.SIGNEE)
    ConventionFactory(parent=original, programme=original.programme, statut=Statut.ANNULEE)
    assert convention_new_version(convention=original, by=UserFactory()).parent == original


def test_termination_types_stand_alone():
    """Dénonciation and résiliation cannot be combined with another type (§4.12)."""
    original = ConventionFactory(statut=Statut.SIGNEE)
    with pytest.raises(ValidationError):
        convention_new_version(
            convention=original, by=UserFactory(), avenant_types=["resiliation", "duree"]
        )
