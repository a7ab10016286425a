"""R26: revision of a loyer or a redevance with the published indices (pure, no database).

An index is any object with `date_debut`, `date_fin`, `evolution_pct` (Decimal) and
`departements` (codes; empty = national), such as `Indice` below or the
IndiceEvolutionLoyer model once loaded with its départements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

from apilos.core.decimal import rhu

LOYER = "loyer"
REDEVANCE = "redevance"
LOGEMENTS_ORDINAIRES = "logements_ordinaires"
# Natures whose redevance has a published series.
REDEVANCE_NATURES = frozenset({"residence_sociale", "residence_accueil", "logement_foyer"})


@dataclass(frozen=True)
class Indice:
    date_debut: date
    date_fin: date
    evolution_pct: Decimal
    departements: frozenset[str] = field(default_factory=frozenset)


def series_for(nature_logement: str) -> tuple[str, str | None]:
    """R26: (kind, nature) of the series to use: `loyer` for ordinary dwellings, else the
    `redevance` series of the nature (résidence sociale, résidence d'accueil, foyer only)."""
    if nature_logement == LOGEMENTS_ORDINAIRES:
        return LOYER, None
    if nature_logement in REDEVANCE_NATURES:
        return REDEVANCE, nature_logement
    raise ValueError(
        f"Aucun indice de révision n'est publié pour la nature « {nature_logement} » : "
        "seuls les logements ordinaires, les résidences sociales, les résidences d'accueil "
        "et les foyers sont révisables."
    )


def _codes(departements: Any) -> frozenset[str]:
    if departements is None:
        return frozenset()
    if hasattr(departements, "all"):  # a related manager
        departements = departements.all()
    return frozenset(getattr(d, "code", d) for d in departements)


def select_indices(
    indices: Iterable[Any],
    date_initiale: date,
    date_revision: date,
    *,
    departement: str | None = None,
) -> list[Any]:
    """R26: the periods inside [date_initiale, date_revision] plus the one containing
    date_initiale, one index per period, a département index replacing the national one."""
    if date_revision < date_initiale:
        raise ValueError("La date de révision précède la date initiale.")
    chosen: dict[tuple[date, date], tuple[bool, Any]] = {}
    for indice in indices:
        codes = _codes(indice.departements)
        local = bool(codes)
        if local and departement not in codes:
            continue
        containing = indice.date_debut <= date_initiale <= indice.date_fin
        inside = date_initiale <= indice.date_debut and indice.date_fin <= date_revision
        if not (containing or inside):
            continue
        key = (indice.date_debut, indice.date_fin)
        if key not in chosen or (local and not chosen[key][0]):
            chosen[key] = (local, indice)
    return [chosen[key][1] for key in sorted(chosen)]


def revise(
    montant: Decimal,
    date_initiale: date,
    date_revision: date,
    indices: Iterable[Any],
    *,
    departement: str | None = None,
) -> Decimal:
    """R26: rhu(montant * Π(1 + evolution_i / 100), 2), rounded once at the end."""
    with localcontext() as ctx:
        ctx.prec = 60
        factor = Decimal(1)
        for indice in select_indices(
            indices, date_initiale, date_revision, departement=departement
        ):
            factor *= 1 + Decimal(indice.evolution_pct) / 100
        return rhu(Decimal(montant) * factor, 2)
