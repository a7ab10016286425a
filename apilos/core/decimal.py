"""Decimal helpers: money and surfaces are never floats (domain.md: `rhu(x, n)`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def to_decimal(value: Decimal | int | str | float) -> Decimal:
    """A Decimal from a number or its text; floats go through their shortest repr."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def rhu(value: Decimal | int | str, places: int = 2) -> Decimal:
    """Round half-up to `places` decimals: rhu(Decimal("2.345"), 2) == Decimal("2.35")."""
    if isinstance(value, float):
        raise TypeError("rhu() refuse les flottants : passez un Decimal, un entier ou un texte.")
    return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
