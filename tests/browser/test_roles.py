"""Each demo role logs in, finds its home page, switches role and logs out; axe-core
reports no violation on any page visited."""

import re

import pytest
from playwright.sync_api import expect

from apilos.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

HOMES = {
    "bailleur@demo.apilos.fr": "Mes conventions",
    "bailleur-sem@demo.apilos.fr": "Mes conventions",
    "instructeur@demo.apilos.fr": "Ma file d'instruction",
    "instructeur-metropole@demo.apilos.fr": "Ma file d'instruction",
    "admin-national@demo.apilos.fr": "Tableau de bord",
    "caf@demo.apilos.fr": "Tableau de bord",
    "staff@demo.apilos.fr": "Tableau de bord",
}


def log_in(page, email, password=DEMO_PASSWORD):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


@pytest.mark.parametrize("email", sorted(HOMES))
def test_each_demo_role_lands_on_its_home(page, demo, assert_accessible, email):
    """Every demo user logs in, sees its own home page and the pages of its menu, all accessible."""
    page.goto("/compte/connexion/")
    assert_accessible(page)
    log_in(page, email)
    expect(page.get_by_role("heading", level=1)).to_have_text(HOMES[email])
    assert_accessible(page)

    page.get_by_role("link", name="Conventions", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conventions")
    assert_accessible(page)
    first = page.locator("table tbody a").first
    if first.count():
        first.click()
        expect(page.locator(".fr-badge").first).to_be_visible()
        assert_accessible(page)

    for name in ("Mon organisation", "Mon administration"):
        link = page.get_by_role("link", name=name)
        if link.count():
            link.click()
            assert_accessible(page)

    page.get_by_role(
        "link", name=re.compile("Béatrice|Samuel|Isabelle|Marc|Nadia|Camille|Stéphane")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    assert_accessible(page)

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à APiLos")


def test_switch_role_from_header(page, demo, assert_accessible):
    """A bailleur user with two organisations switches between them from the header."""
    log_in(page, "bailleur@demo.apilos.fr")
    expect(page.locator("#role-actif")).to_contain_text("Gironde Habitat")
    option = page.locator("#id_membership option", has_text="Association Habitat Solidaire")
    page.get_by_label("Changer de rôle").select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name="Changer de rôle").click()
    expect(page.locator("#role-actif")).to_contain_text("Association Habitat Solidaire")
    expect(page.get_by_text("Maisons de la Benauge")).to_be_visible()
    expect(page.get_by_text("Les Terrasses de Mérignac")).to_have_count(0)
    assert_accessible(page)


def test_wrong_password_and_static_pages(page, demo, assert_accessible):
    """A wrong password gives the French message; the static pages are accessible."""
    log_in(page, "bailleur@demo.apilos.fr", "pas-le-bon")
    expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect")).to_be_visible()
    expect(page.get_by_label("Adresse e-mail")).to_have_value("bailleur@demo.apilos.fr")
    assert_accessible(page)
    for path in (
        "/accessibilite/",
        "/mentions-legales/",
        "/compte/mot-de-passe/oublie/",
        "/page-inconnue/",
    ):
        page.goto(path)
        assert_accessible(page)


def test_login_with_keyboard_only(page, demo):
    """The login form is usable with the keyboard alone."""
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").focus()
    page.keyboard.type("instructeur@demo.apilos.fr")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma file d'instruction")
