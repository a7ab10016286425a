"""Document pages and downloads; every object is fetched through the scoped selectors, so
another organisation's convention or document answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from apilos.conventions.enums import FROM_A_SIGNER, Statut
from apilos.conventions.selectors import convention_get

from .models import DocumentGenere, Kind
from .selectors import document_get
from .services import (
    FICHE_CAF_FINALE,
    DocumentRefuse,
    apercu_asynchrone,
    document_generate_final,
    document_kind,
    document_preview,
    docx_generate,
    fiche_caf_courante,
    fiche_caf_generate,
    fiche_caf_preview,
    file_name,
    final_courant,
    preview_request,
)


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def _pdf(content: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser (previews)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return _private(response)


def _file(document: DocumentGenere) -> HttpResponse:
    """A stored document, downloaded under its file name."""
    if not document.is_ready:
        raise Http404("Ce document n'est pas encore prêt.")
    response = FileResponse(
        document.fichier.open("rb"),
        as_attachment=True,
        filename=document.nom,
        content_type=document.content_type,
    )
    return _private(response)


def _refused(request: HttpRequest, convention, error: DocumentRefuse) -> HttpResponse:
    messages.error(request, error.message)
    return redirect("documents:liste", uuid=convention.uuid)


@login_required
@require_GET
def documents_page(request: HttpRequest, uuid: str) -> HttpResponse:
    convention = convention_get(request.membership, uuid)  # type: ignore[attr-defined]
    return render(request, "documents/page.html", {"convention": convention})


@login_required
@require_GET
def apercu(request: HttpRequest, uuid: str) -> HttpResponse:
    """The PDF as it prints now (watermarked before « À signer »), any status."""
    convention = convention_get(request.membership, uuid)  # type: ignore[attr-defined]
    if apercu_asynchrone(convention):
        messages.info(
            request,
            "Cette convention compte beaucoup de logements : son aperçu est préparé en "
            "arrière-plan. Demandez-le ci-dessous ; vous pouvez quitter la page et revenir.",
        )
        return redirect("documents:liste", uuid=convention.uuid)
    try:
        content = document_preview(convention)
    except DocumentRefuse as error:
        return _refused(request, convention, error)
    kind = document_kind(convention)
    return _pdf(content, file_name(convention, kind, definitif=False))


@login_required
@require_POST
def apercu_preparer(request: HttpRequest, uuid: str) -> HttpResponse:
    convention = convention_get(request.membership, uuid)  # type: ignore[attr-defined]
    try:
        document = preview_request(convention=convention, by=request.user)
    except DocumentRefuse as error:
        return _refused(request, convention, error)
    return redirect("documents:suivi", uuid=document.uuid)


@login_required
@require_GET
def suivi(request: HttpRequest, uuid: str) -> HttpResponse:
    """Where a preview built by the worker stands; htmx polls the fragment until it is ready."""
    document = document_get(request.membership, uuid)  # type: ignore[attr-defined]
    template = "documents/_apercu_etat.html" if request.htmx else "documents/suivi.html"  # type: ignore[attr-defined]
    return render(request, template, {"document": document, "convention": document.convention})


@login_required
@require_GET
def final(request: HttpRequest, uuid: str) -> HttpResponse:
    """The validated PDF to sign (produced by the worker at validation, or now if it has not
    run yet)."""
    convention = convention_get(request.membership, uuid)  # type: ignore[attr-defined]
    document = final_courant(convention)
    if document is None and convention.statut == Statut.A_SIGNER:
        try:
            document = document_generate_final(convention=convention, by=request.user)
        except DocumentRefuse as error:
            return _refused(request, convention, error)
    if document is None:
        raise Http404("Cette convention n'a pas de document final.")
    return _file(document)


@login_required
@require_GET
def docx(request: HttpRequest, uuid: str) -> HttpResponse:
    """The DOCX working copy: « Document de travail – sans valeur contractuelle »."""
    convention = convention_get(request.membership, uuid)  # type: ignore[attr-defined]
    try:
        document = docx_generate(convention=convention, by=request.user)
    except DocumentRefuse as error:
        return _refused(request, convention, error)
    return _file(document)


@login_required
@require_GET
def fiche_caf(request: HttpRequest, uuid: str) -> HttpResponse:
    """The fiche CAF: a preview marked « APERÇU » at « À signer », the final one from
    « Signée » on."""
    convention = convention_get(request.membership, uuid)  # type: ignore[attr-defined]
    if convention.statut not in FROM_A_SIGNER:
        raise Http404("La fiche CAF est disponible à partir du statut « À signer ».")
    try:
        if convention.statut in FICHE_CAF_FINALE:
            document = fiche_caf_courante(convention) or fiche_caf_generate(
                convention=convention, by=request.user
            )
            return _file(document)
        content = fiche_caf_preview(convention)
    except DocumentRefuse as error:
        return _refused(request, convention, error)
    return _pdf(content, file_name(convention, Kind.FICHE_CAF, definitif=False))


@login_required
@require_GET
def document(request: HttpRequest, uuid: str) -> HttpResponse:
    """Any stored document of a visible convention, by its own identifier."""
    return _file(document_get(request.membership, uuid))  # type: ignore[attr-defined]
