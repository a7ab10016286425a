"""A step of the convention form: shown, saved as a whole (no JavaScript), or autosaved.

A rejected step keeps what was typed and saves nothing; an autosave older than one already
applied changes nothing (see services.saving.accept_seq).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from apilos.conventions.abilities import can_edit, editable_targets
from apilos.conventions.enums import FINANCEMENTS_MIXITE, Statut
from apilos.conventions.models import Convention
from apilos.conventions.rules.computations import mixite
from apilos.conventions.targets import EVERYTHING

from ..anchors import anchor
from ..evidence import evidence_for
from ..grids import PAGE_SIZES
from ..models import IMPORT_EN_COURS, ImportJob, ImportStatut
from ..page import (
    FIELD_MAP,
    ROW_FIELD_MAP,
    BoundPart,
    GridPage,
    bind_grid,
    bind_parts,
    lots_of,
    page_of_row,
    part_writes,
    per_page_of,
    place_findings,
)
from ..services.guard import EditRefused
from ..services.saving import row_duplicate, save_writes
from ..steps import Step, step_get, steps_for
from .common import check, convention_for, frame, membership_of


def _step_or_404(convention: Convention, slug: str) -> Step:
    step = step_get(convention, slug)
    if step is None:
        raise Http404("Cette étape n'existe pas pour cette convention.")
    return step


def step_url(convention: Convention, step: Step, **query: Any) -> str:
    url = reverse("saisie:step", args=[convention.uuid, step.slug])
    params = "&".join(f"{k}={v}" for k, v in query.items() if v not in (None, ""))
    return f"{url}?{params}" if params else url


def page_numbers(page) -> list[int | None]:
    """1 … 4 5 6 … 20: the first, last and neighbouring pages, None for a gap."""
    last, current = page.paginator.num_pages, page.number
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def _label_rows(grid_page: GridPage) -> None:
    objet = grid_page.grid.objet
    for row in grid_page.rows:
        for name, field in row.fields.items():
            field.widget.attrs["aria-labelledby"] = (
                f"col-{objet}-{name} ligne-{row.instance.uuid}-num"
            )


def _read_only(parts: list[BoundPart], grid_page: GridPage | None) -> None:
    forms = [p.form for p in parts] + (grid_page.rows if grid_page else [])
    for form in forms:
        for field in form.fields.values():
            field.disabled = True


def lock_outside_targets(
    convention: Convention, membership, parts: list[BoundPart], grid_page: GridPage | None
) -> None:
    """In correction, what the bailleur may not change is shown disabled (R44); the server
    refuses it anyway."""
    if convention.statut != Statut.CORRECTION:
        return
    targets = editable_targets(membership, convention)
    if EVERYTHING in targets:
        return
    for bound in parts:
        ligne = bound.form.instance.uuid if bound.part.objet == "lot" else None
        for name, field in bound.form.fields.items():
            champ = FIELD_MAP.get(name, name)
            if not can_edit(
                membership, convention, bound.part.objet, champ, ligne, targets=targets
            ):
                field.disabled = True
    if grid_page is None:
        return
    objet = grid_page.grid.objet
    for row in grid_page.rows:
        for name, field in row.fields.items():
            champ = ROW_FIELD_MAP.get(name, name)
            if not can_edit(
                membership, convention, objet, champ, row.instance.uuid, targets=targets
            ):
                field.disabled = True


def _shown_anchors(parts: list[BoundPart], grid_page: GridPage | None) -> set[str]:
    shown = {form[name].auto_id for form in (p.form for p in parts) for name in form.fields}
    if grid_page is not None:
        shown.add(anchor(grid_page.grid.objet))
        for row in grid_page.rows:
            shown.add(anchor(grid_page.grid.objet, row.instance.uuid))
            shown |= {row[name].auto_id for name in row.fields}
            shown |= {f"{row.prefix}-{c.field}" for c in grid_page.grid.columns if c.computed}
    return shown


def _extra_info(convention: Convention, step: Step) -> list[str]:
    if step.slug != "logements":
        return []
    lines = []
    n = sum(
        lot.nb_logements for lot in convention.lots.all() if lot.financement in FINANCEMENTS_MIXITE
    )
    if n:
        result = mixite(n)
        lines.append(
            f"Mixité (R19), pour les {n} logements PLUS : au moins {result.x} logement(s) "
            f"attribués sous le plafond bas, au plus {result.y} jusqu'à 120 % des plafonds."
        )
    return lines


def _summary(parts: list[BoundPart], grid_page: GridPage | None) -> list[dict[str, str]]:
    items = []
    for bound in parts:
        form = bound.form
        for error in form.non_field_errors():
            items.append(
                {"anchor": f"partie-{form.prefix}", "label": bound.legend, "message": error}
            )
        for name in form.errors:
            if name in form.fields:
                for error in form.errors[name]:
                    items.append(
                        {
                            "anchor": form[name].auto_id,
                            "label": str(form.fields[name].label),
                            "message": error,
                        }
                    )
    if grid_page is not None:
        labels = {c.field: c.label for c in grid_page.grid.columns}
        for index, row in enumerate(grid_page.filled_rows, start=1):
            if row.is_bound and not row.is_valid():
                for name, errors in row.errors.items():
                    target = row[name].auto_id if name in row.fields else f"ligne-{row.uuid_str}"
                    for error in errors:
                        items.append(
                            {
                                "anchor": target,
                                "label": f"{grid_page.grid.title}, ligne "
                                f"{row.data.get(row.add_prefix('designation')) or index} – "
                                f"{labels.get(name, 'ligne')}",
                                "message": error,
                            }
                        )
    return items


def render_step(
    request: HttpRequest,
    convention: Convention,
    step: Step,
    abilities: dict[str, bool],
    *,
    parts: list[BoundPart] | None = None,
    grid_page: GridPage | None = None,
    summary: list | None = None,
    refused: str | None = None,
    upload_error: dict[str, str] | None = None,
) -> HttpResponse:
    membership = membership_of(request)
    lots = lots_of(convention)
    if parts is None:
        parts = bind_parts(convention, step, membership, lots=lots)
    per_page = per_page_of(request.GET.get("par_page"))
    if step.grid is not None and grid_page is None:
        page_number: Any = request.GET.get("page") or 1
        ligne = request.GET.get("ligne")
        if ligne:
            page_number = page_of_row(step.grid, convention, ligne, per_page) or 1
        if request.GET.get("ajout"):
            page_number = "last"
        grid_page = bind_grid(
            convention,
            step.grid,
            membership,
            page_number=page_number,
            per_page=per_page,
            blanks=1 if request.GET.get("ajout") else 0,
            lots=lots,
        )
    editable = abilities["edit"]
    if not editable:
        _read_only(parts, grid_page)
    else:
        lock_outside_targets(convention, membership, parts, grid_page)
    if grid_page is not None:
        _label_rows(grid_page)
    report = check(convention)
    steps = steps_for(convention)
    index = next(i for i, s in enumerate(steps) if s.slug == step.slug)
    context = {
        **frame(convention, report, step.slug),
        "step": step,
        "index": index + 1,
        "next_step": steps[index + 1] if index + 1 < len(steps) else None,
        "parts": parts,
        "part_params": ",".join(
            [
                *(bound.form[name].html_name for bound in parts for name in bound.form.fields),
                "csrfmiddlewaretoken",
            ]
        ),
        "grid_page": grid_page,
        "page_numbers": page_numbers(grid_page.page) if grid_page else [],
        "page_sizes": PAGE_SIZES,
        "placed": place_findings(report, step, _shown_anchors(parts, grid_page)),
        "summary": summary or [],
        "refused": refused,
        "can_edit": editable,
        "client": uuid.uuid4(),
        "evidence": evidence_for(convention, step),
        "extra_info": _extra_info(convention, step),
        "upload_error": upload_error,
        "pending_imports": (
            ImportJob.objects.filter(
                convention=convention,
                table=step.grid.name,
                statut__in=[*IMPORT_EN_COURS, ImportStatut.APERCU],
            )[:3]
            if step.grid is not None
            else []
        ),
    }
    status = 403 if refused else (422 if summary or upload_error else 200)
    return render(request, "saisie/step.html", context, status=status)


@login_required
def step_page(request: HttpRequest, uuid: str, slug: str) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    step = _step_or_404(convention, slug)
    if request.method != "POST":
        return render_step(request, convention, step, abilities)
    if request.POST.get("_cible", "").startswith("etape-"):
        return autosave_parts(request, convention, step, abilities)
    if not abilities["edit"]:
        return render_step(
            request,
            convention,
            step,
            abilities,
            refused="Votre rôle ne peut pas modifier cette convention dans son statut actuel.",
        )
    return submit_step(request, convention, step, abilities)


def submit_step(
    request: HttpRequest, convention: Convention, step: Step, abilities: dict[str, bool]
) -> HttpResponse:
    """The plain form post: every part and the page of the table, all saved or none."""
    membership = membership_of(request)
    data = request.POST
    lots = lots_of(convention)
    parts = bind_parts(convention, step, membership, data=data, lots=lots)
    per_page = per_page_of(data.get("par_page") or request.GET.get("par_page"))
    grid_page = None
    if step.grid is not None:
        grid_page = bind_grid(
            convention,
            step.grid,
            membership,
            data=data,
            page_number=request.GET.get("page") or 1,
            per_page=per_page,
            lots=lots,
        )
    lock_outside_targets(convention, membership, parts, grid_page)
    valid = all(bound.form.is_valid() for bound in parts)
    valid = (grid_page is None or grid_page.is_valid()) and valid
    if not valid:
        return render_step(
            request,
            convention,
            step,
            abilities,
            parts=parts,
            grid_page=grid_page,
            summary=_summary(parts, grid_page),
        )
    writes = [w for bound in parts for w in part_writes(convention, bound)]
    deletes = []
    if grid_page is not None:
        row_writes, deletes = grid_page.writes(convention)
        writes += row_writes
    try:
        save_writes(
            convention=convention,
            membership=membership,
            user=request.user,
            writes=writes,
            deletes=deletes,
        )
    except EditRefused as refused:
        return render_step(
            request,
            convention,
            step,
            abilities,
            parts=parts,
            grid_page=grid_page,
            refused=refused.message,
        )
    return _after_save(request, convention, step, data.get("action", ""), per_page)


def _after_save(
    request: HttpRequest, convention: Convention, step: Step, action: str, per_page: int
) -> HttpResponse:
    grid = step.grid
    if action.startswith("dupliquer:") and grid is not None:
        row = grid.queryset(convention).filter(uuid=_uuid_or_none(action)).first()
        if row is not None:
            copy = row_duplicate(
                convention=convention,
                membership=membership_of(request),
                user=request.user,
                grid=grid,
                row=row,
            )
            messages.success(request, "Ligne dupliquée : complétez la copie.")
            url = step_url(convention, step, ligne=copy.uuid, par_page=per_page)
            return redirect(f"{url}#ligne-{copy.uuid}")
    if action == "ajouter":
        return redirect(step_url(convention, step, ajout=1, par_page=per_page) + "#lignes-fin")
    if action.startswith("page:"):
        number = action.split(":", 1)[1]
        return redirect(step_url(convention, step, page=number, par_page=per_page))
    if action.startswith("supprimer:"):
        messages.success(request, "Ligne supprimée.")
        return redirect(step_url(convention, step, page=request.GET.get("page"), par_page=per_page))
    if action == "suivant":
        messages.success(request, f"Étape « {step.title} » enregistrée.")
        steps = steps_for(convention)
        index = next(i for i, s in enumerate(steps) if s.slug == step.slug)
        if index + 1 < len(steps):
            return redirect(step_url(convention, steps[index + 1]))
        return redirect("saisie:recap", uuid=convention.uuid)
    messages.success(request, f"Étape « {step.title} » enregistrée.")
    return redirect(step_url(convention, step, page=request.GET.get("page"), par_page=per_page))


def _uuid_or_none(action: str) -> str | None:
    try:
        return str(uuid.UUID(action.split(":", 1)[1]))
    except ValueError:
        return None


def autosave_headers(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    response["X-Saisie-Cible"] = request.POST.get("_cible", "")
    response["X-Saisie-Seq"] = request.POST.get("_seq", "0")
    response["Cache-Control"] = "no-store"
    return response


def autosave_key(request: HttpRequest) -> tuple[str | None, str, int | None]:
    try:
        client: str | None = str(uuid.UUID(request.POST.get("_client", "")))
    except ValueError:
        client = None
    try:
        seq: int | None = int(request.POST.get("_seq", ""))
    except ValueError:
        seq = None
    return client, request.POST.get("_cible", "")[:120], seq


def saved_at() -> str:
    now = timezone.localtime()
    return f"Enregistré à {now.hour} h {now.minute:02d}."


def autosave_parts(
    request: HttpRequest, convention: Convention, step: Step, abilities: dict[str, bool]
) -> HttpResponse:
    """htmx: the step's own fields (not its table) saved while typing."""
    membership = membership_of(request)
    status_text = ""
    if not abilities["edit"]:
        status_text = "Non enregistré : votre rôle ne peut pas modifier cette convention."
        parts = bind_parts(convention, step, membership)
    else:
        parts = bind_parts(convention, step, membership, data=request.POST)
        lock_outside_targets(convention, membership, parts, None)
        if all(bound.form.is_valid() for bound in parts):
            writes = [w for bound in parts for w in part_writes(convention, bound)]
            try:
                applied = save_writes(
                    convention=convention,
                    membership=membership,
                    user=request.user,
                    writes=writes,
                    autosave=autosave_key(request),
                )
            except EditRefused as refused:
                applied, status_text = True, f"Non enregistré : {refused.message}"
            if not applied:
                return autosave_headers(HttpResponse(status=204), request)
            status_text = status_text or saved_at()
        else:
            count = sum(len(bound.form.errors) for bound in parts)
            status_text = (
                f"Non enregistré : {count} champ{'s' if count > 1 else ''} à corriger "
                "(voir les messages sous les champs)."
            )
    report = check(convention)
    placed = place_findings(report, step, _shown_anchors(parts, None))
    response = render(
        request,
        "saisie/autosave_parts.html",
        {"parts": parts, "placed": placed, "status_text": status_text},
    )
    return autosave_headers(response, request)
