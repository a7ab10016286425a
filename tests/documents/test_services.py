"""Producing the documents of a convention: previews, the final PDF (R47), the fiche CAF."""

import hashlib
import io
import zipfile

import pytest
from django.core import mail

from apilos.accounts.enums import NotificationPreference
from apilos.documents.emails import final_document_email
from apilos.documents.models import DocumentGenere, Etat, Kind, StatutDocument
from apilos.documents.services import (
    DocumentRefuse,
    document_generate_final,
    document_preview,
    documents_supersede,
    docx_generate,
    fiche_caf_generate,
    fiche_caf_preview,
    final_courant,
    prepare,
    preview_build,
    preview_request,
)
from apilos.documents.sources import sha256_of
from tests.documents.conftest import add_logements, signer, valider
from tests.documents.pdf_outils import texte
from tests.factories import membership

FILIGRANES = ("PROJET", "EN INSTRUCTION", "ANNULÉE", "APERÇU")


def filigranes(pdf: bytes) -> set[str]:
    contenu = texte(pdf)
    return {mot for mot in FILIGRANES if mot in contenu}


@pytest.mark.parametrize(
    ("statut", "attendu"),
    [
        ("projet", {"PROJET"}),
        ("instruction", {"EN INSTRUCTION"}),
        ("correction", {"EN INSTRUCTION"}),
        ("annulee", {"ANNULÉE"}),
    ],
)
def test_apercu_filigrane_des_brouillons(dossier, statut, attendu):
    """A draft's preview carries the watermark of its status (§8.4)."""
    dossier.statut = statut
    dossier.save()
    assert filigranes(document_preview(dossier)) == attendu


def test_apercu_sans_filigrane_a_partir_de_a_signer(dossier):
    """From « À signer » the preview has no watermark, although the snapshot was taken while
    the row still said « instruction »."""
    valider(dossier)
    assert dossier.donnees_validees["convention"]["statut"] == "instruction"
    pdf = document_preview(dossier)
    assert filigranes(pdf) == set()
    assert dossier.numero in texte(pdf)


def test_apres_validation_le_document_vient_de_l_instantane(dossier):
    """Changing the live rows after validation changes nothing in the documents (R47)."""
    valider(dossier)
    programme = dossier.programme
    programme.nom = "Nom changé après validation"
    programme.save()
    contenu = texte(document_preview(dossier))
    assert "Les Terrasses du Parc" in contenu
    assert "Nom changé après validation" not in contenu


def test_document_final_stocke_avec_son_empreinte(dossier):
    """The final PDF is stored with the SHA-256 and size of its bytes, the data it was built
    from and the legal text version."""
    valider(dossier)
    document = document_generate_final(convention=dossier)
    contenu = document.fichier.read()
    assert document.sha256 == hashlib.sha256(contenu).hexdigest()
    assert document.taille == len(contenu)
    assert (document.kind, document.definitif, document.statut) == (
        Kind.CONVENTION,
        True,
        StatutDocument.COURANT,
    )
    assert (document.template_version, document.model) == ("2026.1", "hlm")
    assert document.snapshot_sha256 == sha256_of(document.snapshot)
    assert document.donnees_validees_sha256 == dossier.donnees_validees_sha256
    assert document.snapshot["version_modele"] == "2026.1"
    assert filigranes(contenu) == set()
    assert f"Convention n° {dossier.numero}" in texte(contenu)


def test_document_final_idempotent(dossier):
    """The same snapshot never gives two final documents."""
    valider(dossier)
    first = document_generate_final(convention=dossier)
    again = document_generate_final(convention=dossier)
    assert again.pk == first.pk
    assert DocumentGenere.objects.filter(convention=dossier, definitif=True).count() == 1


def test_document_final_refuse_avant_la_validation(dossier):
    """A draft has no final document."""
    with pytest.raises(DocumentRefuse, match="À signer"):
        document_generate_final(convention=dossier)
    assert not DocumentGenere.objects.exists()


def test_convention_signee_jamais_regeneree(dossier):
    """Once signed, the final document is returned as it is, never produced again."""
    valider(dossier)
    document = document_generate_final(convention=dossier)
    signer(dossier)
    programme = dossier.programme
    programme.nom = "Autre nom"
    programme.save()
    assert document_generate_final(convention=dossier).pk == document.pk
    assert DocumentGenere.objects.filter(convention=dossier).count() == 1


def test_convention_signee_sans_document_refusee(dossier):
    """A signed convention without a generated document does not get one afterwards."""
    signer(valider(dossier))
    with pytest.raises(DocumentRefuse, match="jamais produit"):
        document_generate_final(convention=dossier)


def test_retour_en_instruction_remplace_le_document(dossier):
    """Back to instruction the document is superseded; the next validation makes a new one."""
    valider(dossier)
    first = document_generate_final(convention=dossier)
    dossier.statut = "instruction"
    dossier.donnees_validees, dossier.donnees_validees_sha256 = None, ""
    dossier.save()
    assert documents_supersede(convention=dossier) == 1
    first.refresh_from_db()
    assert first.statut == StatutDocument.REMPLACE
    add_logements(dossier, 1, financement="PLAI")
    valider(dossier)
    second = document_generate_final(convention=dossier)
    assert second.pk != first.pk
    assert final_courant(dossier) == second
    first.refresh_from_db()
    assert first.statut == StatutDocument.REMPLACE


def test_revalidation_identique_reprend_le_meme_document(dossier):
    """Validated again with the same data the same day, the superseded document comes back
    instead of a second one."""
    jour = valider(dossier).valide_le
    first = document_generate_final(convention=dossier)
    dossier.statut, dossier.valide_le = "instruction", None
    dossier.donnees_validees, dossier.donnees_validees_sha256 = None, ""
    dossier.save()
    documents_supersede(convention=dossier)
    valider(dossier, valide_le=jour)
    assert document_generate_final(convention=dossier).pk == first.pk
    first.refresh_from_db()
    assert first.statut == StatutDocument.COURANT


def test_version_du_texte_gardee_depuis_la_validation(dossier, textes_juridiques):
    """A newer legal text in force does not change a validated convention's documents."""
    valider(dossier)
    assert document_generate_final(convention=dossier).template_version == "2026.1"
    textes_juridiques("hlm", "2026.2", "2026-01-02")
    assert prepare(dossier, Kind.CONVENTION).version == "2026.1"
    assert "version 2026.1" in texte(document_preview(dossier))


def test_nouvelle_version_pour_les_brouillons(dossier, textes_juridiques):
    """A draft is printed with the legal text in force today."""
    textes_juridiques("hlm", "2026.2", "2026-01-02")
    assert prepare(dossier, Kind.CONVENTION).version == "2026.2"
    assert "version 2026.2" in texte(document_preview(dossier))


def test_fiche_caf_apercu_puis_finale(dossier):
    """The fiche CAF: « APERÇU » at à signer, final at signature, archived at publication."""
    with pytest.raises(DocumentRefuse):
        fiche_caf_preview(dossier)
    valider(dossier)
    assert filigranes(fiche_caf_preview(dossier)) == {"APERÇU"}
    with pytest.raises(DocumentRefuse, match="signature"):
        fiche_caf_generate(convention=dossier)
    signer(dossier)
    fiche = fiche_caf_generate(convention=dossier)
    assert (fiche.kind, fiche.template_version) == (Kind.FICHE_CAF, "2026.1")
    assert filigranes(fiche.fichier.read()) == set()
    assert fiche_caf_generate(convention=dossier).pk == fiche.pk
    signer(dossier, statut="publiee")
    publiee = fiche_caf_generate(convention=dossier)
    fiche.refresh_from_db()
    assert publiee.pk != fiche.pk
    assert (fiche.statut, publiee.statut) == (StatutDocument.ARCHIVE, StatutDocument.COURANT)


def test_copie_de_travail_docx(dossier):
    """The DOCX copy says « sans valeur contractuelle » and is kept while the data stay."""
    copie = docx_generate(convention=dossier)
    assert copie.kind == Kind.DOCX and not copie.definitif
    with zipfile.ZipFile(io.BytesIO(copie.fichier.read())) as archive:
        assert "sans valeur contractuelle" in archive.read("word/footer1.xml").decode()
    assert docx_generate(convention=dossier).pk == copie.pk
    add_logements(dossier, 1, financement="PLAI")
    nouvelle = docx_generate(convention=dossier)
    copie.refresh_from_db()
    assert nouvelle.pk != copie.pk and copie.statut == StatutDocument.REMPLACE


def test_apercu_par_le_worker(dossier, django_capture_on_commit_callbacks):
    """A large preview is asked once for the same data, then built with its watermark."""
    with django_capture_on_commit_callbacks() as callbacks:
        demande = preview_request(convention=dossier)
    assert demande.etat == Etat.EN_ATTENTE and len(callbacks) == 1
    assert preview_request(convention=dossier).pk == demande.pk
    document = preview_build(document=demande)
    assert document.etat == Etat.PRET
    contenu = document.fichier.read()
    assert document.sha256 == hashlib.sha256(contenu).hexdigest()
    assert filigranes(contenu) == {"PROJET"}


def test_courriel_du_document_a_signer(dossier, people, django_capture_on_commit_callbacks):
    """The bailleur receives the PDF to sign attached; a user who wants no e-mail does not."""
    muet = people["bailleur"].user
    membership(role="bailleur", bailleur=dossier.programme.bailleur)
    muet.preference_notification = NotificationPreference.AUCUN
    muet.save()
    valider(dossier)
    with django_capture_on_commit_callbacks(execute=True):
        document = document_generate_final(convention=dossier)
    (message,) = mail.outbox
    assert muet.email not in message.to and len(message.to) == 1
    assert message.subject == f"Document à signer : {dossier}"
    ((nom, contenu, type_mime),) = message.attachments
    assert (nom, type_mime) == (document.nom, "application/pdf")
    assert hashlib.sha256(contenu).hexdigest() == document.sha256
    with django_capture_on_commit_callbacks(execute=True):
        document_generate_final(convention=dossier)
    assert len(mail.outbox) == 1


def test_courriel_avec_un_lien_au_dela_de_10_mo(dossier, people):
    """Above 10 MB the e-mail gives a link instead of the attachment."""
    valider(dossier)
    document = document_generate_final(convention=dossier)
    document.taille = 11 * 1024 * 1024
    message = final_document_email(document)
    assert message.attachments == []
    assert f"/documents/{document.uuid}/" in message.body
