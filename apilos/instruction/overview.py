"""The convention's data laid out by form step, each value with its comment target.

The récapitulatif shows it read-only; the instructeur comments any field, row or table from
here, and the correction page reuses the same targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils import formats

from apilos.conventions.rules.report import STEPS
from apilos.conventions.targets import (
    OBJETS,
    SINGLE_OBJETS,
    commentable_fields,
    objet_label,
    rows_for,
    step_of,
)

MAX_ROWS = 200
ROW_OBJETS = [o for o in OBJETS if o not in SINGLE_OBJETS]


def display(instance: models.Model, model_field: models.Field) -> str:
    """A value as a French reader expects it."""
    if model_field.choices:
        return str(getattr(instance, f"get_{model_field.name}_display")()) or "—"
    value = getattr(instance, model_field.attname)
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, Decimal):
        return formats.number_format(
            value, decimal_pos=-value.as_tuple().exponent, use_l10n=True, force_grouping=True
        )
    if isinstance(value, datetime):
        return formats.date_format(value, "d/m/Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def comment_url(convention, objet: str, champ: str = "", ligne_uuid=None) -> str:
    query = {"objet": objet, "champ": champ}
    if ligne_uuid:
        query["ligne"] = str(ligne_uuid)
    url = reverse("instruction:commentaire_nouveau", kwargs={"uuid": convention.uuid})
    return f"{url}?{urlencode(query)}"


@dataclass
class Item:
    label: str
    value: str
    objet: str
    champ: str
    comment_url: str


@dataclass
class Table:
    objet: str
    label: str
    columns: list[str]
    rows: list[dict]
    total: int
    comment_url: str


@dataclass
class Section:
    etape: str
    libelle: str
    items: list[Item] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def _single(convention, objet: str, instance, sections: dict[str, Section], prefix: str = ""):
    for model_field in commentable_fields(objet):
        etape = step_of(objet, model_field.name)
        label = str(model_field.verbose_name)
        sections[etape].items.append(
            Item(
                label=f"{prefix}{label[:1].upper()}{label[1:]}",
                value=display(instance, model_field),
                objet=objet,
                champ=model_field.name,
                comment_url=comment_url(
                    convention,
                    objet,
                    model_field.name,
                    instance.uuid if objet not in SINGLE_OBJETS else None,
                ),
            )
        )


def convention_overview(convention) -> list[Section]:
    """Sections in the order of the form; steps with nothing to show are left out."""
    sections = {step: Section(step, label) for step, label in STEPS.items()}
    _single(convention, "convention", convention, sections)
    _single(convention, "programme", convention.programme, sections)
    for objet in ROW_OBJETS:
        fields = commentable_fields(objet)
        queryset = rows_for(convention, objet)
        total = queryset.count()
        if not total:
            continue
        rows = [
            {
                "uuid": row.uuid,
                "label": str(row),
                "values": [display(row, f) for f in fields],
                "comment_url": comment_url(convention, objet, "", row.uuid),
            }
            for row in queryset[:MAX_ROWS]
        ]
        sections[step_of(objet)].tables.append(
            Table(
                objet=objet,
                label=objet_label(objet),
                columns=[str(f.verbose_name) for f in fields],
                rows=rows,
                total=total,
                comment_url=comment_url(convention, objet),
            )
        )
    return [s for s in sections.values() if s.items or s.tables]
