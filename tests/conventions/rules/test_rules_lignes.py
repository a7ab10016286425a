"""R13-R18: annexes, stationnements, locaux collectifs, prêts, CDC loan, end year."""

from datetime import date
from decimal import Decimal as D

import pytest

from apilos.conventions.models import Convention, LocauxCollectifs, Lot, Pret
from apilos.conventions.rules.report import AVERTISSEMENT, BLOQUANT
from apilos.programmes.models import Programme
from tests.conventions.rules.conftest import build_ordinaire, found, logement, run, run_on_data
from tests.factories import (
    AnnexeFactory,
    ConventionFactory,
    LocauxCollectifsFactory,
    LotFactory,
    PretFactory,
    TypeStationnementFactory,
)

pytestmark = pytest.mark.django_db
DATE_FIN = ("convention", None, "date_fin_conventionnement")


def test_r13_annexe_loyer_tolerance(ordinaire):
    """R13: 20.00 m² x 0.50 € = 10.00; 10.10 passes, 10.11 blocks on the annexe's loyer."""
    annexe = AnnexeFactory(
        logement=logement(ordinaire, "A1"),
        surface=D("20.00"),
        loyer_unitaire=D("0.50"),
        loyer=D("10.10"),
    )
    assert found(run(ordinaire), "R13") == []
    annexe.loyer = D("10.11")
    annexe.save()
    assert found(run(ordinaire), "R13") == [(BLOQUANT, "annexe", annexe.uuid, "loyer")]


def test_r14_stationnement_passes(ordinaire):
    """R14: type, financement, nombre ≥ 1 and loyer ≥ 0 given: nothing to say."""
    TypeStationnementFactory(lot=Lot.objects.get(convention=ordinaire), loyer=D("0"))
    assert found(run(ordinaire), "R14") == []


def test_r14_stationnement_nombre_blocks(ordinaire):
    """R14: nombre below 1 (refused by the database, possible in older data) blocks."""
    row = TypeStationnementFactory(lot=Lot.objects.get(convention=ordinaire))

    def mutate(data):
        data.stationnements[0].nombre = 0

    assert found(run_on_data(ordinaire, mutate), "R14") == [
        (BLOQUANT, "typestationnement", row.uuid, "nombre")
    ]


def test_r15_locaux_collectifs(foyer):
    """R15: a local without a type is blocked on type_local; SH must be > 0."""
    row = LocauxCollectifsFactory(lot=Lot.objects.get(convention=foyer))
    assert found(run(foyer), "R15") == []
    LocauxCollectifs.objects.filter(pk=row.pk).update(type_local=" ")
    assert found(run(foyer), "R15") == [(BLOQUANT, "locauxcollectifs", row.uuid, "type_local")]

    def mutate(data):
        data.locaux[0].surface_habitable = D("0")
        data.locaux[0].type_local = "Salle"

    assert found(run_on_data(foyer, mutate), "R15") == [
        (BLOQUANT, "locauxcollectifs", row.uuid, "surface_habitable")
    ]


def test_r16_cdc_loan_needs_numero_date_duree(ordinaire):
    """R16: a CDC loan without numéro is blocked on `numero`."""
    assert found(run(ordinaire), "R16") == []
    pret = Pret.objects.get(lot__convention=ordinaire)
    Pret.objects.filter(pk=pret.pk).update(numero="", duree=None)
    assert found(run(ordinaire), "R16") == [
        (BLOQUANT, "pret", pret.uuid, "numero"),
        (BLOQUANT, "pret", pret.uuid, "duree"),
    ]


def test_r16_autre_lender_needs_a_name(ordinaire):
    """R16: the `autre` lender requires a name."""
    pret = PretFactory(lot=Lot.objects.get(convention=ordinaire), preteur="autre", numero="")
    assert found(run(ordinaire), "R16") == [(BLOQUANT, "pret", pret.uuid, "preteur_autre")]
    Pret.objects.filter(pk=pret.pk).update(preteur_autre="Fondation Abbé Pierre")
    assert found(run(ordinaire), "R16") == []


def test_r16_numero_unique_within_financement(ordinaire):
    """R16: a non-empty numéro is unique within its financement (case-insensitive)."""
    lot = Lot.objects.get(convention=ordinaire)
    first = Pret.objects.get(lot=lot)
    duplicate = PretFactory(lot=lot, numero=first.numero.lower())
    assert found(run(ordinaire), "R16") == [(BLOQUANT, "pret", duplicate.uuid, "numero")]


def test_r17_no_loans_warns_then_blocks(ordinaire):
    """R17: no loans at all: a warning when saving, blocking at submission."""
    lot = Lot.objects.get(convention=ordinaire)
    Pret.objects.filter(lot=lot).delete()
    Convention.objects.filter(pk=ordinaire.pk).update(date_fin_conventionnement=date(2035, 6, 30))
    assert found(run(ordinaire), "R17") == [(AVERTISSEMENT, "lot", lot.uuid, "prets")]
    assert found(run(ordinaire, "soumission"), "R17") == [(BLOQUANT, "lot", lot.uuid, "prets")]


def test_r17_loans_without_cdc_block(ordinaire):
    """R17: loans declared but none from the CDC: blocking even when saving."""
    lot = Lot.objects.get(convention=ordinaire)
    Pret.objects.filter(lot=lot).update(preteur="region")
    assert found(run(ordinaire), "R17") == [(BLOQUANT, "lot", lot.uuid, "prets")]


def test_r17_exemptions(db):
    """R17: PLS-like lots and sans-travaux operations need no CDC loan."""
    convention = build_ordinaire(nb=1)
    Pret.objects.filter(lot__convention=convention).delete()
    Lot.objects.filter(convention=convention).update(financement="PLS")
    assert found(run(convention, "soumission"), "R17") == []
    Lot.objects.filter(convention=convention).update(financement="PLUS")
    Programme.objects.filter(pk=convention.programme_id).update(type_operation="sans_travaux")
    assert found(run(convention, "soumission"), "R17") == []


def test_r18_other_case_minimum(ordinaire):
    """R18: CDC loan of Feb. 2025 for 40 years → 2065 at least; 2064 blocks, 2065 passes."""
    assert found(run(ordinaire), "R18") == []
    Convention.objects.filter(pk=ordinaire.pk).update(date_fin_conventionnement=date(2064, 6, 30))
    report = run(ordinaire)
    assert found(report, "R18") == [(BLOQUANT, *DATE_FIN)]
    assert "entre 2065 et 2125" in report.findings[0].message


def test_r18_storage_date(ordinaire):
    """R18: an ordinary convention ends on 30 June, not 31 December."""
    Convention.objects.filter(pk=ordinaire.pk).update(date_fin_conventionnement=date(2065, 12, 31))
    report = run(ordinaire)
    assert found(report, "R18") == [(BLOQUANT, *DATE_FIN)]
    assert "30/06/2065" in report.findings[0].message


def test_r18_missing_date_warns_then_blocks(ordinaire):
    """R18: no end date yet: a warning when saving, blocking at submission."""
    Convention.objects.filter(pk=ordinaire.pk).update(date_fin_conventionnement=None)
    assert found(run(ordinaire), "R18") == [(AVERTISSEMENT, *DATE_FIN)]
    assert found(run(ordinaire, "soumission"), "R18") == [(BLOQUANT, *DATE_FIN)]


def test_r18_pls_maximum(db):
    """R18: PLS ordinary in March 2026 → 2041 to 2066; 2067 blocks."""
    convention = build_ordinaire(nb=1, date_fin_conventionnement=date(2066, 6, 30))
    Lot.objects.filter(convention=convention).update(financement="PLS")
    assert found(run(convention), "R18") == []
    Convention.objects.filter(pk=convention.pk).update(date_fin_conventionnement=date(2067, 6, 30))
    assert found(run(convention), "R18") == [(BLOQUANT, *DATE_FIN)]


def test_r18_mixte_largest_minimum_smallest_maximum(ordinaire):
    """R18 mixte: PLUS (≥ 2065) with PLS (≤ 2066): 2066 passes, 2067 blocks."""
    LotFactory(convention=ordinaire, financement="PLS")
    Convention.objects.filter(pk=ordinaire.pk).update(date_fin_conventionnement=date(2066, 6, 30))
    assert found(run(ordinaire), "R18") == []
    Convention.objects.filter(pk=ordinaire.pk).update(date_fin_conventionnement=date(2067, 6, 30))
    assert found(run(ordinaire), "R18") == [(BLOQUANT, *DATE_FIN)]


def test_r18_avenant_base_is_parent_signature(ordinaire):
    """R18: for an avenant, B is the parent's signature date (2010 → from 2010, not 2026)."""
    Convention.objects.filter(pk=ordinaire.pk).update(
        statut="signee", date_signature=date(2010, 3, 1)
    )
    avenant = ConventionFactory(
        programme=ordinaire.programme,
        parent=ordinaire,
        avenant_types=["duree"],
        date_fin_conventionnement=date(2030, 6, 30),
    )
    LotFactory(convention=avenant, financement="PLS")
    assert found(run(avenant), "R18") == []
    Convention.objects.filter(pk=avenant.pk).update(date_fin_conventionnement=date(2020, 6, 30))
    assert found(run(avenant), "R18") == [(BLOQUANT, *DATE_FIN)]
