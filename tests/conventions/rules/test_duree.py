"""R18: end-year bounds per case, mixte combination and storage date, worked out by hand."""

from datetime import date

from apilos.conventions.rules.computations import (
    LoanTerm,
    LotTerms,
    date_fin_for,
    end_year_bounds,
)
from apilos.conventions.rules.duree import base_date_for

MARCH = date(2025, 3, 10)  # s = 0
AUGUST = date(2025, 8, 1)  # s = 1


def bounds(
    lots, *, base=MARCH, famille="ordinaire", outre_mer=False, sans_travaux=False, avenant=False
):
    return end_year_bounds(
        base_date=base,
        lots=lots,
        famille=famille,
        is_outre_mer=outre_mer,
        sans_travaux=sans_travaux,
        is_avenant=avenant,
    )


def cdc(octroi, duree):
    return LoanTerm("cdc_logement", octroi, duree)


def test_other_case_uses_last_cdc_loan_plus_one_after_june():
    """R18 other: CDC loan of Sept. 2024 for 40 years ends 2064; ordinary and after June → 2065."""
    result = bounds([LotTerms("PLUS", (cdc(date(2024, 9, 15), 40), cdc(date(2024, 1, 5), 30)))])
    assert (result.minimum, result.maximum) == (2065, 2124)
    assert result.lots[0].case == "autre"


def test_other_case_short_loan_counts_nine_years():
    """R18 other: a 5-year loan granted in Feb. 2024 gives 2024 + 9 = 2033."""
    assert bounds([LotTerms("PLAI", (cdc(date(2024, 2, 1), 5),))]).minimum == 2033


def test_other_case_foyer_no_extra_year():
    """R18 other: the +1 after June applies to ordinary conventions only (foyer: 2064)."""
    result = bounds([LotTerms("PLAI", (cdc(date(2024, 9, 15), 40),))], famille="foyer")
    assert result.minimum == 2064


def test_other_case_ignores_non_cdc_and_undated_loans():
    """R18 other: only dated CDC loans count; none → only B.year ≤ Y."""
    lot = LotTerms(
        "PLUS", (LoanTerm("region", date(2020, 1, 1), 60), LoanTerm("cdc_foncier", None, 50))
    )
    assert bounds([lot]).minimum == 2025


def test_pls_ordinary_bounds_after_june():
    """R18 PLS-like: B in August 2025 → 2025+15+1 = 2041 to 2025+40+1 = 2066."""
    result = bounds([LotTerms("PLS")], base=AUGUST)
    assert (result.minimum, result.maximum) == (2041, 2066)


def test_pls_no_maximum_for_foyer_or_avenant():
    """R18 PLS-like: no maximum for foyer, résidence or avenant (only B.year + 99)."""
    assert bounds([LotTerms("PALULOS")], famille="foyer").maximum == 2124
    assert bounds([LotTerms("PLS")], famille="residence").maximum == 2124
    assert bounds([LotTerms("PLS")], avenant=True).maximum == 2124
    assert bounds([LotTerms("PLS")]).minimum == 2040


def test_sans_travaux_minimum():
    """R18 sans travaux: B.year + 9 + s (2034 in March, 2035 in August)."""
    assert bounds([LotTerms("PLUS")], sans_travaux=True).minimum == 2034
    assert bounds([LotTerms("SANS_FINANCEMENT")], base=AUGUST).minimum == 2035


def test_outre_mer_minimum_and_loans():
    """R18 outre-mer: at least B.year + 9 and every dated loan's end year (2020 + 30 = 2050)."""
    lot = LotTerms("LLS", (LoanTerm("region", date(2020, 5, 1), 30),))
    assert bounds([lot], famille="foyer", outre_mer=True).minimum == 2050
    assert bounds([LotTerms("LLS")], famille="foyer", outre_mer=True).minimum == 2034
    assert bounds([lot], famille="foyer", outre_mer=True, sans_travaux=True).minimum == 2034
    assert bounds([lot], famille="foyer", outre_mer=True).maximum == 2124


def test_outre_mer_wins_over_pls():
    """R18: the first matching case applies: outre-mer before PLS-like (no 40-year maximum)."""
    result = bounds([LotTerms("PLS_DOM")], famille="residence", outre_mer=True)
    assert (result.minimum, result.maximum, result.lots[0].case) == (2034, 2124, "outre_mer")


def test_mixte_takes_largest_minimum_and_smallest_maximum():
    """R18 mixte: PLUS (min 2065) + PLS (2040-2065) → 2065-2065; a 2070 lot is inconsistent."""
    plus = LotTerms("PLUS", (cdc(date(2024, 9, 15), 40),))
    result = bounds([plus, LotTerms("PLS")])
    assert (result.minimum, result.maximum, result.consistent) == (2065, 2065, True)
    plai = LotTerms("PLAI", (cdc(date(2030, 3, 1), 40),))
    broken = bounds([plus, LotTerms("PLS"), plai])
    assert (broken.minimum, broken.maximum, broken.consistent) == (2070, 2065, False)


def test_storage_date_per_family():
    """R18 storage: 30 June for ordinary conventions, 31 December for foyers and résidences."""
    assert date_fin_for(2065, "ordinaire") == date(2065, 6, 30)
    assert date_fin_for(2065, "foyer") == date(2065, 12, 31)
    assert date_fin_for(2065, "residence") == date(2065, 12, 31)


def test_base_date_is_parent_signature_for_avenant():
    """R18: B = today, or the parent's signature date for an avenant."""
    today = date(2026, 1, 5)
    assert base_date_for(today=today, is_avenant=False, parent_date_signature=MARCH) == today
    assert base_date_for(today=today, is_avenant=True, parent_date_signature=MARCH) == MARCH
