"""Comment threads: open, reply, resolve, close, reopen, edit.

Actions answer htmx with the updated thread fragment, and plain forms with a redirect to
the comments tab.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from apilos.accounts.scoping import get_or_404
from apilos.conventions.abilities import convention_abilities
from apilos.conventions.lifecycle.actors import reading_side
from apilos.conventions.selectors import conventions_for
from apilos.conventions.targets import describe

from ..forms import CommentForm, ReplyForm, StepCommentForm
from ..models import Commentaire
from ..selectors import comments_for
from ..services import comments as service
from .common import get_convention, membership_of, refuse
from .page import render_page

ACTIONS = {
    "resoudre": (service.comment_resolve, "Le commentaire est marqué comme résolu."),
    "clore": (service.comment_close, "Le commentaire est clos."),
    "rouvrir": (service.comment_reopen, "Le commentaire est rouvert."),
}


def _target(request: HttpRequest) -> tuple[str, str, str | None]:
    source = request.POST if request.method == "POST" else request.GET
    return source.get("objet", ""), source.get("champ", ""), source.get("ligne") or None


@login_required
@require_http_methods(["GET", "POST"])
def commentaire_nouveau(request: HttpRequest, uuid) -> HttpResponse:
    """Open a comment on the target given in the address (from the récapitulatif)."""
    convention = get_convention(request, uuid)
    membership = membership_of(request)
    if not convention_abilities(membership, convention)["comment"]:
        return refuse(
            request,
            convention,
            "Seule l'administration ouvre des commentaires, pendant l'instruction ou la "
            "correction.",
        )
    objet, champ, ligne = _target(request)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.comment_create(
                convention=convention,
                by=membership,
                message=form.cleaned_data["message"],
                objet=objet,
                champ=champ,
                ligne_uuid=ligne,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Le commentaire est ouvert.")
            return redirect("conventions:detail", uuid=convention.uuid)
    return render(
        request,
        "instruction/comment_new.html",
        {
            "convention": convention,
            "form": form,
            "target": {"objet": objet, "champ": champ, "ligne": ligne or ""},
            "cible": describe(objet, champ, ligne, convention) if objet else "",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def commentaire_etape(request: HttpRequest, uuid) -> HttpResponse:
    """Open a comment on a whole step, from the comments tab."""
    convention = get_convention(request, uuid)
    membership = membership_of(request)
    form = StepCommentForm(request.POST)
    if form.is_valid():
        try:
            service.comment_create(
                convention=convention,
                by=membership,
                message=form.cleaned_data["message"],
                etape=form.cleaned_data["etape"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Le commentaire est ouvert.")
            return redirect("instruction:commentaires", uuid=convention.uuid)
    return render_page(request, convention, "commentaires", status=400, step_comment_form=form)


def _comment(request: HttpRequest, uuid) -> Commentaire:
    """A comment of a convention the active role sees, else 404."""
    membership = membership_of(request)
    if reading_side(membership) is None:
        raise Http404("Cette page n'existe pas ou ne vous est pas accessible.")
    queryset = Commentaire.objects.filter(convention__in=conventions_for(membership))
    return get_or_404(queryset.select_related("convention"), uuid=uuid)


def _answer(request: HttpRequest, commentaire: Commentaire, error: str = "") -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        membership = membership_of(request)
        fresh = comments_for(membership, commentaire.convention).get(pk=commentaire.pk)
        return render(
            request,
            "instruction/_comment.html",
            {
                "c": fresh,
                "abilities": convention_abilities(membership, commentaire.convention),
                "convention": commentaire.convention,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    url = reverse("instruction:commentaires", kwargs={"uuid": commentaire.convention.uuid})
    return redirect(f"{url}#commentaire-{commentaire.uuid}")


@login_required
@require_POST
def commentaire_action(request: HttpRequest, uuid, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("Cette action n'existe pas.")
    commentaire = _comment(request, uuid)
    function, done = ACTIONS[action]
    try:
        function(commentaire=commentaire, by=membership_of(request))
    except ValidationError as exc:
        return _answer(request, commentaire, " ".join(exc.messages))
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, done)
    return _answer(request, commentaire)


@login_required
@require_POST
def commentaire_repondre(request: HttpRequest, uuid) -> HttpResponse:
    commentaire = _comment(request, uuid)
    form = ReplyForm(request.POST, prefix=str(commentaire.uuid))
    if not form.is_valid():
        return _answer(request, commentaire, "Écrivez la réponse : elle ne peut pas être vide.")
    try:
        service.comment_reply(
            commentaire=commentaire, by=membership_of(request), message=form.cleaned_data["message"]
        )
    except ValidationError as exc:
        return _answer(request, commentaire, " ".join(exc.messages))
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, "Votre réponse est publiée.")
    return _answer(request, commentaire)


@login_required
@require_http_methods(["GET", "POST"])
def commentaire_modifier(request: HttpRequest, uuid) -> HttpResponse:
    """Its author rewrites an open comment."""
    commentaire = _comment(request, uuid)
    membership = membership_of(request)
    editable = (
        commentaire.cree_par_id == membership.user_id
        and commentaire.is_open
        and commentaire.convention.statut in service.ACTIVE
    )
    if not editable:
        return refuse(
            request,
            commentaire.convention,
            "Seul l'auteur d'un commentaire le modifie, tant qu'il est ouvert et que la "
            "convention est en instruction ou en correction.",
        )
    form = CommentForm(request.POST or None, initial={"message": commentaire.message})
    if request.method == "POST" and form.is_valid():
        try:
            service.comment_edit(
                commentaire=commentaire, by=membership, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Le commentaire est modifié.")
            return _answer(request, commentaire)
    return render(
        request,
        "instruction/comment_edit.html",
        {"convention": commentaire.convention, "commentaire": commentaire, "form": form},
        status=400 if form.errors else 200,
    )
