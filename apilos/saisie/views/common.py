"""What every page of one convention needs: the scoped convention, its abilities, the steps
with their state from the rules engine (never colour alone), and the frame's context."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from apilos.conventions.abilities import convention_abilities
from apilos.conventions.models import Convention
from apilos.conventions.rules import Report, convention_check
from apilos.conventions.selectors import convention_get

from ..page import lots_of
from ..steps import Step, steps_for


def membership_of(request: HttpRequest):
    return request.membership  # type: ignore[attr-defined]


def convention_for(request: HttpRequest, uuid) -> tuple[Convention, dict[str, bool]]:
    """The convention if the active role may see it (404 otherwise) and what it may do."""
    membership = membership_of(request)
    convention = convention_get(membership, uuid)
    return convention, convention_abilities(membership, convention)


def editable_or_404(request: HttpRequest, uuid) -> tuple[Convention, dict[str, bool]]:
    convention, abilities = convention_for(request, uuid)
    if not abilities["view"]:
        raise Http404
    return convention, abilities


@dataclass
class StepState:
    step: Step
    blocking: int
    warnings: int

    @property
    def label(self) -> str:
        if self.blocking:
            return f"{self.blocking} erreur{'s' if self.blocking > 1 else ''}"
        if self.warnings:
            return f"{self.warnings} à vérifier"
        return "Sans erreur"

    @property
    def badge(self) -> str:
        if self.blocking:
            return "fr-badge--error"
        if self.warnings:
            return "fr-badge--warning"
        return "fr-badge--success"

    @property
    def complete(self) -> bool:
        return not self.blocking


def step_states(convention: Convention, report: Report) -> list[StepState]:
    grouped = report.by_step()
    states = []
    for step in steps_for(convention):
        findings = grouped.get(step.slug, [])
        blocking = sum(1 for f in findings if f.is_blocking)
        states.append(StepState(step, blocking, len(findings) - blocking))
    return states


def frame(convention: Convention, report: Report, current: str) -> dict:
    return {
        "convention": convention,
        "lots": lots_of(convention),
        "step_states": step_states(convention, report),
        "current": current,
    }


def check(convention: Convention, moment: str = "saisie") -> Report:
    return convention_check(convention, moment=moment)
