"""Column types: read a cell into a Python value, write a value back (domain.md §7 step 4).

``parse`` receives a non-empty cell value (str, int, float, datetime…) and returns the stored
value or raises ``CellError`` with a French message; ``expected`` says what the cell should
hold; ``to_cell`` gives what the export writes.
"""

import datetime as dt
import math
import re
import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from apilos.core.decimal import rhu
from apilos.imports.choices import ChoiceSet
from apilos.imports.errors import CellError
from apilos.imports.text import fr_number

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_UNITS = re.compile(r"(€|euros?|eur|m2)")
_DATE_FR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ t]00:00(?::00)?)?")


def _shown(raw: Any) -> str:
    return str(raw).strip()


def parse_number_text(raw: str) -> Decimal:
    """'1 234,56 €' -> 1234.56, '45,5 m²' -> 45.5, '1.234,5' -> 1234.5, '1,234.5' -> 1234.5."""
    text = unicodedata.normalize("NFKC", raw).casefold()
    text = re.sub(r"[\s']", "", text)
    text = _UNITS.sub("", text)
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        integer, _, fraction = text.rpartition(decimal_mark)
        text = _ungroup(integer, thousands, raw) + "." + fraction
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1:
        text = _ungroup(text, ",", raw)
    elif text.count(".") > 1:
        text = _ungroup(text, ".", raw)
    if not _NUMBER.fullmatch(text):
        raise CellError(f"« {raw.strip()} » n'est pas un nombre.")
    return Decimal(text)


def _ungroup(integer: str, separator: str, raw: str) -> str:
    """'1.234.567' -> '1234567'; the groups after the first must have 3 digits."""
    if separator in integer and not re.fullmatch(rf"[+-]?\d{{1,3}}(\{separator}\d{{3}})+", integer):
        raise CellError(f"« {raw.strip()} » n'est pas un nombre.")
    return integer.replace(separator, "")


def to_decimal(raw: Any) -> Decimal:
    """A number cell or a number typed as text, as an exact Decimal."""
    if isinstance(raw, bool):
        raise CellError(f"« {raw} » n'est pas un nombre.")
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise CellError("La cellule ne contient pas un nombre valide.")
        return Decimal(repr(raw))
    if isinstance(raw, str):
        return parse_number_text(raw)
    raise CellError(f"« {_shown(raw)} » n'est pas un nombre.")


def _bound_text(bound: Decimal | int) -> str:
    return fr_number(bound)


@dataclass(frozen=True)
class Bounds:
    """min < x (or ≤) and x < max (or ≤); None means unbounded."""

    min: Decimal | int | None = None
    max: Decimal | int | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False

    def check(self, value: Decimal | int) -> None:
        low_ok = self.min is None or value > self.min or (self.min_inclusive and value == self.min)
        high_ok = self.max is None or value < self.max or (self.max_inclusive and value == self.max)
        if not (low_ok and high_ok):
            raise CellError(f"{fr_number(value)} est hors limites.")

    def describe(self) -> str:
        parts = []
        if self.min is not None:
            word = "supérieur ou égal à" if self.min_inclusive else "strictement supérieur à"
            parts.append(f"{word} {_bound_text(self.min)}")
        if self.max is not None:
            word = "inférieur ou égal à" if self.max_inclusive else "strictement inférieur à"
            parts.append(f"{word} {_bound_text(self.max)}")
        return " et ".join(parts)


class ColumnType(ABC):
    expected: str = ""
    number_format: str | None = None

    @abstractmethod
    def parse(self, raw: Any) -> Any:
        """The stored value of a cell, or CellError with the expected format."""

    def to_cell(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class TextType(ColumnType):
    max_length: int = 255
    upper: bool = False
    pattern: str | None = None  # full-match regex on the cleaned text
    pattern_help: str = ""
    number_format: str | None = "@"

    @property
    def expected(self) -> str:  # type: ignore[override]
        if self.pattern_help:
            return self.pattern_help
        return f"un texte de {fr_number(self.max_length)} caractères au plus"

    def parse(self, raw: Any) -> str | None:
        if isinstance(raw, bool):
            text = "VRAI" if raw else "FAUX"
        elif isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        elif isinstance(raw, float):
            text = repr(raw).replace(".", ",")
        elif isinstance(raw, dt.datetime | dt.date):
            text = raw.strftime("%d/%m/%Y")
        else:
            text = str(raw).strip()
        if self.upper:
            text = text.upper()
        if len(text) > self.max_length:
            raise CellError(
                f"Le texte fait {fr_number(len(text))} caractères, "
                f"au-delà de la limite de {fr_number(self.max_length)}."
            )
        if self.pattern and not re.fullmatch(self.pattern, text):
            raise CellError(f"« {text} » n'a pas le format attendu.")
        return text or None


@dataclass(frozen=True)
class DecimalType(ColumnType):
    """A decimal rounded half-up to ``scale`` places, then checked against ``bounds``."""

    scale: int = 2
    bounds: Bounds = Bounds()
    unit: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        example = fr_number(Decimal("45.5"), self.scale) if self.scale else "45"
        text = f"un nombre (par exemple {example}{self.unit})"
        limits = self.bounds.describe()
        return f"{text}, {limits}" if limits else text

    @property
    def number_format(self) -> str:  # type: ignore[override]
        return "#,##0" + ("." + "0" * self.scale if self.scale else "")

    def parse(self, raw: Any) -> Decimal:
        value = rhu(to_decimal(raw), self.scale)
        self.bounds.check(value)
        return value


@dataclass(frozen=True)
class IntegerType(ColumnType):
    bounds: Bounds = Bounds()
    number_format: str | None = "0"

    @property
    def expected(self) -> str:  # type: ignore[override]
        limits = self.bounds.describe()
        return "un nombre entier" + (f", {limits}" if limits else "")

    def parse(self, raw: Any) -> int:
        number = to_decimal(raw)
        if number != number.to_integral_value():
            raise CellError(f"{fr_number(number)} n'est pas un nombre entier.")
        value = int(number)
        self.bounds.check(value)
        return value


@dataclass(frozen=True)
class DateType(ColumnType):
    expected: str = "une date au format jj/mm/aaaa, par exemple 27/11/2026"
    number_format: str | None = "DD/MM/YYYY"

    def parse(self, raw: Any) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, str):
            text = raw.strip()
            if match := _DATE_FR.fullmatch(text):
                day, month, year = (int(g) for g in match.groups())
            elif match := _DATE_ISO.fullmatch(text.casefold()):
                year, month, day = (int(g) for g in match.groups())
            else:
                raise CellError(f"« {text} » n'est pas une date.")
            try:
                value = dt.date(year, month, day)
            except ValueError:
                raise CellError(f"« {text} » n'est pas une date qui existe.") from None
            if not 1900 <= value.year <= 2200:
                raise CellError(f"L'année {value.year} n'est pas plausible.")
            return value
        raise CellError(f"« {_shown(raw)} » n'est pas une date.")


@dataclass(frozen=True)
class ChoiceType(ColumnType):
    choices: ChoiceSet | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        assert self.choices is not None
        return self.choices.expected()

    def parse(self, raw: Any) -> str:
        assert self.choices is not None
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return self.choices.parse(str(raw).strip())

    def to_cell(self, value: Any) -> Any:
        assert self.choices is not None
        return None if value is None else self.choices.label(value)


_CADASTRE_PART = r"(\d+(?:[.,]\d+)?)"
_CADASTRE = re.compile(
    rf"(?:{_CADASTRE_PART}ha)?(?:{_CADASTRE_PART}a)?(?:{_CADASTRE_PART}ca)?",
)


@dataclass(frozen=True)
class SurfaceCadastraleType(ColumnType):
    """Square metres, typed as '1 ha 20 a 30 ca' (1 ha = 100 a = 10 000 ca = 10 000 m²)."""

    expected: str = "une surface sous la forme « xx ha xx a xx ca » ou un nombre de m²"
    number_format: str | None = "@"

    def parse(self, raw: Any) -> Decimal:
        if isinstance(raw, str):
            compact = re.sub(r"\s", "", unicodedata.normalize("NFKC", raw).casefold())
            match = _CADASTRE.fullmatch(compact)
            if compact and match and any(match.groups()):
                ha, a, ca = (Decimal((g or "0").replace(",", ".")) for g in match.groups())
                value = ha * 10000 + a * 100 + ca
            else:
                value = parse_number_text(raw)
        else:
            value = to_decimal(raw)
        value = rhu(value, 0)
        if value < 0:
            raise CellError("Une surface ne peut pas être négative.")
        return value

    def to_cell(self, value: Any) -> Any:
        if value is None:
            return None
        ha, rest = divmod(int(value), 10000)
        a, ca = divmod(rest, 100)
        return f"{ha} ha {a:02d} a {ca:02d} ca"
