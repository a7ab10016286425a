"""French formatting of numbers, amounts, surfaces and dates for documents.

Every value a document prints goes through these functions, so a convention, its DOCX working
copy and the fiche CAF all write `1 234,56 €` and `27/11/2026` the same way.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

# Django's French locale separates thousands with a no-break space; so do we.
NBSP = "\u00a0"
EMPTY = "—"


def nombre(value: Decimal | int | float | None, decimales: int = 2) -> str:
    """`1234.5` → `1 234,50` (half-up rounding, no-break space between thousands)."""
    if value is None:
        return EMPTY
    if isinstance(value, int) and not isinstance(value, bool):
        return _group(str(abs(value)), negative=value < 0)
    quantum = Decimal(1).scaleb(-decimales)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign, digits = rounded < 0, format(abs(rounded), "f")
    integer, _, fraction = digits.partition(".")
    grouped = _group(integer, negative=sign)
    return f"{grouped},{fraction}" if fraction else grouped


def _group(integer: str, *, negative: bool) -> str:
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    return ("-" if negative else "") + NBSP.join(groups)


def euros(value: Decimal | int | None) -> str:
    """`1234.56` → `1 234,56 €`."""
    return EMPTY if value is None else f"{nombre(value)}{NBSP}€"


def date_fr(value: date | datetime | None) -> str:
    """`date(2026, 11, 27)` → `27/11/2026`."""
    return EMPTY if value is None else value.strftime("%d/%m/%Y")


def surface_cadastrale(m2: int | Decimal | None) -> str:
    """A cadastral surface in m² written `xx ha xx a xx ca` (1 ha = 100 a = 10 000 ca)."""
    if m2 is None:
        return EMPTY
    total = int(Decimal(str(m2)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    hectares, rest = divmod(total, 10_000)
    ares, centiares = divmod(rest, 100)
    return f"{hectares} ha {ares:02d} a {centiares:02d} ca"


MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_longue(value: date | None) -> str:
    """`date(2026, 1, 1)` → `1er janvier 2026` (for sentences of the legal text)."""
    if value is None:
        return EMPTY
    jour = "1er" if value.day == 1 else str(value.day)
    return f"{jour} {MOIS[value.month - 1]} {value.year}"
