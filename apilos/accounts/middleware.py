"""Attach the active role (membership) to each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

SESSION_KEY = "active_membership_id"


def active_membership(request: HttpRequest):
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = user.memberships.filter(is_active=True).select_related(
        "bailleur", "administration", "departement", "region"
    )
    wanted = request.session.get(SESSION_KEY)
    chosen = memberships.filter(pk=wanted).first() if wanted else None
    return chosen or memberships.order_by("pk").first()


class ActiveRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = active_membership(request)  # type: ignore[attr-defined]
        return self.get_response(request)
