"""Everything the rules read, loaded in a handful of queries (no per-row query).

The convention, its programme and bailleur stay model instances (one row each); the tables
(lots, logements, annexes, ...) are loaded with `values()` into slotted dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from .constants import FOYER, ORDINAIRE, RESIDENCE, SANS_TRAVAUX_OPERATIONS
from .spf import spf_applicable

CADASTRE_IMAGE_CHAMP = "reference_cadastrale"
INFECTE = "infecte"


@dataclass(slots=True)
class LotRow:
    id: int
    uuid: UUID
    financement: str
    nb_logements: int
    type_habitat: str
    lgts_mixite_sociale_negocies: int
    surface_habitable_totale: Decimal | None


@dataclass(slots=True)
class LogementRow:
    id: int
    uuid: UUID
    lot_id: int
    financement: str
    tableau: str
    designation: str
    typologie: str
    surface_habitable: Decimal | None
    surface_annexes: Decimal | None
    surface_annexes_retenue: Decimal | None
    surface_utile: Decimal | None
    surface_corrigee: Decimal | None
    loyer_par_m2: Decimal | None
    coefficient: Decimal | None
    loyer: Decimal | None
    ordre: int


@dataclass(slots=True)
class AnnexeRow:
    uuid: UUID
    logement_id: int
    designation: str
    financement: str
    typologie: str
    surface: Decimal | None
    loyer_unitaire: Decimal | None
    loyer: Decimal | None


@dataclass(slots=True)
class StationnementRow:
    uuid: UUID
    lot_id: int
    financement: str
    typologie: str
    nombre: int | None
    loyer: Decimal | None


@dataclass(slots=True)
class LocalRow:
    uuid: UUID
    lot_id: int
    financement: str
    type_local: str
    surface_habitable: Decimal | None
    nombre: int | None


@dataclass(slots=True)
class PretRow:
    uuid: UUID
    lot_id: int
    financement: str
    preteur: str
    preteur_autre: str
    numero: str
    date_octroi: date | None
    duree: int | None
    montant: Decimal | None


@dataclass(slots=True)
class EddRow:
    uuid: UUID
    designation: str
    financement: str
    numero_lot: str


@dataclass(slots=True)
class CadastreRow:
    uuid: UUID
    section: str
    numero: str
    lieudit: str
    surface_m2: int | None


@dataclass(slots=True)
class EnvoiSpfRow:
    uuid: UUID
    date_envoi: date | None
    date_retour: date | None


@dataclass(slots=True)
class EvenementRow:
    uuid: UUID
    survenu_le: date | None


@dataclass
class ConventionData:
    convention: Any  # Convention instance (scalar fields)
    programme: Any  # Programme instance
    bailleur: Any  # Bailleur instance
    parent_date_signature: date | None
    lots: list[LotRow]
    logements: list[LogementRow]
    annexes: list[AnnexeRow]
    stationnements: list[StationnementRow]
    locaux: list[LocalRow]
    prets: list[PretRow]
    edd: list[EddRow]
    cadastre: list[CadastreRow]
    has_cadastre_image: bool = False
    # financement → (year, €/m² ceiling) of the LoyerPlafond row that applies
    plafonds: dict[str, tuple[int, Decimal]] = field(default_factory=dict)
    envois_spf: list[EnvoiSpfRow] = field(default_factory=list)
    evenements: list[EvenementRow] = field(default_factory=list)

    @property
    def uuid(self) -> UUID:
        return self.convention.uuid

    @property
    def is_avenant(self) -> bool:
        return self.convention.parent_id is not None

    @property
    def avenant_types(self) -> set[str]:
        return set(self.convention.avenant_types or [])

    @property
    def famille(self) -> str:
        return self.programme.famille

    @property
    def is_foyer_or_residence(self) -> bool:
        return self.famille in {FOYER, RESIDENCE}

    @property
    def is_ordinaire(self) -> bool:
        return self.famille == ORDINAIRE

    @property
    def departement_code(self) -> str | None:
        departement = self.programme.departement
        return departement.code if departement else None

    @property
    def is_outre_mer(self) -> bool:
        return self.programme.is_outre_mer

    @property
    def sans_travaux(self) -> bool:
        return self.programme.type_operation in SANS_TRAVAUX_OPERATIONS

    @property
    def financements(self) -> set[str]:
        return {lot.financement for lot in self.lots}

    @property
    def spf(self) -> bool:
        """R25 for this convention."""
        return spf_applicable(
            self.programme.nature_logement,
            self.bailleur.nature,
            statut=self.convention.statut,
            deja_envoyee=bool(self.envois_spf),
        )


def _rows(
    model_label: str, cls: type, filters: dict, order: tuple[str, ...], **expressions
) -> list:
    model = apps.get_model(model_label)
    names = [n for n in cls.__dataclass_fields__ if n not in expressions]
    queryset = model.objects.filter(**filters).order_by(*order).values(*names, **expressions)
    return [cls(**row) for row in queryset]


def _optional_rows(model_label: str, cls: type, filters: dict) -> list:
    """Rows of a model another feature owns; nothing when that model does not exist yet."""
    try:
        apps.get_model(model_label)
    except LookupError:
        return []
    return _rows(model_label, cls, filters, ("id",))


def _plafonds(programme: Any, financements: set[str], year: int) -> dict[str, tuple[int, Decimal]]:
    if not programme.zone_123 or not financements:
        return {}
    model = apps.get_model("referentiel", "LoyerPlafond")
    found: dict[str, tuple[int, Decimal]] = {}
    rows = (
        model.objects.filter(zone=programme.zone_123, financement__in=financements, annee__lte=year)
        .order_by("financement", "-annee")
        .values_list("financement", "annee", "loyer_max_m2")
    )
    for financement, annee, plafond in rows:
        found.setdefault(financement, (annee, plafond))
    return found


def load_convention_data(convention: Any, *, year: int) -> ConventionData:
    """Load a convention version and all its rows (about a dozen queries, whatever its size)."""
    convention_model = apps.get_model("conventions", "Convention")
    convention = convention_model.objects.select_related(
        "programme", "programme__bailleur", "programme__departement", "parent"
    ).get(pk=convention.pk)
    programme = convention.programme
    on_convention = {"lot__convention_id": convention.pk}
    lots = _rows("conventions.Lot", LotRow, {"convention_id": convention.pk}, ("financement",))
    logements = _rows(
        "conventions.Logement",
        LogementRow,
        on_convention,
        ("ordre", "id"),
        financement=F("lot__financement"),
    )
    annexes = _rows(
        "conventions.Annexe",
        AnnexeRow,
        {"logement__lot__convention_id": convention.pk},
        ("logement__ordre", "logement_id", "id"),
        designation=F("logement__designation"),
        financement=F("logement__lot__financement"),
    )
    by_lot = {"financement": F("lot__financement")}
    stationnements = _rows(
        "conventions.TypeStationnement", StationnementRow, on_convention, ("id",), **by_lot
    )
    locaux = _rows("conventions.LocauxCollectifs", LocalRow, on_convention, ("id",), **by_lot)
    prets = _rows("conventions.Pret", PretRow, on_convention, ("id",), **by_lot)
    on_programme = {"programme_id": programme.pk}
    edd = _rows("programmes.LogementEDD", EddRow, on_programme, ("financement", "designation"))
    cadastre = _rows("programmes.ReferenceCadastrale", CadastreRow, on_programme, ("id",))
    piece_jointe = apps.get_model("files", "PieceJointe")
    has_image = (
        piece_jointe.objects.filter(
            content_type=ContentType.objects.get_for_model(type(programme)),
            object_id=programme.pk,
            champ=CADASTRE_IMAGE_CHAMP,
        )
        .exclude(statut_antivirus=INFECTE)
        .exists()
    )
    return ConventionData(
        convention=convention,
        programme=programme,
        bailleur=programme.bailleur,
        parent_date_signature=convention.parent.date_signature if convention.parent_id else None,
        lots=lots,
        logements=logements,
        annexes=annexes,
        stationnements=stationnements,
        locaux=locaux,
        prets=prets,
        edd=edd,
        cadastre=cadastre,
        has_cadastre_image=has_image,
        plafonds=_plafonds(programme, {lot.financement for lot in lots}, year),
        envois_spf=_optional_rows(
            "conventions.EnvoiSPF", EnvoiSpfRow, {"convention_id": convention.pk}
        ),
        evenements=_optional_rows(
            "conventions.Evenement", EvenementRow, {"convention_id": convention.pk}
        ),
    )


def indices_for(nature_logement: str) -> list:
    """R26: the index series of a nature (loyer for ordinary dwellings, else its redevance
    series), with their départements, in two queries; pass them to `revise`."""
    from .revision import series_for

    kind, nature = series_for(nature_logement)
    model = apps.get_model("referentiel", "IndiceEvolutionLoyer")
    return list(
        model.objects.filter(kind=kind, nature_logement=nature)
        .prefetch_related("departements")
        .order_by("date_debut")
    )
