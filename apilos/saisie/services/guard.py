"""The single gate every write of the guided entry goes through (domain.md §1.2, R44)."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied

from apilos.accounts.models import Membership
from apilos.conventions.abilities import convention_abilities
from apilos.conventions.models import Convention


class EditRefused(PermissionDenied):
    """A write the active role may not make; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _guard_write(
    membership: Membership | None,
    convention: Convention,
    objet: str,
    champ: str | None = None,
    ligne_uuid: UUID | str | None = None,
) -> None:
    """Raise EditRefused unless the active role may change this field of this convention.

    The edit rights of the status (§1.2) come from the convention's abilities; the
    correction scope (R44) is checked by the instruction's `assert_can_edit` once present.
    """
    if not convention_abilities(membership, convention)["edit"]:
        raise EditRefused(
            f"Cette convention est « {convention.get_statut_display().lower()} » : votre rôle "
            "ne peut plus la modifier. Demandez à l'instructeur de vous la renvoyer en "
            "correction si un changement est nécessaire."
        )
