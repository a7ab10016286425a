"""Decimal helpers: money and surfaces are never floats (domain.md, "How to read it")."""

from decimal import ROUND_HALF_UP, Decimal


def rhu(value: Decimal | int | str, places: int = 2) -> Decimal:
    """Round half-up to `places` decimals: rhu(Decimal("2.345"), 2) == Decimal("2.35")."""
    if isinstance(value, float):
        raise TypeError("rhu() refuse les flottants : passez un Decimal, un entier ou un texte.")
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
