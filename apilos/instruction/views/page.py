"""The convention page: récapitulatif, commentaires, échanges and journal as DSFR tabs.

Every tab has its own address (the page opens on it, and works without JavaScript); the
échanges and journal addresses also take the POST of their forms.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from apilos.conventions.abilities import convention_abilities, editable_targets
from apilos.conventions.enums import Statut
from apilos.conventions.lifecycle.table import allowed_transitions

from ..forms import EvenementForm, MessageForm, RerouteForm, StepCommentForm, transition_form
from ..overview import convention_overview
from ..selectors import (
    changes_since_last_submission,
    comments_for,
    comments_summary,
    expected_of_bailleur,
    holder,
    is_bailleur_reader,
    journal_entries,
    last_correction_request,
    messages_for,
)
from ..services.journal import evenement_create
from ..services.messages import message_post
from .common import get_convention, membership_of, refuse

TABS = [
    ("recapitulatif", "Récapitulatif", "conventions:detail"),
    ("commentaires", "Commentaires", "instruction:commentaires"),
    ("echanges", "Échanges", "instruction:echanges"),
    ("journal", "Journal", "instruction:journal"),
]


def _actions(convention, membership) -> list[dict]:
    actions = []
    for t in allowed_transitions(membership, convention):
        initial = {}
        if t.name == "validate":
            initial["numero"] = _proposed_number(convention)
        actions.append({"transition": t, "form": transition_form(t, initial=initial)})
    return actions


def _proposed_number(convention) -> str:
    from apilos.conventions.services import convention_number_propose

    try:
        return convention_number_propose(convention=convention)
    except ValidationError:
        return ""


def page_context(request: HttpRequest, convention, tab: str, **forms) -> dict:
    membership = membership_of(request)
    abilities = convention_abilities(membership, convention)
    comments = list(comments_for(membership, convention))
    context = {
        "convention": convention,
        "abilities": abilities,
        "tab": tab,
        "tabs": TABS,
        "actions": _actions(convention, membership),
        "comments": comments,
        "summary": comments_summary(comments),
        "thread": list(messages_for(membership, convention).prefetch_related()),
        "journal": journal_entries(membership, convention),
        "holder": holder(convention),
        "bailleur_reader": is_bailleur_reader(membership),
        "overview": convention_overview(convention),
        "correction_request": last_correction_request(convention)
        if convention.statut == Statut.CORRECTION
        else None,
        "envois_spf": list(convention.envois_spf.all()),
    }
    if is_bailleur_reader(membership):
        convention.commentaires_ouverts = context["summary"]["open"]
        context["expected"] = expected_of_bailleur(convention)
    if abilities["resolve_comments"]:
        context["editable"] = editable_targets(membership, convention)
    if abilities["comment"] and convention.statut == Statut.INSTRUCTION:
        context["changes"] = changes_since_last_submission(convention)
    if abilities["comment"]:
        context["step_comment_form"] = forms.get("step_comment_form") or StepCommentForm()
    if abilities["message"]:
        context["message_form"] = forms.get("message_form") or MessageForm(
            private_allowed=abilities["private_note"]
        )
    if abilities["add_event"]:
        context["evenement_form"] = forms.get("evenement_form") or EvenementForm()
    if abilities["reroute"]:
        context["reroute_form"] = RerouteForm(convention=convention)
    context["attachments"] = _attachments(context["thread"])
    return context


def _attachments(thread) -> dict:
    from django.contrib.contenttypes.models import ContentType

    from apilos.files.models import PieceJointe

    if not thread:
        return {}
    content_type = ContentType.objects.get_for_model(type(thread[0]))
    found: dict = {}
    for piece in PieceJointe.objects.filter(
        content_type=content_type, object_id__in=[m.pk for m in thread]
    ):
        found.setdefault(piece.object_id, []).append(piece)
    for message in thread:
        message.pieces = found.get(message.pk, [])
    return found


def render_page(request: HttpRequest, convention, tab: str, status: int = 200, **forms):
    return render(
        request,
        "instruction/convention_page.html",
        page_context(request, convention, tab, **forms),
        status=status,
    )


@login_required
def recapitulatif(request: HttpRequest, uuid) -> HttpResponse:
    return render_page(request, get_convention(request, uuid), "recapitulatif")


@login_required
def commentaires(request: HttpRequest, uuid) -> HttpResponse:
    return render_page(request, get_convention(request, uuid), "commentaires")


@login_required
@require_http_methods(["GET", "POST"])
def echanges(request: HttpRequest, uuid) -> HttpResponse:
    convention = get_convention(request, uuid)
    membership = membership_of(request)
    if request.method == "GET":
        return render_page(request, convention, "echanges")
    abilities = convention_abilities(membership, convention)
    if not abilities["message"]:
        return refuse(request, convention, "Votre rôle ne permet pas d'écrire dans les échanges.")
    form = MessageForm(request.POST, request.FILES, private_allowed=abilities["private_note"])
    if form.is_valid():
        try:
            message_post(
                convention=convention,
                by=membership,
                texte=form.cleaned_data["texte"],
                prive=form.cleaned_data.get("prive", False),
                fichiers=form.cleaned_data["fichiers"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Votre message est envoyé.")
            return redirect("instruction:echanges", uuid=convention.uuid)
    return render_page(request, convention, "echanges", status=400, message_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def journal(request: HttpRequest, uuid) -> HttpResponse:
    convention = get_convention(request, uuid)
    membership = membership_of(request)
    if request.method == "GET":
        return render_page(request, convention, "journal")
    if not convention_abilities(membership, convention)["add_event"]:
        return refuse(
            request, convention, "Seule l'administration ajoute des événements au journal."
        )
    form = EvenementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evenement_create(convention=convention, by=membership, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "L'événement est ajouté au journal.")
            return redirect("instruction:journal", uuid=convention.uuid)
    return render_page(request, convention, "journal", status=400, evenement_form=form)


def _cell(text: str) -> str:
    """A spreadsheet never runs a cell as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def journal_csv(request: HttpRequest, uuid) -> HttpResponse:
    """The journal as a CSV file for a spreadsheet (semicolons, UTF-8 with BOM)."""
    convention = get_convention(request, uuid)
    entries = journal_entries(membership_of(request), convention)
    name = (convention.numero or str(convention.uuid)).replace("/", "-").replace(" ", "_")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="journal-{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Date", "Catégorie", "Événement", "Détail", "Auteur", "Organisation"])
    for entry in reversed(entries):
        when = timezone.localtime(entry.quand)
        day = f"{when:%d/%m/%Y}" if entry.date_only else f"{when:%d/%m/%Y %H:%M}"
        cells = [entry.categorie, entry.titre, entry.detail, entry.auteur, entry.organisation]
        writer.writerow([day, *(_cell(c) for c in cells)])
    return response
