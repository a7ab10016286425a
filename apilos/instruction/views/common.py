"""Helpers shared by the instruction views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apilos.conventions.models import Convention
from apilos.conventions.selectors import convention_get


def membership_of(request: HttpRequest):
    return request.membership  # type: ignore[attr-defined]


def get_convention(request: HttpRequest, uuid) -> Convention:
    """The convention inside the active role's scope, else 404."""
    return convention_get(membership_of(request), uuid)


def refuse(request: HttpRequest, convention: Convention | None, reason: str) -> HttpResponse:
    """403 with the reason, in French, and a way back."""
    return render(
        request, "instruction/refus.html", {"convention": convention, "reason": reason}, status=403
    )
