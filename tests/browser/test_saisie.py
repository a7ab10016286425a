"""A new bailleur fills in a convention in a real browser: creates a 40-logement opération with
two financements, imports its tables from copies of the shared templates, completes every
step (one with the keyboard only), reaches zero blocking errors and submits it. axe-core
checks every page visited."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from apilos.accounts.enums import Role, SousNature
from apilos.conventions.models import Convention
from tests.factories import PASSWORD, AdministrationFactory, BailleurFactory, membership
from tests.saisie.xlsx import filled, logement_rows

pytestmark = pytest.mark.browser


@pytest.fixture
def newcomer(transactional_db, media_root):
    bailleur = BailleurFactory(nom="Habitat Neuf de Gironde", sous_nature=SousNature.OPH)
    administration = AdministrationFactory(nom="DDTM de la Gironde", departements=["33"])
    member = membership(role=Role.BAILLEUR, bailleur=bailleur)
    return member.user, administration


def log_in(page, user):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def spreadsheets(tmp_path):
    rows = logement_rows(40, financements=("PLUS",) * 7 + ("PLAI",) * 3)
    octroi = datetime.datetime(2025, 2, 1)
    return {
        "logements": filled(tmp_path, "logements", rows),
        "prets": filled(
            tmp_path,
            "financement",
            [
                ("CDC-0001", "PLUS", octroi, 40, 2_100_000, "CDC pour le logement", None),
                ("CDC-0002", "PLAI", octroi, 40, 780_000, "CDC pour le logement", None),
                (None, "PLUS", None, None, 150_000, "Région", None),
            ],
        ),
        "annexes": filled(
            tmp_path, "annexes", [("Jardin", r[0], r[2], "T3", 20, 0.5, 10) for r in rows[:8]]
        ),
        "stationnements": filled(
            tmp_path,
            "stationnements",
            [
                ("Garage aérien", "PLUS", 14, 35),
                ("Parking en sous-sol ou en superstructure", "PLAI", 6, 25),
            ],
        ),
    }


def import_file(page, assert_accessible, path, expected):
    page.get_by_role("link", name="Importer un fichier Excel").click()
    assert_accessible(page)
    page.get_by_label("Fichier Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Lire le fichier et voir l'aperçu").click()
    expect(page.get_by_text(expected)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.get_by_text("Import enregistré")).to_be_visible()
    assert_accessible(page)


def next_step(page, title):
    page.get_by_role("button", name=re.compile("^Enregistrer et ")).click()
    expect(page.locator(".fr-stepper__title")).to_contain_text(title)


def keyboard_to(page, element_id, limit=80):
    """Press Tab until the element with this id has the focus."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{element_id} jamais atteint au clavier")


def test_new_bailleur_fills_in_and_submits(page, newcomer, assert_accessible, tmp_path):
    """From login to submission, every page accessible, a whole step done by keyboard."""
    user, administration = newcomer
    files = spreadsheets(tmp_path)
    log_in(page, user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes conventions")
    assert_accessible(page)

    page.get_by_role("link", name="Nouvelle convention").click()
    assert_accessible(page)
    page.get_by_role("link", name="Une nouvelle opération").click()
    assert_accessible(page)
    page.get_by_label("Administration instructrice").select_option(label=administration.nom)
    page.get_by_label("Nom de l'opération").fill("Les Rives de la Jalle")
    page.get_by_label("Numéro d'opération").fill("20263300042")
    page.get_by_label("Code postal").fill("33300")
    page.get_by_role("textbox", name=re.compile("^Commune")).fill("Bordeaux")
    page.get_by_label("Code INSEE de la commune").fill("33063")
    page.get_by_label("Type d'habitat").select_option("collectif")
    page.get_by_label("Adresse").fill("12 quai de la Jalle")
    page.get_by_label("Financement, ligne 1").select_option("PLUS")
    page.get_by_label("Nombre de logements, ligne 1").fill("28")
    page.get_by_label("Financement, ligne 2").select_option("PLAI")
    page.get_by_label("Nombre de logements, ligne 2").fill("12")
    page.get_by_text(re.compile("^Une seule convention mixte")).click()
    page.get_by_role("button", name="Créer").click()

    # Bailleur, with the keyboard only.
    expect(page.locator(".fr-stepper__title")).to_contain_text("Bailleur")
    assert_accessible(page)
    keyboard_to(page, "convention-signataire_nom")
    page.keyboard.press("Control+A")
    page.keyboard.type("Hélène Garnier")
    keyboard_to(page, "convention-signataire_fonction")
    page.keyboard.press("Control+A")
    page.keyboard.type("Directrice générale")
    page.keyboard.press("Tab")
    page.keyboard.type("12062025")  # the date picker, typed as jj mm aaaa
    for _ in range(60):
        label = page.evaluate("document.activeElement && document.activeElement.textContent")
        if label and "Enregistrer et passer" in label:
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".fr-stepper__title")).to_contain_text("Opération")
    assert_accessible(page)
    next_step(page, "Cadastre")

    # Cadastre: a parcel typed in a new row of the table, saved while typing.
    assert_accessible(page)
    page.get_by_role("button", name="Ajouter une ligne").click()
    row = page.locator("#lignes-referencecadastrale tr").last
    row.locator("input[name$='-section']").fill("AB")
    row.locator("input[name$='-numero']").fill("112")
    row.locator("input[name$='-lieudit']").fill("La Jalle")
    row.locator("input[name$='-surface_m2']").fill("1840")
    expect(page.locator("#autosave-status")).to_contain_text("Enregistré à")
    assert_accessible(page)
    next_step(page, "Financement")

    import_file(page, assert_accessible, files["prets"], "3 ligne(s) à ajouter")
    page.get_by_label("Année de fin du conventionnement").fill("2066")
    next_step(page, "Logements")

    import_file(page, assert_accessible, files["logements"], "40 ligne(s) à ajouter")
    expect(page.locator("#compte-logement")).to_contain_text("40 lignes")
    expect(page.locator("#totaux-logement")).to_contain_text("40 lignes")
    next_step(page, "Annexes")

    import_file(page, assert_accessible, files["annexes"], "8 ligne(s) à ajouter")
    next_step(page, "Stationnements")

    import_file(page, assert_accessible, files["stationnements"], "2 ligne(s) à ajouter")
    next_step(page, "Commentaires")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("récapitulatif")).click()

    expect(page.get_by_role("heading", name="Récapitulatif", level=2)).to_be_visible()
    expect(page.get_by_text("Aucune erreur bloquante")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Vérifier et envoyer en instruction").click()
    expect(page.locator("#rapport-resume")).to_contain_text("Aucune erreur bloquante")
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer en instruction").click()
    expect(page.get_by_text("Convention envoyée en instruction")).to_be_visible()
    assert_accessible(page)
    convention = Convention.objects.get(programme__numero_operation="20263300042")
    assert convention.statut == "instruction"
    assert convention.lots.count() == 2


def test_demo_pages_are_accessible(page, demo, assert_accessible, tmp_path):
    """Every step of the demo drafts (ordinaire, foyer, résidence), with their errors, the
    report, the import preview with problems, the start pages and the simulator pass axe."""
    from apilos.saisie.demo import DRAFTS
    from apilos.saisie.steps import steps_for

    log_in_demo(page, "bailleur@demo.apilos.fr")
    for key in ("2026DEMO0101", "2026DEMO0102", "2026DEMO0103"):
        convention = Convention.objects.get(programme__numero_operation=key, parent=None)
        page.goto(f"/conventions/{convention.uuid}/recapitulatif/")
        assert_accessible(page)
        for step in steps_for(convention):
            page.goto(f"/conventions/{convention.uuid}/etapes/{step.slug}/")
            expect(page.locator(".fr-stepper__title")).to_contain_text(step.title)
            assert_accessible(page)
        page.goto(f"/conventions/{convention.uuid}/verification/")
        assert_accessible(page)
    faulty = next(d for d in DRAFTS if d.key == "2026DEMO0102")
    convention = Convention.objects.get(programme__numero_operation=faulty.key, parent=None)
    page.goto(f"/conventions/{convention.uuid}/verification/")
    expect(page.locator("#rapport-resume")).to_contain_text("erreurs bloquantes")
    page.locator(".apilos-findings a").first.click()
    expect(page.locator(".fr-stepper__title")).to_be_visible()
    assert page.evaluate("document.activeElement && document.activeElement.id") in page.url

    bad = filled(tmp_path, "foyer_residence_logements", [("F1", "T9", "PLAI", "vingt", 400)])
    page.goto(f"/conventions/{convention.uuid}/tableaux/logements-foyer/import/")
    page.get_by_label("Fichier Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Lire le fichier et voir l'aperçu").click()
    expect(page.locator("#problemes")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Annuler l'import").click()
    expect(page.get_by_text("le tableau n'a pas changé")).to_be_visible()

    for path in (
        "/conventions/nouvelle/",
        "/conventions/nouvelle/copie/",
        "/conventions/nouvelle/signee/",
    ):
        page.goto(path)
        assert_accessible(page)
    page.goto("/conventions/simulateur-loyers/")
    page.get_by_label("Loyer ou redevance initial (€)").fill("6,45")
    page.get_by_label("Date du montant initial").fill("2024-03-01")
    page.get_by_label("Date de révision").fill("2026-01-01")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator("#montant-revise")).to_be_visible()
    assert_accessible(page)


def log_in_demo(page, email):
    from apilos.core.demo import DEMO_PASSWORD

    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_rows_duplicated_and_deleted_in_place(page, transactional_db, assert_accessible):
    """With JavaScript, a row is duplicated just below itself and deleted in place; its
    computed surface utile follows what is typed; the totals follow."""
    from tests.saisie.conftest import make_draft

    draft = make_draft()
    log_in(page, draft.member.user)
    page.goto(f"/conventions/{draft.convention.uuid}/etapes/logements/")
    page.get_by_role("button", name="Dupliquer la ligne 1").click()
    copy = page.locator("#lignes-logement tr").nth(1)
    expect(copy.locator("input[name$='-designation']")).to_have_value("A01 (copie)")
    expect(page.locator("#totaux-logement")).to_contain_text("4 lignes")
    copy.locator("input[name$='-surface_habitable']").fill("70")
    expect(copy.locator("output[id$='-surface_utile']")).to_have_text("72,50")
    expect(page.locator("#autosave-status")).to_contain_text("Enregistré à")
    assert_accessible(page)
    page.on("dialog", lambda dialog: dialog.accept())
    copy.get_by_role("button", name=re.compile("^Supprimer la ligne")).click()
    expect(page.locator("#lignes-logement tr")).to_have_count(3)
    expect(page.locator("#totaux-logement")).to_contain_text("3 lignes")
