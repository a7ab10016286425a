"""The validated data of a convention (R47): its whole graph as plain JSON, and its SHA-256.

The same data always gives the same JSON text, hence the same digest: keys are sorted,
rows come in a fixed order, decimals and dates are written as text.

Documents are rendered from this snapshot from `a_signer` on, so its shape is the one the
documents app reads back: when `apilos.documents` is installed, the snapshot is its
`donnees_convention`. Until then a generic serialisation of the same graph stands in.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

SNAPSHOT_VERSION = 1
# Bookkeeping and lifecycle: not part of what was validated.
SKIPPED = frozenset(
    {
        "id",
        "cree_le",
        "mis_a_jour_le",
        "cree_par",
        "statut",
        "soumis_le",
        "premiere_soumission_le",
        "valide_le",
        "date_signature",
        "date_signature_precision",
        "donnees_validees",
        "donnees_validees_sha256",
        "cle_operation_vivante",
    }
)
# parent model → [(key in the JSON, child model, FK attname to the parent)]
CHILDREN: dict[str, list[tuple[str, str, str]]] = {
    "conventions.Convention": [("lots", "conventions.Lot", "convention_id")],
    "programmes.Programme": [
        ("logements_edd", "programmes.LogementEDD", "programme_id"),
        ("references_cadastrales", "programmes.ReferenceCadastrale", "programme_id"),
    ],
    "conventions.Lot": [
        ("logements", "conventions.Logement", "lot_id"),
        ("prets", "conventions.Pret", "lot_id"),
        ("stationnements", "conventions.TypeStationnement", "lot_id"),
        ("locaux_collectifs", "conventions.LocauxCollectifs", "lot_id"),
    ],
    "conventions.Logement": [("annexes", "conventions.Annexe", "logement_id")],
}
# Organisations are printed on the documents: their fields are copied, not referenced.
NESTED = frozenset({"bailleur", "administration", "programme"})


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _fields(instance: models.Model, parent_fk: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED or field.attname == parent_fk:
            continue
        if field.is_relation:
            related = getattr(instance, field.name)
            if field.name in NESTED and related is not None:
                out[field.name] = _fields(related)
            elif related is None:
                out[field.name] = None
            else:
                out[field.name] = _plain(
                    getattr(related, "uuid", None) or getattr(related, "code", None)
                )
            continue
        out[field.name] = _plain(field.value_from_object(instance))
    return out


def _ordered(queryset: models.QuerySet) -> models.QuerySet:
    return queryset.order_by(*(queryset.model._meta.ordering or []), "uuid")


class _Files:
    """File fingerprints of every row, fetched once per model."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int, int], list[dict]] = defaultdict(list)
        self.model = (
            apps.get_model("files", "PieceJointe") if apps.is_installed("apilos.files") else None
        )

    def load(self, model: type[models.Model], ids: list[int]) -> None:
        if self.model is None or not ids:
            return
        content_type = ContentType.objects.get_for_model(model)
        pieces = self.model.objects.filter(content_type=content_type, object_id__in=ids)
        for piece in pieces.order_by("champ", "sha256", "uuid"):
            self.rows[(content_type.pk, piece.object_id)].append(
                {"champ": piece.champ, "nom": piece.nom, "sha256": piece.sha256}
            )

    def of(self, instance: models.Model) -> list[dict]:
        if self.model is None:
            return []
        content_type = ContentType.objects.get_for_model(type(instance))
        return self.rows.get((content_type.pk, instance.pk), [])


def _tree(instances: list[models.Model], label: str, files: _Files, parent_fk: str = "") -> list:
    """Serialise rows and, level by level, their children (one query per child model)."""
    if not instances:
        return []
    model = type(instances[0])
    files.load(model, [i.pk for i in instances])
    nodes = {i.pk: {**_fields(i, parent_fk), "pieces_jointes": files.of(i)} for i in instances}
    for key, child_label, fk in CHILDREN.get(label, []):
        child_model = apps.get_model(child_label)
        rows = list(_ordered(child_model.objects.filter(**{f"{fk}__in": list(nodes)})))
        grouped: dict[int, list] = defaultdict(list)
        for row in rows:
            grouped[getattr(row, fk)].append(row)
        for pk, node in nodes.items():
            node[key] = _tree(grouped.get(pk, []), child_label, files, fk)
    return [nodes[i.pk] for i in instances]


def convention_snapshot(convention) -> dict[str, Any]:
    """Everything a convention version says, as JSON-ready data, in a deterministic order."""
    try:
        from apilos.documents.donnees import donnees_convention
    except ImportError:
        return graph_snapshot(convention)
    return donnees_convention(convention)


def graph_snapshot(convention) -> dict[str, Any]:
    """Stand-in until the documents app is merged: every row of the version, level by level."""
    files = _Files()
    convention_node = _tree([convention], "conventions.Convention", files)[0]
    programme = convention.programme
    convention_node["programme"] = _tree([programme], "programmes.Programme", files)[0]
    convention_node["parents_seconde_vie"] = sorted(
        str(uuid) for uuid in convention.parents_seconde_vie.values_list("uuid", flat=True)
    )
    return {"version": SNAPSHOT_VERSION, "convention": convention_node}


def snapshot_text(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def snapshot_sha256(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(snapshot_text(snapshot).encode("utf-8")).hexdigest()
