"""Reads of conventions, always scoped by the active role (domain.md §1.2)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, QuerySet

from apilos.accounts.enums import BAILLEUR_ROLES, INSTRUCTEUR_ROLES, Role
from apilos.accounts.models import Membership
from apilos.accounts.scoping import bailleur_ids, get_or_404, perimeter_q
from apilos.core.history import FieldChange, field_changes
from apilos.programmes.models import LogementEDD, Programme, ReferenceCadastrale

from .enums import FROM_A_SIGNER, Statut
from .models import (
    Annexe,
    Convention,
    LocauxCollectifs,
    Logement,
    Lot,
    Pret,
    TypeStationnement,
)


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


def convention_visible(membership: Membership | None, convention: Convention) -> bool:
    """Whether the active role sees this convention (the same scope as every list)."""
    return conventions_for(membership).filter(pk=convention.pk).exists()


def convention_get(membership: Membership | None, uuid: object) -> Convention:
    return get_or_404(conventions_for(membership), uuid=uuid)


def counts_by_statut(queryset: QuerySet[Convention]) -> list[dict]:
    """Counts for every status, zero included, in lifecycle order."""
    found = dict(queryset.values_list("statut").annotate(n=Count("id")).values_list("statut", "n"))
    return [
        {"statut": value, "label": label, "count": found.get(value, 0)}
        for value, label in Statut.choices
    ]


def convention_field_changes(
    convention: Convention, since: datetime | None = None
) -> list[FieldChange]:
    """Who changed which field of which row of this version, when, old → new.

    Covers the convention, its programme with EDD and cadastre rows, its lots and every
    row under them, deleted rows included; sorted by time.
    """

    def rows(model, **filters):
        return model.history.filter(**filters).select_related("history_user")

    own = list(rows(Convention, id=convention.pk))
    programme_ids = {h.programme_id for h in own} | {convention.programme_id}
    lots = list(rows(Lot, convention_id=convention.pk))
    lot_ids = {h.id for h in lots}
    logements = list(rows(Logement, lot_id__in=lot_ids))
    groups = [
        (Convention, own),
        (Programme, rows(Programme, id__in=programme_ids)),
        (LogementEDD, rows(LogementEDD, programme_id__in=programme_ids)),
        (ReferenceCadastrale, rows(ReferenceCadastrale, programme_id__in=programme_ids)),
        (Lot, lots),
        (Logement, logements),
        (Annexe, rows(Annexe, logement_id__in={h.id for h in logements})),
        (Pret, rows(Pret, lot_id__in=lot_ids)),
        (TypeStationnement, rows(TypeStationnement, lot_id__in=lot_ids)),
        (LocauxCollectifs, rows(LocauxCollectifs, lot_id__in=lot_ids)),
    ]
    changes = [c for model, history in groups for c in field_changes(model, history, since=since)]
    return sorted(changes, key=lambda change: change.when)


def operation_financement_conflicts(convention: Convention) -> list[str]:
    """R35: financements of this original already held by another live original of the same
    opération (the database refuses them too, through the lots' denormalised key)."""
    numero = convention.programme.numero_operation_normalise
    if convention.parent_id or not numero:
        return []
    financements = set(convention.lots.values_list("financement", flat=True))
    taken = (
        Lot.objects.filter(cle_operation_vivante=numero, financement__in=financements)
        .exclude(convention=convention)
        .values_list("financement", flat=True)
    )
    return sorted(set(taken))
