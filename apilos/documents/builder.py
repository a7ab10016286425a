"""`build_document_context(convention)`: the document context of a convention version.

A pure function of the version's data (`donnees.donnees_convention`, or the validated
snapshot `donnees_validees` from `a_signer` on, R47). Rule results come from the rules engine
(R19 mixité, R21 EDD lot, R25 SPF, R29 totals, R30 annexes), never recomputed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from apilos.accounts.enums import STATE_SERVICE_KINDS, Nature, SousNature
from apilos.conventions.enums import (
    ANNEXES_SU,
    AttributionType,
    AvenantType,
    Financement,
    Preteur,
    TypologieAnnexe,
    TypologieLogement,
    TypologieStationnement,
    is_cdc,
    typologie_label,
)
from apilos.conventions.rules import computations
from apilos.conventions.rules.constants import MIXITE_FINANCEMENTS
from apilos.conventions.rules.spf import spf_applicable
from apilos.programmes.enums import (
    FAMILLE_OF_NATURE,
    NatureLogement,
    TypeHabitat,
    TypeOperation,
    Zone123,
    ZoneABC,
)
from apilos.referentiel.models import OUTRE_MER_DEPARTEMENTS

from . import context as ctx
from .formatting import EMPTY
from .sources import source_donnees

TYPOLOGIE_ORDER = {value: index for index, value in enumerate(TypologieLogement.values)}

AGEES = {
    "attribution_agees_autonomie": "Personnes âgées autonomes",
    "attribution_agees_ehpad": "Établissement d'hébergement pour personnes âgées dépendantes",
    "attribution_agees_desorientees": "Personnes âgées désorientées",
    "attribution_agees_petite_unite": "Petite unité de vie",
    "attribution_agees_autre": "Autre public de personnes âgées",
}
HANDICAPEES = {
    "attribution_handicapes_foyer": "Foyer",
    "attribution_handicapes_foyer_de_vie": "Foyer de vie",
    "attribution_handicapes_foyer_medicalise": "Foyer d'accueil médicalisé",
    "attribution_handicapes_autre": "Autre public de personnes handicapées",
}
RESIDENCE_TYPES = {
    "attribution_residence_sociale_ordinaire": "Résidence sociale ordinaire",
    "attribution_pension_de_famille": "Pension de famille",
    "attribution_residence_accueil": "Résidence d'accueil",
}


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _day(value: Any) -> date | None:
    return None if not value else date.fromisoformat(str(value)[:10])


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _or(*values: Any) -> Any:
    return next((value for value in values if value not in (None, "")), None)


# --- parties ---------------------------------------------------------------------------------


def parties_from(donnees: dict[str, Any]) -> ctx.Parties:
    """Bailleur, administration, gestionnaire; the signataire falls back to the bailleur's
    defaults, then to "—" (§8.4)."""
    bailleur, admin = donnees["bailleur"], donnees["administration"]
    sig = donnees["signataires"]
    sous_nature = bailleur.get("sous_nature", "")
    nature_label = (
        _label(SousNature, sous_nature)
        if sous_nature and sous_nature != SousNature.NON_RENSEIGNE
        else _label(Nature, bailleur.get("nature", ""))
    )
    signataire = ctx.Signataire(
        nom=_or(sig["signataire_nom"], bailleur.get("signataire_nom")) or EMPTY,
        fonction=_or(sig["signataire_fonction"], bailleur.get("signataire_fonction")) or EMPTY,
        date_deliberation=_day(
            _or(sig["signataire_date_deliberation"], bailleur.get("signataire_date_deliberation"))
        ),
        bloc=_or(sig["signataire_bloc"], bailleur.get("signataire_bloc")) or "",
    )
    gestionnaire = None
    if sig.get("gestionnaire"):
        gestionnaire = ctx.Gestionnaire(
            nom=sig["gestionnaire"],
            signataire=ctx.Signataire(
                nom=sig["gestionnaire_signataire_nom"] or EMPTY,
                fonction=sig["gestionnaire_signataire_fonction"] or EMPTY,
                date_deliberation=_day(sig["gestionnaire_signataire_date_deliberation"]),
                bloc=sig["gestionnaire_signataire_bloc"] or "",
            ),
            info=sig.get("gestionnaire_info") or "",
        )
    identification = sig["identification_bailleur_detail"] if sig["identification_bailleur"] else ""
    return ctx.Parties(
        bailleur=ctx.Bailleur(
            nom=bailleur["nom"],
            siret=bailleur.get("siret") or "",
            nature=bailleur.get("nature", ""),
            nature_label=nature_label,
            capital_social=_dec(bailleur.get("capital_social")),
            adresse=bailleur.get("adresse", ""),
            code_postal=bailleur.get("code_postal", ""),
            ville=bailleur.get("ville", ""),
            signataire=signataire,
            identification=identification or "",
        ),
        administration=ctx.Administration(
            nom=admin["nom"],
            code=admin["code"],
            is_service_etat=admin.get("kind") in STATE_SERVICE_KINDS,
            departement_nom=donnees["departement"].get("nom", ""),
            adresse=admin.get("adresse", ""),
            code_postal=admin.get("code_postal", ""),
            ville=admin.get("ville", ""),
            ville_signature=admin.get("ville_signature", ""),
            nb_exemplaires=admin.get("nb_exemplaires") or 3,
            bloc_signature=admin.get("bloc_signature", ""),
        ),
        gestionnaire=gestionnaire,
    )


def operation_from(donnees: dict[str, Any]) -> ctx.Operation:
    p = donnees["programme"]
    departement = donnees["parties"]["departement"]
    texts = {
        name: p.get(name) or ""
        for name in (
            "permis_construire",
            "vendeur",
            "acquereur",
            "reference_notaire",
            "reference_publication_acte",
            "acte_de_propriete",
            "effet_relatif",
            "certificat_adressage",
            "reference_cadastrale",
            "edd_volumetrique",
            "edd_classique",
            "edd_stationnements",
            "mention_publication_edd_volumetrique",
            "mention_publication_edd_classique",
            "autres_locaux_hors_convention",
            "departement_residence_agrement",
            "ville_signature_residence_agrement",
        )
    }
    dates = {
        name: _day(p.get(name))
        for name in (
            "date_acte_notarie",
            "date_achat",
            "date_achevement_previsible",
            "date_achevement",
            "date_autorisation_hors_habitat_inclusif",
            "date_convention_location",
            "date_residence_agrement",
        )
    }
    return ctx.Operation(
        numero_operation=p.get("numero_operation", ""),
        nom=p["nom"],
        adresse=p.get("adresse", ""),
        code_postal=p.get("code_postal", ""),
        ville=p.get("ville", ""),
        departement_code=departement.get("code", ""),
        departement_nom=departement.get("nom", ""),
        nature_logement=p["nature_logement"],
        nature_logement_label=_label(NatureLogement, p["nature_logement"]),
        type_operation_label=_label(TypeOperation, p.get("type_operation", "")),
        zone_abc_label=_label(ZoneABC, p.get("zone_abc", "")),
        zone_123_label=_label(Zone123, p.get("zone_123", "")),
        anru=bool(p.get("anru")),
        anah=bool(p.get("anah")),
        nb_locaux_commerciaux=p.get("nb_locaux_commerciaux") or 0,
        nb_bureaux=p.get("nb_bureaux") or 0,
        references_cadastrales=tuple(
            ctx.ReferenceCadastrale(
                r["section"],
                r["numero"],
                r.get("lieudit", ""),
                r.get("surface_m2"),
                r.get("autre", ""),
            )
            for r in donnees["references_cadastrales"]
        ),
        edd=tuple(
            ctx.LigneEDD(x["designation"], x["financement"], x.get("numero_lot", ""))
            for x in donnees["logements_edd"]
        ),
        **texts,
        **dates,
    )


# --- rows and rule results ---------------------------------------------------------------------


def _logement(row: dict[str, Any], financement: str, famille: str) -> ctx.Logement:
    return ctx.Logement(
        designation=row["designation"],
        typologie=row["typologie"],
        typologie_label=typologie_label(row["typologie"], famille=famille),
        financement=financement,
        surface_habitable=_dec(row.get("surface_habitable")),
        surface_annexes=_dec(row.get("surface_annexes")),
        surface_annexes_retenue=_dec(row.get("surface_annexes_retenue")),
        surface_utile=_dec(row.get("surface_utile")),
        surface_corrigee=_dec(row.get("surface_corrigee")),
        loyer_par_m2=_dec(row.get("loyer_par_m2")),
        coefficient=_dec(row.get("coefficient")),
        loyer=_dec(row.get("loyer")),
    )


def _totaux(result: computations.Totaux, famille: str) -> ctx.Totaux:
    """A rules-engine R29 result as context data (typologies in §4.5 order, as labels)."""
    counts = sorted(result.par_typologie.items(), key=lambda item: TYPOLOGIE_ORDER.get(item[0], 99))
    return ctx.Totaux(
        nb_logements=result.nb_logements,
        surface_habitable=result.surface_habitable,
        surface_annexes=result.surface_annexes,
        surface_annexes_retenue=result.surface_annexes_retenue,
        surface_utile=result.surface_utile,
        surface_corrigee=result.surface_corrigee,
        loyer=result.loyer,
        loyer_par_m2=result.loyer_par_m2,
        par_typologie=tuple(
            ctx.CompteTypologie(typologie_label(t, famille=famille) if t else EMPTY, n)
            for t, n in counts
        ),
    )


def _par_financement(result: computations.TotauxConvention, famille: str):
    return tuple(
        ctx.TotauxFinancement(financement, _totaux(totaux, famille))
        for financement, totaux in result.par_financement.items()
    )


def tableaux_from(logements: list[tuple[str, int, ctx.Logement]], famille: str):
    """The logements grouped by table (in §3.4 order), rows in `ordre`, with R29 totals."""
    tableaux = []
    for kind in ctx.KindTableau:
        rows = [lgt for tableau, _, lgt in sorted(logements, key=lambda x: x[1]) if tableau == kind]
        if rows:
            result = computations.totals(rows)
            tableaux.append(
                ctx.Tableau(
                    kind,
                    tuple(rows),
                    _par_financement(result, famille),
                    _totaux(result.total, famille),
                )
            )
    return tuple(tableaux)


def _plural(nombre: int, singulier: str, pluriel: str) -> str:
    return f"{nombre} {singulier if nombre == 1 else pluriel}"


def accessoires_from(annexes: Iterable[str], stationnements: Iterable[tuple[str, int]]):
    """R30 counts (rules engine) and the sentence the annex prints."""
    counts = computations.annex_counts(list(annexes), list(stationnements))
    pluriels = {"terrasse": "terrasses", "jardin": "jardins", "cour": "cours"}
    parts = [
        _plural(n, _label(TypologieAnnexe, t).lower(), pluriels[t])
        for t, n in counts.annexes.items()
        if n
    ]
    if counts.stationnements:
        parts.append(
            _plural(counts.stationnements, "place de stationnement", "places de stationnement")
        )
    phrase = ""
    if parts:
        liste = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
        phrase = f"Les loyers accessoires portent sur {liste}."
    return ctx.Accessoires(
        annexes=tuple(
            ctx.CompteAnnexes(_label(TypologieAnnexe, t), n) for t, n in counts.annexes.items() if n
        ),
        nb_stationnements=counts.stationnements,
        phrase=phrase,
    )


def attribution_from(c: dict[str, Any], famille: str) -> ctx.Attribution | None:
    if famille == ctx.Famille.ORDINAIRE:
        return None
    if famille == ctx.Famille.FOYER:
        flags = AGEES if c["attribution_type"] == AttributionType.PERSONNES_AGEES else {}
        if c["attribution_type"] == AttributionType.PERSONNES_HANDICAPEES:
            flags = HANDICAPEES
        detail = c.get("attribution_agees_autre_detail") or c.get(
            "attribution_handicapes_autre_detail"
        )
        type_label = _label(AttributionType, c["attribution_type"])
    else:
        flags, detail, type_label = RESIDENCE_TYPES, "", ""
    texts = {
        f"inclusif_{name}": c.get(f"attribution_inclusif_{name}") or ""
        for name in (
            "conditions_specifiques",
            "conditions_admission",
            "modalites_attribution",
            "partenariats",
            "activites",
        )
    }
    return ctx.Attribution(
        type=c.get("attribution_type") or "",
        type_label=type_label,
        publics=tuple(label for name, label in flags.items() if c.get(name)),
        autre_detail=detail or "",
        reservation_prefectorale_pct=c.get("attribution_reservation_prefectorale_pct"),
        modalites_reservations=c.get("attribution_modalites_reservations") or "",
        modalites_choix_personnes=c.get("attribution_modalites_choix_personnes") or "",
        prestations_integrees=c.get("attribution_prestations_integrees") or "",
        prestations_facultatives=c.get("attribution_prestations_facultatives") or "",
        **texts,
    )


def _fin(c: dict[str, Any]) -> ctx.Fin | None:
    types = c.get("avenant_types") or []
    if AvenantType.DENONCIATION in types:
        return ctx.Fin(
            "denonciation",
            _day(c.get("date_denonciation")),
            c.get("motif_denonciation") or "",
            _day(c.get("date_notification_denonciation")),
        )
    if AvenantType.RESILIATION in types:
        return ctx.Fin(
            "resiliation", _day(c.get("date_resiliation")), c.get("motif_resiliation") or ""
        )
    return None


# --- the whole ---------------------------------------------------------------------------------


def context_from_donnees(donnees: dict[str, Any]) -> ctx.DocumentContext:
    """The document context of a version's plain data (see donnees.py)."""
    c, p = donnees["convention"], donnees["programme"]
    famille = ctx.Famille(FAMILLE_OF_NATURE[p["nature_logement"]])
    parties = parties_from(donnees["parties"])
    lots, rows, locaux, annexes, stationnements, prets = [], [], [], [], [], []
    for lot in donnees["lots"]:
        financement = lot["financement"]
        lots.append(
            ctx.Lot(
                financement=financement,
                financement_label=_label(Financement, financement),
                nb_logements=lot["nb_logements"],
                type_habitat_label=_label(TypeHabitat, lot.get("type_habitat", "")),
                annexes_comprises_su=tuple(label for k, label in ANNEXES_SU.items() if lot.get(k)),
                lgts_mixite_sociale_negocies=lot.get("lgts_mixite_sociale_negocies") or 0,
                loyer_derogatoire=_dec(lot.get("loyer_derogatoire")),
                loyer_associations_foncieres=_dec(lot.get("loyer_associations_foncieres")),
                surface_habitable_totale=_dec(lot.get("surface_habitable_totale")),
                surface_locaux_collectifs_residentiels=_dec(
                    lot.get("surface_locaux_collectifs_residentiels")
                ),
                nb_garages_parkings=lot.get("nb_garages_parkings") or 0,
                dependances=lot.get("dependances") or "",
                locaux_hors_convention=lot.get("locaux_hors_convention") or "",
            )
        )
        for row in lot["logements"]:
            logement = _logement(row, financement, famille)
            rows.append((row["tableau"], row.get("ordre") or 0, logement))
            annexes += [
                (
                    a["typologie"],
                    ctx.Annexe(
                        logement.designation,
                        financement,
                        logement.typologie_label,
                        _label(TypologieAnnexe, a["typologie"]),
                        _dec(a["surface"]),
                        _dec(a["loyer_unitaire"]),
                        _dec(a["loyer"]),
                    ),
                )
                for a in row["annexes"]
            ]
        stationnements += [
            ctx.Stationnement(
                financement,
                _label(TypologieStationnement, s["typologie"]),
                s["nombre"],
                _dec(s["loyer"]),
            )
            for s in lot["stationnements"]
        ]
        locaux += [
            ctx.LocalCollectif(
                financement, x["type_local"], _dec(x["surface_habitable"]), x["nombre"]
            )
            for x in lot["locaux_collectifs"]
        ]
        prets += [
            (
                is_cdc(x["preteur"]),
                ctx.Pret(
                    financement,
                    (x.get("preteur_autre") if x["preteur"] == Preteur.AUTRE else "")
                    or _label(Preteur, x["preteur"]),
                    _dec(x["montant"]),
                    x.get("numero") or "",
                    _day(x.get("date_octroi")),
                    x.get("duree"),
                ),
            )
            for x in lot["prets"]
        ]
    all_rows = [lgt for _, _, lgt in sorted(rows, key=lambda x: x[1])]
    result = computations.totals(
        all_rows,
        locaux,
        date_fin=_day(c.get("date_fin_conventionnement")),
        date_signature=_day(c.get("date_signature")),
        valide_le=_day(c.get("valide_le")),
    )
    n_mixite = sum(lot.nb_logements for lot in lots if lot.financement in MIXITE_FINANCEMENTS)
    mixite = computations.mixite(n_mixite) if n_mixite else None
    edd_lines = [(x["designation"], x["financement"]) for x in donnees["logements_edd"]]
    edd_lots = [computations.edd_lot_for(edd_lines, lot.financement) for lot in lots]
    parent = donnees.get("parent") or {}
    precedentes = donnees.get("parties_precedentes")
    types = c.get("avenant_types") or []
    departement = donnees["parties"]["departement"].get("code", "")
    return ctx.DocumentContext(
        statut=c["statut"],
        numero=c.get("numero") or "",
        famille=famille,
        parties=parties,
        operation=operation_from(donnees),
        adresse=c.get("adresse") or p.get("adresse", ""),
        lots=tuple(lots),
        tableaux=tableaux_from(rows, famille),
        totaux=ctx.TotauxConvention(
            par_financement=_par_financement(result, famille),
            ensemble=_totaux(result.total, famille),
            lc_sh=result.total.lc_sh,
            res_sh=result.total.res_sh,
            duree_annees=result.duree,
        ),
        mixite=ctx.Mixite(mixite.n, mixite.x, mixite.y) if mixite else None,
        accessoires=accessoires_from(
            (t for t, _ in annexes), ((s.typologie_label, s.nombre) for s in stationnements)
        ),
        annexes=tuple(a for _, a in annexes),
        stationnements=tuple(stationnements),
        locaux_collectifs=tuple(locaux),
        prets_cdc=tuple(pret for cdc, pret in prets if cdc),
        prets_autres=tuple(pret for cdc, pret in prets if not cdc),
        edd_lots=tuple(sorted({k for k in edd_lots if k is not None})),
        spf_applicable=spf_applicable(
            p["nature_logement"], parties.bailleur.nature, statut=c["statut"]
        ),
        is_outre_mer=departement in OUTRE_MER_DEPARTEMENTS,
        seconde_vie=bool(p.get("seconde_vie")),
        type_convention=c.get("type_convention") or "",
        type2_categories=tuple(c.get("type2_categories") or ()),
        date_fin_conventionnement=_day(c.get("date_fin_conventionnement")),
        fonds_propres=_dec(c.get("fonds_propres")),
        historique_financement_public=c.get("historique_financement_public") or "",
        valide_le=_day(c.get("valide_le")),
        date_signature=_day(c.get("date_signature")),
        attribution=attribution_from(c, famille),
        variantes=None
        if famille == ctx.Famille.ORDINAIRE
        else ctx.Variantes(
            c.get("foyer_variante_1", False),
            c.get("foyer_variante_2", False),
            c.get("foyer_variante_3", False),
            c.get("foyer_variante_2_travaux") or "",
            c.get("foyer_variante_2_nb_annees"),
            c.get("foyer_variante_2_nb_tranches"),
        ),
        avenant=ctx.Avenant(
            rang=c.get("rang"),
            numero_convention=parent.get("numero", ""),
            types=tuple(t for t in AvenantType.values if t in types),
            description=c.get("description_avenant") or "",
            champ_libre=c.get("champ_libre_avenant") or "",
            parties_precedentes=parties_from(precedentes) if precedentes else None,
        )
        if parent
        else None,
        fin=_fin(c),
        conventions_remplacees=tuple(
            ctx.ConventionRemplacee(x["numero"], _day(x["date_signature"]))
            for x in donnees.get("conventions_remplacees", [])
        ),
        version_modele=donnees.get("version_modele", ""),
        date_reference=_day(c.get("valide_le")),
    )


def build_document_context(convention: Any) -> ctx.DocumentContext:
    """From `a_signer` on, the validated snapshot when there is one (R47), with the
    convention's current status and dates; else live data (see `sources.source_donnees`)."""
    return context_from_donnees(source_donnees(convention))
