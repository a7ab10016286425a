"""Builders of conventions that pass every rule; each test breaks one thing."""

from datetime import date
from decimal import Decimal as D

import pytest

from apilos.conventions.rules import convention_check
from tests.factories import (
    BailleurFactory,
    ConventionFactory,
    LogementFactory,
    LotFactory,
    PretFactory,
    ProgrammeFactory,
    ReferenceCadastraleFactory,
)

TODAY = date(2026, 3, 15)  # before July: s = 0 in R18


def build_ordinaire(*, nb: int = 2, sous_nature: str = "oph", programme=None, **fields):
    """An ordinary PLUS convention of `nb` logements A1..An with a CDC loan (2025, 40 years)."""
    programme = programme or ProgrammeFactory(
        bailleur=BailleurFactory(sous_nature=sous_nature),
        adresse="12 rue des Lilas",
        zone_123="2",
        type_operation="neuf",
    )
    fields.setdefault("signataire_nom", "Camille Martin")
    fields.setdefault("signataire_fonction", "Directrice générale")
    fields.setdefault("date_fin_conventionnement", date(2065, 6, 30))
    convention = ConventionFactory(programme=programme, **fields)
    lot = LotFactory(convention=convention, financement="PLUS", nb_logements=nb)
    for i in range(1, nb + 1):
        # SU = 60.00 + 0.5 x 4.00 = 62.00; loyer = 62.00 x 6.00 x 1 = 372.00
        LogementFactory(
            lot=lot,
            designation=f"A{i}",
            surface_habitable=D("60.00"),
            surface_annexes=D("8.00"),
            surface_annexes_retenue=D("4.00"),
            loyer_par_m2=D("6.00"),
            coefficient=D("1.0000"),
            loyer=D("372.00"),
        )
    PretFactory(lot=lot, date_octroi=date(2025, 2, 1), duree=40)
    ReferenceCadastraleFactory(programme=programme)
    return convention


def build_heberge(*, nature: str = "logement_foyer", nb: int = 2, **fields):
    """A foyer (or résidence) PLAI convention: nb T1 of 20 m² at 400 € of redevance."""
    programme = ProgrammeFactory(
        bailleur=BailleurFactory(sous_nature="oph"),
        adresse="3 allée des Tilleuls",
        nature_logement=nature,
        type_operation="neuf",
    )
    defaults = {
        "signataire_nom": "Camille Martin",
        "signataire_fonction": "Directrice générale",
        "date_fin_conventionnement": date(2065, 12, 31),
        "attribution_reservation_prefectorale_pct": 30,
        "attribution_modalites_reservations": "Par la commission d'attribution.",
        "attribution_modalites_choix_personnes": "Sur dossier.",
        "foyer_variante_1": True,
    }
    if nature == "logement_foyer":
        defaults["attribution_type"] = "personnes_agees"
    convention = ConventionFactory(programme=programme, **{**defaults, **fields})
    lot = LotFactory(
        convention=convention,
        financement="PLAI",
        nb_logements=nb,
        surface_habitable_totale=D("20.00") * nb,
    )
    for i in range(1, nb + 1):
        LogementFactory(
            lot=lot,
            tableau="foyer_residence",
            designation=f"F{i}",
            typologie="T1",
            surface_habitable=D("20.00"),
            surface_annexes=None,
            surface_annexes_retenue=None,
            loyer_par_m2=None,
            loyer=D("400.00"),
        )
    PretFactory(lot=lot, date_octroi=date(2025, 2, 1), duree=40)
    ReferenceCadastraleFactory(programme=programme)
    return convention


def run(convention, moment: str = "saisie", today: date = TODAY):
    return convention_check(convention, moment=moment, today=today)


def found(report, rule: str) -> list[tuple]:
    """(severity, objet, ligne_uuid, champ) of the findings of one rule."""
    return [
        (f.severity, f.address.objet, f.address.ligne_uuid, f.address.champ)
        for f in report.findings
        if f.rule == rule
    ]


@pytest.fixture
def ordinaire(db):
    return build_ordinaire()


@pytest.fixture
def foyer(db):
    return build_heberge()


@pytest.fixture
def residence(db):
    return build_heberge(nature="residence_sociale")


def run_on_data(convention, mutate, moment: str = "saisie"):
    """Load the data, change it in memory (for states the database constraints forbid, such
    as rows saved by an older version), then run the rules on it."""
    from apilos.conventions.rules import check_data
    from apilos.conventions.rules.data import load_convention_data

    data = load_convention_data(convention, year=TODAY.year)
    mutate(data)
    return check_data(data, moment=moment, today=TODAY)


def logement(convention, designation: str):
    from apilos.conventions.models import Logement

    return Logement.objects.get(lot__convention=convention, designation=designation)
