"""Every model has a back-office page that opens for staff."""

import pytest
from django.contrib import admin
from django.urls import reverse

from apilos.conventions.models import Convention, Logement, Lot
from apilos.files.services import piece_jointe_create
from tests.conventions.test_versions import pdf
from tests.factories import (
    AnnexeFactory,
    IndiceEvolutionLoyerFactory,
    LocauxCollectifsFactory,
    LogementEDDFactory,
    LoyerPlafondFactory,
    PretFactory,
    ReferenceCadastraleFactory,
    TypeStationnementFactory,
    UserFactory,
)

MODELS = sorted(
    (
        m
        for m in admin.site._registry
        if m._meta.app_label in {"programmes", "conventions", "files", "referentiel"}
    ),
    key=lambda m: m._meta.label,
)


@pytest.fixture
def filled(media_root):
    annexe = AnnexeFactory()
    lot = annexe.logement.lot
    PretFactory(lot=lot)
    TypeStationnementFactory(lot=lot)
    LocauxCollectifsFactory(lot=lot)
    LogementEDDFactory(programme=lot.convention.programme)
    ReferenceCadastraleFactory(programme=lot.convention.programme)
    IndiceEvolutionLoyerFactory()
    LoyerPlafondFactory()
    piece_jointe_create(owner=lot.convention, champ="fichier_signe", uploaded_file=pdf(), by=None)
    return lot


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_admin_list_add_and_change_pages_open(client, filled, model):
    """The list, add and change pages of each model answer 200 to a superuser."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    info = model._meta.app_label, model._meta.model_name
    assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    instance = model._default_manager.first()
    if instance is not None:
        url = reverse("admin:{}_{}_change".format(*info), args=[instance.pk])
        assert client.get(url).status_code == 200
        if hasattr(model, "history"):
            url = reverse("admin:{}_{}_history".format(*info), args=[instance.pk])
            assert client.get(url).status_code == 200


def test_every_convention_model_is_registered():
    """Convention, lots, logements and their rows all have an admin page."""
    for model in (Convention, Lot, Logement):
        assert model in admin.site._registry
