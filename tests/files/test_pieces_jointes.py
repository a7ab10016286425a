"""Attachments (R46): type sniffed from the bytes, 100 MB at most, SHA-256 kept."""

import hashlib
import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile

from apilos.files.enums import MAX_SIZE
from apilos.files.services import piece_jointe_create, pieces_jointes_for
from tests.factories import ConventionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


ACCEPTED = {
    "pdf": (b"%PDF-1.7\n1 0 obj\n", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png"),
    "jpeg": (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    "docx": (
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": (
        _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        "application/vnd.oasis.opendocument.text",
    ),
    "ods": (
        _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
}


@pytest.mark.parametrize("kind", sorted(ACCEPTED))
def test_accepted_types_are_sniffed_from_content(kind, media_root):
    """PDF, PNG, JPEG, docx, xlsx, odt and ods are recognised by their bytes, whatever the name."""
    content, mime = ACCEPTED[kind]
    owner, user = ConventionFactory(), UserFactory()
    upload = SimpleUploadedFile("sans-extension", content, content_type="text/plain")

    piece = piece_jointe_create(owner=owner, champ="commentaires", uploaded_file=upload, by=user)

    assert piece.type_mime == mime
    assert piece.taille == len(content)
    assert piece.sha256 == hashlib.sha256(content).hexdigest()
    assert piece.statut_antivirus == "en_attente" and not piece.is_usable
    assert piece.owner == owner and piece.cree_par == user
    assert piece.nom == "sans-extension"
    assert "sans-extension" not in piece.fichier.name  # the user's name never reaches storage
    with piece.fichier.open("rb") as stored:
        assert stored.read() == content
    assert list(pieces_jointes_for(owner, "commentaires")) == [piece]


SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SVG, "SVG ne sont pas acceptées"),
        (b"<svg onload='x'/>", "SVG ne sont pas acceptées"),
        (b"MZ\x90\x00executable", "n'est pas accepté"),
        (b"<html><body>page</body></html>", "n'est pas accepté"),
        (_zip({"a.txt": b"texte"}), "n'est pas accepté"),
        (_zip({"mimetype": b"application/epub+zip"}), "n'est pas accepté"),
        (b"PK\x03\x04 not really a zip", "n'est pas accepté"),
        (b"", "vide"),
    ],
)
def test_other_types_are_refused_in_french(content, message, media_root):
    """SVG and anything outside the accepted list are refused, whatever the file is called."""
    upload = SimpleUploadedFile("plan.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError, match=message):
        piece_jointe_create(
            owner=ConventionFactory(), champ="commentaires", uploaded_file=upload, by=None
        )


def test_files_over_100_mo_are_refused(media_root):
    """R46: 100 MB at most."""
    upload = InMemoryUploadedFile(
        io.BytesIO(b"%PDF-1.7\n"), None, "gros.pdf", "application/pdf", MAX_SIZE + 1, None
    )
    with pytest.raises(ValidationError, match="100 Mo"):
        piece_jointe_create(
            owner=ConventionFactory(), champ="fichier_signe", uploaded_file=upload, by=None
        )


def test_display_name_drops_client_paths(media_root):
    """A name sent with a Windows path keeps only the file name."""
    upload = SimpleUploadedFile("C:\\Users\\moi\\acte.pdf", ACCEPTED["pdf"][0])
    piece = piece_jointe_create(
        owner=ConventionFactory(), champ="fichier_signe", uploaded_file=upload, by=None
    )
    assert piece.nom == "acte.pdf"
