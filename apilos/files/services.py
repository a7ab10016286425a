"""Storing attachments (R46): the server sniffs the type from the bytes, never the name."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from .enums import MAX_SIZE, StatutAntivirus
from .models import PieceJointe

ACCEPTED = "PDF, PNG, JPEG, DOCX, XLSX, ODT ou ODS"
# (MIME type, extension) per sniffed kind.
PDF = ("application/pdf", ".pdf")
PNG = ("image/png", ".png")
JPEG = ("image/jpeg", ".jpg")
DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
ODT = ("application/vnd.oasis.opendocument.text", ".odt")
ODS = ("application/vnd.oasis.opendocument.spreadsheet", ".ods")
ODF = {ODT[0]: ODT, ODS[0]: ODS}


def _zip_kind(uploaded_file: UploadedFile) -> tuple[str, str] | None:
    """Office containers: ODF names its type in `mimetype`; OOXML by its main part."""
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return ODF.get(declared)
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def sniff(uploaded_file: UploadedFile) -> tuple[str, str]:
    """(MIME type, extension) of an accepted file, else a French ValidationError."""
    uploaded_file.seek(0)
    head = uploaded_file.read(2048)
    uploaded_file.seek(0)
    kind: tuple[str, str] | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(uploaded_file)
    elif b"<svg" in head.lower():
        raise ValidationError(
            "Les images SVG ne sont pas acceptées (elles peuvent contenir du code). "
            f"Formats acceptés : {ACCEPTED}.",
            code="svg",
        )
    uploaded_file.seek(0)
    if kind is None:
        raise ValidationError(
            f"Ce type de fichier n'est pas accepté. Formats acceptés : {ACCEPTED}.",
            code="type",
        )
    return kind


def _sha256(uploaded_file: UploadedFile) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _display_name(raw: str | None, extension: str) -> str:
    name = PurePath((raw or "").replace("\\", "/")).name.strip() or f"fichier{extension}"
    return name[-255:]


@transaction.atomic
def piece_jointe_create(
    *, owner: models.Model, champ: str, uploaded_file: UploadedFile, by
) -> PieceJointe:
    """Store an uploaded file for `owner.champ`.

    The antivirus scan is not done here: the row starts `en_attente` and is not usable
    (`is_usable`) until a scanner marks it `sain`.
    """
    if owner.pk is None:
        raise ValueError("Le propriétaire de la pièce jointe doit être enregistré.")
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError("Le fichier est vide.", code="empty")
    if size > MAX_SIZE:
        raise ValidationError("Le fichier dépasse la taille maximale de 100 Mo.", code="too_large")
    type_mime, extension = sniff(uploaded_file)
    piece = PieceJointe(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
        champ=champ,
        nom=_display_name(uploaded_file.name, extension),
        taille=size,
        type_mime=type_mime,
        sha256=_sha256(uploaded_file),
        statut_antivirus=StatutAntivirus.EN_ATTENTE,
        cree_par=by,
    )
    piece.fichier.save(f"piece{extension}", uploaded_file, save=False)
    piece.save()
    return piece


def pieces_jointes_for(owner: models.Model, champ: str | None = None):
    queryset = PieceJointe.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
    )
    return queryset.filter(champ=champ) if champ else queryset
