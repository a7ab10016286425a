"""The validated data of a convention (R47) and its SHA-256.

Documents are rendered from this snapshot from `a_signer` on, so it is exactly what the
documents app reads back: `donnees_convention`, the version and all its rows as plain JSON
in a fixed order. The digest is taken over its canonical JSON text (sorted keys, no spaces),
so the same data always gives the same digest.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from apilos.documents.donnees import donnees_convention


def convention_snapshot(convention) -> dict[str, Any]:
    """Everything a convention version says, as JSON-ready data, in a deterministic order."""
    return donnees_convention(convention)


def snapshot_text(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def snapshot_sha256(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(snapshot_text(snapshot).encode("utf-8")).hexdigest()
