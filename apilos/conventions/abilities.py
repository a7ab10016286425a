"""What the active role may do on one convention (domain.md §1.2 edit rights)."""

from __future__ import annotations

from apilos.accounts.enums import INSTRUCTEUR_ROLES, Role
from apilos.accounts.models import Membership

from .enums import EN_COURS, Statut
from .models import Convention
from .selectors import conventions_for


def convention_abilities(membership: Membership | None, convention: Convention) -> dict[str, bool]:
    none = dict.fromkeys(("view", "edit", "submit", "comment", "validate", "sign", "cancel"), False)
    if membership is None or not conventions_for(membership).filter(pk=convention.pk).exists():
        return none
    abilities = dict(none, view=True)
    statut = convention.statut
    if membership.role == Role.BAILLEUR:
        abilities["edit"] = statut in {Statut.PROJET, Statut.CORRECTION}
        abilities["submit"] = statut in {Statut.PROJET, Statut.CORRECTION}
        abilities["cancel"] = statut in EN_COURS
    elif (
        membership.role in INSTRUCTEUR_ROLES - {Role.INSTRUCTEUR_LECTEUR}
        or membership.role == Role.STAFF
    ):
        abilities["edit"] = statut in EN_COURS
        abilities["comment"] = statut in {Statut.INSTRUCTION, Statut.CORRECTION}
        abilities["validate"] = statut in {Statut.INSTRUCTION, Statut.CORRECTION}
        abilities["sign"] = statut == Statut.A_SIGNER and membership.role != Role.STAFF
        abilities["cancel"] = statut in EN_COURS | {Statut.A_SIGNER}
    return abilities
