"""htmx endpoints of the editable tables: save one row while typing, add, duplicate, delete.

Each answers with the row (or nothing) and out-of-band fragments: the row's messages and
computed cells, the totals row and the save status. Without JavaScript the same actions go
through the step's form (see views.steps).
"""

from __future__ import annotations

import uuid as uuid_lib

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from apilos.conventions.models import Convention

from ..grids import Grid
from ..page import GridPage, _row_form, blank_row, lots_of, place_findings
from ..services.guard import EditRefused
from ..services.saving import Write, row_duplicate, save_writes
from ..steps import Step, steps_for
from .common import check, convention_for, membership_of
from .steps import (
    _label_rows,
    _shown_anchors,
    autosave_headers,
    autosave_key,
    lock_outside_targets,
    saved_at,
)


def _grid_step(convention: Convention, name: str) -> tuple[Grid, Step]:
    for step in steps_for(convention):
        if step.grid is not None and step.grid.name == name:
            return step.grid, step
    raise Http404("Ce tableau n'existe pas pour cette convention.")


def _row_uuid(raw) -> uuid_lib.UUID:
    try:
        return uuid_lib.UUID(str(raw))
    except ValueError as exc:
        raise Http404 from exc


def _respond(
    request: HttpRequest,
    convention: Convention,
    grid: Grid,
    step: Step,
    *,
    rows: list,
    status_text: str,
    row_html: bool = False,
    focus: bool = False,
    row_label: str = "",
    status: int = 200,
) -> HttpResponse:
    grid_page = GridPage(
        grid=grid,
        rows=rows,
        page=None,  # type: ignore[arg-type]
        per_page=0,
        totals=grid.totals(convention),
        lots=[],
    )
    _label_rows(grid_page)
    report = check(convention)
    placed = place_findings(report, step, _shown_anchors([], grid_page))
    context = {
        "convention": convention,
        "grid": grid,
        "grid_page": grid_page,
        "rows": rows,
        "placed": placed,
        "status_text": status_text,
        "can_edit": True,
        "row_html": row_html,
        "focus": focus,
        "row_label": row_label,
    }
    response = render(request, "saisie/grid/row_response.html", context, status=status)
    return autosave_headers(response, request)


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    response = render(
        request,
        "saisie/grid/refused.html",
        {"status_text": f"Non enregistré : {message}"},
        status=403,
    )
    return autosave_headers(response, request)


@login_required
@require_POST
def row_save(request: HttpRequest, uuid, grid_name: str, row_uuid) -> HttpResponse:
    """Save one row while typing; a late, older save changes nothing (204)."""
    convention, abilities = convention_for(request, uuid)
    grid, step = _grid_step(convention, grid_name)
    if not abilities["edit"]:
        return _refused(request, "votre rôle ne peut pas modifier cette convention.")
    membership = membership_of(request)
    key = _row_uuid(row_uuid)
    lots = lots_of(convention)
    instance = grid.queryset(convention).filter(uuid=key).first()
    if instance is None:
        if grid.row_form._meta.model.objects.filter(uuid=key).exists():
            raise Http404("Cette ligne n'existe pas ou ne vous est pas accessible.")
        instance = grid.new_instance(convention)
        instance.uuid = key
    form = _row_form(grid, convention, membership, lots, instance, request.POST)
    page = GridPage(grid=grid, rows=[form], page=None, per_page=0, totals={}, lots=lots)  # type: ignore[arg-type]
    lock_outside_targets(convention, membership, [], page)
    if instance.pk is None and not any(
        str(request.POST.get(form.add_prefix(n), "")).strip()
        for n in form.fields
        if n != "financement"
    ):
        return autosave_headers(HttpResponse(status=204), request)
    if not form.is_valid():
        count = len(form.errors)
        text = f"Ligne non enregistrée : {count} cellule{'s' if count > 1 else ''} à corriger."
        return _respond(request, convention, grid, step, rows=[form], status_text=text)
    writes, _ = page.writes(convention)
    try:
        applied = save_writes(
            convention=convention,
            membership=membership,
            user=request.user,
            writes=writes,
            autosave=autosave_key(request),
        )
    except EditRefused as refused:
        return _refused(request, refused.message)
    if not applied:
        return autosave_headers(HttpResponse(status=204), request)
    saved = grid.queryset(convention).get(uuid=key)
    fresh = _row_form(grid, convention, membership, lots, saved)
    return _respond(request, convention, grid, step, rows=[fresh], status_text=saved_at())


@login_required
@require_GET
def row_new(request: HttpRequest, uuid, grid_name: str) -> HttpResponse:
    """A blank row to append (nothing is saved until something is typed in it)."""
    convention, abilities = convention_for(request, uuid)
    grid, step = _grid_step(convention, grid_name)
    if not abilities["edit"]:
        return _refused(request, "votre rôle ne peut pas modifier cette convention.")
    row = blank_row(grid, convention, membership_of(request), lots_of(convention))
    return _respond(
        request,
        convention,
        grid,
        step,
        rows=[row],
        status_text="Nouvelle ligne ajoutée en bas du tableau : elle est enregistrée dès que "
        "vous la remplissez.",
        row_html=True,
        focus=True,
        row_label="Nouvelle",
    )


@login_required
@require_POST
def row_duplicate_view(request: HttpRequest, uuid, grid_name: str, row_uuid) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    grid, step = _grid_step(convention, grid_name)
    if not abilities["edit"]:
        return _refused(request, "votre rôle ne peut pas modifier cette convention.")
    row = grid.queryset(convention).filter(uuid=_row_uuid(row_uuid)).first()
    if row is None:
        raise Http404("Cette ligne n'existe plus.")
    try:
        copy = row_duplicate(
            convention=convention,
            membership=membership_of(request),
            user=request.user,
            grid=grid,
            row=row,
        )
    except EditRefused as refused:
        return _refused(request, refused.message)
    copy = grid.queryset(convention).get(pk=copy.pk)
    form = _row_form(grid, convention, membership_of(request), lots_of(convention), copy)
    return _respond(
        request,
        convention,
        grid,
        step,
        rows=[form],
        status_text="Ligne dupliquée juste en dessous : complétez la copie.",
        row_html=True,
        focus=True,
        row_label="Copie",
    )


@login_required
@require_POST
def row_delete(request: HttpRequest, uuid, grid_name: str, row_uuid) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    grid, step = _grid_step(convention, grid_name)
    if not abilities["edit"]:
        return _refused(request, "votre rôle ne peut pas modifier cette convention.")
    row = grid.queryset(convention).filter(uuid=_row_uuid(row_uuid)).first()
    if row is not None:
        try:
            save_writes(
                convention=convention,
                membership=membership_of(request),
                user=request.user,
                deletes=[Write(row, grid.objet, is_row=True)],
            )
        except EditRefused as refused:
            return _refused(request, refused.message)
    return _respond(
        request, convention, grid, step, rows=[], status_text="Ligne supprimée.", row_html=True
    )
