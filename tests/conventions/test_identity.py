"""Convention numbers (R23, R24) and one live original per opération and financement (R35)."""

import pytest
from django.db import IntegrityError, transaction

from apilos.conventions.enums import Statut
from apilos.conventions.selectors import operation_financement_conflicts
from tests.factories import ConventionFactory, LotFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_numero_is_unique_among_originals_after_normalisation():
    """Two original conventions cannot share a number, even spelt differently."""
    ConventionFactory(numero="69.D.26.0001")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionFactory(numero="69 D 26 0001")


def test_blank_numbers_do_not_collide():
    """Unnumbered drafts are many."""
    ConventionFactory(numero="")
    ConventionFactory(numero="")


def test_avenants_carry_their_parent_number():
    """An avenant repeats its parent's number; only (parent, rang) must be unique."""
    parent = ConventionFactory(numero="69.D.26.0002", statut=Statut.SIGNEE)
    ConventionFactory(parent=parent, programme=parent.programme, numero=parent.numero, rang=1)
    ConventionFactory(parent=parent, programme=parent.programme, numero=parent.numero, rang=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionFactory(parent=parent, programme=parent.programme, rang=2)


def test_only_avenants_have_a_rang():
    """An original convention has no rang."""
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionFactory(rang=1)


def test_annulee_keeps_its_burnt_number():
    """R33: a cancelled convention's number is never given again."""
    ConventionFactory(numero="69.D.26.0003", statut=Statut.ANNULEE)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConventionFactory(numero="69.D.26.0003")


def _original(numero_operation, financement, **kwargs):
    convention = ConventionFactory(
        programme=ProgrammeFactory(numero_operation=numero_operation), **kwargs
    )
    LotFactory(convention=convention, financement=financement)
    return convention


def test_r35_one_live_original_per_operation_and_financement():
    """R35: a second live original for the same opération and financement is refused."""
    _original("2022 1000 003", "PLUS")
    _original("20221000003", "PLAI")  # another financement is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        _original("2022-1000-003", "PLUS")


def test_r35_ignores_avenants_and_dead_conventions():
    """Avenants, annulées and terminated conventions do not hold the pair."""
    first = _original("20221000004", "PLUS", statut=Statut.SIGNEE)
    avenant = ConventionFactory(
        parent=first, programme=ProgrammeFactory(numero_operation="20221000004")
    )
    LotFactory(convention=avenant, financement="PLUS")
    first.statut = Statut.ANNULEE
    first.save()
    second = _original("20221000004", "PLUS")
    assert operation_financement_conflicts(second) == []


def test_r35_reactivating_an_annulee_is_refused_when_replaced():
    """annulee → projet is guarded by R35: the replacement holds the pair."""
    first = _original("20221000005", "PLUS", statut=Statut.ANNULEE)
    _original("20221000005", "PLUS")
    assert operation_financement_conflicts(first) == ["PLUS"]
    first.statut = Statut.PROJET
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()
    first.refresh_from_db()
    assert first.statut == Statut.ANNULEE


def test_r35_follows_a_changed_numero_operation():
    """Changing the programme's numéro d'opération moves the lots' key along."""
    _original("20221000006", "PLUS")
    other = _original("20221000007", "PLUS")
    assert operation_financement_conflicts(other) == []
    programme = other.programme
    programme.numero_operation = "2022.1000.006"
    with pytest.raises(IntegrityError), transaction.atomic():
        programme.save()


def test_r35_conflicts_selector_names_the_financements():
    """The service-level check names the financements already taken, for a French message."""
    _original("20221000008", "PLUS", statut=Statut.ANNULEE)
    live = _original("20221000008", "PLAI")
    cancelled = ConventionFactory(
        programme=ProgrammeFactory(numero_operation="2022 1000 008"), statut=Statut.ANNULEE
    )
    LotFactory(convention=cancelled, financement="PLAI")
    LotFactory(convention=cancelled, financement="PLS")
    assert operation_financement_conflicts(cancelled) == ["PLAI"]
    assert operation_financement_conflicts(live) == []
