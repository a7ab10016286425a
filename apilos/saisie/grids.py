"""The editable tables of the convention form: what each shows, where its rows live,
its totals and the spreadsheet templates it imports (domain.md §3.4, §3.5, §7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, QuerySet, Sum

from apilos.conventions.enums import Tableau
from apilos.conventions.models import (
    Annexe,
    Convention,
    LocauxCollectifs,
    Logement,
    Pret,
    TypeStationnement,
)
from apilos.programmes.models import LogementEDD, ReferenceCadastrale

from .forms import rows

PAGE_SIZE = 50
PAGE_SIZES = (25, 50, 100, 200)


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    computed: bool = False  # shown, never typed (SU, expected rent)
    total: bool = False  # summed in the totals row
    places: int = 2
    unit: str = ""
    width: str = "md"  # sm | md | lg (CSS hint)


@dataclass(frozen=True)
class Grid:
    name: str  # URL slug
    objet: str  # rules-engine objet, prefix of the row forms
    title: str
    caption: str
    row_form: type[rows.RowForm]
    columns: tuple[Column, ...]
    rows_of: Callable[[Convention], QuerySet]
    import_table: str  # the importer's TableSpec name
    parent: str = "lot"  # lot | programme | logement
    tableau: str | None = None
    help: str = ""
    to_import_row: Callable[[Any], dict[str, Any]] = field(default=lambda obj: {})

    @property
    def typed_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.computed)

    def queryset(self, convention: Convention) -> QuerySet:
        return self.rows_of(convention)

    def totals(self, convention: Convention) -> dict[str, Any]:
        summed = {c.field: Sum(c.field) for c in self.columns if c.total and not c.computed}
        values = self.queryset(convention).order_by().aggregate(lignes=Count("id"), **summed)
        return {k: (v if v is not None else Decimal(0)) for k, v in values.items()}

    def new_instance(self, convention: Convention) -> Any:
        model = self.row_form._meta.model
        instance = model()
        if self.parent == "programme":
            instance.programme = convention.programme
        if self.tableau:
            instance.tableau = self.tableau
        return instance

    def next_ordre(self, convention: Convention) -> int:
        top = self.queryset(convention).order_by().aggregate(top=Max("ordre"))["top"]
        return (top or 0) + 1


def _logements(tableau: str) -> Callable[[Convention], QuerySet]:
    def rows_of(convention: Convention) -> QuerySet:
        return (
            Logement.objects.filter(lot__convention=convention, tableau=tableau)
            .select_related("lot")
            .order_by("ordre", "id")
        )

    return rows_of


def _logement_row(obj: Logement) -> dict[str, Any]:
    return {
        "designation": obj.designation,
        "typologie": obj.typologie or None,
        "financement": obj.lot.financement,
        "surface_habitable": obj.surface_habitable,
        "surface_annexes": obj.surface_annexes,
        "surface_annexes_retenue": obj.surface_annexes_retenue,
        "surface_utile": obj.surface_utile,
        "surface_corrigee": obj.surface_corrigee,
        "loyer_par_m2": obj.loyer_par_m2,
        "coefficient": obj.coefficient,
        "loyer": obj.loyer,
    }


LOGEMENTS = Grid(
    name="logements",
    objet="logement",
    title="Logements",
    caption="Logements : surfaces et loyers maximums",
    row_form=rows.LogementRowForm,
    columns=(
        Column("designation", "Désignation", width="md"),
        Column("typologie", "Type", width="sm"),
        Column("financement", "Financement", width="sm"),
        Column("surface_habitable", "Surface habitable (m²)", total=True, unit=" m²"),
        Column("surface_annexes", "Annexes réelles (m²)", total=True, unit=" m²"),
        Column("surface_annexes_retenue", "Annexes retenues (m²)", total=True, unit=" m²"),
        Column("surface_utile", "Surface utile (m²)", computed=True, total=True, unit=" m²"),
        Column("loyer_par_m2", "Loyer max. (€/m²)", unit=" €", width="sm"),
        Column("coefficient", "Coefficient", places=4, width="sm"),
        Column("loyer_attendu", "Loyer calculé (€)", computed=True, unit=" €"),
        Column("loyer", "Loyer maximum (€)", total=True, unit=" €"),
    ),
    rows_of=_logements(Tableau.SU_AVEC_LOYER),
    import_table="logements",
    tableau=Tableau.SU_AVEC_LOYER,
    help=(
        "La surface utile est calculée : surface habitable + 50 % des annexes retenues (R1). "
        "Le loyer calculé vaut surface utile × loyer au m² × coefficient ; le loyer saisi "
        "doit en être à moins de 1 € (R3)."
    ),
    to_import_row=_logement_row,
)

LOGEMENTS_FOYER = Grid(
    name="logements-foyer",
    objet="logement",
    title="Logements",
    caption="Logements du foyer ou de la résidence : surfaces et redevances",
    row_form=rows.LogementFoyerRowForm,
    columns=(
        Column("designation", "Numéro du logement"),
        Column("typologie", "Type", width="sm"),
        Column("financement", "Financement", width="sm"),
        Column("surface_habitable", "Surface habitable (m²)", total=True, unit=" m²"),
        Column("loyer", "Redevance maximale (€)", total=True, unit=" €"),
    ),
    rows_of=_logements(Tableau.FOYER_RESIDENCE),
    import_table="foyer_residence_logements",
    tableau=Tableau.FOYER_RESIDENCE,
    help="Les logements d'un même type et d'un même financement ont la même redevance (R9).",
    to_import_row=_logement_row,
)


def _annexes(convention: Convention) -> QuerySet:
    return (
        Annexe.objects.filter(logement__lot__convention=convention)
        .select_related("logement__lot")
        .order_by("logement__ordre", "logement_id", "id")
    )


ANNEXES = Grid(
    name="annexes",
    objet="annexe",
    title="Annexes",
    caption="Annexes hors surface utile (terrasses au-delà de 9 m², jardins, cours)",
    row_form=rows.AnnexeRowForm,
    columns=(
        Column("typologie", "Type d'annexe", width="sm"),
        Column("logement_designation", "Logement"),
        Column("financement", "Financement", width="sm"),
        Column("surface", "Surface (m²)", total=True, unit=" m²"),
        Column("loyer_unitaire", "Loyer unitaire (€/m²)", unit=" €"),
        Column("loyer_max", "Loyer maximum accepté (€)", computed=True, unit=" €"),
        Column("loyer", "Loyer (€)", total=True, unit=" €"),
    ),
    rows_of=_annexes,
    import_table="annexes",
    parent="logement",
    help="Le loyer ne dépasse pas surface × loyer unitaire, à 0,10 € près (R13).",
    to_import_row=lambda obj: {
        "typologie": obj.typologie,
        "logement_designation": obj.logement.designation,
        "financement": obj.logement.lot.financement,
        "logement_typologie": obj.logement.typologie or None,
        "surface": obj.surface,
        "loyer_unitaire": obj.loyer_unitaire,
        "loyer": obj.loyer,
    },
)


def _of_lots(model: Any, *order: str) -> Callable[[Convention], QuerySet]:
    def rows_of(convention: Convention) -> QuerySet:
        return (
            model.objects.filter(lot__convention=convention)
            .select_related("lot")
            .order_by(*order, "id")
        )

    return rows_of


STATIONNEMENTS = Grid(
    name="stationnements",
    objet="typestationnement",
    title="Stationnements",
    caption="Stationnements et leurs loyers",
    row_form=rows.StationnementRowForm,
    columns=(
        Column("typologie", "Type de stationnement", width="lg"),
        Column("financement", "Financement", width="sm"),
        Column("nombre", "Nombre", total=True, places=0, width="sm"),
        Column("loyer", "Loyer maximum (€/mois)", unit=" €"),
    ),
    rows_of=_of_lots(TypeStationnement, "lot__financement"),
    import_table="stationnements",
    to_import_row=lambda obj: {
        "typologie": obj.typologie,
        "financement": obj.lot.financement,
        "nombre": obj.nombre,
        "loyer": obj.loyer,
    },
)

PRETS = Grid(
    name="prets",
    objet="pret",
    title="Prêts et subventions",
    caption="Prêts et subventions par financement",
    row_form=rows.PretRowForm,
    columns=(
        Column("financement", "Financement", width="sm"),
        Column("preteur", "Organisme financeur"),
        Column("preteur_autre", "Autre organisme"),
        Column("numero", "Numéro"),
        Column("date_octroi", "Date d'octroi"),
        Column("duree", "Durée (ans)", places=0, width="sm"),
        Column("montant", "Montant (€)", total=True, unit=" €"),
    ),
    rows_of=_of_lots(Pret, "lot__financement"),
    import_table="prets",
    help=(
        "Un prêt de la CDC demande numéro, date et durée (R16) ; chaque financement a au moins "
        "un prêt de la CDC, sauf PLS et opérations sans travaux (R17)."
    ),
    to_import_row=lambda obj: {
        "numero": obj.numero or None,
        "financement": obj.lot.financement,
        "date_octroi": obj.date_octroi,
        "duree": obj.duree,
        "montant": obj.montant,
        "preteur": obj.preteur,
        "preteur_autre": obj.preteur_autre or None,
    },
)

LOCAUX_COLLECTIFS = Grid(
    name="locaux-collectifs",
    objet="locauxcollectifs",
    title="Locaux collectifs",
    caption="Locaux collectifs résidentiels",
    row_form=rows.LocauxCollectifsRowForm,
    columns=(
        Column("financement", "Financement", width="sm"),
        Column("type_local", "Type de local", width="lg"),
        Column("surface_habitable", "Surface habitable (m²)", total=True, unit=" m²"),
        Column("nombre", "Nombre", total=True, places=0, width="sm"),
    ),
    rows_of=_of_lots(LocauxCollectifs, "lot__financement"),
    import_table="locaux_collectifs",
    to_import_row=lambda obj: {
        "type_local": obj.type_local,
        "surface_habitable": obj.surface_habitable,
        "nombre": obj.nombre,
    },
)


def _of_programme(model: Any, *order: str) -> Callable[[Convention], QuerySet]:
    def rows_of(convention: Convention) -> QuerySet:
        return model.objects.filter(programme_id=convention.programme_id).order_by(*order, "id")

    return rows_of


CADASTRE = Grid(
    name="cadastre",
    objet="referencecadastrale",
    title="Références cadastrales",
    caption="Parcelles cadastrales de l'opération",
    row_form=rows.ReferenceCadastraleRowForm,
    columns=(
        Column("section", "Section", width="sm"),
        Column("numero", "Numéro", width="sm"),
        Column("lieudit", "Lieu-dit", width="lg"),
        Column("surface_m2", "Surface (m²)", total=True, places=0),
        Column("autre", "Autre"),
    ),
    rows_of=_of_programme(ReferenceCadastrale, "section", "numero"),
    import_table="cadastre",
    parent="programme",
    help="Chaque parcelle : section, numéro, lieu-dit et surface ; ou joignez l'extrait (R43).",
    to_import_row=lambda obj: {
        "section": obj.section,
        "numero": obj.numero,
        "lieudit": obj.lieudit or None,
        "surface_m2": obj.surface_m2,
        "autre": obj.autre or None,
    },
)

EDD = Grid(
    name="edd",
    objet="logementedd",
    title="EDD simplifié",
    caption="État descriptif de division simplifié",
    row_form=rows.LogementEDDRowForm,
    columns=(
        Column("designation", "Désignation du logement"),
        Column("financement", "Financement", width="sm"),
        Column("numero_lot", "Numéro de lot"),
    ),
    rows_of=_of_programme(LogementEDD, "financement", "designation"),
    import_table="logements_edd",
    parent="programme",
    help="Chaque logement figure une fois, avec un financement de la convention (R20).",
    to_import_row=lambda obj: {
        "financement": obj.financement,
        "designation": obj.designation,
        "numero_lot": obj.numero_lot,
    },
)

GRIDS: dict[str, Grid] = {
    grid.name: grid
    for grid in (
        LOGEMENTS,
        LOGEMENTS_FOYER,
        ANNEXES,
        STATIONNEMENTS,
        PRETS,
        LOCAUX_COLLECTIFS,
        CADASTRE,
        EDD,
    )
}
