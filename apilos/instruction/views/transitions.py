"""Transition confirmations: the fr-modal posts here; without JavaScript the same page asks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from apilos.conventions.abilities import convention_abilities
from apilos.conventions.lifecycle import services
from apilos.conventions.lifecycle.table import BY_NAME, permitted
from apilos.conventions.selectors import conventions_for

from ..forms import RerouteForm, transition_form
from .common import get_convention, membership_of, refuse
from .page import _proposed_number

DONE = {
    "submit": "La convention est soumise à l'instruction.",
    "request_corrections": "Les corrections sont demandées au bailleur.",
    "resubmit": "La convention corrigée est soumise à nouveau.",
    "validate": "La convention est validée sous le numéro {numero}.",
    "back_to_instruction": "La convention est repassée en instruction.",
    "mark_signed": "La signature est enregistrée.",
    "unsign": "La signature est annulée.",
    "send_spf": "L'envoi au SPF est enregistré.",
    "publish": "La publication est enregistrée.",
    "spf_refused": "Le refus du SPF est enregistré.",
    "unpublish": "La publication est annulée.",
    "cancel": "La convention est annulée.",
    "reactivate": "La convention est réactivée : elle est de nouveau en projet.",
}


@login_required
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, uuid, name: str) -> HttpResponse:
    if name not in services.TRANSITION_SERVICES:
        raise Http404("Cette action n'existe pas.")
    convention = get_convention(request, uuid)
    membership = membership_of(request)
    t = BY_NAME[name]
    if request.method == "GET":
        if not permitted(name, membership, convention):
            return refuse(
                request, convention, f"L'action « {t.label} » n'est pas possible pour vous ici."
            )
        initial = {"numero": _proposed_number(convention)} if name == "validate" else {}
        form = transition_form(t, initial=initial)
        return _confirm(request, convention, t, form)
    form = transition_form(t, data=request.POST, files=request.FILES)
    if not form.is_valid():
        return _confirm(request, convention, t, form, status=400)
    try:
        result = services.TRANSITION_SERVICES[name](
            convention=convention, by=membership, **form.cleaned_data
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _confirm(request, convention, t, form, status=400)
    messages.success(request, DONE[name].format(numero=result.numero))
    return redirect("conventions:detail", uuid=convention.uuid)


def _confirm(request, convention, t, form, status: int = 200) -> HttpResponse:
    return render(
        request,
        "instruction/transition_confirm.html",
        {"convention": convention, "transition": t, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reroute(request: HttpRequest, uuid) -> HttpResponse:
    """Hand the convention to another administration (logged in the journal)."""
    convention = get_convention(request, uuid)
    membership = membership_of(request)
    if not convention_abilities(membership, convention)["reroute"]:
        return refuse(
            request,
            convention,
            "Seule l'administration chargée de la convention la réoriente, tant qu'elle n'est "
            "pas validée.",
        )
    form = RerouteForm(request.POST or None, convention=convention)
    if request.method == "POST" and form.is_valid():
        try:
            services.convention_reroute(convention=convention, by=membership, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                f"La convention est transmise à {form.cleaned_data['administration'].nom}.",
            )
            if conventions_for(membership).filter(pk=convention.pk).exists():
                return redirect("conventions:detail", uuid=convention.uuid)
            return redirect("core:home")
    return render(
        request,
        "instruction/reroute.html",
        {"convention": convention, "form": form},
        status=400 if form.errors else 200,
    )
