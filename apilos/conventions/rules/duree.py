"""R18: bounds of the end year of conventionnement, and its storage date (pure, no database)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .constants import CDC_PRETEURS, ORDINAIRE, PLS_LIKE_FINANCEMENTS, SANS_FINANCEMENT

MAX_SPAN_YEARS = 99

CASE_LABELS = {
    "outre_mer": "outre-mer",
    "pls": "financement de type PLS",
    "sans_travaux": "opération sans travaux",
    "autre": "durée du prêt CDC",
}


@dataclass(frozen=True)
class LoanTerm:
    preteur: str
    date_octroi: date | None
    duree: int | None

    @property
    def is_cdc(self) -> bool:
        return self.preteur in CDC_PRETEURS

    @property
    def dated(self) -> bool:
        return self.date_octroi is not None and bool(self.duree)

    @property
    def end_year(self) -> int:
        assert self.date_octroi is not None and self.duree is not None
        return self.date_octroi.year + self.duree


@dataclass(frozen=True)
class LotTerms:
    financement: str
    prets: tuple[LoanTerm, ...] = ()


@dataclass(frozen=True)
class LotBound:
    financement: str
    case: str  # outre_mer | pls | sans_travaux | autre
    minimum: int | None
    maximum: int | None


@dataclass(frozen=True)
class EndYearBounds:
    base_year: int
    minimum: int
    maximum: int
    lots: tuple[LotBound, ...]

    @property
    def consistent(self) -> bool:
        return self.minimum <= self.maximum

    def allows(self, year: int) -> bool:
        return self.minimum <= year <= self.maximum


def base_date_for(*, today: date, is_avenant: bool, parent_date_signature: date | None) -> date:
    """R18: B = today, or the parent's signature date for an avenant (today when unknown)."""
    if is_avenant and parent_date_signature is not None:
        return parent_date_signature
    return today


def _lot_bound(
    lot: LotTerms,
    *,
    base: date,
    famille: str,
    is_outre_mer: bool,
    sans_travaux: bool,
    is_avenant: bool,
) -> LotBound:
    s = 1 if base.month > 6 else 0
    lot_sans_travaux = sans_travaux or lot.financement == SANS_FINANCEMENT
    if is_outre_mer:
        minimum = base.year + 9
        if not lot_sans_travaux:
            minimum = max([minimum, *(p.end_year for p in lot.prets if p.dated)])
        return LotBound(lot.financement, "outre_mer", minimum, None)
    if lot.financement in PLS_LIKE_FINANCEMENTS:
        no_max = famille != ORDINAIRE or is_avenant
        maximum = None if no_max else base.year + 40 + s
        return LotBound(lot.financement, "pls", base.year + 15 + s, maximum)
    if lot_sans_travaux:
        return LotBound(lot.financement, "sans_travaux", base.year + 9 + s, None)
    cdc = [p for p in lot.prets if p.is_cdc and p.dated]
    if not cdc:
        return LotBound(lot.financement, "autre", None, None)
    last = max(cdc, key=lambda p: (p.end_year, p.date_octroi))
    assert last.date_octroi is not None
    end = last.end_year
    if end - last.date_octroi.year < 9:
        end = last.date_octroi.year + 9
    if famille == ORDINAIRE and last.date_octroi.month > 6:
        end += 1
    return LotBound(lot.financement, "autre", end, None)


def end_year_bounds(
    *,
    base_date: date,
    lots: Iterable[LotTerms],
    famille: str,
    is_outre_mer: bool,
    sans_travaux: bool,
    is_avenant: bool,
) -> EndYearBounds:
    """R18: per lot, the first matching case (outre-mer, PLS-like, sans travaux, other);
    a mixte takes the largest minimum and the smallest maximum; always B.year ≤ Y ≤ B.year+99."""
    bounds = tuple(
        _lot_bound(
            lot,
            base=base_date,
            famille=famille,
            is_outre_mer=is_outre_mer,
            sans_travaux=sans_travaux,
            is_avenant=is_avenant,
        )
        for lot in lots
    )
    minimum = max([base_date.year, *(b.minimum for b in bounds if b.minimum is not None)])
    maximum = min(
        [base_date.year + MAX_SPAN_YEARS, *(b.maximum for b in bounds if b.maximum is not None)]
    )
    return EndYearBounds(base_year=base_date.year, minimum=minimum, maximum=maximum, lots=bounds)


def date_fin_for(year: int, famille: str) -> date:
    """R18 storage: 30 June Y for ordinary conventions, 31 December Y for foyers and résidences."""
    return date(year, 6, 30) if famille == ORDINAIRE else date(year, 12, 31)
