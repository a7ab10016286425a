"""What a role may do on an organisation; views and templates read the same dict."""

from __future__ import annotations

from .enums import Role
from .models import Administration, Bailleur, Membership
from .scoping import bailleur_ids


def bailleur_abilities(membership: Membership | None, bailleur: Bailleur) -> dict[str, bool]:
    if membership is None:
        return {"view": False, "edit": False}
    if membership.role == Role.STAFF:
        return {"view": True, "edit": True}
    own = bailleur.pk in bailleur_ids(membership)
    return {"view": own, "edit": own and membership.role == Role.BAILLEUR}


def administration_abilities(
    membership: Membership | None, administration: Administration
) -> dict[str, bool]:
    if membership is None:
        return {"view": False, "edit": False}
    if membership.role == Role.STAFF:
        return {"view": True, "edit": True}
    own = membership.administration_id == administration.pk
    return {
        "view": own,
        "edit": own and membership.role in {Role.INSTRUCTEUR, Role.INSTRUCTEUR_SIGNATAIRE},
    }
