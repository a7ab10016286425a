"""Checks common to every rent table: R6 (unique designations), R7 (count), R8 (tables)."""

from __future__ import annotations

from collections import Counter

from .constants import FOYER_RESIDENCE, ORDINARY_TABLES, SU_AVEC_LOYER, TABLE_LABELS
from .context import CheckContext


def designation_key(designation: str | None) -> str:
    """R6: designations compare after trimming and case-folding."""
    return (designation or "").strip().casefold()


def check_designations(ctx: CheckContext) -> None:
    """R6: designations are unique within the version, across all tables."""
    first_seen: dict[str, str] = {}
    for position, row in enumerate(ctx.data.logements, start=1):
        key = designation_key(row.designation)
        if not key:
            ctx.block(
                "R6",
                f"Le logement en position {position} ({row.financement}) n'a pas de désignation. "
                "Saisissez sa désignation (ou son numéro).",
                "logement",
                row.uuid,
                "designation",
            )
        elif key in first_seen:
            ctx.block(
                "R6",
                f"La désignation « {row.designation.strip()} » est déjà utilisée par un autre "
                f"logement ({first_seen[key]}). Donnez à chaque logement une désignation unique, "
                "tous tableaux confondus (les majuscules et les espaces ne comptent pas).",
                "logement",
                row.uuid,
                "designation",
            )
        else:
            first_seen[key] = row.financement


def check_counts(ctx: CheckContext) -> None:
    """R7: each lot's nb_logements equals its number of rows (warning when saving)."""
    counts = Counter(row.lot_id for row in ctx.data.logements)
    for lot in ctx.data.lots:
        found = counts.get(lot.id, 0)
        if found != lot.nb_logements:
            ctx.add(
                "R7",
                ctx.soft,
                f"Le lot {lot.financement} annonce {lot.nb_logements} logement(s) mais le tableau "
                f"en contient {found}. Corrigez le nombre de logements du lot ou complétez le "
                "tableau des logements.",
                "lot",
                lot.uuid,
                "nb_logements",
            )


def check_tables(ctx: CheckContext) -> None:
    """R8: new ordinary conventions use only su_avec_loyer (avenants: the four ordinary tables);
    foyers and résidences use only their own table."""
    data = ctx.data
    if data.is_foyer_or_residence:
        allowed = frozenset({FOYER_RESIDENCE})
        expected = "le tableau des logements du foyer ou de la résidence"
    elif data.is_avenant:
        allowed = ORDINARY_TABLES
        expected = "l'un des quatre tableaux des logements ordinaires"
    else:
        allowed = frozenset({SU_AVEC_LOYER})
        expected = "le tableau en surface utile avec loyer"
    wrong = Counter(row.tableau for row in data.logements if row.tableau not in allowed)
    for tableau, n in sorted(wrong.items()):
        ctx.block(
            "R8",
            f"{n} logement(s) sont saisis dans le {TABLE_LABELS.get(tableau, tableau)}, qui "
            f"n'est pas admis ici : cette convention utilise {expected}. Ressaisissez ces "
            "logements dans le bon tableau, puis désactivez l'autre tableau.",
            "logement",
            None,
            "tableau",
        )
