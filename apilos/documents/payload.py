"""The data a renderer reads for one convention and one model.

- `variables` and `flags`: what the legal text may say (`{variables}`, `si` conditions);
- `derived`: small structures both renderers share (operation line, signature blocks...);
- `build_payload`: all of it plus the context, numbers and dates already written in French.
Everything is derived from the document context only; the wording stays in the versioned
legal text (templates_juridiques/).
"""

from __future__ import annotations

from typing import Any

from .context import DocumentContext, Famille, KindTableau, Parties, Signataire, to_payload
from .formatting import EMPTY, date_fr, euros, nombre, surface_cadastrale
from .libelles import AVENANT_TYPES, LIBELLES
from .texte_juridique import Manifest, load_text, resolve

STATUTS_SIGNES = frozenset({"signee", "publication_en_cours", "publiee", "resiliee", "denoncee"})
# Départements whose land registry is the livre foncier (§2.5).
LIVRE_FONCIER = frozenset({"57", "67", "68"})


def one_line(text: str) -> str:
    """A multi-line address as one line: `12 rue X\\n69003 Lyon` → `12 rue X, 69003 Lyon`."""
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


def or_dash(text: str) -> str:
    return text.strip() or EMPTY


def effet_publication(context: DocumentContext) -> bool:
    """Type I/II conventions (bailleur neither HLM nor SEM) take effect at publication."""
    return context.parties.bailleur.nature not in ("hlm", "sem")


def date_effet(context: DocumentContext) -> str:
    if effet_publication(context):
        return date_fr(context.date_publication)
    return date_fr(context.date_signature)


def _parties_signataires(context: DocumentContext) -> Parties:
    """An avenant is concluded between the parties of the version it amends."""
    if context.avenant and context.avenant.parties_precedentes:
        return context.avenant.parties_precedentes
    return context.parties


def nb_logements_texte(context: DocumentContext) -> str:
    """`12 logements (8 PLUS, 4 PLAI)`."""
    total = context.nb_logements
    words = "logement" if total == 1 else "logements"
    detail = ", ".join(
        f"{nombre(lot.nb_logements)} {lot.financement_label}" for lot in context.lots
    )
    return f"{nombre(total)} {words} ({detail})" if detail else f"{nombre(total)} {words}"


def variables(context: DocumentContext) -> dict[str, str]:
    parties = _parties_signataires(context)
    bailleur, administration = parties.bailleur, parties.administration
    gestionnaire = parties.gestionnaire
    operation = context.operation
    mixite = context.mixite
    avenant = context.avenant
    attribution = context.attribution
    fin = context.fin
    values = {
        "numero": context.numero or "(attribué à la validation)",
        "nom_operation": operation.nom,
        "nb_logements_texte": nb_logements_texte(context),
        "administration_nom": administration.nom,
        "bailleur_nom": bailleur.nom,
        "bailleur_nature": bailleur.nature_label,
        "bailleur_siret": bailleur.siret or EMPTY,
        "bailleur_capital": euros(bailleur.capital_social),
        "bailleur_adresse": or_dash(
            one_line(f"{bailleur.adresse}\n{bailleur.code_postal} {bailleur.ville}")
        ),
        "bailleur_identification": bailleur.identification,
        "signataire_nom": bailleur.signataire.nom,
        "signataire_fonction": bailleur.signataire.fonction,
        "signataire_date_deliberation": date_fr(bailleur.signataire.date_deliberation),
        "gestionnaire_nom": gestionnaire.nom if gestionnaire else EMPTY,
        "gestionnaire_info": gestionnaire.info if gestionnaire else "",
        "gestionnaire_signataire_nom": gestionnaire.signataire.nom if gestionnaire else EMPTY,
        "gestionnaire_signataire_fonction": (
            gestionnaire.signataire.fonction if gestionnaire else EMPTY
        ),
        "gestionnaire_signataire_date_deliberation": date_fr(
            gestionnaire.signataire.date_deliberation if gestionnaire else None
        ),
        "date_fin": date_fr(context.date_fin_conventionnement),
        "duree_annees": (
            nombre(context.totaux.duree_annees)
            if context.totaux.duree_annees is not None
            else EMPTY
        ),
        "mixite_n": nombre(mixite.nb_logements) if mixite else "0",
        "mixite_x": nombre(mixite.nb_sous_plafond) if mixite else "0",
        "mixite_y": nombre(mixite.nb_au_dela) if mixite else "0",
        "ville_signature": or_dash(context.parties.administration.ville_signature),
        "nb_exemplaires": nombre(context.parties.administration.nb_exemplaires),
        "date_autorisation": date_fr(operation.date_autorisation_hors_habitat_inclusif),
        "date_convention_location": date_fr(operation.date_convention_location),
        "date_agrement": date_fr(operation.date_residence_agrement),
        "departement_agrement": or_dash(operation.departement_residence_agrement),
        "ville_agrement": or_dash(operation.ville_signature_residence_agrement),
        "reservation_pct": (
            nombre(attribution.reservation_prefectorale_pct)
            if attribution and attribution.reservation_prefectorale_pct is not None
            else EMPTY
        ),
        "rang": nombre(avenant.rang) if avenant and avenant.rang else EMPTY,
        "numero_convention": (avenant.numero_convention if avenant else context.numero) or EMPTY,
        "avenant_description": avenant.description if avenant else "",
        "numeros_remplaces": ", n° ".join(c.numero for c in context.conventions_remplacees)
        or EMPTY,
        "date_effet": date_effet(context),
        "date_fin_effet": date_fr(fin.date_effet) if fin else EMPTY,
        "edd_lot_num": " et ".join(nombre(lot) for lot in context.edd_lots) or EMPTY,
    }
    return values


def flags(context: DocumentContext) -> frozenset[str]:
    parties = _parties_signataires(context)
    bailleur, administration = parties.bailleur, parties.administration
    gestionnaire = parties.gestionnaire
    operation = context.operation
    attribution = context.attribution
    on = {
        "outre_mer": context.is_outre_mer,
        "spf": context.spf_applicable,
        "livre_foncier": operation.departement_code in LIVRE_FONCIER,
        "effet_publication": effet_publication(context),
        "service_etat": administration.is_service_etat,
        "delegataire": not administration.is_service_etat,
        "identification": bool(bailleur.identification.strip()),
        "capital": bailleur.capital_social is not None,
        "gestionnaire": gestionnaire is not None,
        "gestionnaire_info": bool(gestionnaire and gestionnaire.info.strip()),
        "mixite": bool(context.mixite and context.mixite.nb_logements),
        "residence_universitaire": operation.nature_logement == "residence_universitaire",
        "signature_electronique": context.signature_electronique,
        "signature_papier": not context.signature_electronique,
        "date_autorisation": operation.date_autorisation_hors_habitat_inclusif is not None,
        "date_convention_location": operation.date_convention_location is not None,
        "agrement": operation.date_residence_agrement is not None,
        "reservation": bool(attribution and attribution.reservation_prefectorale_pct is not None),
        "habitat_inclusif": bool(
            context.famille == Famille.FOYER
            and attribution
            and attribution.type == "habitat_inclusif"
        ),
        "avenant_description": bool(context.avenant and context.avenant.description.strip()),
        "fin": context.fin is not None,
        "fin_denonciation": bool(context.fin and context.fin.kind == "denonciation"),
        "fin_resiliation": bool(context.fin and context.fin.kind == "resiliation"),
        "fiche_convention": not context.is_avenant,
        "fiche_avenant": context.is_avenant and context.fin is None,
        "signee": context.statut in STATUTS_SIGNES,
        "publiee": context.date_publication is not None,
    }
    return frozenset(name for name, holds in on.items() if holds)


# --- the data handed to the renderers ------------------------------------------------------------

FILIGRANES = {
    "projet": "PROJET",
    "instruction": "EN INSTRUCTION",
    "correction": "EN INSTRUCTION",
    "annulee": "ANNULÉE",
}


def filigrane(statut: str) -> str | None:
    """The diagonal watermark of a draft; none from `a_signer` on (§8.4)."""
    return FILIGRANES.get(statut)


def operation_line(context: DocumentContext) -> dict[str, str]:
    operation = context.operation
    adresse = one_line(f"{context.adresse}\n{operation.code_postal} {operation.ville}")
    return {
        "nom": operation.nom,
        "numero_operation": operation.numero_operation or EMPTY,
        "adresse": or_dash(adresse),
        "logements": nb_logements_texte(context),
    }


def _signature(partie: str, organisme: str, signataire: Signataire | None, bloc: str) -> dict:
    return {
        "partie": partie,
        "organisme": organisme,
        "nom": signataire.nom if signataire else "",
        "fonction": signataire.fonction if signataire else "",
        "deliberation": date_fr(signataire.date_deliberation)
        if signataire and signataire.date_deliberation
        else "",
        "bloc": bloc,
    }


def signatures(context: DocumentContext) -> list[dict]:
    """Signature blocks, in signing order: bailleur(s), gestionnaire, then the State (§2.5).
    An avenant changing the bailleur is signed by the outgoing and the incoming bailleur."""
    parties = _parties_signataires(context)
    blocks = [
        _signature(
            "le bailleur",
            parties.bailleur.nom,
            parties.bailleur.signataire,
            parties.bailleur.signataire.bloc,
        )
    ]
    nouveau = context.parties.bailleur
    if context.avenant and nouveau.siret != parties.bailleur.siret:
        blocks.append(
            _signature(
                "le nouveau bailleur", nouveau.nom, nouveau.signataire, nouveau.signataire.bloc
            )
        )
    gestionnaire = context.parties.gestionnaire
    if gestionnaire:
        blocks.append(
            _signature(
                "le gestionnaire",
                gestionnaire.nom,
                gestionnaire.signataire,
                gestionnaire.signataire.bloc,
            )
        )
    administration = parties.administration
    partie_etat = "l'État" if administration.is_service_etat else "le délégataire, au nom de l'État"
    blocks.append(_signature(partie_etat, administration.nom, None, administration.bloc_signature))
    return blocks


def redevances(context: DocumentContext) -> list[dict[str, str]]:
    """Maximum redevance per financement and type of logement (R9: one value per pair)."""
    groups: dict[tuple[str, str], list] = {}
    for tableau in context.tableaux:
        if tableau.kind != KindTableau.FOYER_RESIDENCE:
            continue
        for logement in tableau.logements:
            groups.setdefault((logement.financement, logement.typologie_label), []).append(logement)
    return [
        {
            "financement": financement,
            "typologie": typologie,
            "nombre": nombre(len(rows)),
            "redevance": nombre(rows[0].loyer),
        }
        for (financement, typologie), rows in groups.items()
    ]


def reference_document(context: DocumentContext) -> str:
    """`Convention n° 69.D.26.0042`, `Avenant n° 2 à la convention n° …`, `Projet de convention`."""
    if context.avenant:
        rang = nombre(context.avenant.rang) if context.avenant.rang else EMPTY
        return f"Avenant n° {rang} à la convention n° {context.avenant.numero_convention or EMPTY}"
    return f"Convention n° {context.numero}" if context.numero else "Projet de convention"


def derived(context: DocumentContext, texte: dict[str, Any]) -> dict[str, Any]:
    categories = texte["libelles"].get("categories_type2", [])
    types = context.avenant.types if context.avenant else ()
    return {
        "reference": reference_document(context),
        "operation": operation_line(context),
        "signatures": signatures(context),
        "avenant_types": [AVENANT_TYPES.get(value, value) for value in types],
        "categories_type2": [
            {"texte": label, "retenue": index in context.type2_categories}
            for index, label in enumerate(categories, start=1)
        ],
        "redevances": redevances(context),
        "cadastre": [
            {
                "section": ref.section,
                "numero": ref.numero,
                "lieudit": ref.lieudit or EMPTY,
                "surface": surface_cadastrale(ref.surface_m2),
                "autre": ref.autre or EMPTY,
            }
            for ref in context.operation.references_cadastrales
        ],
        "famille": FAMILLE_LABELS[context.famille],
        "date_effet": date_effet(context),
        "is_avenant": context.is_avenant,
        "has_cdc": bool(context.prets_cdc),
    }


FAMILLE_LABELS = {
    Famille.ORDINAIRE: "Logements ordinaires",
    Famille.FOYER: "Logement-foyer",
    Famille.RESIDENCE: "Résidence",
}


def build_payload(
    context: DocumentContext, modele: str, manifest: Manifest, *, filigrane_force: str = ""
) -> dict[str, Any]:
    """Everything one Typst template (or the DOCX writer) reads, as JSON-ready data.

    `filigrane_force` prints a watermark where the status gives none (a fiche CAF preview)."""
    texte = resolve(
        load_text(manifest.modele, manifest.version), variables(context), flags(context)
    )
    pied = f"{reference_document(context)} – {manifest.intitule} – version {manifest.version}"
    return {
        "meta": {
            "modele": modele,
            "version": manifest.version,
            "intitule": manifest.intitule,
            "reference": manifest.reference,
            "entete_cerfa": "" if context.is_outre_mer else manifest.entete_cerfa,
            "filigrane": filigrane(context.statut) or filigrane_force or None,
            "titre_document": texte["titre"],
            "pied": pied,
        },
        "texte": texte,
        "derive": derived(context, texte),
        "libelles": LIBELLES,
        "contexte": to_payload(context),
    }
