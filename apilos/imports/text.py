"""Text helpers shared by header matching and label matching (domain.md §7 step 2)."""

import re
import unicodedata
from decimal import Decimal

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# NBSP, narrow NBSP, thin space, line and paragraph separators, line breaks, tabs.
_BLANKS = str.maketrans(dict.fromkeys("\u00a0\u202f\u2009\u2007\u2028\u2029\r\n\t\v\f", " "))


def strip_accents(text: str) -> str:
    """'Désignation' -> 'Designation'."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(value: object) -> str:
    """NFKC, ’ -> ', NBSP and line breaks -> space, collapsed spaces, case-folded, no accents."""
    text = unicodedata.normalize("NFKC", str(value))
    text = text.translate(_APOSTROPHES).translate(_BLANKS)
    text = _SPACES.sub(" ", text).strip().casefold()
    return strip_accents(text)


def words(normalized: str) -> frozenset[str]:
    """The words of an already normalised text."""
    return frozenset(_WORDS.findall(normalized))


def one_line(text: str) -> str:
    """A header shown in a message: its line breaks and repeated spaces collapsed."""
    return _SPACES.sub(" ", str(text).translate(_BLANKS)).strip()


def first_line(text: str) -> str:
    """The first non-empty line of a header cell."""
    for line in str(text).splitlines():
        if line.strip():
            return one_line(line)
    return ""


def fr_number(value: Decimal | int, places: int | None = None) -> str:
    """French display of a number: 1234.5 -> '1 234,5' (places=2 -> '1 234,50')."""
    number = Decimal(value)
    if places is not None:
        text = f"{number:,.{places}f}"
    else:
        text = f"{number.normalize():,f}" if number != number.to_integral() else f"{number:,.0f}"
    return text.replace(",", " ").replace(".", ",")
