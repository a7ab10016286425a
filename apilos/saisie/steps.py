"""The typed registry of the convention form's steps, per kind of convention (domain.md §6).

A step lists the forms it shows (classes, bound to the convention, its opération or each
lot), its editable table, and the fields that take files. `steps_for(convention)` gives
the ordered steps of one convention.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from apilos.accounts.enums import INSTRUCTEUR_ROLES, Role
from apilos.conventions.enums import AvenantType
from apilos.conventions.models import Convention
from apilos.conventions.rules.spf import spf_applicable
from apilos.programmes.enums import Famille

from . import grids
from .forms import contenu, foyer, identite
from .forms.base import SaisieModelForm
from .grids import Grid

EDITING_INSTRUCTEURS = frozenset(INSTRUCTEUR_ROLES - {Role.INSTRUCTEUR_LECTEUR}) | {Role.STAFF}


class Kind(StrEnum):
    ORDINAIRE = "ordinaire"  # HLM or SEM bailleur
    ORDINAIRE_TYPE_1_2 = "ordinaire_type_1_2"
    FOYER = "foyer"
    RESIDENCE = "residence"
    AVENANT = "avenant"


@dataclass(frozen=True)
class Part:
    """One form of a step, bound to the convention, its opération, or each of its lots."""

    objet: str  # convention | programme | lot
    form_class: type[SaisieModelForm]
    title: str = ""
    roles: frozenset[str] | None = None  # None: anyone who may edit the convention


@dataclass(frozen=True)
class Step:
    slug: str  # the rules engine's step (report.STEPS), also the URL
    title: str
    parts: tuple[Part, ...] = ()
    grid: Grid | None = None
    evidence: tuple[str, ...] = ()  # fields taking files (PieceJointe), on `evidence_objet`
    evidence_objet: str = "programme"
    intro: str = ""
    applies: Callable[[Convention], bool] | None = None

    def applies_to(self, convention: Convention) -> bool:
        return self.applies is None or self.applies(convention)


def edd_applies(convention: Convention) -> bool:
    """R22: the EDD step exists only when the convention is published at the SPF (R25)."""
    programme = convention.programme
    return spf_applicable(
        programme.nature_logement, programme.bailleur.nature or "", statut=convention.statut
    )


BAILLEUR = Step(
    "bailleur",
    "Bailleur",
    parts=(
        Part("convention", identite.SignataireForm, "Signataire et identification"),
        Part(
            "programme",
            identite.ChangementBailleurForm,
            "Changement de bailleur ou d'administration",
            roles=EDITING_INSTRUCTEURS,
        ),
    ),
    intro="Qui signe la convention pour le bailleur, et comment le bailleur est présenté.",
)
OPERATION = Step(
    "operation",
    "Opération",
    parts=(
        Part("programme", identite.OperationForm, "L'opération"),
        Part("convention", identite.AdresseConventionForm, "Adresse imprimée"),
    ),
)
CADASTRE = Step(
    "cadastre",
    "Cadastre",
    parts=(Part("programme", contenu.CadastreForm, "Permis, dates et propriété"),),
    grid=grids.CADASTRE,
    evidence=contenu.EVIDENCE_CADASTRE,
)
EDD = Step(
    "edd",
    "EDD",
    parts=(Part("programme", contenu.EddForm, "État descriptif de division"),),
    grid=grids.EDD,
    evidence=contenu.EVIDENCE_EDD,
    applies=edd_applies,
)
FINANCEMENT = Step(
    "financement",
    "Financement",
    parts=(Part("convention", contenu.FinancementForm, "Durée et fonds propres"),),
    grid=grids.PRETS,
)
LOGEMENTS = Step(
    "logements",
    "Logements",
    parts=(Part("lot", contenu.LotLogementsForm, "Options par financement"),),
    grid=grids.LOGEMENTS,
)
LOGEMENTS_FOYER = Step(
    "logements",
    "Logements",
    parts=(Part("lot", contenu.LotLogementsForm, "Options par financement"),),
    grid=grids.LOGEMENTS_FOYER,
)
ANNEXES = Step(
    "annexes",
    "Annexes",
    parts=(Part("lot", contenu.LotAnnexesForm, "Annexes comprises dans la surface utile"),),
    grid=grids.ANNEXES,
)
STATIONNEMENTS = Step("stationnements", "Stationnements", grid=grids.STATIONNEMENTS)
COLLECTIFS = Step(
    "collectifs",
    "Locaux collectifs",
    parts=(Part("lot", contenu.LotCollectifsForm, "Garages, dépendances"),),
    grid=grids.LOCAUX_COLLECTIFS,
)
ATTRIBUTION_FOYER = Step(
    "attribution", "Attribution", parts=(Part("convention", foyer.AttributionFoyerForm),)
)
ATTRIBUTION_RESIDENCE = Step(
    "attribution", "Attribution", parts=(Part("convention", foyer.AttributionResidenceForm),)
)
VARIANTES = Step("variantes", "Variantes", parts=(Part("convention", foyer.VariantesForm),))
COMMENTAIRES = Step(
    "commentaires",
    "Commentaires",
    parts=(Part("convention", foyer.CommentairesForm),),
    evidence=("commentaires",),
    evidence_objet="convention",
)
AVENANT_TYPES = Step(
    "avenant_types", "Types d'avenant", parts=(Part("convention", foyer.AvenantTypesForm),)
)
CHAMP_LIBRE = Step("champ_libre", "Champ libre", parts=(Part("convention", foyer.ChampLibreForm),))
DENONCIATION = Step(
    "denonciation", "Dénonciation", parts=(Part("convention", foyer.DenonciationForm),)
)
RESILIATION = Step("resiliation", "Résiliation", parts=(Part("convention", foyer.ResiliationForm),))

_ORDINAIRE = (BAILLEUR, OPERATION, CADASTRE, FINANCEMENT, LOGEMENTS, ANNEXES, STATIONNEMENTS)
REGISTRY: dict[Kind, tuple[Step, ...]] = {
    Kind.ORDINAIRE: (*_ORDINAIRE, COMMENTAIRES),
    Kind.ORDINAIRE_TYPE_1_2: (*_ORDINAIRE[:3], EDD, *_ORDINAIRE[3:], COMMENTAIRES),
    Kind.FOYER: (
        BAILLEUR,
        OPERATION,
        CADASTRE,
        EDD,
        FINANCEMENT,
        LOGEMENTS_FOYER,
        COLLECTIFS,
        ATTRIBUTION_FOYER,
        VARIANTES,
        COMMENTAIRES,
    ),
    Kind.RESIDENCE: (
        BAILLEUR,
        OPERATION,
        CADASTRE,
        EDD,  # only when R25 holds (edd_applies)
        FINANCEMENT,
        LOGEMENTS_FOYER,
        COLLECTIFS,
        ATTRIBUTION_RESIDENCE,
        VARIANTES,
        COMMENTAIRES,
    ),
}

# Avenant: the steps each ticked type opens (§4.12), in the order of the base kind.
STEPS_OF_AVENANT_TYPE: dict[str, tuple[str, ...]] = {
    AvenantType.BAILLEUR: ("bailleur",),
    AvenantType.PROGRAMME: ("operation",),
    AvenantType.CADASTRE: ("cadastre",),
    AvenantType.EDD: ("edd",),
    AvenantType.DUREE: ("financement",),
    AvenantType.LOGEMENTS: ("logements", "annexes", "collectifs"),
    AvenantType.STATIONNEMENT: ("stationnements",),
    AvenantType.FOYER_ATTRIBUTION: ("attribution",),
    AvenantType.RESIDENCE_ATTRIBUTION: ("attribution",),
    AvenantType.VARIANTES: ("variantes",),
}


def base_kind(convention: Convention) -> Kind:
    """The kind of the convention itself, ignoring whether it is an avenant."""
    famille = convention.programme.famille
    if famille == Famille.FOYER:
        return Kind.FOYER
    if famille == Famille.RESIDENCE:
        return Kind.RESIDENCE
    return Kind.ORDINAIRE if not identite.is_type_1_2(convention) else Kind.ORDINAIRE_TYPE_1_2


def kind_of(convention: Convention) -> Kind:
    return Kind.AVENANT if convention.parent_id else base_kind(convention)


def steps_for(convention: Convention) -> list[Step]:
    """The ordered steps of this convention (or avenant)."""
    if not convention.parent_id:
        return [s for s in REGISTRY[base_kind(convention)] if s.applies_to(convention)]
    types = set(convention.avenant_types or [])
    if AvenantType.DENONCIATION in types:
        return [AVENANT_TYPES, DENONCIATION]
    if AvenantType.RESILIATION in types:
        return [AVENANT_TYPES, RESILIATION]
    opened = {slug for t in types for slug in STEPS_OF_AVENANT_TYPE.get(t, ())}
    middle = [s for s in REGISTRY[base_kind(convention)] if s.slug in opened]
    return [AVENANT_TYPES, *middle, CHAMP_LIBRE, COMMENTAIRES]


def step_get(convention: Convention, slug: str) -> Step | None:
    return next((s for s in steps_for(convention) if s.slug == slug), None)
