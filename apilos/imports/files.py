"""Reading the uploaded bytes and refusing what is not a plain ``.xlsx`` (domain.md §7 step 1).

Each refusal is a ``FileRefused`` whose message is French, says what is wrong and how to fix it.
"""

import io
import os
import zipfile
import zlib
from decimal import Decimal
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from openpyxl.utils.exceptions import InvalidFileException

from apilos.imports.errors import FileRefused
from apilos.imports.text import fr_number

MEGA = 1024 * 1024
MAX_FILE_BYTES = 100 * MEGA  # domain.md §9: uploads ≤ 100 MB
MAX_UNCOMPRESSED_BYTES = 1024 * MEGA  # a 100 Mo upload that expands past 1 Go is a zip bomb

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

SAVE_AS_XLSX = (
    "Ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format « Classeur Excel (.xlsx) », "
    "puis importez-le à nouveau."
)
CORRUPT = (
    "Le fichier est endommagé : il ne peut pas être lu comme un classeur Excel. " + SAVE_AS_XLSX
)
# What openpyxl, zipfile and the XML parsers raise on a damaged file.
READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    OSError,
    ParseError,
    InvalidFileException,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    RuntimeError,  # an encrypted zip, an unsupported compression method
)
try:  # lxml is optional for openpyxl
    from lxml.etree import XMLSyntaxError

    READ_ERRORS = (*READ_ERRORS, XMLSyntaxError)
except ImportError:  # pragma: no cover
    pass


def _size(size: int) -> str:
    """'101 Mo', '2,5 Mo', '17 Ko'."""
    if size >= MEGA:
        return f"{fr_number(round(Decimal(size) / MEGA, 1))} Mo"
    return f"{fr_number(round(Decimal(size) / 1024))} Ko"


def _too_large(size: int, limit: int) -> FileRefused:
    return FileRefused(
        f"Le fichier pèse {_size(size)}, au-delà de la limite de {_size(limit)}. "
        "Supprimez les feuilles et les lignes inutiles, ou découpez le tableau, "
        "puis importez-le à nouveau."
    )


def read_source(source: Any, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, str | None]:
    """The bytes and the file name of a path, bytes or file-like object (a Django upload)."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_bytes:
            raise _too_large(len(data), max_bytes)
        return data, None
    if isinstance(source, str | os.PathLike):
        size = os.path.getsize(source)
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        with open(source, "rb") as handle:
            return handle.read(), os.path.basename(source)
    stream: IO[bytes] = source
    name = getattr(source, "name", None)
    declared = getattr(source, "size", None)
    if isinstance(declared, int) and declared > max_bytes:
        raise _too_large(declared, max_bytes)
    if hasattr(stream, "seek"):
        stream.seek(0)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(declared if isinstance(declared, int) else len(data), max_bytes)
    return data, os.path.basename(name) if isinstance(name, str) else None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        try:
            sample.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def check_xlsx(data: bytes, name: str | None = None) -> None:
    """Raise ``FileRefused`` unless ``data`` is a readable ``.xlsx`` without macros."""
    if not data:
        raise FileRefused("Le fichier est vide. Choisissez le tableau rempli, au format .xlsx.")
    if data.startswith(b"%PDF"):
        raise FileRefused(
            "Ce fichier est un PDF, pas un classeur Excel. Importez le tableau au format .xlsx, "
            "à partir du modèle à télécharger."
        )
    if data.startswith(OLE_SIGNATURE):
        if ENCRYPTED_PACKAGE in data:
            raise FileRefused(
                "Le classeur est protégé par un mot de passe : il ne peut pas être lu. "
                "Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > "
                "Protéger le classeur > Chiffrer avec mot de passe, puis videz le champ), "
                "enregistrez-le et importez-le à nouveau."
            )
        raise FileRefused("Ce fichier est au format Excel 97-2003 (.xls). " + SAVE_AS_XLSX)
    if not data.startswith(ZIP_SIGNATURES):
        if _looks_like_text(data):
            raise FileRefused(
                "Ce fichier contient du texte (CSV ?), pas un classeur Excel. " + SAVE_AS_XLSX
            )
        raise FileRefused("Ce fichier n'est pas un classeur Excel (.xlsx). " + SAVE_AS_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            content_types = (
                archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            )
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except READ_ERRORS:
        raise FileRefused(CORRUPT) from None
    if b"opendocument.spreadsheet" in mimetype:
        raise FileRefused("Ce fichier est au format OpenDocument (.ods). " + SAVE_AS_XLSX)
    macro_name = (name or "").lower().endswith((".xlsm", ".xltm", ".xlam"))
    if (
        macro_name
        or b"macroEnabled" in content_types
        or any(n.lower().endswith("vbaproject.bin") for n in names)
    ):
        raise FileRefused(
            "Ce classeur contient des macros (.xlsm) : par sécurité, il n'est pas accepté. "
            "Enregistrez-le au format « Classeur Excel (.xlsx) », sans macros, "
            "puis importez-le à nouveau."
        )
    if b"spreadsheetml" not in content_types:
        raise FileRefused("Ce fichier n'est pas un classeur Excel (.xlsx). " + SAVE_AS_XLSX)
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise FileRefused(
            "Le classeur est trop volumineux une fois décompressé "
            f"(plus de {_size(MAX_UNCOMPRESSED_BYTES)}). Supprimez les feuilles et les "
            "lignes inutiles, puis importez-le à nouveau."
        )
