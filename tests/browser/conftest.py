"""Real Chromium (Debian's package) driven by Playwright, with axe-core on every page.

Without Chromium the browser tests are skipped with the reason printed; CI sets
APILOS_REQUIRE_BROWSER=1 so that a missing browser fails instead.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

# The documents tests' convention and people, for the documents pages.
from tests.documents.conftest import dossier, people  # noqa: F401

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# the test itself (fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    reason = (
        "Chromium introuvable : installez le paquet Debian « chromium » "
        "pour lancer les tests navigateur."
    )
    if os.environ.get("APILOS_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(reason)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_configure(config):
    if not CHROMIUM:
        print("\nTests navigateur ignorés : Chromium introuvable (paquet Debian « chromium »).")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


_axe = Axe()


@pytest.fixture
def assert_accessible():
    """Run axe-core on the current page and fail with the readable report on any violation."""

    def check(page):
        results = _axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def demo(transactional_db, settings):
    from apilos.core.demo import load_demo

    settings.DEBUG = False
    load_demo()
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
