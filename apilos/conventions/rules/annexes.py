"""Rows hanging from logements and lots: R13 (annexes), R14 (stationnements), R15 (locaux
collectifs)."""

from __future__ import annotations

from .computations import annexe_loyer_max, annexe_loyer_ok
from .context import CheckContext
from .fmt import euros, m2, nombre


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_annexes(ctx: CheckContext) -> None:
    """R13: type, surface, loyer unitaire and loyer required;
    rhu(loyer, 2) ≤ rhu(surface * loyer unitaire, 2) + 0.10 €. The logement pointed to exists
    by construction (foreign key); the import matches it on designation + financement."""
    for annexe in ctx.data.annexes:
        where = f"Annexe du logement « {annexe.designation.strip()} » ({annexe.financement})"
        missing = False
        for champ, label in (
            ("typologie", "le type"),
            ("surface", "la surface"),
            ("loyer_unitaire", "le loyer unitaire"),
            ("loyer", "le loyer"),
        ):
            if _blank(getattr(annexe, champ)):
                missing = True
                ctx.block("R13", f"{where} : {label} manque.", "annexe", annexe.uuid, champ)
        if missing:
            continue
        if not annexe_loyer_ok(annexe.loyer, annexe.surface, annexe.loyer_unitaire):
            ctx.block(
                "R13",
                f"{where} : le loyer ({euros(annexe.loyer)}) dépasse la surface "
                f"({m2(annexe.surface)}) x le loyer unitaire ({nombre(annexe.loyer_unitaire)} "
                f"€/m²), à 0,10 € près. Saisissez au plus "
                f"{euros(annexe_loyer_max(annexe.surface, annexe.loyer_unitaire))}.",
                "annexe",
                annexe.uuid,
                "loyer",
            )


def check_stationnements(ctx: CheckContext) -> None:
    """R14: type, financement (one of the lots, by construction), nombre ≥ 1 and loyer ≥ 0."""
    for row in ctx.data.stationnements:
        where = f"Stationnement {row.financement}"
        if _blank(row.typologie):
            ctx.block(
                "R14",
                f"{where} : choisissez le type de stationnement.",
                "typestationnement",
                row.uuid,
                "typologie",
            )
        if row.nombre is None or row.nombre < 1:
            ctx.block(
                "R14",
                f"{where} : le nombre de places doit être d'au moins 1.",
                "typestationnement",
                row.uuid,
                "nombre",
            )
        if row.loyer is None or row.loyer < 0:
            ctx.block(
                "R14",
                f"{where} : saisissez le loyer mensuel par place (0 ou plus).",
                "typestationnement",
                row.uuid,
                "loyer",
            )


def check_locaux_collectifs(ctx: CheckContext) -> None:
    """R15: type, SH > 0 and nombre ≥ 1."""
    for row in ctx.data.locaux:
        where = f"Local collectif « {row.type_local.strip() or 'sans type'} » ({row.financement})"
        if _blank(row.type_local):
            ctx.block(
                "R15",
                f"{where} : saisissez le type de local.",
                "locauxcollectifs",
                row.uuid,
                "type_local",
            )
        if row.surface_habitable is None or row.surface_habitable <= 0:
            ctx.block(
                "R15",
                f"{where} : la surface habitable doit être supérieure à 0.",
                "locauxcollectifs",
                row.uuid,
                "surface_habitable",
            )
        if row.nombre is None or row.nombre < 1:
            ctx.block(
                "R15",
                f"{where} : le nombre doit être d'au moins 1.",
                "locauxcollectifs",
                row.uuid,
                "nombre",
            )
