"""Import, export and templates of the tables (domain.md §7)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from apilos.imports import get_spec, template_workbook, write_workbook

from ..forms.base import SaisieForm
from ..grids import GRIDS, Grid
from ..models import ImportJob, ImportStatut
from ..services.imports import import_cancel, import_confirm, import_start
from ..steps import steps_for
from .common import check, convention_for, frame, membership_of
from .rows import _grid_step

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 100 * 1024 * 1024


class ImportForm(SaisieForm):
    fichier = forms.FileField(
        label="Fichier Excel (.xlsx)",
        help_text="Le modèle du tableau rempli, 100 Mo au plus. Rien n'est enregistré avant "
        "votre confirmation.",
    )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        if not fichier.name.lower().endswith(".xlsx"):
            raise ValidationError(
                "Ce fichier n'est pas un classeur .xlsx : enregistrez-le au format « Classeur "
                "Excel (.xlsx) » puis importez-le de nouveau."
            )
        if fichier.size > MAX_BYTES:
            raise ValidationError("Le fichier dépasse 100 Mo : découpez-le en plusieurs imports.")
        return fichier


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def template(request: HttpRequest, grid_name: str) -> HttpResponse:
    """Our own empty template of a table, with its drop-down lists."""
    grid = GRIDS.get(grid_name)
    if grid is None:
        raise Http404("Ce tableau n'existe pas.")
    spec = get_spec(grid.import_table)
    return _xlsx(template_workbook(spec), spec.filename)


@login_required
def table_export(request: HttpRequest, uuid, grid_name: str) -> HttpResponse:
    """The table in its template's layout, so that it can be filled and imported back."""
    convention, _ = convention_for(request, uuid)
    grid, _step = _grid_step(convention, grid_name)
    spec = get_spec(grid.import_table)
    rows = [grid.to_import_row(obj) for obj in grid.queryset(convention)]
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    name = f"{spec.filename.removesuffix('.xlsx')}-{convention.programme.nom[:40]}-{stamp}.xlsx"
    return _xlsx(write_workbook(spec, rows), name.replace('"', ""))


def _job_of(convention, job_uuid) -> ImportJob:
    job = ImportJob.objects.filter(convention=convention, uuid=job_uuid).first()
    if job is None:
        raise Http404("Cet import n'existe pas ou ne vous est pas accessible.")
    return job


def _step_of(convention, grid: Grid):
    return next(s for s in steps_for(convention) if s.grid is grid)


@login_required
def import_upload(request: HttpRequest, uuid, grid_name: str) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    grid, step = _grid_step(convention, grid_name)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not abilities["edit"]:
            raise PermissionDenied("Votre rôle ne peut pas modifier cette convention.")
        if form.is_valid():
            job = import_start(
                convention=convention,
                grid=grid,
                uploaded=form.cleaned_data["fichier"],
                by=request.user,
                inline_max_bytes=settings.IMPORT_INLINE_MAX_BYTES,
            )
            return redirect("saisie:import_job", uuid=convention.uuid, job_uuid=job.uuid)
        status = 422
    spec = get_spec(grid.import_table)
    recent = ImportJob.objects.filter(convention=convention, table=grid.name)[:5]
    context = {
        **frame(convention, check(convention), step.slug),
        "grid": grid,
        "step": step,
        "spec": spec,
        "form": form,
        "recent": recent,
        "can_edit": abilities["edit"],
    }
    return render(request, "saisie/imports/upload.html", context, status=status)


@login_required
def import_job(request: HttpRequest, uuid, job_uuid) -> HttpResponse:
    """The preview, or the progress bar while the worker reads or saves (polled by htmx)."""
    convention, abilities = convention_for(request, uuid)
    job = _job_of(convention, job_uuid)
    grid = GRIDS[job.table]
    if request.htmx and job.en_cours:
        return render(
            request, "saisie/imports/progress.html", {"job": job, "convention": convention}
        )
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    step = _step_of(convention, grid)
    context = {
        **frame(convention, check(convention), step.slug),
        "job": job,
        "grid": grid,
        "step": step,
        "apercu": job.apercu,
        "can_edit": abilities["edit"],
    }
    return render(request, "saisie/imports/job.html", context)


@login_required
@require_POST
def import_confirm_view(request: HttpRequest, uuid, job_uuid) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    job = _job_of(convention, job_uuid)
    if not abilities["edit"]:
        raise PermissionDenied("Votre rôle ne peut pas modifier cette convention.")
    try:
        job = import_confirm(job=job, membership=membership_of(request), user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("saisie:import_job", uuid=convention.uuid, job_uuid=job.uuid)
    if job.statut == ImportStatut.TERMINE:
        counts = job.apercu.get("enregistre", {})
        messages.success(
            request,
            f"Import enregistré : {counts.get('ajouts', 0)} ajout(s), "
            f"{counts.get('modifications', 0)} modification(s), "
            f"{counts.get('suppressions', 0)} suppression(s).",
        )
        step = _step_of(convention, GRIDS[job.table])
        return redirect("saisie:step", uuid=convention.uuid, slug=step.slug)
    return redirect("saisie:import_job", uuid=convention.uuid, job_uuid=job.uuid)


@login_required
@require_POST
def import_cancel_view(request: HttpRequest, uuid, job_uuid) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    job = _job_of(convention, job_uuid)
    if not abilities["edit"]:
        raise PermissionDenied("Votre rôle ne peut pas modifier cette convention.")
    try:
        import_cancel(job=job)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("saisie:import_job", uuid=convention.uuid, job_uuid=job.uuid)
    messages.info(request, "Import annulé : le tableau n'a pas changé.")
    step = _step_of(convention, GRIDS[job.table])
    return redirect("saisie:step", uuid=convention.uuid, slug=step.slug)
