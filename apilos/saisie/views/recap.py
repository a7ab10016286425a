"""Récapitulatif of a convention and its pre-submission report (domain.md §6).

Both read the rules engine at the "soumission" moment: a step is complete when it holds no
blocking finding; submission stays impossible while one remains, and the report says so.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apilos.conventions.lifecycle.errors import TransitionRefused
from apilos.conventions.lifecycle.services import convention_resubmit, convention_submit
from apilos.conventions.models import Convention
from apilos.conventions.rules.report import Finding
from apilos.instruction.enums import StatutCommentaire

from ..anchors import anchor
from ..steps import Step
from .common import check, convention_for, frame, membership_of


def finding_link(convention: Convention, finding: Finding) -> str:
    """The URL of the exact input a finding points at (its page of the table included)."""
    address = finding.address
    url = reverse("saisie:step", args=[convention.uuid, finding.etape])
    if address.ligne_uuid and address.objet not in {"lot", "convention", "programme"}:
        url += f"?ligne={address.ligne_uuid}"
    return f"{url}#{anchor(address.objet, address.ligne_uuid, address.champ)}"


def _summary_lines(convention: Convention, step: Step) -> list[str]:
    lines = []
    if step.grid is not None:
        totals = step.grid.totals(convention)
        count = totals.get("lignes", 0)
        lines.append(f"{count} ligne{'s' if count > 1 else ''} dans « {step.grid.title} ».")
    filled = total = 0
    for part in step.parts:
        objects = {
            "convention": [convention],
            "programme": [convention.programme],
            "lot": list(convention.lots.all()),
        }[part.objet]
        names = [n for n in part.form_class._meta.fields or () if not n.startswith("annee_")]
        for obj in objects:
            for name in names:
                if not hasattr(obj, name):
                    continue
                total += 1
                value = getattr(obj, name)
                if value not in (None, "", [], False):
                    filled += 1
    if total:
        plural = "s" if filled > 1 else ""
        lines.append(f"{filled} champ{plural} renseigné{plural} sur {total}.")
    return lines


def _open_comments(convention: Convention):
    return list(
        convention.commentaires_instruction.filter(
            statut__in=[StatutCommentaire.OUVERT, StatutCommentaire.RESOLU]
        ).order_by("cree_le")
    )


@login_required
def recap(request: HttpRequest, uuid) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    report = check(convention, "soumission")
    context = frame(convention, report, "recap")
    cards = [
        {
            "state": state,
            "lines": _summary_lines(convention, state.step),
            "url": reverse("saisie:step", args=[convention.uuid, state.step.slug]),
        }
        for state in context["step_states"]
    ]
    type_missing = any(f.rule == "R40" and f.is_blocking for f in report.findings)
    context.update(
        {
            "cards": cards,
            "abilities": abilities,
            "report": report,
            "comments": _open_comments(convention),
            "type_missing": type_missing,
        }
    )
    return render(request, "saisie/recap.html", context)


@login_required
def report_page(request: HttpRequest, uuid) -> HttpResponse:
    convention, abilities = convention_for(request, uuid)
    report = check(convention, "soumission")
    context = frame(convention, report, "rapport")
    steps = {state.step.slug: state.step for state in context["step_states"]}
    groups = [
        {
            "slug": slug,
            "title": steps[slug].title if slug in steps else slug,
            "findings": [(f, finding_link(convention, f)) for f in findings],
        }
        for slug, findings in report.by_step().items()
    ]
    context.update(
        {
            "report": report,
            "groups": groups,
            "abilities": abilities,
            "can_submit": _can_submit(abilities) and report.ok,
            "submit_right": _can_submit(abilities),
        }
    )
    return render(request, "saisie/report.html", context)


def _can_submit(abilities: dict[str, bool]) -> bool:
    return abilities.get("submit", False) or abilities.get("resubmit", False)


@login_required
@require_POST
def submit(request: HttpRequest, uuid) -> HttpResponse:
    """Send to instruction; refused while a blocking error remains (the lifecycle re-checks)."""
    convention, abilities = convention_for(request, uuid)
    if not _can_submit(abilities):
        raise PermissionDenied("Votre rôle ne peut pas envoyer cette convention en instruction.")
    report = check(convention, "soumission")
    if not report.ok:
        messages.error(
            request,
            f"Envoi impossible : {len(report.blocking)} erreur(s) bloquante(s) restent à "
            "corriger (liste ci-dessous).",
        )
        return redirect("saisie:report", uuid=convention.uuid)
    service = convention_resubmit if abilities.get("resubmit") else convention_submit
    try:
        service(
            convention=convention,
            by=membership_of(request),
            message=request.POST.get("message", "")[:5000],
        )
    except (TransitionRefused, ValidationError) as refused:
        text = " ".join(getattr(refused, "messages", [str(refused)]))
        messages.error(request, f"Envoi refusé : {text}")
        return redirect("saisie:report", uuid=convention.uuid)
    messages.success(request, "Convention envoyée en instruction. L'instructeur est prévenu.")
    return redirect("saisie:recap", uuid=convention.uuid)
