"""Financement step: R16 (prêts), R17 (CDC loan), R18 (end year)."""

from __future__ import annotations

from collections import defaultdict

from .constants import CDC_PRETEURS, PLS_LIKE_FINANCEMENTS, PRETEUR_AUTRE, SANS_FINANCEMENT
from .context import CheckContext
from .duree import CASE_LABELS, LoanTerm, LotTerms, base_date_for, date_fin_for, end_year_bounds
from .fmt import jour


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_prets(ctx: CheckContext) -> None:
    """R16: montant required; a CDC lender also needs numéro, date and durée; `autre` needs a
    name; a non-empty numéro is unique within its financement."""
    seen: dict[tuple[str, str], str] = {}
    for pret in ctx.data.prets:
        where = f"Prêt {pret.numero.strip() or 'sans numéro'} ({pret.financement})"
        if pret.montant is None:
            ctx.block("R16", f"{where} : saisissez le montant.", "pret", pret.uuid, "montant")
        if pret.preteur in CDC_PRETEURS:
            for champ, label in (
                ("numero", "le numéro"),
                ("date_octroi", "la date d'octroi"),
                ("duree", "la durée"),
            ):
                if _blank(getattr(pret, champ)):
                    ctx.block(
                        "R16",
                        f"{where} : un prêt de la CDC doit indiquer {label}.",
                        "pret",
                        pret.uuid,
                        champ,
                    )
        if pret.preteur == PRETEUR_AUTRE and _blank(pret.preteur_autre):
            ctx.block(
                "R16",
                f"{where} : précisez le nom de l'organisme financeur « Autre ».",
                "pret",
                pret.uuid,
                "preteur_autre",
            )
        numero = pret.numero.strip().casefold()
        if numero:
            key = (pret.financement, numero)
            if key in seen:
                ctx.block(
                    "R16",
                    f"{where} : ce numéro est déjà utilisé par un autre prêt {pret.financement}. "
                    "Chaque prêt d'un financement a un numéro distinct.",
                    "pret",
                    pret.uuid,
                    "numero",
                )
            seen[key] = pret.numero


def check_cdc(ctx: CheckContext) -> None:
    """R17: each lot needs a CDC loan, except PLS-like, SANS_FINANCEMENT and sans-travaux."""
    if ctx.data.sans_travaux:
        return
    by_lot: dict[int, list] = defaultdict(list)
    for pret in ctx.data.prets:
        by_lot[pret.lot_id].append(pret)
    for lot in ctx.data.lots:
        if lot.financement in PLS_LIKE_FINANCEMENTS or lot.financement == SANS_FINANCEMENT:
            continue
        prets = by_lot.get(lot.id, [])
        if not prets:
            ctx.add(
                "R17",
                ctx.soft,
                f"Lot {lot.financement} : aucun prêt n'est déclaré. Ajoutez au moins le prêt de "
                "la Caisse des dépôts (CDC pour le logement ou pour le foncier).",
                "lot",
                lot.uuid,
                "prets",
                etape="financement",
            )
        elif not any(p.preteur in CDC_PRETEURS for p in prets):
            ctx.block(
                "R17",
                f"Lot {lot.financement} : les prêts déclarés ne comptent aucun prêt de la Caisse "
                "des dépôts. Ajoutez le prêt CDC (pour le logement ou pour le foncier).",
                "lot",
                lot.uuid,
                "prets",
                etape="financement",
            )


def check_date_fin(ctx: CheckContext) -> None:
    """R18: B.year ≤ Y ≤ B.year + 99 and the bounds of each lot's case; stored on 30 June
    (ordinary) or 31 December (foyer, résidence)."""
    data = ctx.data
    base = base_date_for(
        today=ctx.today,
        is_avenant=data.is_avenant,
        parent_date_signature=data.parent_date_signature,
    )
    loans: dict[int, list[LoanTerm]] = defaultdict(list)
    for pret in data.prets:
        loans[pret.lot_id].append(LoanTerm(pret.preteur, pret.date_octroi, pret.duree))
    bounds = end_year_bounds(
        base_date=base,
        lots=[LotTerms(lot.financement, tuple(loans.get(lot.id, ()))) for lot in data.lots],
        famille=data.famille,
        is_outre_mer=data.is_outre_mer,
        sans_travaux=data.sans_travaux,
        is_avenant=data.is_avenant,
    )
    date_fin = data.convention.date_fin_conventionnement
    span = f"entre {bounds.minimum} et {bounds.maximum}"
    why = "; ".join(
        f"{b.financement} : {CASE_LABELS[b.case]}"
        + (f", au moins {b.minimum}" if b.minimum is not None else "")
        + (f", au plus {b.maximum}" if b.maximum is not None else "")
        for b in bounds.lots
    )
    where = ("convention", None, "date_fin_conventionnement")
    if date_fin is None:
        ctx.add(
            "R18",
            ctx.soft,
            f"Saisissez l'année de fin du conventionnement ({span}).",
            *where,
        )
        return
    if not bounds.consistent:
        ctx.block(
            "R18",
            f"Les lots imposent des durées incompatibles : l'année de fin devrait être au moins "
            f"{bounds.minimum} et au plus {bounds.maximum} ({why}). Revoyez les prêts ou "
            "séparez les financements en conventions distinctes.",
            *where,
        )
    elif not bounds.allows(date_fin.year):
        ctx.block(
            "R18",
            f"L'année de fin du conventionnement ({date_fin.year}) doit être {span} "
            f"(base : {jour(base)} ; {why}).",
            *where,
        )
    expected = date_fin_for(date_fin.year, data.famille)
    if date_fin != expected:
        ctx.block(
            "R18",
            f"La date de fin du conventionnement doit être le {jour(expected)} "
            f"(et non le {jour(date_fin)}).",
            *where,
        )
