"""Field history: who changed which field of which row, when, old → new."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apilos.conventions.models import Logement
from apilos.conventions.selectors import convention_field_changes
from apilos.core.history import (
    acting_user,
    bulk_create_tracked,
    bulk_update_tracked,
    delete_tracked,
    save_tracked,
)
from tests.factories import (
    ConventionFactory,
    LogementFactory,
    LotFactory,
    PretFactory,
    ReferenceCadastraleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def changes(convention, **kwargs):
    return [c for c in convention_field_changes(convention, **kwargs) if c.action == "~"]


def test_saved_change_names_row_field_old_new_and_user():
    """A field saved by a user appears with the row's uuid, both values, the user and time."""
    user = UserFactory()
    logement = LogementFactory(loyer=Decimal("400.00"))
    convention = logement.lot.convention
    logement.loyer = Decimal("410.50")
    save_tracked(logement, by=user, reason="Correction du loyer")

    (change,) = changes(convention)
    assert (change.model, change.objet, change.uuid) == (
        "logement",
        logement.designation,
        logement.uuid,
    )
    assert (change.field, change.old, change.new) == ("loyer", Decimal("400.00"), Decimal("410.50"))
    assert change.who == user and change.reason == "Correction du loyer"
    assert change.field_label == "loyer maximum (ou redevance) en €"


def test_computed_field_change_is_reported_too():
    """SU is stored, so a change of SH also shows the SU it moved."""
    logement = LogementFactory(
        surface_habitable=Decimal("60"), surface_annexes_retenue=Decimal("4")
    )
    logement.surface_habitable = Decimal("61")
    save_tracked(logement, by=UserFactory())
    fields = {c.field: (c.old, c.new) for c in changes(logement.lot.convention)}
    assert fields == {
        "surface_habitable": (Decimal("60.00"), Decimal("61")),
        "surface_utile": (Decimal("62.00"), Decimal("63.00")),
    }


def test_bulk_operations_are_recorded():
    """Bulk creation, bulk update and deletion each leave history rows naming the user."""
    user = UserFactory()
    lot = LotFactory()
    created = bulk_create_tracked(
        Logement,
        [
            Logement(lot=lot, designation=f"L{i}", surface_habitable=Decimal("50"), ordre=i)
            for i in range(3)
        ],
        by=user,
    )
    for logement in created:
        logement.coefficient = Decimal("1.1000")
    bulk_update_tracked(Logement, created, ["coefficient"], by=user)
    delete_tracked(Logement.objects.filter(pk=created[0].pk), by=user)

    history = convention_field_changes(lot.convention)
    assert [c.action for c in history if c.model == "logement"].count("+") == 3
    updates = [c for c in history if c.action == "~"]
    assert {(c.field, c.old, c.new) for c in updates} == {
        ("coefficient", Decimal("1.0000"), Decimal("1.1000"))
    }
    assert len(updates) == 3
    assert all(c.who == user for c in history if c.model == "logement")
    (deleted,) = [c for c in history if c.action == "-"]
    assert deleted.uuid == created[0].uuid


def test_acting_user_attributes_plain_saves():
    """Inside acting_user(), a plain save is attributed without passing the user along."""
    user = UserFactory()
    pret = PretFactory()
    with acting_user(user):
        pret.montant = Decimal("1.00")
        pret.save()
    (change,) = changes(pret.lot.convention)
    assert change.who == user and change.model == "prêt"


def test_history_covers_programme_children_and_since():
    """Programme rows (cadastre) are included; `since` keeps only later changes."""
    convention = ConventionFactory()
    reference = ReferenceCadastraleFactory(programme=convention.programme, surface_m2=100)
    convention.commentaires = "Première note"
    convention.save()
    later = timezone.now() + timedelta(microseconds=1)
    reference.surface_m2 = 120
    reference.save()

    everything = {c.field for c in changes(convention)}
    assert everything == {"commentaires", "surface_m2"}
    recent = changes(convention, since=later)
    assert [(c.model, c.field, c.old, c.new) for c in recent] == [
        ("référence cadastrale", "surface_m2", 100, 120)
    ]


def test_other_conventions_rows_are_not_included():
    """Only this version's rows are reported."""
    mine, other = LogementFactory(), LogementFactory()
    other.loyer = Decimal("1")
    other.save()
    assert changes(mine.lot.convention) == []
