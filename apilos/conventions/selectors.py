"""Reads of conventions, always scoped by the active role (domain.md §1.2)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from apilos.accounts.enums import BAILLEUR_ROLES, INSTRUCTEUR_ROLES, Role
from apilos.accounts.models import Membership
from apilos.accounts.scoping import bailleur_ids, get_or_404, perimeter_q

from .enums import FROM_A_SIGNER, Statut
from .models import Convention


def conventions_for(membership: Membership | None) -> QuerySet[Convention]:
    """Every convention (and avenant) the active role may see; nothing else exists for it."""
    base = Convention.objects.select_related(
        "programme", "programme__bailleur", "programme__administration", "programme__departement"
    )
    if membership is None:
        return base.none()
    if membership.role == Role.STAFF:
        return base.all()
    if membership.role in BAILLEUR_ROLES:
        return base.filter(programme__bailleur_id__in=bailleur_ids(membership))
    if membership.role in INSTRUCTEUR_ROLES:
        return base.filter(programme__administration_id=membership.administration_id or 0)
    if membership.role == Role.ADMINISTRATEUR:
        return base.filter(perimeter_q(membership, "programme__departement"))
    if membership.role == Role.PARTENAIRE:
        return base.filter(perimeter_q(membership, "programme__departement")).filter(
            statut__in=FROM_A_SIGNER
        )
    return base.none()


def convention_get(membership: Membership | None, uuid: object) -> Convention:
    return get_or_404(conventions_for(membership), uuid=uuid)


def counts_by_statut(queryset: QuerySet[Convention]) -> list[dict]:
    """Counts for every status, zero included, in lifecycle order."""
    found = dict(queryset.values_list("statut").annotate(n=Count("id")).values_list("statut", "n"))
    return [
        {"statut": value, "label": label, "count": found.get(value, 0)}
        for value, label in Statut.choices
    ]
