"""Convention pages; every object is fetched through the scoped selectors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .enums import Statut
from .selectors import conventions_for


@login_required
def convention_list(request: HttpRequest) -> HttpResponse:
    conventions = conventions_for(request.membership)  # type: ignore[attr-defined]
    statut = request.GET.get("statut", "")
    if statut in Statut.values:
        conventions = conventions.filter(statut=statut)
    page = Paginator(conventions.order_by("-mis_a_jour_le", "pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "conventions/list.html",
        {"page": page, "statuts": Statut.choices, "statut": statut},
    )


@login_required
def convention_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    """The convention page opens on its récapitulatif (tabs built by the instruction app)."""
    from apilos.instruction.views.page import recapitulatif

    return recapitulatif(request, uuid)
