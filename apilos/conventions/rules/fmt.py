"""French formatting of numbers and dates inside the messages of the rules engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apilos.core.decimal import rhu


def nombre(value: Decimal | int | None, places: int = 2) -> str:
    """1234.5 → "1 234,50" (the French way)."""
    if value is None:
        return "—"
    text = f"{rhu(value, places):,.{places}f}" if places else f"{int(rhu(value, 0)):,}"
    return text.replace(",", " ").replace(".", ",")


def euros(value: Decimal | None) -> str:
    return f"{nombre(value)} €"


def m2(value: Decimal | None) -> str:
    return f"{nombre(value)} m²"


def jour(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def liste(values: list[str] | tuple[str, ...] | set[str], limit: int = 10) -> str:
    items = sorted(values)
    shown = ", ".join(items[:limit])
    return shown + (f" et {len(items) - limit} autre(s)" if len(items) > limit else "")
