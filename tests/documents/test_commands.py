"""`render_document` and `regenerate_documents`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apilos.documents.models import DocumentGenere, Kind, StatutDocument
from apilos.documents.services import (
    document_generate_final,
    docx_generate,
    fiche_caf_generate,
    preview_build,
    preview_request,
)
from tests.documents.conftest import add_logements, signer, valider
from tests.documents.pdf_outils import texte
from tests.factories import ConventionFactory, ProgrammeFactory


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_render_document_par_numero(dossier, tmp_path):
    """The PDF of a validated convention, found by its number, is written to the file."""
    valider(dossier)
    out = tmp_path / "convention.pdf"
    printed = run("render_document", dossier.numero, "--out", str(out))
    assert "modèle hlm, texte juridique version 2026.1" in printed
    assert f"Convention n° {dossier.numero}" in texte(out.read_bytes())
    assert not DocumentGenere.objects.exists()


def test_render_document_fiche_caf_par_uuid(dossier, tmp_path):
    """`--kind fiche_caf` renders the fiche, marked « APERÇU » before signature."""
    valider(dossier)
    out = tmp_path / "fiche.pdf"
    run("render_document", str(dossier.uuid), "--kind", "fiche_caf", "--out", str(out))
    assert "APERÇU" in texte(out.read_bytes())


def test_render_document_brouillon_filigrane(dossier, tmp_path):
    """A draft renders with its watermark."""
    out = tmp_path / "projet.pdf"
    run("render_document", str(dossier.uuid), "--out", str(out))
    assert "PROJET" in texte(out.read_bytes())


def test_render_document_inconnu(db, tmp_path):
    """An unknown number is a clear error."""
    with pytest.raises(CommandError, match="Aucune convention"):
        run("render_document", "99.D.99.9999", "--out", str(tmp_path / "x.pdf"))


def test_render_document_avenant_absent(dossier, tmp_path):
    """`--kind avenant` on a convention without avenant says so."""
    valider(dossier)
    with pytest.raises(CommandError, match="pas d'avenant"):
        run("render_document", dossier.numero, "--kind", "avenant", "--out", str(tmp_path / "a"))


@pytest.fixture
def parc(dossier, media_root):
    """A draft with a stored preview and DOCX, a validated convention with its PDF, a signed
    one with its PDF and fiche CAF, and a validated one whose PDF was never produced."""
    preview_build(document=preview_request(convention=dossier))
    docx_generate(convention=dossier)

    def autre(nom):
        convention = ConventionFactory(
            programme=ProgrammeFactory(
                bailleur=dossier.programme.bailleur,
                administration=dossier.programme.administration,
                nom=nom,
            )
        )
        add_logements(convention, 2)
        return valider(convention)

    a_signer = autre("Validée")
    document_generate_final(convention=a_signer)
    signee = autre("Signée")
    document_generate_final(convention=signee)
    signer(signee)
    fiche_caf_generate(convention=signee)
    manquant = autre("Sans document")
    return {"brouillon": dossier, "a_signer": a_signer, "signee": signee, "manquant": manquant}


def test_regenerate_documents_simulation(parc, textes_juridiques):
    """`--dry-run` says what would be done and changes nothing."""
    textes_juridiques("hlm", "2026.2", "2026-01-02")
    before = list(DocumentGenere.objects.values_list("pk", "statut"))
    printed = run("regenerate_documents", "--dry-run")
    assert "Simulation, rien n'a été changé. 2 à régénérer, 1 à produire, 3 ignoré(s)." in printed
    assert "version 2026.1 → 2026.2" in printed
    assert "convention signée, jamais régénéré" in printed
    assert list(DocumentGenere.objects.values_list("pk", "statut")) == before


def test_regenerate_documents_brouillons_seulement(parc, textes_juridiques):
    """Drafts get the new legal text, validated conventions keep theirs, signed ones are
    untouched, and a missing PDF to sign is produced."""
    textes_juridiques("hlm", "2026.2", "2026-01-02")
    signes = list(
        DocumentGenere.objects.filter(convention=parc["signee"]).values_list(
            "pk", "statut", "sha256"
        )
    )
    printed = run("regenerate_documents")
    assert "2 régénéré(s), 1 produit(s), 3 ignoré(s)." in printed
    courants = DocumentGenere.objects.filter(
        convention=parc["brouillon"], statut=StatutDocument.COURANT
    )
    assert sorted(courants.values_list("kind", "template_version")) == [
        (Kind.CONVENTION, "2026.2"),
        (Kind.DOCX, "2026.2"),
    ]
    assert DocumentGenere.objects.get(convention=parc["a_signer"]).template_version == "2026.1"
    assert (
        list(
            DocumentGenere.objects.filter(convention=parc["signee"]).values_list(
                "pk", "statut", "sha256"
            )
        )
        == signes
    )
    assert DocumentGenere.objects.filter(convention=parc["manquant"], definitif=True).count() == 1
    assert "0 régénéré(s), 0 produit(s)" in run("regenerate_documents")
