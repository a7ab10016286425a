"""Document pages and downloads: scoped like the convention, 404 for everyone else."""

import hashlib

import pytest
from django.urls import reverse

from apilos.documents.models import DocumentGenere, Etat
from apilos.documents.services import document_generate_final, fiche_caf_generate
from tests.documents.conftest import signer, valider
from tests.documents.pdf_outils import texte

CONVENTION_ROUTES = ["liste", "apercu", "final", "docx", "fiche_caf"]


def url(name, convention):
    return reverse(f"documents:{name}", kwargs={"uuid": convention.uuid})


def contenu(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_le_bailleur_voit_l_apercu_filigrane(client, dossier, people):
    """The bailleur previews its draft in the browser, watermarked « PROJET »."""
    client.force_login(people["bailleur"].user)
    response = client.get(url("apercu", dossier))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "private" in response["Cache-Control"]
    assert "PROJET" in texte(response.content)


@pytest.mark.parametrize("name", CONVENTION_ROUTES)
def test_un_autre_bailleur_recoit_404(client, dossier, people, name):
    """Another organisation's convention does not exist for its documents either."""
    signer(valider(dossier))
    fiche_caf_generate(convention=dossier)
    client.force_login(people["autre_bailleur"].user)
    assert client.get(url(name, dossier)).status_code == 404


def test_un_autre_bailleur_ne_telecharge_aucun_document(client, dossier, people):
    """A stored document answers 404 outside its convention's scope, preview requests too."""
    valider(dossier)
    document = document_generate_final(convention=dossier)
    client.force_login(people["autre_bailleur"].user)
    for name in ("document", "suivi"):
        address = reverse(f"documents:{name}", kwargs={"uuid": document.uuid})
        assert client.get(address).status_code == 404
    assert client.post(url("apercu_preparer", dossier)).status_code == 404
    assert not DocumentGenere.objects.filter(definitif=False).exists()


@pytest.mark.parametrize("name", CONVENTION_ROUTES)
def test_le_partenaire_ne_voit_rien_avant_a_signer(client, dossier, people, name):
    """A CAF partner sees nothing of a convention before « À signer »."""
    client.force_login(people["partenaire"].user)
    assert client.get(url(name, dossier)).status_code == 404


def test_le_partenaire_telecharge_la_fiche_caf(client, dossier, people):
    """From « À signer » the CAF partner gets the fiche CAF preview, then the final fiche."""
    client.force_login(people["partenaire"].user)
    valider(dossier)
    response = client.get(url("fiche_caf", dossier))
    assert response.status_code == 200 and "APERÇU" in texte(response.content)
    signer(dossier)
    response = client.get(url("fiche_caf", dossier))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    fiche = DocumentGenere.objects.get(convention=dossier, kind="fiche_caf")
    assert hashlib.sha256(contenu(response)).hexdigest() == fiche.sha256


def test_pas_de_fiche_caf_pour_un_brouillon(client, dossier, people):
    """The fiche CAF does not exist before « À signer », whoever asks."""
    client.force_login(people["instructeur"].user)
    assert client.get(url("fiche_caf", dossier)).status_code == 404


def test_l_instructeur_telecharge_le_pdf_valide(client, dossier, people):
    """The validated PDF downloads as stored, byte for byte."""
    valider(dossier)
    document = document_generate_final(convention=dossier)
    client.force_login(people["instructeur"].user)
    response = client.get(url("final", dossier))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert hashlib.sha256(contenu(response)).hexdigest() == document.sha256


def test_document_final_absent_pour_un_brouillon(client, dossier, people):
    """A draft has no final PDF to download."""
    client.force_login(people["instructeur"].user)
    assert client.get(url("final", dossier)).status_code == 404


def test_document_final_produit_si_le_worker_n_est_pas_passe(client, dossier, people):
    """At « À signer », asking for the PDF before the worker ran produces it once."""
    valider(dossier)
    client.force_login(people["bailleur"].user)
    assert client.get(url("final", dossier)).status_code == 200
    assert client.get(url("final", dossier)).status_code == 200
    assert DocumentGenere.objects.filter(convention=dossier, definitif=True).count() == 1


def test_copie_de_travail_docx(client, dossier, people):
    """The DOCX working copy downloads with a name saying it has no contractual value."""
    client.force_login(people["bailleur"].user)
    response = client.get(url("docx", dossier))
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    assert "sans-valeur-contractuelle.docx" in response["Content-Disposition"]


def test_la_page_documents_liste_les_documents(client, dossier, people):
    """The Documents section lists each document with its version, size and short SHA-256."""
    valider(dossier)
    document = document_generate_final(convention=dossier)
    client.force_login(people["instructeur"].user)
    page = client.get(url("liste", dossier)).content.decode()
    assert "Télécharger le document à signer (PDF)" in page
    assert document.sha256[:12] in page
    assert "2026.1" in page
    assert reverse("documents:document", kwargs={"uuid": document.uuid}) in page
    assert "Aperçu de la fiche CAF" in page


def test_grande_convention_apercu_par_le_worker(
    client, dossier, people, settings, django_capture_on_commit_callbacks
):
    """Above the threshold the preview is asked for, built by the worker, and the page polls
    until the download is offered."""
    settings.DOCUMENTS_APERCU_SYNCHRONE_MAX_LOGEMENTS = 2
    client.force_login(people["bailleur"].user)
    response = client.get(url("apercu", dossier))
    assert response.status_code == 302 and response["Location"] == url("liste", dossier)
    assert "Préparer l'aperçu PDF" in client.get(url("liste", dossier)).content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url("apercu_preparer", dossier))
    document = DocumentGenere.objects.get(convention=dossier, definitif=False)
    suivi = reverse("documents:suivi", kwargs={"uuid": document.uuid})
    assert response.status_code == 302 and response["Location"] == suivi
    fragment = client.get(suivi, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment
    for callback in callbacks:  # what the worker does
        callback()
    document.refresh_from_db()
    assert document.etat == Etat.PRET
    fragment = client.get(suivi, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert reverse("documents:document", kwargs={"uuid": document.uuid}) in fragment
