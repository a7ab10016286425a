"""Who sees what: the single source of organisational scope (domain.md §1.2).

Every queryset shown to a user goes through these helpers; anything outside
answers 404.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from .enums import BAILLEUR_ROLES, INSTRUCTEUR_ROLES, Perimetre, Role
from .models import Administration, Bailleur, Membership


def bailleur_ids(membership: Membership | None) -> set[int]:
    """The membership's bailleur and every bailleur it absorbed, at any depth."""
    if membership is None or membership.role not in BAILLEUR_ROLES or not membership.bailleur_id:
        return set()
    found = {membership.bailleur_id}
    frontier = {membership.bailleur_id}
    while frontier:
        children = set(Bailleur.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = children - found
        found |= frontier
    return found


def perimeter_q(membership: Membership, departement_field: str) -> Q:
    """Q filtering on a département field for perimeter roles; empty Q = everything."""
    if membership.perimetre == Perimetre.NATIONAL or membership.role == Role.STAFF:
        return Q()
    if membership.perimetre == Perimetre.REGION:
        return Q(**{f"{departement_field}__region_id": membership.region_id})
    if membership.perimetre == Perimetre.DEPARTEMENT:
        return Q(**{f"{departement_field}_id": membership.departement_id})
    return Q(pk__in=[])


def bailleurs_for(membership: Membership | None):
    if membership is None:
        return Bailleur.objects.none()
    if membership.role == Role.STAFF:
        return Bailleur.objects.all()
    if membership.role in BAILLEUR_ROLES:
        return Bailleur.objects.filter(id__in=bailleur_ids(membership))
    return Bailleur.objects.none()


def administrations_for(membership: Membership | None):
    if membership is None:
        return Administration.objects.none()
    if membership.role == Role.STAFF:
        return Administration.objects.all()
    if membership.role in INSTRUCTEUR_ROLES:
        return Administration.objects.filter(id=membership.administration_id or 0)
    return Administration.objects.none()


def get_or_404(queryset, **lookup):
    """Fetch one object inside an already scoped queryset, or answer 404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Cette page n'existe pas ou ne vous est pas accessible.") from exc
