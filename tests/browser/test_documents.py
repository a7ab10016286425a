"""The bailleur previews its draft, the instructeur downloads the validated PDF, and a large
preview is followed until ready; axe-core reports no violation on the pages visited."""

import hashlib
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apilos.documents.models import DocumentGenere
from apilos.documents.services import document_generate_final, preview_build
from tests.documents.conftest import add_logements, valider
from tests.documents.pdf_outils import texte
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page, user):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def documents_url(convention):
    return reverse("documents:liste", kwargs={"uuid": convention.uuid})


def test_le_bailleur_previsualise_son_projet(
    page, transactional_db, people, dossier, assert_accessible
):
    """The bailleur opens the Documents page of its draft and gets the watermarked preview."""
    log_in(page, people["bailleur"].user)
    page.goto(documents_url(dossier))
    expect(page.get_by_role("heading", level=2, name="Documents")).to_be_visible()
    assert_accessible(page)
    lien = page.get_by_role("link", name=re.compile("Aperçu PDF"))
    expect(lien).to_contain_text("filigrane « PROJET »")
    response = page.request.get(lien.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "PROJET" in texte(response.body())


def test_l_instructeur_telecharge_le_pdf_valide(
    page, transactional_db, people, dossier, assert_accessible
):
    """The instructeur downloads the validated PDF; its bytes are the stored ones."""
    valider(dossier)
    document = document_generate_final(convention=dossier)
    log_in(page, people["instructeur"].user)
    page.goto(documents_url(dossier))
    expect(page.get_by_role("cell", name=document.sha256[:12] + "…")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as telechargement:
        page.get_by_role("link", name="Télécharger le document à signer (PDF)").click()
    download = telechargement.value
    assert download.suggested_filename == document.nom
    contenu = Path(download.path()).read_bytes()
    assert hashlib.sha256(contenu).hexdigest() == document.sha256
    assert "PROJET" not in texte(contenu) and "EN INSTRUCTION" not in texte(contenu)


def test_grand_apercu_suivi_jusqu_au_telechargement(
    page, transactional_db, people, dossier, settings, assert_accessible
):
    """A large preview is asked for, the page polls while the worker builds it, then offers
    the download; the user could have left and come back."""
    settings.DOCUMENTS_APERCU_SYNCHRONE_MAX_LOGEMENTS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    add_logements(dossier, 1, financement="PLAI")
    log_in(page, people["bailleur"].user)
    page.goto(documents_url(dossier))
    page.get_by_role("button", name="Préparer l'aperçu PDF").click()
    expect(page.get_by_role("heading", name="Aperçu en préparation")).to_be_visible()
    assert_accessible(page)
    document = DocumentGenere.objects.get(convention=dossier, definitif=False)
    preview_build(document=document)  # what the worker does
    lien = page.get_by_role("link", name=re.compile("Télécharger l'aperçu"))
    expect(lien).to_be_visible(timeout=10_000)
    assert_accessible(page)
    document.refresh_from_db()
    assert lien.get_attribute("href") == reverse(
        "documents:document", kwargs={"uuid": document.uuid}
    )
    page.goto(documents_url(dossier))
    expect(page.get_by_role("cell", name=document.sha256[:12] + "…")).to_be_visible()
