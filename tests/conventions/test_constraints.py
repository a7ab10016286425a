"""Field bounds (domain.md §3.3–3.5): each one is a validator AND a database constraint."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from apilos.conventions.models import Logement
from tests.factories import (
    AnnexeFactory,
    ConventionFactory,
    LocauxCollectifsFactory,
    LogementEDDFactory,
    LogementFactory,
    LotFactory,
    PretFactory,
    ProgrammeFactory,
    TypeStationnementFactory,
)

D = Decimal
BAD_VALUES = [
    (LogementFactory, "surface_habitable", D("0")),
    (LogementFactory, "surface_habitable", D("-1")),
    (LogementFactory, "surface_habitable", D("10000")),
    (LogementFactory, "surface_annexes", D("-0.01")),
    (LogementFactory, "surface_corrigee", D("0")),
    (LogementFactory, "loyer_par_m2", D("0")),
    (LogementFactory, "loyer_par_m2", D("100")),
    (LogementFactory, "coefficient", D("0")),
    (LogementFactory, "coefficient", D("10")),
    (LogementFactory, "coefficient", D("-0.5")),
    (LogementFactory, "loyer", D("-1")),
    (LogementFactory, "loyer", D("10000")),
    (AnnexeFactory, "surface", D("0")),
    (AnnexeFactory, "loyer_unitaire", D("-1")),
    (AnnexeFactory, "loyer", D("-1")),
    (TypeStationnementFactory, "nombre", 0),
    (TypeStationnementFactory, "loyer", D("-1")),
    (LocauxCollectifsFactory, "surface_habitable", D("0")),
    (LocauxCollectifsFactory, "nombre", 0),
    (PretFactory, "duree", 0),
    (PretFactory, "duree", 101),
    (PretFactory, "montant", D("-1")),
    (LotFactory, "nb_logements", 0),
    (LotFactory, "surface_habitable_totale", D("0")),
    (LotFactory, "surface_habitable_totale", D("100000")),
    (LotFactory, "surface_locaux_collectifs_residentiels", D("-1")),
    (LotFactory, "surface_locaux_collectifs_residentiels", D("100000")),
    (LotFactory, "loyer_derogatoire", D("-1")),
    (LotFactory, "loyer_associations_foncieres", D("-1")),
    (ConventionFactory, "fonds_propres", D("-1")),
    (ConventionFactory, "attribution_reservation_prefectorale_pct", 101),
    (ConventionFactory, "foyer_variante_2_nb_annees", 0),
    (ConventionFactory, "foyer_variante_2_nb_tranches", 0),
    (ProgrammeFactory, "annee_gestion_programmation", 1999),
    (ProgrammeFactory, "annee_gestion_programmation", 2101),
]


def _id(case):
    factory, field, value = case
    return f"{factory._meta.model.__name__}.{field}={value}"


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_VALUES, ids=[_id(c) for c in BAD_VALUES])
def test_out_of_bounds_value_refused_by_validator_and_database(case):
    """An out-of-bounds value fails full_clean on its field, and the database refuses it."""
    factory, field, value = case
    instance = factory()
    setattr(instance, field, value)
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    assert field in error.value.message_dict
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        type(instance).objects.filter(pk=instance.pk).update(**{field: value})


GOOD_VALUES = [
    (LogementFactory, "surface_habitable", D("9999.99")),
    (LogementFactory, "surface_habitable", D("0.01")),
    (LogementFactory, "coefficient", D("0.0001")),
    (LogementFactory, "coefficient", D("9.9999")),
    (LogementFactory, "loyer_par_m2", D("99.99")),
    (LogementFactory, "loyer", D("0")),
    (LogementFactory, "loyer", D("9999.99")),
    (PretFactory, "duree", 100),
    (PretFactory, "montant", D("9999999999.99")),
    (LotFactory, "surface_locaux_collectifs_residentiels", D("0")),
    (ConventionFactory, "attribution_reservation_prefectorale_pct", 100),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", GOOD_VALUES, ids=[_id(c) for c in GOOD_VALUES])
def test_boundary_value_inside_the_range_is_accepted(case):
    """Values at the edge of an open or closed range are stored as given."""
    factory, field, value = case
    instance = factory()
    setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    instance.refresh_from_db()
    assert getattr(instance, field) == value


@pytest.mark.django_db
def test_coefficient_defaults_to_one():
    """A logement's coefficient is 1 unless stated."""
    logement = Logement.objects.create(
        lot=LotFactory(), designation="B12", surface_habitable=D("48.50")
    )
    logement.refresh_from_db()
    assert logement.coefficient == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sh", "sar", "expected"),
    [
        ("65.00", "5.00", "67.50"),
        ("50.01", "0.01", "50.02"),  # 50.015 rounds half-up
        ("42.10", "0", "42.10"),
        ("42.10", None, "42.10"),
    ],
)
def test_surface_utile_is_computed_on_save(sh, sar, expected):
    """R1: SU = rhu(SH + 0.5 × SAR, 2), computed and stored on every save."""
    logement = LogementFactory(
        surface_habitable=D(sh),
        surface_annexes=D(sar) if sar else None,
        surface_annexes_retenue=D(sar) if sar else None,
    )
    logement.refresh_from_db()
    assert logement.surface_utile == D(expected)


@pytest.mark.django_db
def test_surface_utile_follows_an_update_fields_save():
    """Saving only SH still refreshes the stored SU."""
    logement = LogementFactory(surface_habitable=D("60"), surface_annexes_retenue=D("4"))
    logement.surface_habitable = D("70")
    logement.save(update_fields=["surface_habitable"])
    logement.refresh_from_db()
    assert logement.surface_utile == D("72.00")


@pytest.mark.django_db
def test_surface_utile_only_for_su_tables():
    """SC and foyer tables have no SU."""
    logement = LogementFactory(tableau="sc_avec_loyer", surface_corrigee=D("70"))
    assert logement.surface_utile is None


@pytest.mark.django_db
def test_sar_cannot_exceed_sa():
    """R2: 0 ≤ SAR ≤ SA, in the model and in the database."""
    logement = LogementFactory(surface_annexes=D("5"), surface_annexes_retenue=D("5"))
    logement.surface_annexes_retenue = D("6")
    with pytest.raises(ValidationError) as error:
        logement.full_clean()
    assert "surface_annexes_retenue" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        type(logement).objects.filter(pk=logement.pk).update(surface_annexes_retenue=D("6"))


@pytest.mark.django_db
def test_one_lot_per_financement():
    """A convention has at most one lot per financement."""
    lot = LotFactory(financement="PLAI")
    with pytest.raises(IntegrityError), transaction.atomic():
        LotFactory(convention=lot.convention, financement="PLAI")
    LotFactory(convention=lot.convention, financement="PLUS")
    assert lot.convention.is_mixte
    assert lot.convention.nb_logements == 2


@pytest.mark.django_db
def test_plai_adapte_never_has_a_lot_of_its_own():
    """PLAI_ADP merges into the PLAI lot (§4.1): the database refuses a PLAI_ADP lot."""
    with pytest.raises(IntegrityError), transaction.atomic():
        LotFactory(financement="PLAI_ADP")


@pytest.mark.django_db
def test_mixite_negociee_bounds():
    """Logements de mixité négociés: 0 to nb_logements, and only on PLUS / PLUS_CD lots."""
    lot = LotFactory(financement="PLUS", nb_logements=10, lgts_mixite_sociale_negocies=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(lot).objects.filter(pk=lot.pk).update(lgts_mixite_sociale_negocies=11)
    with pytest.raises(IntegrityError), transaction.atomic():
        LotFactory(financement="PLAI", nb_logements=10, lgts_mixite_sociale_negocies=1)


@pytest.mark.django_db
def test_edd_lines_take_only_edd_financements():
    """EDD simplifié lines are PLUS, PLUS_CD, PLAI, PLS or SANS_FINANCEMENT."""
    LogementEDDFactory(financement="SANS_FINANCEMENT")
    with pytest.raises(IntegrityError), transaction.atomic():
        LogementEDDFactory(financement="PLAI_FTM")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("type2_categories", [0]),
        ("type2_categories", [1, 1]),
        ("type2_categories", "1,2"),
        ("avenant_types", ["inconnu"]),
        ("avenant_types", ["denonciation", "logements"]),
    ],
)
def test_json_lists_are_validated(field, value):
    """Type II categories are 1–8 once each; dénonciation and résiliation stand alone."""
    convention = ConventionFactory()
    setattr(convention, field, value)
    with pytest.raises(ValidationError) as error:
        convention.full_clean()
    assert field in error.value.message_dict
