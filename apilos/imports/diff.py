"""Preview of an import: rows to add, update and remove (domain.md §7 step 6).

Rows are matched on the spec's match keys (logements by designation, annexes by designation
and type, prêts by numéro and financement…). Text keys are compared trimmed and case-folded
(R6). When a key occurs several times, occurrences are paired in order, so that loans without
a numéro keep their identity; a key occurring twice in the file while fully filled in is
reported in ``duplicates``.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from apilos.imports.specs import TableSpec

Row = Mapping[str, Any]


@dataclass(frozen=True)
class RowChange:
    existing: Row
    imported: Row
    changes: dict[str, tuple[Any, Any]]  # field -> (old value, new value)


@dataclass
class TableDiff:
    to_add: list[Row] = field(default_factory=list)
    to_update: list[RowChange] = field(default_factory=list)
    to_remove: list[Row] = field(default_factory=list)
    unchanged: list[RowChange] = field(default_factory=list)
    duplicates: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.to_add or self.to_update or self.to_remove)


def _key_part(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip().casefold()
        return value or None
    return value


def match_key(row: Row, spec: TableSpec) -> tuple[Any, ...]:
    """The identity of a row: its match-key values, text trimmed and case-folded."""
    return tuple(_key_part(row.get(name)) for name in spec.match_keys)


def _same(old: Any, new: Any) -> bool:
    if old == "":
        old = None
    if new == "":
        new = None
    if isinstance(old, Decimal | int) and isinstance(new, Decimal | int):
        return Decimal(old) == Decimal(new)
    return old == new


def diff_rows(existing_rows: Iterable[Row], imported_rows: Iterable[Row], spec: TableSpec):
    """What saving ``imported_rows`` over ``existing_rows`` would do, field by field."""
    existing_by_key: dict[tuple, list[Row]] = {}
    for row in existing_rows:
        existing_by_key.setdefault(match_key(row, spec), []).append(row)
    diff = TableDiff()
    seen: dict[tuple, int] = {}
    for row in imported_rows:
        key = match_key(row, spec)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        if occurrence == 1 and all(part is not None for part in key):
            diff.duplicates.append(key)
        candidates = existing_by_key.get(key, [])
        if occurrence >= len(candidates):
            diff.to_add.append(row)
            continue
        existing = candidates[occurrence]
        changes = {
            name: (existing.get(name), row.get(name))
            for name in spec.fields
            if not _same(existing.get(name), row.get(name))
        }
        (diff.to_update if changes else diff.unchanged).append(RowChange(existing, row, changes))
    for key, rows in existing_by_key.items():
        diff.to_remove.extend(rows[seen.get(key, 0) :])
    return diff
