"""Which document model a convention is printed with (domain.md §8.1, first match wins)."""

import enum

from .context import DocumentContext, Famille


class Modele(enum.StrEnum):
    REMPLACEMENT = "remplacement"  # an approved replacement DOCX, not rendered by us
    HLM = "hlm"
    SEM = "sem"
    TYPE_1 = "type_1"
    TYPE_2 = "type_2"
    FOYER = "foyer"
    RESIDENCE = "residence"
    AVENANT = "avenant"
    AVENANT_FOYER_RESIDENCE = "avenant_foyer_residence"
    SECONDE_VIE_HLM = "seconde_vie_hlm"
    SECONDE_VIE_FOYER = "seconde_vie_foyer"
    FICHE_CAF = "fiche_caf"


LABELS = {
    Modele.REMPLACEMENT: "Document de remplacement approuvé",
    Modele.HLM: "Convention HLM (annexe I à l'article D. 353-1 du CCH)",
    Modele.SEM: "Convention SEM (article D. 353-59 du CCH)",
    Modele.TYPE_1: "Convention de type I (annexe I à l'article D. 353-90 du CCH)",
    Modele.TYPE_2: "Convention de type II (annexe II à l'article D. 353-90 du CCH)",
    Modele.FOYER: "Convention foyer (tripartite)",
    Modele.RESIDENCE: "Convention résidence",
    Modele.AVENANT: "Avenant",
    Modele.AVENANT_FOYER_RESIDENCE: "Avenant foyer / résidence",
    Modele.SECONDE_VIE_HLM: "Convention seconde vie",
    Modele.SECONDE_VIE_FOYER: "Convention seconde vie (foyer)",
    Modele.FICHE_CAF: "Fiche CAF",
}


def model_for(context: DocumentContext) -> Modele:
    """The model of the convention document itself (the fiche CAF is always asked for
    separately, with `model=Modele.FICHE_CAF`)."""
    familles_collectives = (Famille.FOYER, Famille.RESIDENCE)
    if context.docx_remplacement:
        return Modele.REMPLACEMENT
    if context.is_avenant:
        if context.famille in familles_collectives:
            return Modele.AVENANT_FOYER_RESIDENCE
        return Modele.AVENANT
    if context.seconde_vie:
        return (
            Modele.SECONDE_VIE_FOYER if context.famille == Famille.FOYER else Modele.SECONDE_VIE_HLM
        )
    if context.famille == Famille.FOYER:
        return Modele.FOYER
    if context.famille == Famille.RESIDENCE:
        return Modele.RESIDENCE
    nature = context.parties.bailleur.nature
    if nature == "hlm":
        return Modele.HLM
    if nature == "sem":
        return Modele.SEM
    return Modele.TYPE_2 if context.type_convention == "type_2" else Modele.TYPE_1
