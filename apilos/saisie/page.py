"""Binding a step to forms: the parts (convention, opération, lots) and one page of its table.

The view hands these forms to the template and, once valid, turns them into `Write`s for
the saving service; the ids of every input follow the rules engine's addresses.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.http import QueryDict

from apilos.accounts.models import Membership
from apilos.conventions.models import Convention, Lot
from apilos.conventions.rules.report import Finding, Report

from .anchors import anchor, prefix_for
from .forms.base import SaisieModelForm
from .forms.rows import RowForm
from .grids import PAGE_SIZE, PAGE_SIZES, Grid
from .services.saving import Write
from .steps import Part, Step

# Non-model fields of the step forms and the model field each one feeds.
FIELD_MAP = {"annee_fin_conventionnement": "date_fin_conventionnement"}
ROW_FIELD_MAP = {"financement": "lot", "logement_designation": "logement"}


@dataclass
class BoundPart:
    part: Part
    form: SaisieModelForm
    legend: str


def lots_of(convention: Convention) -> list[Lot]:
    return list(convention.lots.select_related("convention__programme").order_by("financement"))


def bind_parts(
    convention: Convention,
    step: Step,
    membership: Membership | None,
    data: QueryDict | None = None,
    lots: list[Lot] | None = None,
) -> list[BoundPart]:
    bound: list[BoundPart] = []
    for part in step.parts:
        if part.roles is not None and (membership is None or membership.role not in part.roles):
            continue
        if part.objet == "convention":
            targets: list[tuple[models.Model, str, str]] = [(convention, "convention", part.title)]
        elif part.objet == "programme":
            targets = [(convention.programme, "programme", part.title)]
        else:
            targets = [
                (
                    lot,
                    prefix_for("lot", lot.uuid),
                    f"{part.title} – {lot.get_financement_display()}",
                )
                for lot in (lots if lots is not None else lots_of(convention))
            ]
        for instance, prefix, legend in targets:
            form = part.form_class(
                data=data,
                instance=instance,
                prefix=prefix,
                convention=convention,
                membership=membership,
            )
            if form.fields:
                bound.append(BoundPart(part, form, legend or ""))
    return bound


def part_writes(convention: Convention, bound: BoundPart) -> list[Write]:
    """What saving a valid part changes: its own fields, and the type d'habitat of every lot."""
    form = bound.form
    model_fields = {f.name for f in form._meta.model._meta.concrete_fields}
    changed = [FIELD_MAP.get(name, name) for name in form.changed_data]
    obj = form.save(commit=False)
    writes = [Write(obj, bound.part.objet, [n for n in changed if n in model_fields])]
    if "type_habitat" in form.changed_data:
        for lot in convention.lots.all():
            if lot.type_habitat != form.cleaned_data["type_habitat"]:
                lot.type_habitat = form.cleaned_data["type_habitat"]
                writes.append(Write(lot, "lot", ["type_habitat"]))
    return writes


@dataclass
class GridPage:
    grid: Grid
    rows: list[RowForm]
    page: Page
    per_page: int
    totals: dict[str, Any]
    lots: list[Lot]
    blank: set[str] = field(default_factory=set)  # uuids of new rows left empty
    deleted: set[str] = field(default_factory=set)

    @property
    def filled_rows(self) -> list[RowForm]:
        return [r for r in self.rows if r.prefix.split("-", 1)[1] not in self.blank]

    def is_valid(self) -> bool:
        return all(
            row.is_valid() for row in self.filled_rows if self._uuid(row) not in self.deleted
        )

    @staticmethod
    def _uuid(row: RowForm) -> str:
        return row.prefix.split("-", 1)[1]

    def writes(self, convention: Convention) -> tuple[list[Write], list[Write]]:
        grid = self.grid
        writes: list[Write] = []
        deletes: list[Write] = []
        next_ordre = None
        for row in self.rows:
            key = self._uuid(row)
            if key in self.deleted:
                if row.instance.pk:
                    deletes.append(Write(row.instance, grid.objet, is_row=True))
                continue
            if key in self.blank:
                continue
            if row.instance.pk and not row.has_changed():
                continue
            model_fields = {f.name for f in row._meta.model._meta.concrete_fields}
            changed = [ROW_FIELD_MAP.get(n, n) for n in row.changed_data]
            obj = row.save(commit=False)
            if not obj.pk and hasattr(obj, "ordre"):
                if next_ordre is None:
                    next_ordre = grid.next_ordre(convention)
                obj.ordre = next_ordre
                next_ordre += 1
            writes.append(
                Write(obj, grid.objet, [n for n in changed if n in model_fields], is_row=True)
            )
        return writes, deletes


def _row_form(grid: Grid, convention, membership, lots, instance, data=None) -> RowForm:
    return grid.row_form(
        data=data,
        instance=instance,
        prefix=prefix_for(grid.objet, instance.uuid),
        convention=convention,
        membership=membership,
        lots=lots,
    )


def blank_row(grid: Grid, convention, membership, lots) -> RowForm:
    instance = grid.new_instance(convention)
    instance.uuid = uuid.uuid4()
    form = _row_form(grid, convention, membership, lots, instance)
    if "coefficient" in form.fields:
        form.initial["coefficient"] = 1
    return form


def per_page_of(raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return PAGE_SIZE
    return value if value in PAGE_SIZES else PAGE_SIZE


def page_of_row(grid: Grid, convention: Convention, row_uuid: str, per_page: int) -> int | None:
    """The page of the table that holds this row (for links from the report)."""
    ids = list(grid.queryset(convention).values_list("uuid", flat=True))
    for index, value in enumerate(ids):
        if str(value) == str(row_uuid):
            return index // per_page + 1
    return None


def bind_grid(
    convention: Convention,
    grid: Grid,
    membership: Membership | None,
    *,
    data: QueryDict | None = None,
    page_number: Any = 1,
    per_page: int = PAGE_SIZE,
    blanks: int = 0,
    lots: list[Lot] | None = None,
) -> GridPage:
    lots = lots if lots is not None else lots_of(convention)
    queryset = grid.queryset(convention)
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(page_number)
    rows: list[RowForm] = []
    blank: set[str] = set()
    deleted: set[str] = set()
    if data is None:
        rows = [_row_form(grid, convention, membership, lots, obj) for obj in page.object_list]
    else:
        keys = []
        for raw in data.getlist(f"{grid.objet}-lignes"):
            try:
                keys.append(str(uuid.UUID(raw)))
            except ValueError:
                continue
        existing = {str(o.uuid): o for o in queryset.filter(uuid__in=keys)}
        # A new row's id is drawn by the page; one taken elsewhere is not this table's.
        model = grid.row_form._meta.model
        taken = {
            str(u)
            for u in model.objects.filter(
                uuid__in=[k for k in keys if k not in existing]
            ).values_list("uuid", flat=True)
        }
        keys = [k for k in keys if k not in taken]
        action = data.get("action", "")
        if action.startswith("supprimer:"):
            deleted.add(action.split(":", 1)[1])
        for key in keys:
            instance = existing.get(key)
            if instance is None:
                instance = grid.new_instance(convention)
                instance.uuid = uuid.UUID(key)
            form = _row_form(grid, convention, membership, lots, instance, data)
            if instance.pk is None and not _typed(form):
                blank.add(key)
            rows.append(form)
    for _ in range(blanks):
        rows.append(blank_row(grid, convention, membership, lots))
    return GridPage(
        grid=grid,
        rows=rows,
        page=page,
        per_page=per_page,
        totals=grid.totals(convention),
        lots=lots,
        blank=blank,
        deleted=deleted,
    )


def _typed(form: RowForm) -> bool:
    """A new row counts once something other than the defaults was typed in it."""
    for name in form.fields:
        if name == "financement":
            continue
        raw = form.data.get(form.add_prefix(name), "")
        if str(raw).strip() and str(raw).strip() not in {"1", "1,0000", "1.0000"}:
            return True
    return False


# --- Findings of the rules engine, placed next to their inputs --------------------------------


@dataclass
class Placed:
    by_anchor: dict[str, list[Finding]]
    elsewhere: list[tuple[Finding, str]]  # (finding, anchor) not shown on this page
    step_level: list[Finding]


def place_findings(report: Report | None, step: Step, shown: set[str]) -> Placed:
    """Each finding of this step goes next to its input when shown, else into a list."""
    placed = Placed(by_anchor={}, elsewhere=[], step_level=[])
    if report is None:
        return placed
    for finding in report.findings:
        if finding.etape != step.slug:
            continue
        address = finding.address
        target = anchor(address.objet, address.ligne_uuid, address.champ)
        if target in shown:
            placed.by_anchor.setdefault(target, []).append(finding)
            continue
        row_anchor = anchor(address.objet, address.ligne_uuid) if address.ligne_uuid else None
        if row_anchor and row_anchor in shown:
            placed.by_anchor.setdefault(row_anchor, []).append(finding)
        elif address.ligne_uuid:
            placed.elsewhere.append((finding, target))
        else:
            placed.step_level.append(finding)
    return placed
