"""Reading back what a rendered PDF says (text, PDF/A metadata, tags)."""

import io
import re

import pypdf


def lire(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def lignes(pdf: bytes) -> list[str]:
    """The text lines of every page, no-break spaces read as spaces."""
    text = "\n".join(page.extract_text() for page in lire(pdf).pages)
    return [re.sub(r"[ \u00a0\u202f]+", " ", line).strip() for line in text.splitlines()]


def texte(pdf: bytes) -> str:
    """All the text on one line, whitespace collapsed (wrapped sentences join up again)."""
    return " ".join(" ".join(lignes(pdf)).split())


def xmp(pdf: bytes) -> str:
    return lire(pdf).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
