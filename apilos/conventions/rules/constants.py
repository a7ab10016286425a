"""Stable values the rules depend on (domain.md §4). Plain strings: they are the stored values."""

# §4.1 Financements
MIXITE_FINANCEMENTS = frozenset({"PLUS", "PLUS_CD"})
PLS_LIKE_FINANCEMENTS = frozenset({"PLS", "PALULOS", "PALU_AV_21", "PALUCOM", "PALU_RE", "PLS_DOM"})
OUTRE_MER_FINANCEMENTS = frozenset({"LLS", "LLTS", "LLTSA", "PLS_DOM", "SALLS_R", "SALLS_P"})
SANS_FINANCEMENT = "SANS_FINANCEMENT"
# LogementEDD.financement (§3.5)
EDD_FINANCEMENTS = frozenset({"PLUS", "PLUS_CD", "PLAI", "PLS", SANS_FINANCEMENT})

# §4.3 Type d'opération meaning "no works"
SANS_TRAVAUX_OPERATIONS = frozenset({"sans_travaux"})

# §4.8 The two CDC lenders count as CDC loans
CDC_PRETEURS = frozenset({"cdc_foncier", "cdc_logement"})
PRETEUR_AUTRE = "autre"

# §3.4 Tables of logements
SU_AVEC_LOYER = "su_avec_loyer"
SU_SANS_LOYER = "su_sans_loyer"
SC_AVEC_LOYER = "sc_avec_loyer"
SC_SANS_LOYER = "sc_sans_loyer"
FOYER_RESIDENCE = "foyer_residence"
SU_TABLES = frozenset({SU_AVEC_LOYER, SU_SANS_LOYER})
SC_TABLES = frozenset({SC_AVEC_LOYER, SC_SANS_LOYER})
RENT_TABLES = frozenset({SU_AVEC_LOYER, SC_AVEC_LOYER})
ORDINARY_TABLES = SU_TABLES | SC_TABLES

TABLE_LABELS = {
    SU_AVEC_LOYER: "tableau des logements (surface utile, avec loyer)",
    SU_SANS_LOYER: "tableau des logements (surface utile, sans loyer)",
    SC_AVEC_LOYER: "tableau des logements (surface corrigée, avec loyer)",
    SC_SANS_LOYER: "tableau des logements (surface corrigée, sans loyer)",
    FOYER_RESIDENCE: "tableau des logements du foyer ou de la résidence",
}

# §4.2 Families
ORDINAIRE = "ordinaire"
FOYER = "foyer"
RESIDENCE = "residence"

# §4.12 Avenant types
AVENANT_TERMINATION_TYPES = frozenset({"denonciation", "resiliation"})

# §4.9 Bailleur natures signing HLM/SEM models
HLM_SEM_NATURES = frozenset({"hlm", "sem"})

# §4.6 Annexe rows
ANNEXE_TYPOLOGIES = ("terrasse", "jardin", "cour")
TERRASSE_MAX_IN_SU = 9
