"""The correction loop in a real browser, axe-core on every page: the bailleur submits, the
instructeur comments two fields and asks for corrections, the bailleur sees exactly those
fields, fixes them and submits again, the instructeur sees the changes and validates, and
both read the journal."""

import re

import pytest
from playwright.sync_api import expect

from apilos.conventions.models import Convention
from tests.browser.test_roles import log_in

pytestmark = pytest.mark.browser

BAILLEUR = "bailleur@demo.apilos.fr"
INSTRUCTEUR = "instructeur@demo.apilos.fr"
FIELDS = {
    "Fonction du signataire": "Directrice générale adjointe",
    "Adresse imprimée": "3 place Nouvelle",
}


@pytest.fixture(autouse=True)
def _no_motion(page):
    """Without motion, modals and tabs are fully drawn at once, so axe reads final colours."""
    page.emulate_media(reduced_motion="reduce")


def _log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à APiLos")


def _confirm(page, action, assert_accessible, **fields):
    """Open the action's modal, fill it, check it with axe, confirm."""
    page.get_by_role("button", name=action, exact=True).click()
    dialog = page.get_by_role("dialog", name=action)
    expect(dialog).to_be_visible()
    for label, value in fields.items():
        dialog.get_by_label(label).fill(value)
    assert_accessible(page)
    dialog.get_by_role("button", name=f"Confirmer : {action.lower()}").click()


def test_correction_loop(page, demo, assert_accessible):
    """Submit, comment two fields, request corrections, fix exactly those, resubmit, validate."""
    convention = Convention.objects.get(programme__nom="Les Hauts de Cenon")
    url = f"/conventions/{convention.uuid}/"

    log_in(page, BAILLEUR)
    page.get_by_role("link", name="Suivi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suivi de mes conventions")
    assert_accessible(page)
    page.get_by_role("link", name="Les Hauts de Cenon").click()
    expect(page.locator("#attendu")).to_contain_text("soumettre la convention à l'instruction")
    assert_accessible(page)
    _confirm(page, "Soumettre à l'instruction", assert_accessible)
    expect(page.get_by_text("La convention est soumise à l'instruction.")).to_be_visible()
    expect(page.locator("#contenu .fr-badge").first).to_have_text("En instruction")
    _log_out(page)

    log_in(page, INSTRUCTEUR)
    page.get_by_role("link", name="Files d'instruction", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Les Hauts de Cenon").click()
    expect(page.locator("#contenu .fr-badge").first).to_have_text("À instruire")
    assert_accessible(page)
    for label in FIELDS:
        page.get_by_role("link", name=f"Commenter le champ « {label} »").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau commentaire")
        assert_accessible(page)
        page.get_by_label("Commentaire").fill(f"{label} : à reprendre.")
        page.get_by_role("button", name="Ouvrir le commentaire").click()
        expect(page.get_by_text("Le commentaire est ouvert.")).to_be_visible()
    expect(page.get_by_role("tab", name=re.compile("Commentaires"))).to_contain_text("2 ouverts")
    page.get_by_role("tab", name=re.compile("Commentaires")).click()
    expect(page.locator("#panneau-commentaires article")).to_have_count(2)
    assert_accessible(page)
    _confirm(
        page,
        "Demander des corrections",
        assert_accessible,
        **{"Message au bailleur (obligatoire s'il n'y a aucun commentaire ouvert)": "Deux points."},
    )
    expect(page.locator("#contenu .fr-badge").first).to_have_text("En correction")
    _log_out(page)

    log_in(page, BAILLEUR)
    page.goto(url)
    expect(page.locator("#contenu .fr-badge").first).to_have_text("À corriger")
    expect(page.locator("#attendu")).to_contain_text("2 points signalés")
    assert_accessible(page)
    page.get_by_role("link", name="Corriger les éléments signalés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corriger la convention")
    assert_accessible(page)
    editable = page.locator("form [name^='f__']:not([name$='__commentaires'])")
    expect(editable).to_have_count(2)
    for label, value in FIELDS.items():
        name = f"Convention – {label[0].lower()}{label[1:]}"
        page.get_by_role("textbox", name=name, exact=True).fill(value)
    page.get_by_role("button", name="Enregistrer les corrections").click()
    expect(page.get_by_text("Vos corrections sont enregistrées.")).to_be_visible()
    _confirm(page, "Soumettre à nouveau", assert_accessible)
    expect(page.locator("#contenu .fr-badge").first).to_have_text("En instruction")
    _log_out(page)

    log_in(page, INSTRUCTEUR)
    page.goto(url)
    changes = page.locator("#modifications")
    for value in FIELDS.values():
        expect(changes).to_contain_text(value)
    assert_accessible(page)
    page.get_by_role("tab", name=re.compile("Commentaires")).click()
    expect(page.locator("#panneau-commentaires").get_by_text("Résolu", exact=True)).to_have_count(2)
    page.get_by_role("tab", name="Récapitulatif").click()
    _confirm(page, "Valider la convention", assert_accessible)
    expect(
        page.get_by_text(re.compile(r"validée sous le numéro 33\.D\.\d\d\.\d{4}"))
    ).to_be_visible()
    page.get_by_role("tab", name="Journal").click()
    journal = page.locator("#journal")
    expect(journal).to_contain_text("En correction → À instruire")
    expect(journal).to_contain_text("À instruire → À signer")
    assert_accessible(page)
    _log_out(page)

    log_in(page, BAILLEUR)
    page.goto(f"/conventions/{convention.uuid}/journal/")
    journal = page.locator("#journal")
    expect(journal).to_contain_text("En instruction → À signer")
    expect(journal).to_contain_text("Commentaire résolu : Convention – fonction du signataire")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Notifications")).click()
    expect(page.get_by_text("Convention validée, à signer").first).to_be_visible()
    assert_accessible(page)


def test_transition_with_the_keyboard(page, demo):
    """The submission modal opens, and confirms, with the keyboard alone."""
    convention = Convention.objects.get(programme__nom="Quai de Brazza")
    log_in(page, "bailleur-sem@demo.apilos.fr")
    page.goto(f"/conventions/{convention.uuid}/")
    page.get_by_role("button", name="Soumettre à l'instruction", exact=True).focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Soumettre à l'instruction")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Confirmer : soumettre à l'instruction").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("La convention est soumise à l'instruction.")).to_be_visible()


def test_instruction_pages_are_accessible(page, demo, assert_accessible):
    """Queues, exchanges, journal, correction and notifications pages pass axe-core."""
    log_in(page, INSTRUCTEUR)
    for file in ("a_instruire", "en_correction", "a_signer", "signees"):
        page.goto(f"/instruction/?file={file}")
        assert_accessible(page)
    page.goto("/instruction/?en_retard=on&tri=allers_retours")
    assert_accessible(page)
    for nom in ("Résidence du Lac", "Foyer des Chartreux", "Cité Floirac"):
        convention = Convention.objects.get(programme__nom=nom)
        for tab in ("", "commentaires/", "echanges/", "journal/"):
            page.goto(f"/conventions/{convention.uuid}/{tab}")
            assert_accessible(page)
    page.goto("/notifications/")
    assert_accessible(page)
    _log_out(page)
    log_in(page, BAILLEUR)
    convention = Convention.objects.get(programme__nom="Résidence du Lac")
    page.goto(f"/conventions/{convention.uuid}/corriger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Corriger la convention")
    assert_accessible(page)
    page.goto(f"/conventions/{convention.uuid}/echanges/")
    expect(page.get_by_text("Dossier vérifié avec le service financement.")).to_have_count(0)
    assert_accessible(page)
