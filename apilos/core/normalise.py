"""Normalised copies of identifiers, used for uniqueness and search."""

import re

_SEPARATORS = re.compile(r"[\s/\-.]+")


def normalise_numero(raw: str | None) -> str:
    """Upper-case, without spaces, `/`, `-` or `.` (numéro d'opération, numéro de convention)."""
    return _SEPARATORS.sub("", raw or "").upper()
