"""Work queues of the administration, the bailleur's follow-up, in-app notifications."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from apilos.accounts.enums import BAILLEUR_ROLES, INSTRUCTEUR_ROLES, Role
from apilos.accounts.models import Bailleur
from apilos.accounts.scoping import get_or_404
from apilos.conventions.selectors import conventions_for

from ..forms import QueueFilterForm
from ..models import Notification
from ..selectors import (
    QUEUES,
    delai_cible,
    expected_of_bailleur,
    holder,
    progress,
    queue,
    queue_counts,
    suivi,
)
from .common import membership_of

QUEUE_ROLES = INSTRUCTEUR_ROLES | {Role.ADMINISTRATEUR, Role.STAFF}
PER_PAGE = 50


def _only(request: HttpRequest, roles) -> None:
    membership = membership_of(request)
    if membership is None or membership.role not in roles:
        raise Http404("Cette page n'existe pas ou ne vous est pas accessible.")


@login_required
def files(request: HttpRequest) -> HttpResponse:
    """Conventions to instruct, in correction, to sign and signed, oldest first."""
    _only(request, QUEUE_ROLES)
    membership = membership_of(request)
    counts = queue_counts(membership)
    bailleurs = Bailleur.objects.filter(
        pk__in=conventions_for(membership).values("programme__bailleur")
    ).order_by("nom")
    form = QueueFilterForm(request.GET or None, bailleurs=bailleurs)
    filters = form.cleaned_data if form.is_valid() else {}
    current = filters.get("file") or "a_instruire"
    conventions = queue(
        membership,
        current,
        recherche=filters.get("recherche", ""),
        bailleur=filters.get("bailleur", ""),
        en_retard=filters.get("en_retard", False),
        tri=filters.get("tri") or "anciennete",
    ).select_related("programme__bailleur")
    page = Paginator(conventions, PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [{"convention": c, **progress(c, now)} for c in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("file", None)
    return render(
        request,
        "instruction/files.html",
        {
            "queues": [
                {"key": key, "label": label, "count": counts[key]}
                for key, (_, label) in QUEUES.items()
            ],
            "current": current,
            "current_label": QUEUES[current][1],
            "form": form,
            "rows": rows,
            "page": page,
            "delai": delai_cible(),
            "query": query.urlencode(),
        },
    )


@login_required
def suivi_bailleur(request: HttpRequest) -> HttpResponse:
    """Where each of the bailleur's conventions stands, and what is expected of it."""
    _only(request, BAILLEUR_ROLES)
    page = Paginator(suivi(membership_of(request)), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {"convention": c, "holder": holder(c), "expected": expected_of_bailleur(c)}
        for c in page.object_list
    ]
    return render(request, "instruction/suivi.html", {"rows": rows, "page": page})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(
        Notification.objects.filter(destinataire=request.user).select_related("convention"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(request, "instruction/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_lues(request: HttpRequest) -> HttpResponse:
    """Mark one notification (or all of them) as read."""
    mine = Notification.objects.filter(destinataire=request.user, lu_le__isnull=True)
    uuid = request.POST.get("notification")
    if uuid:
        mine = mine.filter(uuid=uuid) if _is_uuid(uuid) else mine.none()
    count = mine.update(lu_le=timezone.now())
    if request.htmx and uuid and _is_uuid(uuid):  # type: ignore[attr-defined]
        notification = get_or_404(Notification.objects.filter(destinataire=request.user), uuid=uuid)
        return render(request, "instruction/_notification.html", {"n": notification})
    if not uuid:
        plural = "s" if count > 1 else ""
        messages.success(
            request, f"{count} notification{plural} marquée{plural} comme lue{plural}."
        )
    return redirect("instruction:notifications")


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True
