"""Decimal rounding shared by every computation (domain.md: `rhu(x, n)`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def to_decimal(value: Decimal | int | str | float) -> Decimal:
    """A Decimal from a number or its text; floats go through their shortest repr."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def rhu(value: Decimal | int | str | float, places: int = 2) -> Decimal:
    """Round half-up to `places` decimals (ties away from zero: 2.345 → 2.35, -2.5 → -3)."""
    return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
