"""The data of one convention version as plain JSON: what documents are built from.

`donnees_convention(convention)` reads the version and its rows in a fixed number of queries
and returns JSON-ready data (Decimals as strings, dates in ISO form), keyed by the field names
of docs/donnees.md. It is what `donnees_validees` can hold from `a_signer` on (R47): a document
built from it never reads the database again.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import models

VERSION = 1
# Bookkeeping columns that say nothing about the convention.
# The validated data's own digest cannot be part of what it digests.
SKIPPED = {
    "id",
    "uuid",
    "cree_le",
    "mis_a_jour_le",
    "cree_par",
    "donnees_validees",
    "donnees_validees_sha256",
}


def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def fields_of(instance: models.Model | None, *, skip: frozenset[str] = frozenset()) -> dict:
    """The concrete, non-relational fields of a row, JSON-ready."""
    if instance is None:
        return {}
    return {
        field.name: _value(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if not field.is_relation and field.name not in SKIPPED | skip
    }


def _rows(rows: Any) -> list[dict]:
    """Prefetched rows in creation order (no extra query)."""
    return [fields_of(row) for row in sorted(rows, key=lambda row: row.pk)]


def _parties(convention: Any) -> dict[str, Any]:
    programme = convention.programme
    departement = programme.departement
    return {
        "bailleur": fields_of(programme.bailleur),
        "administration": fields_of(programme.administration),
        "departement": {"code": departement.code, "nom": departement.nom} if departement else {},
        "signataires": {
            name: _value(getattr(convention, name))
            for name in (
                "signataire_nom",
                "signataire_fonction",
                "signataire_date_deliberation",
                "signataire_bloc",
                "identification_bailleur",
                "identification_bailleur_detail",
                "gestionnaire",
                "gestionnaire_signataire_nom",
                "gestionnaire_signataire_fonction",
                "gestionnaire_signataire_date_deliberation",
                "gestionnaire_signataire_bloc",
                "gestionnaire_info",
            )
        },
    }


def donnees_convention(convention: Any) -> dict[str, Any]:
    """Everything a document of this version prints, as plain data."""
    from apilos.conventions.models import Convention, Lot

    convention = Convention.objects.select_related(
        "programme__bailleur",
        "programme__administration",
        "programme__departement",
        "parent",
        "source__programme__bailleur",
        "source__programme__administration",
        "source__programme__departement",
    ).get(pk=convention.pk)
    programme = convention.programme
    lots = (
        Lot.objects.filter(convention=convention)
        .order_by("financement")
        .prefetch_related("logements__annexes", "stationnements", "locaux_collectifs", "prets")
    )
    amended = convention.source or convention.parent
    return {
        "version": VERSION,
        "convention": fields_of(convention),
        "parent": fields_of(convention.parent, skip=frozenset({"avenant_types"})),
        "programme": fields_of(programme),
        "parties": _parties(convention),
        "parties_precedentes": _parties(amended) if convention.parent_id and amended else None,
        "lots": [
            {
                **fields_of(lot),
                "logements": [
                    {
                        **fields_of(logement),
                        "annexes": [fields_of(a) for a in logement.annexes.all()],
                    }
                    for logement in sorted(lot.logements.all(), key=lambda x: (x.ordre, x.pk))
                ],
                "stationnements": _rows(lot.stationnements.all()),
                "locaux_collectifs": _rows(lot.locaux_collectifs.all()),
                "prets": _rows(lot.prets.all()),
            }
            for lot in lots
        ],
        "logements_edd": [fields_of(x) for x in programme.logements_edd.all()],
        "references_cadastrales": [fields_of(x) for x in programme.references_cadastrales.all()],
        "conventions_remplacees": [
            {"numero": c.numero, "date_signature": _value(c.date_signature)}
            for c in convention.parents_seconde_vie.order_by("numero")
        ],
    }
