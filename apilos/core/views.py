"""Home page per role, static pages and error pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from apilos.accounts.enums import BAILLEUR_ROLES, INSTRUCTEUR_ROLES
from apilos.conventions.enums import Statut, statut_label
from apilos.conventions.selectors import conventions_for, counts_by_statut

QUEUE_STATUTS = [Statut.INSTRUCTION, Statut.CORRECTION, Statut.A_SIGNER, Statut.SIGNEE]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    if membership is None:
        return render(request, "core/home_sans_role.html")
    conventions = conventions_for(membership)
    if membership.role in BAILLEUR_ROLES:
        return render(
            request,
            "core/home_bailleur.html",
            {"conventions": conventions[:50], "total": conventions.count()},
        )
    if membership.role in INSTRUCTEUR_ROLES:
        queues = [
            {
                "statut": statut,
                "label": statut_label(statut, instructeur=True),
                "conventions": list(
                    conventions.filter(statut=statut).order_by("mis_a_jour_le")[:20]
                ),
                "count": conventions.filter(statut=statut).count(),
            }
            for statut in QUEUE_STATUTS
        ]
        return render(request, "core/home_instructeur.html", {"queues": queues})
    return render(
        request,
        "core/home_perimetre.html",
        {"counts": counts_by_statut(conventions), "total": conventions.count()},
    )


def accessibilite(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibilite.html")


def mentions_legales(request: HttpRequest) -> HttpResponse:
    return render(request, "core/mentions_legales.html")


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors: the database may be the cause.
    return HttpResponseServerError(loader.render_to_string("500.html"))
