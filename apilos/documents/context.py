"""The document context: everything a convention document prints, as typed plain data.

`build_document_context` (builder.py) fills it from a convention, later from its validated
snapshot; the renderers (Typst for the PDF, python-docx for the working copy) only read it.
Labels are already French (enum values are translated by the builder); amounts, surfaces and
dates stay `Decimal` / `date` here and are formatted once, by `to_payload`, the French way.

Nothing in here is ever evaluated as Typst markup: the payload reaches Typst as JSON data.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .formatting import date_fr, nombre

# Decimals are printed with 2 decimals, except these fields.
DECIMALES = {"coefficient": 4}


class Famille(enum.StrEnum):
    ORDINAIRE = "ordinaire"
    FOYER = "foyer"
    RESIDENCE = "residence"


# --- parties ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signataire:
    """Who signs for a party; "—" when nobody is known (§8.4)."""

    nom: str = "—"
    fonction: str = "—"
    date_deliberation: date | None = None
    bloc: str = ""


@dataclass(frozen=True)
class Bailleur:
    nom: str
    siret: str
    nature: str  # hlm, sem, prive, autre (§4.9)
    nature_label: str
    capital_social: Decimal | None = None
    adresse: str = ""
    code_postal: str = ""
    ville: str = ""
    signataire: Signataire = Signataire()
    # A custom paragraph that replaces the printed identity (identification_bailleur).
    identification: str = ""

    @property
    def siren(self) -> str:
        return self.siret[:9]


@dataclass(frozen=True)
class Administration:
    nom: str
    code: str
    is_service_etat: bool
    departement_nom: str
    adresse: str = ""
    code_postal: str = ""
    ville: str = ""
    ville_signature: str = ""
    nb_exemplaires: int = 3
    bloc_signature: str = ""


@dataclass(frozen=True)
class Gestionnaire:
    nom: str
    signataire: Signataire = Signataire()
    info: str = ""


@dataclass(frozen=True)
class Parties:
    bailleur: Bailleur
    administration: Administration
    gestionnaire: Gestionnaire | None = None


# --- the opération -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceCadastrale:
    section: str
    numero: str
    lieudit: str
    surface_m2: int | None = None
    autre: str = ""


@dataclass(frozen=True)
class LigneEDD:
    designation: str
    financement: str
    numero_lot: str = ""


@dataclass(frozen=True)
class Image:
    """An image printed in the annex (cadastre plan, EDD extract): PNG or JPEG bytes."""

    legende: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class Operation:
    numero_operation: str
    nom: str
    adresse: str
    code_postal: str
    ville: str
    departement_code: str
    departement_nom: str
    nature_logement: str
    nature_logement_label: str
    type_operation_label: str = ""
    type_habitat_label: str = ""
    zone_abc_label: str = ""
    zone_123_label: str = ""
    anru: bool = False
    anah: bool = False
    permis_construire: str = ""
    date_acte_notarie: date | None = None
    date_achat: date | None = None
    date_achevement_previsible: date | None = None
    date_achevement: date | None = None
    vendeur: str = ""
    acquereur: str = ""
    reference_notaire: str = ""
    reference_publication_acte: str = ""
    acte_de_propriete: str = ""
    effet_relatif: str = ""
    certificat_adressage: str = ""
    reference_cadastrale: str = ""
    edd_volumetrique: str = ""
    edd_classique: str = ""
    edd_stationnements: str = ""
    mention_publication_edd_volumetrique: str = ""
    mention_publication_edd_classique: str = ""
    nb_locaux_commerciaux: int = 0
    nb_bureaux: int = 0
    autres_locaux_hors_convention: str = ""
    date_autorisation_hors_habitat_inclusif: date | None = None
    date_convention_location: date | None = None
    date_residence_agrement: date | None = None
    departement_residence_agrement: str = ""
    ville_signature_residence_agrement: str = ""
    references_cadastrales: tuple[ReferenceCadastrale, ...] = ()
    edd: tuple[LigneEDD, ...] = ()
    images: tuple[Image, ...] = ()

    @property
    def date_achevement_effective(self) -> date | None:
        return self.date_achevement or self.date_achevement_previsible


# --- lots and rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Annexe:
    logement: str  # the designation of the logement it belongs to
    financement: str
    typologie_logement: str
    typologie_label: str  # Terrasse, Jardin, Cour
    surface: Decimal
    loyer_unitaire: Decimal
    loyer: Decimal


@dataclass(frozen=True)
class Logement:
    designation: str
    typologie: str  # §4.5 value, "T1bis"
    typologie_label: str  # as printed, "T1 bis"
    financement: str
    surface_habitable: Decimal | None = None
    surface_annexes: Decimal | None = None
    surface_annexes_retenue: Decimal | None = None
    surface_utile: Decimal | None = None
    surface_corrigee: Decimal | None = None
    loyer_par_m2: Decimal | None = None
    coefficient: Decimal | None = None
    loyer: Decimal | None = None  # the redevance in foyer_residence


@dataclass(frozen=True)
class Stationnement:
    financement: str
    typologie_label: str
    nombre: int
    loyer: Decimal


@dataclass(frozen=True)
class LocalCollectif:
    financement: str
    type_local: str
    surface_habitable: Decimal
    nombre: int = 1


@dataclass(frozen=True)
class Pret:
    financement: str
    preteur_label: str
    montant: Decimal
    numero: str = ""
    date_octroi: date | None = None
    duree: int | None = None


@dataclass(frozen=True)
class Lot:
    financement: str
    financement_label: str
    nb_logements: int
    type_habitat_label: str = ""
    annexes_comprises_su: tuple[str, ...] = ()  # labels of the ticked SU flags (§4.6)
    lgts_mixite_sociale_negocies: int = 0
    loyer_derogatoire: Decimal | None = None
    loyer_associations_foncieres: Decimal | None = None
    surface_habitable_totale: Decimal | None = None
    surface_locaux_collectifs_residentiels: Decimal | None = None
    nb_garages_parkings: int = 0
    dependances: str = ""
    locaux_hors_convention: str = ""


# --- results of the rules (computed by apilos.conventions.rules, never here) ----------------


@dataclass(frozen=True)
class CompteTypologie:
    typologie_label: str
    nombre: int


@dataclass(frozen=True)
class Totaux:
    """R29 totals of a set of rows (one financement, or all of them)."""

    nb_logements: int
    surface_habitable: Decimal
    surface_annexes: Decimal
    surface_annexes_retenue: Decimal
    surface_utile: Decimal
    surface_corrigee: Decimal
    loyer: Decimal
    loyer_par_m2: Decimal | None = None  # the common value (R4), if any
    par_typologie: tuple[CompteTypologie, ...] = ()


@dataclass(frozen=True)
class TotauxFinancement:
    financement: str
    totaux: Totaux


class KindTableau(enum.StrEnum):
    SU_AVEC_LOYER = "su_avec_loyer"
    SU_SANS_LOYER = "su_sans_loyer"
    SC_AVEC_LOYER = "sc_avec_loyer"
    SC_SANS_LOYER = "sc_sans_loyer"
    FOYER_RESIDENCE = "foyer_residence"


@dataclass(frozen=True)
class Tableau:
    """One of the logements tables (§3.4), rows in `ordre`, with its totals per financement
    and overall."""

    kind: KindTableau
    logements: tuple[Logement, ...]
    totaux_par_financement: tuple[TotauxFinancement, ...]
    totaux: Totaux


@dataclass(frozen=True)
class TotauxConvention:
    par_financement: tuple[TotauxFinancement, ...]
    ensemble: Totaux
    lc_sh: Decimal  # Σ SH × nombre of the locaux collectifs, all lots
    res_sh: Decimal  # lc_sh + Σ SH
    duree_annees: int | None = None


@dataclass(frozen=True)
class Mixite:
    """R19 for the PLUS / PLUS_CD logements."""

    nb_logements: int
    nb_sous_plafond: int  # X, at least 30 %
    nb_au_dela: int  # Y, at most 10 %


@dataclass(frozen=True)
class CompteAnnexes:
    typologie_label: str
    nombre: int


@dataclass(frozen=True)
class Accessoires:
    """R30: annexes counted by type and the total number of parking spaces."""

    annexes: tuple[CompteAnnexes, ...] = ()
    nb_stationnements: int = 0
    phrase: str = ""


# --- foyer / résidence ------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """What the foyer or résidence houses (R11); labels of the ticked flags."""

    type: str = ""  # personnes_agees, personnes_handicapees, habitat_inclusif (foyer)
    type_label: str = ""
    publics: tuple[str, ...] = ()  # ticked flags (foyer) or résidence types
    autre_detail: str = ""
    inclusif_conditions_specifiques: str = ""
    inclusif_conditions_admission: str = ""
    inclusif_modalites_attribution: str = ""
    inclusif_partenariats: str = ""
    inclusif_activites: str = ""
    reservation_prefectorale_pct: int | None = None
    modalites_reservations: str = ""
    modalites_choix_personnes: str = ""
    prestations_integrees: str = ""
    prestations_facultatives: str = ""


@dataclass(frozen=True)
class Variantes:
    variante_1: bool = False
    variante_2: bool = False
    variante_3: bool = False
    variante_2_travaux: str = ""
    variante_2_nb_annees: int | None = None
    variante_2_nb_tranches: int | None = None


# --- avenants, seconde vie, termination ---------------------------------------------------------


@dataclass(frozen=True)
class Avenant:
    rang: int | None
    numero_convention: str  # the number of the original convention
    types: tuple[str, ...]  # values of §4.12, in the order of that table
    description: str = ""
    champ_libre: str = ""
    parties_precedentes: Parties | None = None  # the parties of the amended version


@dataclass(frozen=True)
class Fin:
    """Dénonciation or résiliation."""

    kind: str  # denonciation / resiliation
    date_effet: date | None
    motif: str = ""
    date_notification: date | None = None


@dataclass(frozen=True)
class ConventionRemplacee:
    numero: str
    date_signature: date | None = None


# --- the whole ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentContext:
    statut: str  # §2.1 value; decides the watermark
    numero: str  # "" until validation
    famille: Famille
    parties: Parties
    operation: Operation
    adresse: str  # the convention's address, as printed
    lots: tuple[Lot, ...]
    tableaux: tuple[Tableau, ...]
    totaux: TotauxConvention
    mixite: Mixite | None = None
    accessoires: Accessoires = Accessoires()
    annexes: tuple[Annexe, ...] = ()
    stationnements: tuple[Stationnement, ...] = ()
    locaux_collectifs: tuple[LocalCollectif, ...] = ()
    prets_cdc: tuple[Pret, ...] = ()
    prets_autres: tuple[Pret, ...] = ()
    edd_lots: tuple[int, ...] = ()  # R21: the EDD lot number(s) this convention covers
    spf_applicable: bool = False  # R25
    is_outre_mer: bool = False
    seconde_vie: bool = False
    type_convention: str = ""  # "", type_1, type_2
    type2_categories: tuple[int, ...] = ()
    date_fin_conventionnement: date | None = None
    fonds_propres: Decimal | None = None
    historique_financement_public: str = ""
    valide_le: date | None = None
    date_signature: date | None = None
    date_publication: date | None = None  # at the SPF (or livre foncier)
    signature_electronique: bool = False
    attribution: Attribution | None = None
    variantes: Variantes | None = None
    avenant: Avenant | None = None
    fin: Fin | None = None
    conventions_remplacees: tuple[ConventionRemplacee, ...] = ()  # seconde vie
    docx_remplacement: bool = False  # an approved replacement DOCX exists (§8.1)
    version_modele: str = ""  # the legal template version pinned at validation, if any
    date_reference: date | None = None  # picks the template version when none is pinned

    @property
    def is_avenant(self) -> bool:
        return self.avenant is not None

    @property
    def financements(self) -> tuple[str, ...]:
        return tuple(lot.financement for lot in self.lots)

    @property
    def nb_logements(self) -> int:
        return sum(lot.nb_logements for lot in self.lots)


# --- serialisation -----------------------------------------------------------------------------


def to_payload(value: Any, decimales: int = 2) -> Any:
    """The context as JSON-ready data, every number and date already written the French way.

    Strings stay strings (they are printed as text, never read as markup), booleans stay
    booleans, `None` becomes `null`; bytes become a list of integers (Typst's `bytes(array)`).
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, int | Decimal):
        return nombre(value, decimales)
    if isinstance(value, datetime | date):
        return date_fr(value)
    if isinstance(value, bytes):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_payload(getattr(value, f.name), DECIMALES.get(f.name, 2))
            for f in dataclasses.fields(value)
        }
    if isinstance(value, list | tuple):
        return [to_payload(item, decimales) for item in value]
    if isinstance(value, dict):
        return {str(key): to_payload(item, decimales) for key, item in value.items()}
    raise TypeError(f"Valeur non prévue dans le contexte d'un document : {type(value).__name__}")
