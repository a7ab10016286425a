"""Foyers and résidences: R9 (redevance), R10 (surface), R11 (attribution), R12 (variantes)."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from .constants import FOYER, FOYER_RESIDENCE
from .context import CheckContext, majority
from .fmt import euros, m2

INCLUSIF_TEXTS = {
    "attribution_inclusif_conditions_specifiques": "les conditions spécifiques",
    "attribution_inclusif_conditions_admission": "les conditions d'admission",
    "attribution_inclusif_modalites_attribution": "les modalités d'attribution",
    "attribution_inclusif_partenariats": "les partenariats",
    "attribution_inclusif_activites": "les activités",
}
AUTRE_DETAILS = {
    "attribution_agees_autre": ("attribution_agees_autre_detail", "personnes âgées"),
    "attribution_handicapes_autre": (
        "attribution_handicapes_autre_detail",
        "personnes handicapées",
    ),
}
MODALITES = {
    "attribution_modalites_reservations": "les modalités de réservation",
    "attribution_modalites_choix_personnes": "les modalités de choix des personnes",
}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_redevances(ctx: CheckContext) -> None:
    """R9: numéro, typologie, SH and redevance are required; rows of the same lot and
    typologie share one redevance."""
    groups: dict[tuple[int, str], list] = defaultdict(list)
    for row in ctx.data.logements:
        if row.tableau != FOYER_RESIDENCE:
            continue
        name = row.designation.strip() or "sans numéro"
        for champ, label in (
            ("typologie", "la typologie"),
            ("surface_habitable", "la surface habitable"),
            ("loyer", "la redevance maximale"),
        ):
            if _blank(getattr(row, champ)):
                ctx.block(
                    "R9",
                    f"Logement « {name} » : {label} manque. Saisissez-la.",
                    "logement",
                    row.uuid,
                    champ,
                )
        if row.typologie and row.loyer is not None:
            groups[(row.lot_id, row.typologie)].append(row)
    for (_, typologie), rows in groups.items():
        values = Counter(row.loyer for row in rows)
        if len(values) < 2:
            continue
        reference = majority([row.loyer for row in rows])
        for row in rows:
            if row.loyer != reference:
                ctx.block(
                    "R9",
                    f"Logement « {row.designation.strip()} » ({typologie}, {row.financement}) : "
                    f"redevance de {euros(row.loyer)} alors que les autres {typologie} du lot "
                    f"sont à {euros(reference)}. Une même typologie d'un lot a une seule "
                    "redevance maximale.",
                    "logement",
                    row.uuid,
                    "loyer",
                )


def check_surface_totale(ctx: CheckContext) -> None:
    """R10: surface_habitable_totale ≥ Σ SH of the lot."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for row in ctx.data.logements:
        totals[row.lot_id] += row.surface_habitable or Decimal(0)
    for lot in ctx.data.lots:
        total = totals.get(lot.id, Decimal(0))
        if lot.surface_habitable_totale is None:
            ctx.add(
                "R10",
                ctx.soft,
                f"Lot {lot.financement} : la surface habitable totale manque. Saisissez-la "
                f"(au moins {m2(total)}, la somme des surfaces des logements).",
                "lot",
                lot.uuid,
                "surface_habitable_totale",
            )
        elif lot.surface_habitable_totale < total:
            ctx.block(
                "R10",
                f"Lot {lot.financement} : la surface habitable totale "
                f"({m2(lot.surface_habitable_totale)}) est inférieure à la somme des surfaces "
                f"habitables des logements ({m2(total)}). Corrigez l'une ou l'autre.",
                "lot",
                lot.uuid,
                "surface_habitable_totale",
            )


def check_attribution(ctx: CheckContext) -> None:
    """R11: foyer type, inclusif texts, "autre" details, reservation %, both modalités."""
    convention = ctx.data.convention
    if ctx.data.famille == FOYER:
        if _blank(convention.attribution_type):
            ctx.block(
                "R11",
                "Choisissez le type de foyer : personnes âgées, personnes handicapées ou "
                "habitat inclusif.",
                "convention",
                None,
                "attribution_type",
            )
        if convention.attribution_type == "habitat_inclusif":
            for champ, label in INCLUSIF_TEXTS.items():
                if _blank(getattr(convention, champ)):
                    ctx.block(
                        "R11",
                        f"Habitat inclusif : décrivez {label}.",
                        "convention",
                        None,
                        champ,
                    )
        for flag, (champ, public) in AUTRE_DETAILS.items():
            if getattr(convention, flag) and _blank(getattr(convention, champ)):
                ctx.block(
                    "R11",
                    f"Vous avez coché « autre » pour les {public} : précisez lequel.",
                    "convention",
                    None,
                    champ,
                )
    pct = convention.attribution_reservation_prefectorale_pct
    if pct is None or not 0 <= pct <= 100 or pct != int(pct):
        ctx.block(
            "R11",
            "Le pourcentage de réservation préfectorale est obligatoire : un nombre entier de "
            "0 à 100.",
            "convention",
            None,
            "attribution_reservation_prefectorale_pct",
        )
    for champ, label in MODALITES.items():
        if _blank(getattr(convention, champ)):
            ctx.block("R11", f"Décrivez {label}.", "convention", None, champ)


def check_variantes(ctx: CheckContext) -> None:
    """R12: at least one variante; variante 2 requires its travaux text."""
    convention = ctx.data.convention
    if not (
        convention.foyer_variante_1 or convention.foyer_variante_2 or convention.foyer_variante_3
    ):
        ctx.block(
            "R12",
            "Choisissez au moins une des trois variantes de l'article R.832-21 du CCH.",
            "convention",
            None,
            "foyer_variante_1",
        )
    if convention.foyer_variante_2 and _blank(convention.foyer_variante_2_travaux):
        ctx.block(
            "R12",
            "Variante 2 : décrivez les travaux prévus.",
            "convention",
            None,
            "foyer_variante_2_travaux",
        )
