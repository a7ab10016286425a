"""Demo data of the instruction loop: every status for both demo administrations."""

import pytest
from django.core.management import call_command

from apilos.conventions.enums import Statut
from apilos.conventions.models import Convention
from apilos.instruction.models import (
    Commentaire,
    EnvoiSPF,
    Evenement,
    HistoriqueStatut,
    Message,
    Notification,
)

MODELS = (Convention, HistoriqueStatut, Commentaire, Message, Evenement, EnvoiSPF, Notification)


@pytest.mark.django_db
def test_demo_covers_every_status_through_the_services(
    settings, django_capture_on_commit_callbacks
):
    """Each demo administration has a convention in every status, with its history, comments,
    exchanges and journal; loading again adds nothing."""
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    for code in ("DD033", "M33063"):
        statuts = set(
            Convention.objects.filter(programme__administration__code=code).values_list(
                "statut", flat=True
            )
        )
        assert statuts == set(Statut.values), code
    signed = Convention.objects.get(programme__nom="Parc de Lormont")
    assert list(signed.historique_statuts.values_list("transition", flat=True)) == [
        "submit",
        "request_corrections",
        "resubmit",
        "validate",
        "mark_signed",
    ]
    assert signed.numero and signed.donnees_validees_sha256
    assert Commentaire.objects.filter(statut="ouvert").exists()
    assert Message.objects.filter(prive=True).exists()
    assert Evenement.objects.filter(type="envoi_prefet").exists()
    assert Notification.objects.exists()
    counts = [model.objects.count() for model in MODELS]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert [model.objects.count() for model in MODELS] == counts
