"""What a document of a convention is rendered from, and the SHA-256 of it.

From `a_signer` on it is the validated snapshot `donnees_validees` (R47). The snapshot is the
contractual content; the convention's lifecycle fields (status, validation and signature
dates) move on after it was taken, so they are read from the convention row: a snapshot taken
while the row still said `instruction` never prints "EN INSTRUCTION" on the document to sign.
Before `a_signer` it is the live data (`donnees_convention`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from apilos.conventions.enums import FROM_A_SIGNER

from .donnees import _value, donnees_convention

# Lifecycle fields: not part of what was validated, always read from the convention row.
LIFECYCLE = ("statut", "valide_le", "date_signature", "date_signature_precision")


def canonical_json(donnees: Any) -> str:
    """The same data always gives the same text: keys sorted, no spaces."""
    return json.dumps(donnees, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(donnees: Any) -> str:
    return hashlib.sha256(canonical_json(donnees).encode("utf-8")).hexdigest()


def uses_snapshot(convention: Any) -> bool:
    """True when documents come from the validated snapshot (R47)."""
    return convention.statut in FROM_A_SIGNER and bool(convention.donnees_validees)


def source_donnees(convention: Any) -> dict[str, Any]:
    """The data a document of this convention is rendered from, as plain JSON."""
    if not uses_snapshot(convention):
        return donnees_convention(convention)
    snapshot = convention.donnees_validees
    lifecycle = {name: _value(getattr(convention, name)) for name in LIFECYCLE}
    return {**snapshot, "convention": {**snapshot["convention"], **lifecycle}}
