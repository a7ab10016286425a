"""Pure computations of §5 (R1, R2, R3, R5, R13, R19, R21, R30), worked out by hand."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apilos.conventions.rules.computations import (
    annex_counts,
    annexe_loyer_max,
    annexe_loyer_ok,
    annexes_retenue_ok,
    coefficient_cap,
    edd_lot_for,
    edd_lot_numbers,
    loyer_attendu,
    loyer_ok,
    mixite,
    split_terrasse,
    surface_utile,
    surface_utile_differs,
)
from apilos.core.decimal import rhu

surfaces = st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2)
annex_surfaces = st.decimals(min_value=D("0"), max_value=D("500.00"), places=2)
prix = st.decimals(min_value=D("0.01"), max_value=D("99.99"), places=2)
coefficients = st.decimals(min_value=D("0.0001"), max_value=D("9.9999"), places=4)


def test_rhu_rounds_half_up():
    """rhu rounds half away from zero at the given place, never banker's rounding."""
    assert rhu(D("2.345"), 2) == D("2.35")
    assert rhu(D("2.5"), 0) == D("3")
    assert rhu(D("-2.345"), 2) == D("-2.35")


def test_surface_utile_adds_half_the_retained_annexes():
    """R1: SU = rhu(SH + 0.5 * SAR, 2): 50.00 + 0.5 * 5.25 = 52.625 → 52.63."""
    assert surface_utile(D("50.00"), D("5.25")) == D("52.63")
    assert surface_utile(D("65.50"), D("0")) == D("65.50")
    assert surface_utile(D("65.50"), None) == D("65.50")


def test_imported_su_tolerance_is_one_centime():
    """R1: an imported SU more than 0.01 away from the computed one is flagged."""
    assert not surface_utile_differs(D("52.62"), D("52.63"))
    assert surface_utile_differs(D("52.61"), D("52.63"))
    assert not surface_utile_differs(None, D("52.63"))


@given(sh=surfaces, sar=annex_surfaces)
def test_su_is_never_below_sh(sh, sar):
    """R1 property: SU ≥ SH whatever the retained annexes."""
    assert surface_utile(sh, sar) >= sh


def test_terrasse_of_10_m2_splits_9_and_1():
    """R2: a 10 m² terrasse → 9 m² in SAR and a 1 m² Annexe row."""
    split = split_terrasse(D("10"))
    assert (split.retenue, split.excedent) == (D("9"), D("1"))
    assert split_terrasse(D("7.50")).excedent == D("0")
    assert split_terrasse(D("9.00")).retenue == D("9.00")


def test_retained_annexes_between_zero_and_real():
    """R2: 0 ≤ SAR ≤ SA."""
    assert annexes_retenue_ok(D("10.00"), D("10.00"))
    assert annexes_retenue_ok(D("10.00"), D("4.00"))
    assert not annexes_retenue_ok(D("4.00"), D("4.01"))
    assert not annexes_retenue_ok(D("4.00"), D("-1.00"))


def test_loyer_attendu_and_one_euro_tolerance():
    """R3: attendu = rhu(52.63 * 6.50 * 1.05, 2) = 359.20; ±1.00 € accepted."""
    attendu = loyer_attendu(D("52.63"), D("6.50"), D("1.0500"))
    assert attendu == D("359.20")
    assert loyer_ok(D("360.20"), attendu)
    assert loyer_ok(D("358.20"), attendu)
    assert not loyer_ok(D("360.21"), attendu)
    assert not loyer_ok(D("358.19"), attendu)


@given(
    su=surfaces,
    lpm2=prix,
    coef=coefficients,
    delta=st.decimals(min_value=D("-1.00"), max_value=D("1.00"), places=2),
)
def test_loyer_within_tolerance_passes(su, lpm2, coef, delta):
    """R3 property: any loyer within 1.00 € of rhu(SU * €/m² * coef, 2) passes."""
    attendu = rhu(su * lpm2 * coef, 2)
    assert loyer_ok(attendu + delta, loyer_attendu(su, lpm2, coef))


@given(
    su=surfaces,
    lpm2=prix,
    coef=coefficients,
    delta=st.decimals(min_value=D("1.01"), max_value=D("500.00"), places=2),
    sign=st.sampled_from([1, -1]),
)
def test_loyer_beyond_tolerance_fails(su, lpm2, coef, delta, sign):
    """R3 property: a loyer more than 1.00 € away from the expected one fails."""
    assert not loyer_ok(rhu(su * lpm2 * coef, 2) + sign * delta, loyer_attendu(su, lpm2, coef))


def test_coefficient_cap_per_financement():
    """R5: Σ SU*lpm2*coef (600.00) ≤ Σ SU*lpm2 (600.00) + 2 * 1 €; 690.00 is over 602.00."""
    ok = coefficient_cap(
        [(D("50.00"), D("6.00"), D("1.2000")), (D("50.00"), D("6.00"), D("0.8000"))]
    )
    assert (ok.loyers_ponderes, ok.plafond, ok.ok) == (D("600.00"), D("602.00"), True)
    ko = coefficient_cap(
        [(D("50.00"), D("6.00"), D("1.2000")), (D("50.00"), D("6.00"), D("1.1000"))]
    )
    assert (ko.loyers_ponderes, ko.plafond, ko.ok) == (D("690.00"), D("602.00"), False)


def test_coefficient_cap_allows_one_euro_per_row():
    """R5: one row of 40 m² at 5 €: 200.80 passes (≤ 201.00), 201.20 does not."""
    assert coefficient_cap([(D("40.00"), D("5.00"), D("1.0040"))]).ok
    assert not coefficient_cap([(D("40.00"), D("5.00"), D("1.0060"))]).ok


@given(
    rows=st.lists(
        st.tuples(surfaces, prix, st.decimals(D("0.0001"), D("1"), places=4)), max_size=30
    )
)
def test_coefficients_at_most_one_never_break_the_cap(rows):
    """R5 property: coefficients ≤ 1 always respect the cap."""
    assert coefficient_cap(rows).ok


def test_annexe_loyer_tolerance_ten_centimes():
    """R13: 12.50 m² * 2.10 € = 26.25; up to 26.35 accepted."""
    assert annexe_loyer_max(D("12.50"), D("2.10")) == D("26.35")
    assert annexe_loyer_ok(D("26.35"), D("12.50"), D("2.10"))
    assert not annexe_loyer_ok(D("26.36"), D("12.50"), D("2.10"))


@pytest.mark.parametrize(
    ("n", "x", "y"), [(0, 0, 0), (1, 0, 0), (5, 2, 1), (7, 2, 1), (9, 3, 1), (10, 3, 1), (25, 8, 2)]
)
def test_mixite_examples(n, x, y):
    """R19: the domain's examples 5→2,1; 7→2,1; 10→3,1; 25→8,2 (and 9 → rhu(2.7)=3, rhu(0.9)=1)."""
    result = mixite(n)
    assert (result.x, result.y) == (x, y)


@given(n=st.integers(min_value=0, max_value=100_000))
def test_mixite_counts_never_exceed_n(n):
    """R19 property: 0 ≤ Y ≤ X ≤ n."""
    result = mixite(n)
    assert 0 <= result.y <= result.x <= n


def test_edd_lot_numbers_follow_code_order():
    """R21: groups PLAI < PLS < PLUS < PLUS_CD numbered 1, 2, 3, 4; lines sorted by designation."""
    lines = [("B2", "PLUS"), ("A1", "PLAI"), ("C3", "PLUS_CD"), ("A2", "PLUS"), ("Z", "PLS")]
    numbered = [
        (line.designation, line.financement, line.lot_num) for line in edd_lot_numbers(lines)
    ]
    assert numbered == [
        ("A1", "PLAI", 1),
        ("Z", "PLS", 2),
        ("A2", "PLUS", 3),
        ("B2", "PLUS", 3),
        ("C3", "PLUS_CD", 4),
    ]
    assert edd_lot_for([("B2", "PLUS"), ("A1", "PLAI")], "PLUS") == 2
    assert edd_lot_for([("B2", "PLUS")], "PLAI") is None


def test_annex_sentence_counts():
    """R30: annexes counted by type, parking `nombre` summed."""
    counts = annex_counts(
        ["terrasse", "jardin", "jardin"],
        [("garage_aerien", 3), ("carport", 2), ("garage_aerien", 1)],
    )
    assert counts.annexes == {"terrasse": 1, "jardin": 2, "cour": 0}
    assert counts.nb_annexes == 3
    assert counts.stationnements == 6
    assert counts.stationnements_par_type == {"garage_aerien": 4, "carport": 2}
