"""Convention statuses (domain.md §2.1): stable values, French labels."""

from django.db import models


class Statut(models.TextChoices):
    PROJET = "projet", "En projet"
    INSTRUCTION = "instruction", "En instruction"
    CORRECTION = "correction", "À corriger"
    A_SIGNER = "a_signer", "À signer"
    SIGNEE = "signee", "Signée"
    PUBLICATION_EN_COURS = "publication_en_cours", "Publication en cours"
    PUBLIEE = "publiee", "Publiée"
    RESILIEE = "resiliee", "Résiliée"
    DENONCEE = "denoncee", "Dénoncée"
    ANNULEE = "annulee", "Annulée"


STATUT_ORDER = {value: index for index, value in enumerate(Statut.values, start=1)}

# The instructeur reads some statuses from their own side of the desk.
INSTRUCTEUR_LABELS: dict[str, str] = {
    Statut.INSTRUCTION: "À instruire",
    Statut.CORRECTION: "En correction",
}

# Avenants use the masculine form ("Signé").
AVENANT_LABELS: dict[str, str] = {
    Statut.SIGNEE: "Signé",
    Statut.PUBLIEE: "Publié",
    Statut.RESILIEE: "Résilié",
    Statut.DENONCEE: "Dénoncé",
    Statut.ANNULEE: "Annulé",
}


def statut_label(statut: str, *, instructeur: bool = False, avenant: bool = False) -> str:
    """The label a reader sees: the instructeur's side of the desk, masculine for avenants."""
    if instructeur and statut in INSTRUCTEUR_LABELS:
        return INSTRUCTEUR_LABELS[statut]
    if avenant and statut in AVENANT_LABELS:
        return AVENANT_LABELS[statut]
    return Statut(statut).label


EN_COURS = frozenset({Statut.PROJET, Statut.INSTRUCTION, Statut.CORRECTION})
ACHEVEE = frozenset({Statut.SIGNEE, Statut.PUBLICATION_EN_COURS, Statut.PUBLIEE})
TERMINEE = frozenset({Statut.RESILIEE, Statut.DENONCEE})
FROM_A_SIGNER = frozenset({Statut.A_SIGNER}) | ACHEVEE | TERMINEE

# DSFR badge colour per status; the label always accompanies the colour.
BADGE_CLASS: dict[str, str] = {
    Statut.PROJET: "fr-badge--info",
    Statut.INSTRUCTION: "fr-badge--new",
    Statut.CORRECTION: "fr-badge--warning",
    Statut.A_SIGNER: "fr-badge--purple-glycine",
    Statut.SIGNEE: "fr-badge--success",
    Statut.PUBLICATION_EN_COURS: "fr-badge--green-emeraude",
    Statut.PUBLIEE: "fr-badge--green-menthe",
    Statut.RESILIEE: "fr-badge--error",
    Statut.DENONCEE: "fr-badge--pink-tuile",
    Statut.ANNULEE: "fr-badge--brown-cafe-creme",
}

# Open avenants block a new one (domain.md §2.3).
OPEN_AVENANT = frozenset({Statut.PROJET, Statut.INSTRUCTION, Statut.CORRECTION, Statut.A_SIGNER})
# R35: these originals no longer hold their (opération, financement) pair.
R35_DEAD = frozenset({Statut.ANNULEE}) | TERMINEE


class Financement(models.TextChoices):
    """Regulatory codes (§4.1); `PSH` is never conventioned and has no value here."""

    PLUS = "PLUS", "PLUS"
    PLUS_CD = "PLUS_CD", "PLUS CD (construction-démolition)"
    PLAI = "PLAI", "PLAI"
    PLAI_ADP = "PLAI_ADP", "PLAI adapté"
    PLAI_FTM = "PLAI_FTM", "PLAI foyer de travailleurs migrants"
    PLAI_RE = "PLAI_RE", "PLAI réhabilitation"
    PLUS_PLAI = "PLUS_PLAI", "PLUS-PLAI"
    PLS = "PLS", "PLS"
    PALULOS = "PALULOS", "PALULOS"
    PALU_AV_21 = "PALU_AV_21", "PALULOS avant 2021"
    PALUCOM = "PALUCOM", "PALULOS communal"
    PALU_RE = "PALU_RE", "PALULOS réhabilitation"
    PLS_DOM = "PLS_DOM", "PLS DOM"
    LLS = "LLS", "LLS"
    LLTS = "LLTS", "LLTS"
    LLTSA = "LLTSA", "LLTSA"
    SALLS_R = "SALLS_R", "SALLS réhabilitation"
    SALLS_P = "SALLS_P", "SALLS parasismique"
    SANS_FINANCEMENT = "SANS_FINANCEMENT", "Sans financement (sans travaux)"
    SECD_VIE = "SECD_VIE", "Seconde vie"
    RENO = "RENO", "Rénovation"


FINANCEMENTS_MIXITE = frozenset({Financement.PLUS, Financement.PLUS_CD})
FINANCEMENTS_PLAI = frozenset(
    {
        Financement.PLAI,
        Financement.PLAI_ADP,
        Financement.PLAI_FTM,
        Financement.PLAI_RE,
        Financement.PLUS_PLAI,
    }
)
FINANCEMENTS_PLS_LIKE = frozenset(
    {
        Financement.PLS,
        Financement.PALULOS,
        Financement.PALU_AV_21,
        Financement.PALUCOM,
        Financement.PALU_RE,
        Financement.PLS_DOM,
    }
)
FINANCEMENTS_OUTRE_MER = frozenset(
    {
        Financement.LLS,
        Financement.LLTS,
        Financement.LLTSA,
        Financement.PLS_DOM,
        Financement.SALLS_R,
        Financement.SALLS_P,
    }
)
# The EDD simplifié knows only these (§3.5).
FINANCEMENTS_EDD = frozenset(
    {
        Financement.PLUS,
        Financement.PLUS_CD,
        Financement.PLAI,
        Financement.PLS,
        Financement.SANS_FINANCEMENT,
    }
)
# PLAI adapté is merged into the PLAI lot and never has a lot of its own (§4.1, R37).
FINANCEMENTS_LOT = frozenset(Financement.values) - {Financement.PLAI_ADP}
FINANCEMENT_ALIASES = {"PLUS-PLAI": Financement.PLUS_PLAI, "PALU_COM": Financement.PALUCOM}


def is_mixite(financement: str) -> bool:
    return financement in FINANCEMENTS_MIXITE


def is_pls_like(financement: str) -> bool:
    return financement in FINANCEMENTS_PLS_LIKE


def is_outre_mer_financement(financement: str) -> bool:
    return financement in FINANCEMENTS_OUTRE_MER


def lot_financement(financement: str) -> str:
    """The lot a financement belongs to: PLAI adapté goes into the PLAI lot."""
    return Financement.PLAI if financement == Financement.PLAI_ADP else financement


class Tableau(models.TextChoices):
    """The rent table a logement belongs to (§3.4); stored, never inferred."""

    SU_AVEC_LOYER = "su_avec_loyer", "Surface utile, avec loyer"
    SU_SANS_LOYER = "su_sans_loyer", "Surface utile, sans loyer"
    SC_AVEC_LOYER = "sc_avec_loyer", "Surface corrigée, avec loyer"
    SC_SANS_LOYER = "sc_sans_loyer", "Surface corrigée, sans loyer"
    FOYER_RESIDENCE = "foyer_residence", "Foyer ou résidence"


TABLEAUX_SU = frozenset({Tableau.SU_AVEC_LOYER, Tableau.SU_SANS_LOYER})
TABLEAUX_SC = frozenset({Tableau.SC_AVEC_LOYER, Tableau.SC_SANS_LOYER})
TABLEAUX_AVEC_LOYER = frozenset({Tableau.SU_AVEC_LOYER, Tableau.SC_AVEC_LOYER})


class TypologieLogement(models.TextChoices):
    T1 = "T1", "T1"
    T1BIS = "T1bis", "T1 bis"
    T1PRIME = "T1prime", "T1'"
    T2 = "T2", "T2"
    T3 = "T3", "T3"
    T4 = "T4", "T4"
    T5 = "T5", "T5"
    T6 = "T6", "T6"
    T7 = "T7", "T7"


def typologie_label(value: str, *, famille: str = "ordinaire") -> str:
    """Display label; the ordinary form shows T6 as "T6 et plus" (§4.5)."""
    if value == TypologieLogement.T6 and famille == "ordinaire":
        return "T6 et plus"
    return TypologieLogement(value).label


class TypologieAnnexe(models.TextChoices):
    """Annexes outside the SU, with an accessory rent (§4.6)."""

    TERRASSE = "terrasse", "Terrasse"
    JARDIN = "jardin", "Jardin"
    COUR = "cour", "Cour"


# The 11 annexes counted in the SU (arrêté of 9 May 1995): Lot flag name → label.
ANNEXES_SU = {
    "annexe_caves": "Caves",
    "annexe_sous_sols": "Sous-sols",
    "annexe_remises": "Remises",
    "annexe_ateliers": "Ateliers",
    "annexe_sechoirs": "Séchoirs",
    "annexe_celliers": "Celliers extérieurs au logement",
    "annexe_resserres": "Resserres",
    "annexe_combles": "Combles et greniers aménageables",
    "annexe_balcons": "Balcons",
    "annexe_loggias": "Loggias et vérandas",
    "annexe_terrasses": "Terrasses (9 m² au plus, en étage ou sur ouvrage enterré)",
}


class TypologieStationnement(models.TextChoices):
    """The label is the exact spelling of stationnements.xlsx (§4.6); spreadsheets are read by
    apilos.imports.choices, which builds its lists from these enums."""

    GARAGE_AERIEN = "garage_aerien", "Garage aérien"
    GARAGE_ENTERRE = "garage_enterre", "Garage enterré"
    GARAGE_BOXE_SIMPLE = "garage_boxe_simple", "Garage boxé simple"
    GARAGE_BOXE_DOUBLE = "garage_boxe_double", "Garage boxé double"
    EXTERIEUR_BOXE = "exterieur_boxe", "extérieur boxé"
    SOUS_SOL_BOXE = "sous_sol_boxe", "en sous-sol boxé"
    CARPORT = "carport", "Carport"
    PLACE_STATIONNEMENT = "place_stationnement", "Place de stationnement"
    PARKING_EXTERIEUR_PRIVATIF = "parking_exterieur_privatif", "Parking extérieur privatif"
    PARKING_SOUS_SOL = "parking_sous_sol", "Parking en sous-sol ou en superstructure"
    DEUX_ROUES_EXTERIEUR = "deux_roues_exterieur", "2 roues en extérieur"
    DEUX_ROUES_SOUS_SOL = "deux_roues_sous_sol", "2 roues en sous-sol"
    DOUBLE_SOUS_SOL = "double_sous_sol", "Parking double en sous-sol"
    DOUBLE_SUPERSTRUCTURE = "double_superstructure", "Parking double en superstructure"
    GARAGES_JUMELES = "garages_jumeles", "Garages individuels jumelés par blocs de 2"
    PLACE_ACCOLEE_GARAGE = "place_accolee_garage", "Place de parking accolée à chaque garage"
    PARKING_SUPERSTRUCTURE = "parking_superstructure", "Parking en superstructure"


STATIONNEMENT_OF_SIAP = {
    "Enterrés / Sous-sol": TypologieStationnement.GARAGE_ENTERRE,
    "Superstructure": TypologieStationnement.PARKING_SUPERSTRUCTURE,
}


class Preteur(models.TextChoices):
    """Organismes financeurs (§4.8); the spreadsheet spelling is in PRETEUR_IMPORT_LABELS."""

    ETAT = "etat", "État"
    CDC_FONCIER = "cdc_foncier", "CDC pour le foncier"
    CDC_LOGEMENT = "cdc_logement", "CDC pour le logement"
    REGION = "region", "Région"
    VILLE = "ville", "Ville"
    EPCI = "epci", "EPCI"
    COMMUNE_ACTION_LOGEMENT = "commune_action_logement", "Commune et action logement"
    ANRU = "anru", "ANRU"
    AUTRE = "autre", "Autre/Subventions"


PRETEUR_IMPORT_LABELS = {
    Preteur.ETAT: "Etat",
    Preteur.CDC_FONCIER: "CDC pour le foncier",
    Preteur.CDC_LOGEMENT: "CDC pour le logement",
    Preteur.REGION: "Région",
    Preteur.VILLE: "Ville",
    Preteur.EPCI: "EPCI",
    Preteur.COMMUNE_ACTION_LOGEMENT: "Commune et action logement",
    Preteur.ANRU: "ANRU",
    Preteur.AUTRE: "Autre/Subventions",
}
PRETEURS_CDC = frozenset({Preteur.CDC_FONCIER, Preteur.CDC_LOGEMENT})


def is_cdc(preteur: str) -> bool:
    """The two CDC values count as CDC loans (R16, R17)."""
    return preteur in PRETEURS_CDC


class TypeConvention(models.TextChoices):
    TYPE_1 = "type_1", "Type I"
    TYPE_2 = "type_2", "Type II"


class Type2Categorie(models.IntegerChoices):
    """Type II categories (§4.11)."""

    ILM_LOGECO = 1, "ILM 28, LOGECO, anciens prêts du CFF"
    PLAI_COLLECTIVITES = 2, "PLA-I des collectivités locales"
    PLS_ACQUISITION = 3, "PLS acquisition"
    PALULOS_PAM = 4, "Amélioration PALULOS/PAM"
    PLUS_COLLECTIVITES = 5, "PLUS des collectivités locales"
    ART_41_TER = 6, "Bailleurs non SEM relevant de l'art. 41 ter de la loi de 1986"
    AFL = 7, "Association foncière logement"
    SANS_FINANCEMENT_ETAT = 8, "Sans financement de l'État (L.831-1 2°)"


class DatePrecision(models.TextChoices):
    JOUR = "jour", "Jour"
    ANNEE = "annee", "Année seule"


class AttributionType(models.TextChoices):
    PERSONNES_AGEES = "personnes_agees", "Personnes âgées"
    PERSONNES_HANDICAPEES = "personnes_handicapees", "Personnes handicapées"
    HABITAT_INCLUSIF = "habitat_inclusif", "Habitat inclusif"


class AvenantType(models.TextChoices):
    BAILLEUR = "bailleur", "Bailleur"
    PROGRAMME = "programme", "Opération"
    CADASTRE = "cadastre", "Cadastre"
    EDD = "edd", "EDD"
    DUREE = "duree", "Durée et financement"
    LOGEMENTS = "logements", "Logements"
    STATIONNEMENT = "stationnement", "Stationnements"
    FOYER_ATTRIBUTION = "foyer_attribution", "Attribution (foyer)"
    RESIDENCE_ATTRIBUTION = "residence_attribution", "Attribution (résidence)"
    VARIANTES = "variantes", "Variantes"
    CHAMP_LIBRE = "champ_libre", "Champ libre"
    COMMENTAIRES = "commentaires", "Commentaires"
    DENONCIATION = "denonciation", "Dénonciation"
    RESILIATION = "resiliation", "Résiliation"


# These end the convention and admit no other type alongside (§4.12).
AVENANT_TYPES_EXCLUSIFS = frozenset({AvenantType.DENONCIATION, AvenantType.RESILIATION})
