"""Which side of the desk a role acts from (domain.md §1.2)."""

from __future__ import annotations

from apilos.accounts.enums import Role
from apilos.accounts.models import Membership

BAILLEUR = "bailleur"
INSTRUCTEUR = "instructeur"
STAFF = "staff"

SIDE_LABELS = {BAILLEUR: "bailleur", INSTRUCTEUR: "administration", STAFF: "équipe APiLos"}

# Roles that act (write) for their side; read-only variants and partners never act.
ACTING_ROLES: dict[str, str] = {
    Role.BAILLEUR: BAILLEUR,
    Role.INSTRUCTEUR: INSTRUCTEUR,
    Role.INSTRUCTEUR_SIGNATAIRE: INSTRUCTEUR,
    # "instructeur rights within the perimeter" (§1.2)
    Role.ADMINISTRATEUR: INSTRUCTEUR,
    Role.STAFF: STAFF,
}

# Roles that read a side's exchanges, private notes included for the administration.
READING_SIDES: dict[str, str] = {
    Role.BAILLEUR: BAILLEUR,
    Role.BAILLEUR_LECTEUR: BAILLEUR,
    Role.INSTRUCTEUR: INSTRUCTEUR,
    Role.INSTRUCTEUR_LECTEUR: INSTRUCTEUR,
    Role.INSTRUCTEUR_SIGNATAIRE: INSTRUCTEUR,
    Role.ADMINISTRATEUR: INSTRUCTEUR,
    Role.STAFF: STAFF,
}


def acting_side(membership: Membership | None) -> str | None:
    """The side this role writes for, or None for read-only roles."""
    if membership is None:
        return None
    return ACTING_ROLES.get(membership.role)


def reading_side(membership: Membership | None) -> str | None:
    """The side whose exchanges this role reads (partners read none)."""
    if membership is None:
        return None
    return READING_SIDES.get(membership.role)


def is_administration_side(membership: Membership | None) -> bool:
    """Instructeurs, administrateurs and staff: they read private notes."""
    return reading_side(membership) in {INSTRUCTEUR, STAFF}
