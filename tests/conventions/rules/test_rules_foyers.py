"""R9-R12 on foyers and résidences: a passing and a failing case each."""

from decimal import Decimal as D

import pytest

from apilos.conventions.models import Convention, Logement, Lot
from apilos.conventions.rules.report import AVERTISSEMENT, BLOQUANT
from tests.conventions.rules.conftest import build_heberge, found, logement, run, run_on_data

pytestmark = pytest.mark.django_db


def update(convention, **fields):
    Convention.objects.filter(pk=convention.pk).update(**fields)


def test_r9_same_redevance_per_lot_and_typologie(db):
    """R9: one T1 of three at 410 € while the others are at 400 € is blocked on `loyer`."""
    foyer = build_heberge(nb=3)
    assert found(run(foyer), "R9") == []
    odd = logement(foyer, "F2")
    Logement.objects.filter(pk=odd.pk).update(loyer=D("410.00"))
    assert found(run(foyer), "R9") == [(BLOQUANT, "logement", odd.uuid, "loyer")]


def test_r9_other_typologie_may_differ(db):
    """R9: a T2 may have its own redevance."""
    foyer = build_heberge(nb=3)
    Logement.objects.filter(pk=logement(foyer, "F3").pk).update(typologie="T2", loyer=D("480.00"))
    assert found(run(foyer), "R9") == []


def test_r9_required_fields(foyer):
    """R9: typologie and redevance are required."""
    row = logement(foyer, "F1")
    Logement.objects.filter(pk=row.pk).update(typologie="", loyer=None)
    assert found(run(foyer), "R9") == [
        (BLOQUANT, "logement", row.uuid, "typologie"),
        (BLOQUANT, "logement", row.uuid, "loyer"),
    ]


def test_r10_total_surface(foyer):
    """R10: surface_habitable_totale 39.99 < Σ SH 40.00 blocks; 40.00 passes."""
    lot = Lot.objects.get(convention=foyer)
    assert found(run(foyer), "R10") == []
    Lot.objects.filter(pk=lot.pk).update(surface_habitable_totale=D("39.99"))
    assert found(run(foyer), "R10") == [(BLOQUANT, "lot", lot.uuid, "surface_habitable_totale")]


def test_r10_missing_total_warns_then_blocks(residence):
    """R10: a missing total surface is a warning when saving, blocking at submission."""
    lot = Lot.objects.get(convention=residence)
    Lot.objects.filter(pk=lot.pk).update(surface_habitable_totale=None)
    address = ("lot", lot.uuid, "surface_habitable_totale")
    assert found(run(residence), "R10") == [(AVERTISSEMENT, *address)]
    assert found(run(residence, "soumission"), "R10") == [(BLOQUANT, *address)]


def test_r11_foyer_needs_a_type(foyer):
    """R11: a foyer must have an attribution type."""
    assert found(run(foyer), "R11") == []
    update(foyer, attribution_type="")
    assert found(run(foyer), "R11") == [(BLOQUANT, "convention", None, "attribution_type")]


def test_r11_inclusif_needs_its_five_texts(foyer):
    """R11: habitat inclusif requires its 5 texts."""
    update(foyer, attribution_type="habitat_inclusif", attribution_inclusif_activites="Jardin")
    assert found(run(foyer), "R11") == [
        (BLOQUANT, "convention", None, f"attribution_inclusif_{name}")
        for name in (
            "conditions_specifiques",
            "conditions_admission",
            "modalites_attribution",
            "partenariats",
        )
    ]


def test_r11_autre_needs_detail(foyer):
    """R11: ticking "autre" requires the detail."""
    update(foyer, attribution_agees_autre=True)
    assert found(run(foyer), "R11") == [
        (BLOQUANT, "convention", None, "attribution_agees_autre_detail")
    ]
    update(foyer, attribution_agees_autre_detail="Résidence autonomie rurale")
    assert found(run(foyer), "R11") == []


def test_r11_reservation_pct_required(residence):
    """R11: the préfecture reservation % is required, also in a résidence."""
    update(residence, attribution_reservation_prefectorale_pct=None)
    assert found(run(residence), "R11") == [
        (BLOQUANT, "convention", None, "attribution_reservation_prefectorale_pct")
    ]


def test_r11_reservation_pct_bounds(foyer):
    """R11: a % above 100 (refused by the database, possible in older data) is blocking."""

    def mutate(data):
        data.convention.attribution_reservation_prefectorale_pct = 120

    assert found(run_on_data(foyer, mutate), "R11") == [
        (BLOQUANT, "convention", None, "attribution_reservation_prefectorale_pct")
    ]


def test_r11_modalites_required(foyer):
    """R11: both modalités texts are required."""
    update(foyer, attribution_modalites_choix_personnes="  ")
    assert found(run(foyer), "R11") == [
        (BLOQUANT, "convention", None, "attribution_modalites_choix_personnes")
    ]


def test_r12_at_least_one_variante(foyer):
    """R12: at least one variante is chosen."""
    assert found(run(foyer), "R12") == []
    update(foyer, foyer_variante_1=False)
    assert found(run(foyer), "R12") == [(BLOQUANT, "convention", None, "foyer_variante_1")]


def test_r12_variante_2_needs_travaux(residence):
    """R12: variante 2 requires its travaux text."""
    update(residence, foyer_variante_2=True)
    assert found(run(residence), "R12") == [
        (BLOQUANT, "convention", None, "foyer_variante_2_travaux")
    ]
    update(residence, foyer_variante_2_travaux="Réfection des toitures")
    assert found(run(residence), "R12") == []


def test_foyer_rules_do_not_run_on_ordinary_conventions(ordinaire):
    """R9-R12 belong to foyers and résidences only."""
    report = run(ordinaire, "soumission")
    assert report.rules() & {"R9", "R10", "R11", "R12"} == set()
