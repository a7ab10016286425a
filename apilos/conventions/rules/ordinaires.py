"""Ordinary dwellings: R1 (SU), R2 (annexes), R3 (loyer), R4 (same €/m²), R5 (coefficient cap)
and the comparison with the LoyerPlafond reference table."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from .computations import (
    annexes_retenue_ok,
    coefficient_cap,
    loyer_attendu,
    loyer_ok,
    surface_utile,
    surface_utile_differs,
)
from .constants import (
    ORDINARY_TABLES,
    RENT_TABLES,
    SC_TABLES,
    SU_AVEC_LOYER,
    SU_TABLES,
    TABLE_LABELS,
)
from .context import CheckContext, majority
from .data import LogementRow
from .fmt import euros, m2, nombre

PLAFOND_RULE = "PLAFOND"


def _surface(row: LogementRow) -> Decimal | None:
    """The rent surface: SU computed by R1 in SU tables, SC in SC tables."""
    if row.tableau in SC_TABLES:
        return row.surface_corrigee
    if row.surface_habitable is None:
        return None
    return surface_utile(row.surface_habitable, row.surface_annexes_retenue)


def _check_surfaces(ctx: CheckContext, row: LogementRow, surface: Decimal | None) -> None:
    name = row.designation.strip() or "sans désignation"
    if row.tableau in SU_TABLES:
        if row.surface_annexes is None:
            ctx.block(
                "R2",
                f"Logement « {name} » : la surface des annexes réelle manque. "
                "Saisissez-la (0 s'il n'y a pas d'annexe).",
                "logement",
                row.uuid,
                "surface_annexes",
            )
        if row.surface_annexes_retenue is None:
            ctx.block(
                "R1",
                f"Logement « {name} » : la surface des annexes retenue manque, la surface utile "
                "ne peut pas être calculée. Saisissez-la (0 s'il n'y a pas d'annexe).",
                "logement",
                row.uuid,
                "surface_annexes_retenue",
            )
        elif row.surface_annexes is not None and not annexes_retenue_ok(
            row.surface_annexes, row.surface_annexes_retenue
        ):
            ctx.block(
                "R2",
                f"Logement « {name} » : la surface des annexes retenue "
                f"({m2(row.surface_annexes_retenue)}) doit être comprise entre 0 et la surface "
                f"des annexes réelle ({m2(row.surface_annexes)}). Une terrasse compte pour 9 m² "
                "au plus ; l'excédent se déclare en annexe.",
                "logement",
                row.uuid,
                "surface_annexes_retenue",
            )
        if surface is not None and row.surface_annexes_retenue is not None:
            computed = surface
            if surface_utile_differs(row.surface_utile, computed):
                ctx.warn(
                    "R1",
                    f"Logement « {name} » : la surface utile enregistrée "
                    f"({m2(row.surface_utile)}) ne vaut pas SH + 50 % des annexes retenues "
                    f"({m2(computed)}). Elle sera recalculée à l'enregistrement.",
                    "logement",
                    row.uuid,
                    "surface_utile",
                )
    elif row.tableau in SC_TABLES and row.surface_corrigee is None:
        ctx.block(
            "R3",
            f"Logement « {name} » : la surface corrigée manque. Saisissez-la.",
            "logement",
            row.uuid,
            "surface_corrigee",
        )


def _check_loyer(ctx: CheckContext, row: LogementRow, surface: Decimal | None) -> None:
    name = row.designation.strip() or "sans désignation"
    missing = [
        (champ, label)
        for champ, label in (
            ("loyer_par_m2", "le loyer maximum par m²"),
            ("coefficient", "le coefficient propre au logement"),
            ("loyer", "le loyer maximum"),
        )
        if getattr(row, champ) is None
    ]
    for champ, label in missing:
        ctx.block(
            "R3",
            f"Logement « {name} » : {label} manque. Saisissez-le.",
            "logement",
            row.uuid,
            champ,
        )
    if missing or surface is None:
        return
    assert row.loyer_par_m2 is not None and row.coefficient is not None and row.loyer is not None
    attendu = loyer_attendu(surface, row.loyer_par_m2, row.coefficient)
    if not loyer_ok(row.loyer, attendu):
        base = "SC" if row.tableau in SC_TABLES else "SU"
        ctx.block(
            "R3",
            f"Logement « {name} » : le loyer maximum ({euros(row.loyer)}) s'écarte de plus de "
            f"1,00 € du loyer attendu {euros(attendu)} ({base} {m2(surface)} x "
            f"{nombre(row.loyer_par_m2)} €/m² x coefficient {nombre(row.coefficient, 4)}). "
            f"Saisissez un loyer entre {euros(attendu - 1)} et {euros(attendu + 1)}.",
            "logement",
            row.uuid,
            "loyer",
        )


def _check_same_price(ctx: CheckContext, tableau: str, financement: str, rows: list) -> None:
    values = Counter(row.loyer_par_m2 for row in rows if row.loyer_par_m2 is not None)
    if len(values) < 2:
        return
    reference = majority([row.loyer_par_m2 for row in rows if row.loyer_par_m2 is not None])
    for row in rows:
        if row.loyer_par_m2 is not None and row.loyer_par_m2 != reference:
            ctx.block(
                "R4",
                f"Logement « {row.designation.strip()} » : {nombre(row.loyer_par_m2)} €/m² "
                f"alors que les autres logements {financement} de ce tableau sont à "
                f"{nombre(reference)} €/m². Appliquez le même loyer au m² à tout le financement "
                "et modulez avec le coefficient.",
                "logement",
                row.uuid,
                "loyer_par_m2",
            )
    ctx.block(
        "R4",
        f"Dans le {TABLE_LABELS[tableau]}, les logements {financement} ont "
        f"{len(values)} loyers au m² différents "
        f"({', '.join(nombre(v) for v in sorted(values))} €/m²) : un seul est admis par "
        "financement.",
        "logement",
        None,
        "loyer_par_m2",
    )


def _check_coefficients(
    ctx: CheckContext,
    tableau: str,
    financement: str,
    rows: list[tuple[LogementRow, Decimal | None]],
) -> None:
    triples = []
    for row, surface in rows:
        if surface is not None and row.loyer_par_m2 is not None and row.coefficient is not None:
            triples.append((surface, row.loyer_par_m2, row.coefficient))
    cap = coefficient_cap(triples)
    if not cap.ok:
        ctx.block(
            "R5",
            f"Dans le {TABLE_LABELS[tableau]}, les coefficients des {cap.nombre} logements "
            f"{financement} portent la somme des loyers à {euros(cap.loyers_ponderes)}, au-delà "
            f"du plafond de {euros(cap.plafond)} (somme des loyers au coefficient 1, plus 1 € "
            "par logement). Baissez certains coefficients.",
            "logement",
            None,
            "coefficient",
        )


def _check_plafond(ctx: CheckContext, financement: str, rows: list) -> None:
    ceiling = ctx.data.plafonds.get(financement)
    if ceiling is None:
        return
    annee, plafond = ceiling
    over = sorted({r.loyer_par_m2 for r in rows if r.loyer_par_m2 and r.loyer_par_m2 > plafond})
    if over:
        ctx.warn(
            PLAFOND_RULE,
            f"Les logements {financement} sont à {nombre(over[-1])} €/m², au-dessus du loyer "
            f"plafond {annee} de la zone {ctx.data.programme.zone_123} ({nombre(plafond)} €/m²). "
            "Vérifiez le loyer au m² ou justifiez le dépassement auprès de l'instructeur.",
            "logement",
            None,
            "loyer_par_m2",
        )


def check_ordinary_rows(ctx: CheckContext) -> None:
    """R1, R2, R3 per row; R4, R5 and the ceiling per table and financement."""
    groups: dict[tuple[str, str], list[tuple[LogementRow, Decimal | None]]] = defaultdict(list)
    for row in ctx.data.logements:
        if row.tableau not in ORDINARY_TABLES:
            continue
        surface = _surface(row)
        _check_surfaces(ctx, row, surface)
        if row.tableau in RENT_TABLES:
            _check_loyer(ctx, row, surface)
            groups[(row.tableau, row.financement)].append((row, surface))
    for (tableau, financement), pairs in sorted(groups.items()):
        rows = [row for row, _ in pairs]
        _check_same_price(ctx, tableau, financement, rows)
        _check_coefficients(ctx, tableau, financement, pairs)
        if tableau == SU_AVEC_LOYER:
            _check_plafond(ctx, financement, rows)
