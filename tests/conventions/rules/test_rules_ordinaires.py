"""R1-R8 and the loyer plafond on ordinary conventions: a passing and a failing case each."""

from decimal import Decimal as D

import pytest

from apilos.conventions.models import Logement, Lot
from apilos.conventions.rules.report import AVERTISSEMENT, BLOQUANT
from tests.conventions.rules.conftest import (
    build_ordinaire,
    found,
    logement,
    run,
    run_on_data,
)
from tests.factories import ConventionFactory, LogementFactory, LotFactory, LoyerPlafondFactory

pytestmark = pytest.mark.django_db


def test_r1_passes_when_su_is_computed(ordinaire):
    """R1: SU = SH + 0.5 x SAR, computed on save, raises nothing."""
    assert found(run(ordinaire), "R1") == []


def test_r1_missing_sar_blocks(ordinaire):
    """R1: without SAR the SU cannot be computed: blocking on surface_annexes_retenue."""
    row = logement(ordinaire, "A1")
    Logement.objects.filter(pk=row.pk).update(surface_annexes_retenue=None)
    assert found(run(ordinaire), "R1") == [
        (BLOQUANT, "logement", row.uuid, "surface_annexes_retenue")
    ]


def test_r1_stored_su_differing_warns(ordinaire):
    """R1: a stored SU more than 0.01 away from SH + 0.5 SAR (62.00) is a warning."""
    row = logement(ordinaire, "A2")
    Logement.objects.filter(pk=row.pk).update(surface_utile=D("61.98"))
    assert found(run(ordinaire), "R1") == [(AVERTISSEMENT, "logement", row.uuid, "surface_utile")]
    Logement.objects.filter(pk=row.pk).update(surface_utile=D("61.99"))
    assert found(run(ordinaire), "R1") == []


def test_r2_passes_when_sar_within_sa(ordinaire):
    """R2: 0 ≤ SAR (4) ≤ SA (8) passes."""
    assert found(run(ordinaire), "R2") == []


def test_r2_sar_above_sa_blocks(ordinaire):
    """R2: SAR above SA (forbidden in the database, possible in older data) is blocking."""
    row = logement(ordinaire, "A1")

    def mutate(data):
        data.logements[0].surface_annexes_retenue = D("9.00")

    assert found(run_on_data(ordinaire, mutate), "R2") == [
        (BLOQUANT, "logement", row.uuid, "surface_annexes_retenue")
    ]


def test_r2_missing_sa_blocks(ordinaire):
    """R2: SA is a needed field of the SU tables."""
    row = logement(ordinaire, "A2")
    Logement.objects.filter(pk=row.pk).update(surface_annexes=None)
    assert found(run(ordinaire), "R2") == [(BLOQUANT, "logement", row.uuid, "surface_annexes")]


def test_r3_one_euro_tolerance(ordinaire):
    """R3: attendu = 62.00 x 6.00 x 1 = 372.00; 373.00 passes, 373.01 blocks on `loyer`."""
    row = logement(ordinaire, "A1")
    Logement.objects.filter(pk=row.pk).update(loyer=D("373.00"))
    assert found(run(ordinaire), "R3") == []
    Logement.objects.filter(pk=row.pk).update(loyer=D("373.01"))
    report = run(ordinaire)
    assert found(report, "R3") == [(BLOQUANT, "logement", row.uuid, "loyer")]
    assert "372,00 €" in report.findings[0].message


def test_r3_sc_table_uses_sc(db):
    """R3: SC tables use SC: 50.00 x 6.00 x 1.1000 = 330.00; 328.99 blocks."""
    original = build_ordinaire(nb=1)
    avenant = ConventionFactory(
        programme=original.programme, parent=original, avenant_types=["logements"]
    )
    lot = LotFactory(convention=avenant, nb_logements=1)
    row = LogementFactory(
        lot=lot,
        tableau="sc_avec_loyer",
        surface_annexes=None,
        surface_annexes_retenue=None,
        surface_corrigee=D("50.00"),
        coefficient=D("1.1000"),
        loyer=D("328.99"),
    )
    assert found(run(avenant), "R3") == [(BLOQUANT, "logement", row.uuid, "loyer")]
    Logement.objects.filter(pk=row.pk).update(loyer=D("329.00"))
    assert found(run(avenant), "R3") == []


def test_r3_missing_price_blocks(ordinaire):
    """R3: the rent tables need €/m², coefficient and loyer."""
    row = logement(ordinaire, "A1")
    Logement.objects.filter(pk=row.pk).update(loyer_par_m2=None)
    assert (BLOQUANT, "logement", row.uuid, "loyer_par_m2") in found(run(ordinaire), "R3")


def test_r4_same_price_per_financement(db):
    """R4: one row of three at 6.50 €/m² is flagged, and so is the table."""
    convention = build_ordinaire(nb=3)
    assert found(run(convention), "R4") == []
    odd = logement(convention, "A3")
    Logement.objects.filter(pk=odd.pk).update(loyer_par_m2=D("6.50"), loyer=D("403.00"))
    assert found(run(convention), "R4") == [
        (BLOQUANT, "logement", odd.uuid, "loyer_par_m2"),
        (BLOQUANT, "logement", None, "loyer_par_m2"),
    ]


def test_r5_coefficient_cap(ordinaire):
    """R5: coefs 1.2 + 0.8 give 744.00 ≤ 746.00 (passes); 1.2 + 1.1 give 855.60 (blocks)."""
    a1, a2 = logement(ordinaire, "A1"), logement(ordinaire, "A2")
    Logement.objects.filter(pk=a1.pk).update(coefficient=D("1.2"), loyer=D("446.40"))
    Logement.objects.filter(pk=a2.pk).update(coefficient=D("0.8"), loyer=D("297.60"))
    assert found(run(ordinaire), "R5") == []
    Logement.objects.filter(pk=a2.pk).update(coefficient=D("1.1"), loyer=D("409.20"))
    assert found(run(ordinaire), "R5") == [(BLOQUANT, "logement", None, "coefficient")]


def test_r5_is_per_financement(db):
    """R5: a generous PLUS lot does not hide a PLAI lot over its cap (⚠ existing summed)."""
    convention = build_ordinaire(nb=1)
    Lot.objects.filter(convention=convention).update(nb_logements=1)
    Logement.objects.filter(lot__convention=convention).update(
        coefficient=D("0.5"), loyer=D("186.00")
    )
    plai = LotFactory(convention=convention, financement="PLAI", nb_logements=1)
    # 67.50 m² x 6.00 €/m² x 1.1 = 445.50 > 405.00 + 1 €
    LogementFactory(
        lot=plai,
        designation="B1",
        surface_habitable=D("65.00"),
        surface_annexes_retenue=D("5.00"),
        loyer_par_m2=D("6.00"),
        coefficient=D("1.1"),
        loyer=D("445.50"),
    )
    assert found(run(convention), "R5") == [(BLOQUANT, "logement", None, "coefficient")]


def test_r6_unique_designations(ordinaire):
    """R6: " a1 " duplicates "A1" after trimming and case-folding, across lots."""
    assert found(run(ordinaire), "R6") == []
    plai = LotFactory(convention=ordinaire, financement="PLAI", nb_logements=1)
    duplicate = LogementFactory(lot=plai, designation=" a1 ")
    assert found(run(ordinaire), "R6") == [(BLOQUANT, "logement", duplicate.uuid, "designation")]


def test_r7_count_warns_then_blocks(ordinaire):
    """R7: nb_logements 3 for 2 rows: a warning when saving, blocking at submission."""
    lot = Lot.objects.get(convention=ordinaire)
    assert found(run(ordinaire), "R7") == []
    Lot.objects.filter(pk=lot.pk).update(nb_logements=3)
    assert found(run(ordinaire), "R7") == [(AVERTISSEMENT, "lot", lot.uuid, "nb_logements")]
    assert found(run(ordinaire, "soumission"), "R7") == [
        (BLOQUANT, "lot", lot.uuid, "nb_logements")
    ]
    assert found(run(ordinaire, "validation"), "R7") == [
        (BLOQUANT, "lot", lot.uuid, "nb_logements")
    ]


def test_r7_avenant_only_when_logements_ticked(ordinaire):
    """R7: an avenant is counted only when its `logements` type is ticked."""
    avenant = ConventionFactory(
        programme=ordinaire.programme, parent=ordinaire, avenant_types=["duree"]
    )
    lot = LotFactory(convention=avenant, nb_logements=5)
    assert found(run(avenant, "soumission"), "R7") == []
    avenant.avenant_types = ["logements"]
    avenant.save()
    assert found(run(avenant, "soumission"), "R7") == [(BLOQUANT, "lot", lot.uuid, "nb_logements")]


def test_r8_new_conventions_use_su_avec_loyer(ordinaire):
    """R8: a new convention with a row in the SC table is blocked on `tableau`."""
    assert found(run(ordinaire), "R8") == []
    Logement.objects.filter(pk=logement(ordinaire, "A1").pk).update(
        tableau="sc_avec_loyer", surface_corrigee=D("60.00")
    )
    assert found(run(ordinaire), "R8") == [(BLOQUANT, "logement", None, "tableau")]


def test_r8_avenants_may_use_four_tables(ordinaire):
    """R8: an avenant may use the SU and SC tables, with or without loyer."""
    avenant = ConventionFactory(
        programme=ordinaire.programme, parent=ordinaire, avenant_types=["logements"]
    )
    lot = LotFactory(convention=avenant, nb_logements=1)
    LogementFactory(lot=lot, tableau="su_sans_loyer", loyer_par_m2=None, loyer=None)
    assert found(run(avenant), "R8") == []


def test_r8_foyer_table_only_for_foyers(foyer):
    """R8: a foyer uses only the foyer/résidence table."""
    Logement.objects.filter(pk=logement(foyer, "F1").pk).update(tableau="su_avec_loyer")
    assert found(run(foyer), "R8") == [(BLOQUANT, "logement", None, "tableau")]


def test_plafond_warns_above_the_ceiling(ordinaire):
    """LoyerPlafond: 6.00 €/m² above a 5.50 ceiling (zone 2, PLUS, 2026) is a warning."""
    LoyerPlafondFactory(annee=2026, zone="2", financement="PLUS", loyer_max_m2=D("5.50"))
    assert found(run(ordinaire), "PLAFOND") == [(AVERTISSEMENT, "logement", None, "loyer_par_m2")]


def test_plafond_uses_latest_year_and_passes_below(ordinaire):
    """LoyerPlafond: the latest year ≤ today applies (2026: 7.00), not an older or future one."""
    LoyerPlafondFactory(annee=2025, zone="2", financement="PLUS", loyer_max_m2=D("5.50"))
    LoyerPlafondFactory(annee=2026, zone="2", financement="PLUS", loyer_max_m2=D("7.00"))
    LoyerPlafondFactory(annee=2027, zone="2", financement="PLUS", loyer_max_m2=D("5.00"))
    assert found(run(ordinaire), "PLAFOND") == []
