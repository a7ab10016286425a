"""R26 revision with indices and R29 totals, worked out by hand."""

from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apilos.conventions.rules.computations import Indice, revise, series_for, totals
from apilos.core.decimal import rhu

NATIONAL = [
    Indice(date(2021, 1, 1), date(2021, 12, 31), D("0.42")),
    Indice(date(2022, 1, 1), date(2022, 12, 31), D("3.60")),
    Indice(date(2023, 1, 1), date(2023, 12, 31), D("3.50")),
]


def test_revise_takes_containing_and_inside_periods():
    """R26: 15/06/2021 → 01/01/2023 takes 2021 and 2022: 500 * 1.0042 * 1.036 = 520.18."""
    assert revise(D("500.00"), date(2021, 6, 15), date(2023, 1, 1), NATIONAL) == D("520.18")


def test_revise_rounds_once_at_the_end():
    """R26: 100 * 1.00125² = 100.2501… → 100.25 (rounding each step would give 100.26)."""
    indices = [
        Indice(date(2021, 1, 1), date(2021, 12, 31), D("0.125")),
        Indice(date(2022, 1, 1), date(2022, 12, 31), D("0.125")),
    ]
    assert revise(D("100.00"), date(2021, 1, 1), date(2023, 1, 1), indices) == D("100.25")


def test_departement_index_replaces_national():
    """R26: a 2022 index of 2.00 % for 69 replaces 3.60 % there: 500 * 1.0042 * 1.02 = 512.14."""
    indices = [
        *NATIONAL,
        Indice(date(2022, 1, 1), date(2022, 12, 31), D("2.00"), frozenset({"69"})),
    ]
    assert revise(D("500.00"), date(2021, 6, 15), date(2023, 1, 1), indices, departement="69") == D(
        "512.14"
    )
    assert revise(D("500.00"), date(2021, 6, 15), date(2023, 1, 1), indices, departement="75") == D(
        "520.18"
    )


def test_revise_same_day_uses_containing_period_only():
    """R26: revision within the initial period applies that period alone: 500 * 1.0042 = 502.10."""
    assert revise(D("500.00"), date(2021, 6, 15), date(2021, 6, 15), NATIONAL) == D("502.10")


def test_revise_refuses_dates_backwards():
    """R26: a revision date before the initial date is refused."""
    with pytest.raises(ValueError, match="précède"):
        revise(D("500.00"), date(2023, 1, 1), date(2021, 1, 1), NATIONAL)


def test_series_per_nature():
    """R26: loyer series for ordinary dwellings, the redevance series of the nature otherwise."""
    assert series_for("logements_ordinaires") == ("loyer", None)
    assert series_for("residence_sociale") == ("redevance", "residence_sociale")
    assert series_for("logement_foyer") == ("redevance", "logement_foyer")
    with pytest.raises(ValueError, match="Aucun indice"):
        series_for("pension_de_famille")


@given(
    montant=st.decimals(min_value=D("0"), max_value=D("9999.99"), places=2),
    n=st.integers(min_value=0, max_value=10),
)
def test_zero_evolutions_keep_the_amount(montant, n):
    """R26 property: indices of 0 % leave the amount unchanged."""
    indices = [Indice(date(2010 + i, 1, 1), date(2010 + i, 12, 31), D("0")) for i in range(n)]
    assert revise(montant, date(2010, 1, 1), date(2030, 1, 1), indices) == montant


def row(fin, typ, sh, sa, sar, su, loyer, lpm2, sc=None):
    return SimpleNamespace(
        financement=fin,
        typologie=typ,
        surface_habitable=sh,
        surface_annexes=sa,
        surface_annexes_retenue=sar,
        surface_utile=su,
        surface_corrigee=sc,
        loyer=loyer,
        loyer_par_m2=lpm2,
    )


ROWS = [
    row("PLUS", "T2", D("50.00"), D("10.00"), D("5.00"), D("52.50"), D("315.00"), D("6.00")),
    row("PLUS", "T3", D("70.00"), D("4.00"), D("4.00"), D("72.00"), D("432.00"), D("6.00")),
    row("PLAI", "T2", D("45.00"), D("0"), D("0"), D("45.00"), D("225.00"), D("5.00")),
    row("PLAI", "T2", D("40.00"), None, None, D("40.00"), None, D("5.00")),
]
LOCAUX = [
    SimpleNamespace(financement="PLUS", surface_habitable=D("20.00"), nombre=2),
    SimpleNamespace(financement="PLAI", surface_habitable=D("15.50"), nombre=1),
]


def test_totals_overall_and_per_financement():
    """R29: sums (null = 0), counts per typologie, common €/m², lc_sh over all lots, res_sh."""
    result = totals(ROWS, LOCAUX, date_fin=date(2065, 6, 30), date_signature=date(2025, 11, 2))
    total = result.total
    assert (total.nb_logements, total.surface_habitable, total.surface_annexes) == (
        4,
        D("205.00"),
        D("14.00"),
    )
    assert (total.surface_annexes_retenue, total.surface_utile, total.loyer) == (
        D("9.00"),
        D("209.50"),
        D("972.00"),
    )
    assert total.par_typologie == {"T2": 3, "T3": 1}
    assert total.loyer_par_m2 is None
    assert (total.lc_sh, total.res_sh) == (D("55.50"), D("260.50"))
    plus, plai = result.par_financement["PLUS"], result.par_financement["PLAI"]
    assert (plus.surface_habitable, plus.surface_utile, plus.loyer, plus.loyer_par_m2) == (
        D("120.00"),
        D("124.50"),
        D("747.00"),
        D("6.00"),
    )
    assert plus.par_typologie == {"T2": 1, "T3": 1}
    assert (plus.lc_sh, plus.res_sh) == (D("40.00"), D("160.00"))
    assert (plai.surface_habitable, plai.loyer, plai.loyer_par_m2, plai.res_sh) == (
        D("85.00"),
        D("225.00"),
        D("5.00"),
        D("100.50"),
    )
    assert list(result.par_financement) == ["PLAI", "PLUS"]
    assert result.duree == 40


def test_duration_falls_back_on_validation_date():
    """R29: duration = year(date_fin) - year(signature, or valide_le before signature)."""
    assert totals([], date_fin=date(2065, 6, 30), valide_le=date(2024, 12, 1)).duree == 41
    assert totals([], date_fin=date(2065, 6, 30)).duree is None


rows_strategy = st.lists(
    st.builds(
        row,
        fin=st.sampled_from(["PLUS", "PLAI", "PLS"]),
        typ=st.sampled_from(["T1", "T2", "T3"]),
        sh=st.decimals(D("0.01"), D("999.99"), places=2),
        sa=st.none() | st.decimals(D("0"), D("99.99"), places=2),
        sar=st.none() | st.decimals(D("0"), D("99.99"), places=2),
        su=st.decimals(D("0.01"), D("999.99"), places=2),
        loyer=st.none() | st.decimals(D("0"), D("9999.99"), places=2),
        lpm2=st.decimals(D("0.01"), D("99.99"), places=2),
    ),
    max_size=40,
)


@given(rows=rows_strategy)
def test_totals_equal_sums(rows):
    """R29 property: overall totals are the sums of the rows and of the per-financement totals."""
    result = totals(rows)
    assert result.total.nb_logements == len(rows)
    assert result.total.surface_habitable == sum((r.surface_habitable for r in rows), D(0))
    assert result.total.loyer == sum((r.loyer or D(0) for r in rows), D(0))
    per = result.par_financement.values()
    assert result.total.surface_utile == sum((t.surface_utile for t in per), D(0))
    assert result.total.surface_annexes == sum((t.surface_annexes for t in per), D(0))
    assert sum(sum(t.par_typologie.values()) for t in per) == len(rows)
    assert rhu(result.total.res_sh, 2) == result.total.surface_habitable


@pytest.mark.django_db
def test_revise_with_reference_table(django_assert_num_queries):
    """R26 on IndiceEvolutionLoyer rows: the 69 index replaces the national one (512.14)."""
    from apilos.conventions.rules.data import indices_for
    from tests.factories import IndiceEvolutionLoyerFactory, departement

    for year, pct in ((2021, "0.42"), (2022, "3.60")):
        IndiceEvolutionLoyerFactory(
            annee=year + 1,
            date_debut=date(year, 1, 1),
            date_fin=date(year, 12, 31),
            evolution_pct=D(pct),
        )
    local = IndiceEvolutionLoyerFactory(
        annee=2023,
        date_debut=date(2022, 1, 1),
        date_fin=date(2022, 12, 31),
        evolution_pct=D("2.00"),
    )
    local.departements.set([departement("69")])
    IndiceEvolutionLoyerFactory(
        kind="redevance",
        nature_logement="residence_sociale",
        date_debut=date(2022, 1, 1),
        date_fin=date(2022, 12, 31),
        evolution_pct=D("9.00"),
    )
    with django_assert_num_queries(2):
        indices = indices_for("logements_ordinaires")
        amount = revise(D("500.00"), date(2021, 6, 15), date(2023, 1, 1), indices, departement="69")
    assert amount == D("512.14")
    assert revise(D("500.00"), date(2021, 6, 15), date(2023, 1, 1), indices) == D("520.18")
