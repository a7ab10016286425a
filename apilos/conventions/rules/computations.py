"""Pure computations of the business rules (domain.md §5), all on Decimal, no database.

R18 (end year) lives in `duree.py`, R26 (revision) in `revision.py`, R29 (totals) in
`totals.py`; they are re-exported here so callers have one import.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from apilos.core.decimal import rhu

from .constants import ANNEXE_TYPOLOGIES, TERRASSE_MAX_IN_SU
from .duree import EndYearBounds, LoanTerm, LotBound, LotTerms, date_fin_for, end_year_bounds
from .revision import Indice, revise, select_indices, series_for
from .totals import Totaux, TotauxConvention, totals

__all__ = [
    "EndYearBounds",
    "Indice",
    "LoanTerm",
    "LotBound",
    "LotTerms",
    "Totaux",
    "TotauxConvention",
    "annex_counts",
    "annexe_loyer_max",
    "annexe_loyer_ok",
    "annexes_retenue_ok",
    "coefficient_cap",
    "date_fin_for",
    "edd_lot_numbers",
    "end_year_bounds",
    "loyer_attendu",
    "loyer_ok",
    "mixite",
    "revise",
    "select_indices",
    "series_for",
    "split_terrasse",
    "surface_utile",
    "surface_utile_differs",
    "totals",
]

ZERO = Decimal(0)
ONE_EURO = Decimal("1.00")
SU_IMPORT_TOLERANCE = Decimal("0.01")
LOYER_TOLERANCE = ONE_EURO
ANNEXE_TOLERANCE = Decimal("0.10")


# R1 ---------------------------------------------------------------------------------------------
def surface_utile(surface_habitable: Decimal, surface_annexes_retenue: Decimal | None) -> Decimal:
    """R1: SU = rhu(SH + 0.5 * SAR, 2); an empty SAR counts as 0."""
    return rhu(surface_habitable + Decimal("0.5") * (surface_annexes_retenue or ZERO), 2)


def surface_utile_differs(imported: Decimal | None, computed: Decimal) -> bool:
    """R1: an imported SU that differs from the computed one by more than 0.01 m²."""
    return imported is not None and abs(imported - computed) > SU_IMPORT_TOLERANCE


# R2 ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TerrasseSplit:
    retenue: Decimal  # counted in SAR (at most 9 m²)
    excedent: Decimal  # goes into an Annexe row (0 when nothing is left)


def split_terrasse(surface: Decimal) -> TerrasseSplit:
    """R2: a terrasse counts for at most 9 m² in SAR; the excess becomes an Annexe row."""
    plafond = Decimal(TERRASSE_MAX_IN_SU)
    retenue = min(surface, plafond)
    return TerrasseSplit(retenue=retenue, excedent=max(surface - plafond, ZERO))


def annexes_retenue_ok(
    surface_annexes: Decimal | None, surface_annexes_retenue: Decimal | None
) -> bool:
    """R2: 0 ≤ SAR ≤ SA (empty values count as 0)."""
    sa = surface_annexes or ZERO
    sar = surface_annexes_retenue or ZERO
    return ZERO <= sar <= sa


# R3 ---------------------------------------------------------------------------------------------
def loyer_attendu(surface: Decimal, loyer_par_m2: Decimal, coefficient: Decimal) -> Decimal:
    """R3: attendu = rhu(surface * €/m² * coefficient, 2); surface is SU, or SC in SC tables."""
    return rhu(surface * loyer_par_m2 * coefficient, 2)


def loyer_ok(loyer: Decimal, attendu: Decimal) -> bool:
    """R3: |rhu(loyer, 2) - attendu| ≤ 1.00 €."""
    return abs(rhu(loyer, 2) - attendu) <= LOYER_TOLERANCE


# R5 ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CoefficientCap:
    nombre: int
    loyers_ponderes: Decimal  # rhu(Σ SU * €/m² * coef, 2)
    plafond: Decimal  # rhu(Σ SU * €/m², 2) + n * 1 €

    @property
    def ok(self) -> bool:
        return self.loyers_ponderes <= self.plafond


def coefficient_cap(rows: Iterable[tuple[Decimal, Decimal, Decimal]]) -> CoefficientCap:
    """R5, for the rows (surface, €/m², coefficient) of ONE financement in ONE table:
    rhu(Σ S*lpm2*coef, 2) ≤ rhu(Σ S*lpm2, 2) + n * 1 €."""
    n = 0
    weighted = ZERO
    plain = ZERO
    for surface, lpm2, coef in rows:
        n += 1
        base = surface * lpm2
        plain += base
        weighted += base * coef
    return CoefficientCap(
        nombre=n, loyers_ponderes=rhu(weighted, 2), plafond=rhu(plain, 2) + n * ONE_EURO
    )


# R13 --------------------------------------------------------------------------------------------
def annexe_loyer_max(surface: Decimal, loyer_unitaire: Decimal) -> Decimal:
    """R13: the highest accepted annexe loyer, rhu(surface * loyer unitaire, 2) + 0.10 €."""
    return rhu(surface * loyer_unitaire, 2) + ANNEXE_TOLERANCE


def annexe_loyer_ok(loyer: Decimal, surface: Decimal, loyer_unitaire: Decimal) -> bool:
    """R13: rhu(loyer, 2) ≤ rhu(surface * loyer unitaire, 2) + 0.10 €."""
    return rhu(loyer, 2) <= annexe_loyer_max(surface, loyer_unitaire)


# R19 --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mixite:
    n: int
    x: int  # at least X let to households under the lower ceiling
    y: int  # at most Y let up to 120 % of the ceilings


def mixite(n: int) -> Mixite:
    """R19: n < 10 → X = rhu(0.3n, 0), Y = rhu(0.1n, 0); n ≥ 10 → X = ⌈0.3n⌉, Y = ⌊0.1n⌋."""
    if n < 0:
        raise ValueError("Le nombre de logements ne peut pas être négatif.")
    trente = Decimal("0.3") * n
    dix = Decimal("0.1") * n
    if n < 10:
        return Mixite(n=n, x=int(rhu(trente, 0)), y=int(rhu(dix, 0)))
    return Mixite(n=n, x=math.ceil(trente), y=math.floor(dix))


# R21 --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EddLine:
    designation: str
    financement: str
    lot_num: int


def edd_lot_numbers(lines: Iterable[tuple[str, str]]) -> list[EddLine]:
    """R21: sort the EDD lines (designation, financement) by (financement, designation); each
    financement group, in code order (PLAI < PLS < PLUS < PLUS_CD), gets its 1-based index."""
    ordered = sorted(lines, key=lambda line: (line[1], line[0]))
    groups = {fin: index for index, fin in enumerate(sorted({fin for _, fin in ordered}), start=1)}
    return [EddLine(designation=d, financement=f, lot_num=groups[f]) for d, f in ordered]


def edd_lot_for(lines: Iterable[tuple[str, str]], financement: str) -> int | None:
    """R21: the lot number k the convention of `financement` covers (None if absent)."""
    return next(
        (line.lot_num for line in edd_lot_numbers(lines) if line.financement == financement), None
    )


# R30 --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnnexCounts:
    annexes: dict[str, int]  # terrasse / jardin / cour → count (0 included)
    stationnements: int  # Σ nombre
    stationnements_par_type: dict[str, int]

    @property
    def nb_annexes(self) -> int:
        return sum(self.annexes.values())


def annex_counts(
    annexe_typologies: Iterable[str], stationnements: Iterable[tuple[str, int]]
) -> AnnexCounts:
    """R30: annexes counted by type; parking `nombre` summed (overall and per type)."""
    counted = Counter(annexe_typologies)
    par_type: Counter[str] = Counter()
    for typologie, nombre in stationnements:
        par_type[typologie] += nombre or 0
    return AnnexCounts(
        annexes={typ: counted.get(typ, 0) for typ in ANNEXE_TYPOLOGIES},
        stationnements=sum(par_type.values()),
        stationnements_par_type=dict(par_type),
    )
