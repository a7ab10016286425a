"""Récapitulatif and pre-submission report: every error linked to its field; no submission
while one blocks."""

from django.urls import reverse

from apilos.accounts.enums import Role
from apilos.conventions.models import Convention
from tests.conventions.rules.conftest import build_ordinaire
from tests.factories import membership


def test_report_links_each_error_to_its_field(bailleur_client, draft):
    """Each finding links to the step, the page of the row and the input's id."""
    response = bailleur_client.get(reverse("saisie:report", args=[draft.convention.uuid]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ne peut pas être envoyée" in html
    step = reverse("saisie:step", args=[draft.convention.uuid, "bailleur"])
    assert f'href="{step}#convention-signataire_nom"' in html
    assert "disabled" in html  # the button stays disabled


def test_anchor_exists_on_the_step_page(bailleur_client, draft):
    """The ids the report links to are the inputs' ids on the step page."""
    page = bailleur_client.get(reverse("saisie:step", args=[draft.convention.uuid, "bailleur"]))
    assert 'id="convention-signataire_nom"' in page.content.decode()


def test_submission_refused_while_an_error_blocks(bailleur_client, draft):
    """Posting the submission anyway changes nothing and says how many errors remain."""
    response = bailleur_client.post(
        reverse("saisie:submit", args=[draft.convention.uuid]), follow=True
    )
    assert "Envoi impossible" in response.content.decode()
    draft.convention.refresh_from_db()
    assert draft.convention.statut == "projet"


def test_complete_convention_is_submitted(client, db):
    """With no blocking error left, the bailleur sends the convention to instruction."""
    convention = build_ordinaire(nb=2)
    member = membership(role=Role.BAILLEUR, bailleur=convention.programme.bailleur)
    client.force_login(member.user)
    report = client.get(reverse("saisie:report", args=[convention.uuid])).content.decode()
    assert "Aucune erreur bloquante" in report
    response = client.post(reverse("saisie:submit", args=[convention.uuid]))
    assert response.status_code == 302
    assert Convention.objects.get(pk=convention.pk).statut == "instruction"


def test_recap_shows_a_card_per_step(bailleur_client, draft):
    """The récapitulatif has one card per step with its state and an edit link."""
    html = bailleur_client.get(reverse("saisie:recap", args=[draft.convention.uuid])).content
    html = html.decode()
    for slug in ("bailleur", "operation", "logements", "commentaires"):
        assert f'id="carte-{slug}"' in html
        assert reverse("saisie:step", args=[draft.convention.uuid, slug]) in html
    assert "3 lignes dans « Logements »" in html
    assert "attribué par l'instructeur à la validation" in html
