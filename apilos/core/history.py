"""Field-level history on top of django-simple-history (see docs/historique.md).

Every tracked model keeps a full snapshot per write (`history = HistoricalRecords()`).
A field change is the difference between two consecutive snapshots of one row, computed
when read. Plain `save()` and `delete()` are recorded by simple-history's signals; the
bulk paths below record too. `QuerySet.update()` records nothing: do not use it on
tracked fields.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from django.db import models, transaction
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

# Bookkeeping columns: never reported as a change.
UNTRACKED = frozenset({"id", "uuid", "cree_le", "mis_a_jour_le", "cree_par"})
ACTION_LABELS = {"+": "création", "~": "modification", "-": "suppression"}


@contextlib.contextmanager
def acting_user(user) -> Iterator[None]:
    """Attribute every history row written inside the block to `user`.

    The request middleware does this for web requests; services, tasks and commands
    use this block so that deletions and saves they make outside a request say who.
    """
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user) if user is not None else None
    try:
        yield
    finally:
        if previous is None:
            with contextlib.suppress(AttributeError):
                del context.request
        else:
            context.request = previous


def save_tracked(instance: models.Model, *, by, reason: str = "", **kwargs) -> None:
    """`save()` whose history row names `by` (None: the request's user, if any)."""
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save(**kwargs)


def bulk_create_tracked(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    by,
    reason: str = "",
    batch_size: int = 1000,
) -> list[models.Model]:
    """`bulk_create` that writes one "+" history row per object; returns objects with pk."""
    if not objs:
        return []
    with transaction.atomic():
        return bulk_create_with_history(
            list(objs),
            model,
            batch_size=batch_size,
            default_user=by,
            default_change_reason=reason,
        )


def bulk_update_tracked(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: Sequence[str],
    *,
    by,
    reason: str = "",
    batch_size: int = 1000,
) -> int:
    """`bulk_update` that writes one "~" history row per object, holding its new values."""
    if not objs:
        return 0
    with transaction.atomic():
        return bulk_update_with_history(
            list(objs),
            model,
            list(fields),
            batch_size=batch_size,
            default_user=by,
            default_change_reason=reason,
        )


def delete_tracked(queryset: models.QuerySet, *, by) -> int:
    """Delete rows one signal at a time, so each deletion leaves a "-" history row."""
    with transaction.atomic(), acting_user(by):
        deleted, _ = queryset.delete()
    return deleted


@dataclass(frozen=True)
class FieldChange:
    """One line of a row's history: who changed which field, when, from what to what."""

    model: str  # verbose name, e.g. "logement"
    objet: str  # the row as printed, e.g. "A101"
    uuid: Any
    action: str  # "+", "~" or "-"
    field: str  # empty for a creation or a deletion
    field_label: str
    old: Any
    new: Any
    who: Any  # User or None
    when: datetime
    reason: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


def tracked_field_names(model: type[models.Model]) -> list[str]:
    history_model = model.history.model  # type: ignore[attr-defined]
    return [f.attname for f in history_model.tracked_fields if f.name not in UNTRACKED]


def field_changes(
    model: type[models.Model],
    history_rows: Iterable[Any],
    *,
    since: datetime | None = None,
) -> list[FieldChange]:
    """Diff consecutive snapshots of each row. `history_rows` must cover each row's whole
    history (older rows are needed as the "before" side even when `since` is given)."""
    history_model = model.history.model  # type: ignore[attr-defined]
    names = tracked_field_names(model)
    labels = {f.attname: str(f.verbose_name) for f in history_model.tracked_fields}
    verbose = str(model._meta.verbose_name)
    ordered = sorted(history_rows, key=lambda h: (h.id, h.history_date, h.history_id))
    changes: list[FieldChange] = []
    previous: Any = None
    for row in ordered:
        if previous is not None and previous.id != row.id:
            previous = None
        keep = since is None or row.history_date >= since
        common = {
            "model": verbose,
            "objet": _row_label(row),
            "uuid": getattr(row, "uuid", None),
            "action": row.history_type,
            "who": row.history_user,
            "when": row.history_date,
            "reason": row.history_change_reason or "",
        }
        if keep and (row.history_type != "~" or previous is None):
            changes.append(FieldChange(**common, field="", field_label="", old=None, new=None))
        elif keep:
            for name in names:
                old, new = getattr(previous, name), getattr(row, name)
                if old != new:
                    changes.append(
                        FieldChange(
                            **common, field=name, field_label=labels[name], old=old, new=new
                        )
                    )
        previous = row
    return changes


def _row_label(history_row) -> str:
    try:
        return str(history_row.instance)
    except Exception:  # a deleted parent can make __str__ fail; the id is enough then
        return f"#{history_row.id}"
