"""Identity steps: R36 (outre-mer), R40 (Type I/II), R41 (bailleur), R42 (opération),
R43 (cadastre)."""

from __future__ import annotations

import re

from .constants import HLM_SEM_NATURES
from .context import CheckContext, majority

CODE_POSTAL = re.compile(r"^\d{5}$")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_outre_mer(ctx: CheckContext) -> None:
    """R36: overseas (971-976 but 975), only foyers and résidences are conventioned."""
    if ctx.data.is_outre_mer and ctx.data.is_ordinaire:
        ctx.block(
            "R36",
            "En outre-mer, les logements ordinaires relèvent de l'allocation logement (AL) et "
            "ne sont pas conventionnés à l'APL : seuls les foyers et les résidences le sont. "
            "Vérifiez la nature des logements de l'opération.",
            "programme",
            None,
            "nature_logement",
        )


def check_type_convention(ctx: CheckContext) -> None:
    """R40: a bailleur neither HLM nor SEM chooses Type I or II before submission; Type II
    needs at least one category. (Foyers and résidences have their own models, §8.1.)"""
    if ctx.data.bailleur.nature in HLM_SEM_NATURES:
        return
    convention = ctx.data.convention
    if _blank(convention.type_convention):
        ctx.add(
            "R40",
            ctx.soft,
            "Le bailleur n'est ni un organisme HLM ni une SEM : choisissez une convention de "
            "Type I ou de Type II avant de la soumettre.",
            "convention",
            None,
            "type_convention",
        )
    elif convention.type_convention == "type_2" and not convention.type2_categories:
        ctx.add(
            "R40",
            ctx.soft,
            "Convention de Type II : cochez au moins une des huit catégories.",
            "convention",
            None,
            "type2_categories",
        )


def check_bailleur(ctx: CheckContext) -> None:
    """R41: gestionnaire → its signataire's nom, fonction and date de délibération; without a
    custom identification, signataire nom and fonction (the bailleur's defaults count); with
    one, its text."""
    convention, bailleur = ctx.data.convention, ctx.data.bailleur
    if not _blank(convention.gestionnaire):
        for champ, label in (
            ("gestionnaire_signataire_nom", "le nom"),
            ("gestionnaire_signataire_fonction", "la fonction"),
            ("gestionnaire_signataire_date_deliberation", "la date de délibération"),
        ):
            if _blank(getattr(convention, champ)):
                ctx.block(
                    "R41",
                    f"Gestionnaire « {convention.gestionnaire.strip()} » : saisissez {label} "
                    "de son signataire.",
                    "convention",
                    None,
                    champ,
                )
    if convention.identification_bailleur:
        if _blank(convention.identification_bailleur_detail):
            ctx.block(
                "R41",
                "Vous avez choisi une identification personnalisée du bailleur : rédigez-la.",
                "convention",
                None,
                "identification_bailleur_detail",
            )
        return
    for champ, label in (("signataire_nom", "le nom"), ("signataire_fonction", "la fonction")):
        if _blank(getattr(convention, champ)) and _blank(getattr(bailleur, champ, None)):
            ctx.block(
                "R41",
                f"Saisissez {label} du signataire du bailleur.",
                "convention",
                None,
                champ,
            )


def check_operation(ctx: CheckContext) -> None:
    """R42: nom, adresse, ville and a 5-digit postcode; one type d'habitat for every lot."""
    programme, convention = ctx.data.programme, ctx.data.convention
    for champ, label in (("nom", "le nom de l'opération"), ("ville", "la ville")):
        if _blank(getattr(programme, champ)):
            ctx.block("R42", f"Saisissez {label}.", "programme", None, champ)
    if _blank(convention.adresse) and _blank(programme.adresse):
        ctx.block("R42", "Saisissez l'adresse de l'opération.", "convention", None, "adresse")
    if not CODE_POSTAL.match(programme.code_postal or ""):
        ctx.block(
            "R42",
            "Le code postal doit compter exactement 5 chiffres (par exemple 69003).",
            "programme",
            None,
            "code_postal",
        )
    lots = ctx.data.lots
    chosen = [lot.type_habitat for lot in sorted(lots, key=lambda lot: lot.id) if lot.type_habitat]
    reference = majority(chosen) if chosen else ""
    for lot in lots:
        if not lot.type_habitat:
            ctx.block(
                "R42",
                f"Lot {lot.financement} : choisissez le type d'habitat (individuel, collectif "
                "ou mixte).",
                "lot",
                lot.uuid,
                "type_habitat",
                etape="operation",
            )
        elif lot.type_habitat != reference:
            ctx.block(
                "R42",
                f"Lot {lot.financement} : le type d'habitat ({lot.type_habitat}) diffère de "
                f"celui des autres lots ({reference}). Un seul type d'habitat s'applique à "
                "toute l'opération.",
                "lot",
                lot.uuid,
                "type_habitat",
                etape="operation",
            )


def check_cadastre(ctx: CheckContext) -> None:
    """R43: each reference needs section, numéro, lieu-dit and surface; an image of the
    cadastre is enough instead."""
    data = ctx.data
    if data.has_cadastre_image:
        return
    if not data.cadastre:
        ctx.add(
            "R43",
            ctx.soft,
            "Ajoutez les références cadastrales de l'opération, ou une image du cadastre.",
            "referencecadastrale",
            None,
            None,
        )
        return
    for ref in data.cadastre:
        where = f"Référence cadastrale {ref.section or '?'} {ref.numero or '?'}"
        for champ, label in (
            ("section", "la section"),
            ("numero", "le numéro"),
            ("lieudit", "le lieu-dit"),
            ("surface_m2", "la surface"),
        ):
            if _blank(getattr(ref, champ)):
                ctx.block(
                    "R43",
                    f"{where} : saisissez {label}, ou joignez une image du cadastre.",
                    "referencecadastrale",
                    ref.uuid,
                    champ,
                )
