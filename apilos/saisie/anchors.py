"""Ids of the inputs of the convention form, derived from the rules engine's addresses.

A finding addresses `objet` (model name), optionally `ligne_uuid` (a row) and `champ` (a
field). The input editing that field carries the id `objet-ligne_uuid-champ` (or
`objet-champ` without a row), so the pre-submission report links straight to it.
"""

from __future__ import annotations

from uuid import UUID


def prefix_for(objet: str, ligne_uuid: UUID | str | None = None) -> str:
    """The form prefix of an object: `convention`, `programme`, `lot-<uuid>`, `logement-<uuid>`."""
    return f"{objet}-{ligne_uuid}" if ligne_uuid else objet


def anchor(objet: str, ligne_uuid: UUID | str | None = None, champ: str | None = None) -> str:
    """The id of the input (or of the row, or of the table) a finding points at."""
    if champ:
        return f"{prefix_for(objet, ligne_uuid)}-{champ}"
    if ligne_uuid:
        return f"ligne-{ligne_uuid}"
    return f"tableau-{objet}"
