"""Evidence files of a step (PieceJointe): upload, removal, download once scanned clean."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from apilos.files.models import PieceJointe
from apilos.files.services import piece_jointe_create, pieces_jointes_for

from ..evidence import owner_of
from ..services.guard import EditRefused, _guard_write
from ..steps import steps_for
from .common import convention_for, membership_of
from .steps import _step_or_404, render_step


def _owners(convention):
    return {"programme": convention.programme, "convention": convention}


@login_required
@require_POST
def piece_upload(request: HttpRequest, uuid, slug: str, champ: str) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    step = _step_or_404(convention, slug)
    if champ not in step.evidence:
        raise Http404("Ce champ ne prend pas de fichier.")
    if not abilities["edit"]:
        return render_step(
            request,
            convention,
            step,
            abilities,
            refused="Votre rôle ne peut pas joindre de fichier à cette convention.",
        )
    uploaded = request.FILES.get("fichier")
    try:
        if uploaded is None:
            raise ValidationError(
                "Choisissez un fichier avant de cliquer sur « Envoyer le fichier »."
            )
        _guard_write(membership_of(request), convention, step.evidence_objet, champ)
        piece = piece_jointe_create(
            owner=owner_of(convention, step), champ=champ, uploaded_file=uploaded, by=request.user
        )
    except ValidationError as error:
        return _with_upload_error(request, convention, step, abilities, champ, error.messages[0])
    except EditRefused as refused:
        return render_step(request, convention, step, abilities, refused=refused.message)
    messages.success(
        request,
        f"Fichier « {piece.nom} » joint. Il sera consultable après son analyse antivirus.",
    )
    return redirect(f"{_step_path(convention, slug)}#pieces-{champ}")


def _with_upload_error(request, convention, step, abilities, champ, message) -> HttpResponse:
    return render_step(
        request, convention, step, abilities, upload_error={"champ": champ, "message": message}
    )


def _step_path(convention, slug: str) -> str:
    return reverse("saisie:step", args=[convention.uuid, slug])


def _piece_of(convention, piece_uuid) -> PieceJointe:
    for owner in _owners(convention).values():
        piece = pieces_jointes_for(owner).filter(uuid=piece_uuid).first()
        if piece is not None:
            return piece
    raise Http404("Ce fichier n'existe pas ou ne vous est pas accessible.")


@login_required
@require_POST
def piece_delete(request: HttpRequest, uuid, piece_uuid) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    piece = _piece_of(convention, piece_uuid)
    slug = request.POST.get("etape") or ""
    if slug not in {s.slug for s in steps_for(convention)}:
        slug = next(s.slug for s in steps_for(convention) if piece.champ in s.evidence)
    if not abilities["edit"]:
        raise PermissionDenied("Votre rôle ne peut pas retirer de fichier de cette convention.")
    try:
        objet = "convention" if piece.content_type.model == "convention" else "programme"
        _guard_write(membership_of(request), convention, objet, piece.champ)
    except EditRefused as refused:
        step = _step_or_404(convention, slug)
        return render_step(request, convention, step, abilities, refused=refused.message)
    piece.delete()
    messages.success(request, f"Fichier « {piece.nom} » retiré.")
    return redirect(f"{_step_path(convention, slug)}#pieces-{piece.champ}")


@login_required
def piece_download(request: HttpRequest, uuid, piece_uuid) -> HttpResponse:
    convention, _ = convention_for(request, uuid)
    piece = _piece_of(convention, piece_uuid)
    if not piece.is_usable:
        raise Http404("Ce fichier n'a pas encore été analysé par l'antivirus.")
    return FileResponse(piece.fichier.open("rb"), as_attachment=True, filename=piece.nom)
