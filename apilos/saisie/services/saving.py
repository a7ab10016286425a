"""Saving a step or a row: every write guarded, all of it in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apilos.accounts.models import Membership, User
from apilos.conventions.models import Convention

from ..grids import Grid
from ..models import AutosaveStamp
from .guard import _guard_write, editable_targets


@dataclass
class Write:
    """An object whose new values are already set, and the model fields that changed."""

    obj: Any  # a model instance: convention, programme, lot or a table row
    objet: str  # rules-engine objet (convention, programme, lot, logement…)
    fields: list[str] = field(default_factory=list)
    is_row: bool = False  # a row of a table: its uuid is part of the address

    @property
    def new(self) -> bool:
        return self.obj._state.adding

    @property
    def ligne_uuid(self) -> UUID | None:
        return getattr(self.obj, "uuid", None) if self.is_row or self.objet == "lot" else None


def accept_seq(client: UUID | str | None, cible: str, seq: int | None) -> bool:
    """Autosave ordering: True (and remembered) when `seq` is newer than the last applied one
    for this page and target; a late, older save answers False and must change nothing."""
    if not client or seq is None:
        return True
    stamp, created = AutosaveStamp.objects.select_for_update().get_or_create(
        client=client, cible=cible[:120], defaults={"seq": seq}
    )
    if created:
        return True
    if seq <= stamp.seq:
        return False
    stamp.seq = seq
    stamp.save(update_fields=["seq", "mis_a_jour_le"])
    return True


def _touch(convention: Convention) -> None:
    Convention.objects.filter(pk=convention.pk).update(mis_a_jour_le=timezone.now())


def _apply(write: Write, *, user: User | None) -> None:
    obj = write.obj
    if write.new:
        if hasattr(obj, "cree_par_id") and user is not None and user.pk:
            obj.cree_par = user
        obj.save()
    elif write.fields:
        obj.save(update_fields=[*write.fields, "mis_a_jour_le"])


def save_writes(
    *,
    convention: Convention,
    membership: Membership | None,
    user: User | None,
    writes: Iterable[Write] = (),
    deletes: Iterable[Write] = (),
    autosave: tuple[str | None, str, int | None] | None = None,
) -> bool:
    """Guard then save every write and delete, all or none. With `autosave`
    (client, cible, seq), a save older than one already applied changes nothing and
    answers False."""
    writes = [w for w in writes if w.new or w.fields]
    deletes = list(deletes)
    targets = editable_targets(membership, convention)
    for write in writes:
        names: list[str | None] = list(write.fields) or [None]
        for name in names:
            _guard_write(
                membership, convention, write.objet, name, write.ligne_uuid, targets=targets
            )
    for delete in deletes:
        _guard_write(membership, convention, delete.objet, None, delete.ligne_uuid, targets=targets)
    with transaction.atomic():
        if autosave is not None and not accept_seq(*autosave):
            return False
        for delete in deletes:
            delete.obj.delete()
        for write in writes:
            _apply(write, user=user)
        _touch(convention)
    return True


def _copy_label(designation: str, taken: set[str]) -> str:
    base = f"{designation} (copie)"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        candidate = f"{designation} (copie {n})"
        n += 1
    return candidate


@transaction.atomic
def row_duplicate(
    *,
    convention: Convention,
    membership: Membership | None,
    user: User | None,
    grid: Grid,
    row: Any,
) -> Any:
    """A copy of the row just after it; a designation gets " (copie)" to stay unique (R6)."""
    _guard_write(membership, convention, grid.objet, None, None)
    copy = type(row).objects.get(pk=row.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.uuid = uuid.uuid4()
    copy.cree_par = user if user is not None and user.pk else None
    if hasattr(copy, "designation"):
        taken = {
            d.casefold() for d in grid.queryset(convention).values_list("designation", flat=True)
        }
        copy.designation = _copy_label(row.designation, taken)
    if hasattr(copy, "ordre"):
        grid.queryset(convention).filter(ordre__gt=row.ordre).update(ordre=F("ordre") + 1)
        copy.ordre = row.ordre + 1
    copy.save()
    _touch(convention)
    return copy
