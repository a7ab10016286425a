"""The single gate every write of the guided entry goes through (domain.md §1.2, R44).

It delegates to the conventions' `assert_can_edit`: the status decides who may edit, and in
correction the bailleur may change only what open or resolved comments target.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied

from apilos.accounts.models import Membership
from apilos.conventions import abilities
from apilos.conventions.models import Convention
from apilos.conventions.targets import Target


class EditRefused(PermissionDenied):
    """A write the active role may not make; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def editable_targets(membership: Membership | None, convention: Convention) -> set[Target]:
    """Computed once per save, then handed to every `_guard_write` of that save."""
    return abilities.editable_targets(membership, convention)


def _guard_write(
    membership: Membership | None,
    convention: Convention,
    objet: str,
    champ: str | None = None,
    ligne_uuid: UUID | str | None = None,
    *,
    targets: set[Target] | None = None,
) -> None:
    """Raise EditRefused unless the active role may change this field of this convention."""
    try:
        abilities.assert_can_edit(
            membership, convention, objet, champ or "", ligne_uuid, targets=targets
        )
    except abilities.EditRefused as refused:
        raise EditRefused(" ".join(refused.messages)) from refused
