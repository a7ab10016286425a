"""R29: totals of a convention, overall and per financement present (pure, no database).

`logements` are objects exposing `financement`, `typologie`, `surface_habitable`,
`surface_annexes`, `surface_annexes_retenue`, `surface_utile`, `surface_corrigee`, `loyer`
and `loyer_par_m2`; `locaux` expose `financement`, `surface_habitable` and `nombre`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

ZERO = Decimal(0)
_SUMMED = (
    "surface_habitable",
    "surface_annexes",
    "surface_annexes_retenue",
    "surface_utile",
    "surface_corrigee",
    "loyer",
)


@dataclass
class Totaux:
    nb_logements: int = 0
    surface_habitable: Decimal = ZERO
    surface_annexes: Decimal = ZERO
    surface_annexes_retenue: Decimal = ZERO
    surface_utile: Decimal = ZERO
    surface_corrigee: Decimal = ZERO
    loyer: Decimal = ZERO
    par_typologie: dict[str, int] = field(default_factory=dict)
    loyer_par_m2: Decimal | None = None  # the common value (R4), None when rows differ
    lc_sh: Decimal = ZERO  # Σ SH * nombre of the locaux collectifs
    res_sh: Decimal = ZERO  # lc_sh + Σ SH

    def to_dict(self) -> dict[str, Any]:
        data = {name: str(getattr(self, name)) for name in (*_SUMMED, "lc_sh", "res_sh")}
        data["nb_logements"] = self.nb_logements
        data["par_typologie"] = dict(self.par_typologie)
        data["loyer_par_m2"] = None if self.loyer_par_m2 is None else str(self.loyer_par_m2)
        return data


@dataclass
class TotauxConvention:
    total: Totaux
    par_financement: dict[str, Totaux]
    duree: int | None  # years between signature (or validation) and the end date


class _Accumulator:
    def __init__(self) -> None:
        self.totaux = Totaux()
        self.values: set[Decimal] = set()
        self.sums = dict.fromkeys(_SUMMED, ZERO)

    def add(self, row: Any) -> None:
        self.totaux.nb_logements += 1
        for name in _SUMMED:
            value = getattr(row, name, None)
            if value is not None:
                self.sums[name] += value
        typ = row.typologie or ""
        self.totaux.par_typologie[typ] = self.totaux.par_typologie.get(typ, 0) + 1
        if row.loyer_par_m2 is not None:
            self.values.add(row.loyer_par_m2)

    def finish(self, lc_sh: Decimal) -> Totaux:
        for name, value in self.sums.items():
            setattr(self.totaux, name, value)
        self.totaux.loyer_par_m2 = next(iter(self.values)) if len(self.values) == 1 else None
        self.totaux.lc_sh = lc_sh
        self.totaux.res_sh = lc_sh + self.totaux.surface_habitable
        return self.totaux


def duree_conventionnement(
    date_fin: date | None, date_signature: date | None, valide_le: date | None
) -> int | None:
    """R29: year(date_fin) - year(signature, or valide_le before signature)."""
    start = date_signature or valide_le
    if date_fin is None or start is None:
        return None
    return date_fin.year - start.year


def totals(
    logements: Iterable[Any],
    locaux: Iterable[Any] = (),
    *,
    date_fin: date | None = None,
    date_signature: date | None = None,
    valide_le: date | None = None,
) -> TotauxConvention:
    """R29: Σ SH, SA, SAR, SU, SC, loyer (null = 0), count per typologie, common €/m²,
    lc_sh over ALL lots and res_sh, overall and for each financement present."""
    overall = _Accumulator()
    per: dict[str, _Accumulator] = {}
    for row in logements:
        overall.add(row)
        per.setdefault(row.financement, _Accumulator()).add(row)
    lc_overall = ZERO
    lc_per: dict[str, Decimal] = {}
    for local in locaux:
        value = (local.surface_habitable or ZERO) * (local.nombre or 0)
        lc_overall += value
        lc_per[local.financement] = lc_per.get(local.financement, ZERO) + value
    return TotauxConvention(
        total=overall.finish(lc_overall),
        par_financement={
            fin: acc.finish(lc_per.get(fin, ZERO)) for fin, acc in sorted(per.items())
        },
        duree=duree_conventionnement(date_fin, date_signature, valide_le),
    )
