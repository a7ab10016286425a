"""The table registry: one declarative ``TableSpec`` per spreadsheet (domain.md §7).

Headers are data: ``ColumnSpec.header`` is the template's row-1 text, line breaks included,
and is what the export writes. Field names are those of ``docs/donnees.md``; the columns of
a child table that point at its parent are named ``logement_designation``,
``logement_typologie`` and ``financement`` (the lot).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from apilos.core.decimal import rhu
from apilos.imports import choices
from apilos.imports.cells import (
    Bounds,
    ChoiceType,
    ColumnType,
    DateType,
    DecimalType,
    IntegerType,
    SurfaceCadastraleType,
    TextType,
)
from apilos.imports.text import first_line, normalize

Row = Mapping[str, Any]
Compute = Callable[[Row], Any]


@dataclass(frozen=True)
class ColumnSpec:
    field: str
    header: str  # exact template text, "\n" for line breaks
    type: ColumnType
    keys: tuple[str, ...] = ()  # match keys; default: the header's first line
    aliases: tuple[str, ...] = ()  # older spellings ("Prêteur")
    required: bool = True  # a missing column is blocking
    compute: Compute | None = None  # recomputed when the cell is empty
    always_computed: bool = False  # R1: replaced when it differs by more than `tolerance`
    tolerance: Decimal = Decimal("0.01")
    formula: str = ""  # how it is computed, in French, for messages
    hint: str = ""  # help text written under the header by our own template

    @cached_property
    def match_keys(self) -> tuple[str, ...]:
        """Normalised keys: the header's first line (or the declared keys), then aliases."""
        keys = self.keys or (first_line(self.header),)
        return tuple(dict.fromkeys(normalize(k) for k in (*keys, *self.aliases)))

    @cached_property
    def full_header(self) -> str:
        return normalize(self.header)

    @property
    def label(self) -> str:
        """Short French name of the column, for messages."""
        return first_line(self.header)


@dataclass(frozen=True)
class TableSpec:
    name: str
    filename: str
    sheet: str
    columns: tuple[ColumnSpec, ...]
    first_row: int  # the template's first data row
    needed: tuple[str, ...]  # a row missing one of these is skipped (§7 step 5)
    match_keys: tuple[str, ...]  # identity of a row for updates (§7 step 6)
    dropdown_last_row: int  # last row of the template's drop-downs
    tableau: str | None = None  # Logement.tableau for the logement tables
    notice: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        fields = [c.field for c in self.columns]
        assert len(set(fields)) == len(fields), f"{self.name}: duplicate field"
        assert set(self.needed) <= set(fields), f"{self.name}: unknown needed field"
        assert set(self.match_keys) <= set(fields), f"{self.name}: unknown match key"

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.columns)

    def column(self, field_name: str) -> ColumnSpec:
        for column in self.columns:
            if column.field == field_name:
                return column
        raise KeyError(field_name)

    @property
    def has_financement(self) -> bool:
        return "financement" in self.fields


# --- Column types (domain.md §3.4–3.5) ---------------------------------------------------

ZERO = Decimal(0)
S = TextType(max_length=255)
M = TextType(max_length=5000)


def dec(scale: int, low: int | None, high: int | None, *, strict_low: bool, unit: str = ""):
    return DecimalType(
        scale=scale,
        bounds=Bounds(
            min=None if low is None else Decimal(low),
            max=None if high is None else Decimal(high),
            min_inclusive=not strict_low,
        ),
        unit=unit,
    )


SURFACE = dec(2, 0, 10_000, strict_low=True, unit=" m²")  # SH, SC: 0 < x < 10 000
SURFACE_ANNEXES = dec(2, 0, 10_000, strict_low=False, unit=" m²")  # SA, SAR ≥ 0
LOYER_M2 = dec(2, 0, 100, strict_low=True, unit=" €")  # 0 < x < 100
COEFFICIENT = DecimalType(scale=4, bounds=Bounds(min=ZERO, max=Decimal(10), min_inclusive=False))
LOYER = dec(2, 0, 10_000, strict_low=False, unit=" €")  # 0 ≤ x < 10 000
FINANCEMENT = ChoiceType(choices=choices.FINANCEMENT)


def _computed_su(row: Row) -> Decimal | None:
    """R1: SU = rhu(SH + 0.5 × SAR, 2)."""
    sh, sar = row.get("surface_habitable"), row.get("surface_annexes_retenue")
    if sh is None or sar is None:
        return None
    return rhu(sh + Decimal("0.5") * sar, 2)


def _computed_loyer(surface_field: str) -> Compute:
    def compute(row: Row) -> Decimal | None:
        """R3: loyer = rhu(surface × loyer_par_m2 × coefficient, 2)."""
        surface, par_m2 = row.get(surface_field), row.get("loyer_par_m2")
        coefficient = row.get("coefficient")
        if surface is None or par_m2 is None or coefficient is None:
            return None
        return rhu(surface * par_m2 * coefficient, 2)

    return compute


# --- Logements ---------------------------------------------------------------------------

_DESIGNATION = ColumnSpec(
    "designation",
    "Désignation des logements",
    S,
    hint="(Votre propre nomenclature, identique à celle de l'EDD simplifié, ex : 604)",
)
_TYPE = ColumnSpec(
    "typologie",
    "Type",
    ChoiceType(choices=choices.TYPOLOGIE),
    hint="(Choisir dans la liste déroulante)",
)
_FINANCEMENT = ColumnSpec("financement", "Financement", FINANCEMENT)
_SH = ColumnSpec("surface_habitable", "Surface habitable\n(article R.156-1)", SURFACE)
_SA = ColumnSpec(
    "surface_annexes",
    "Surface des annexes\nRéelle",
    SURFACE_ANNEXES,
    keys=("Surface des annexes réelle",),
)
_SAR = ColumnSpec(
    "surface_annexes_retenue",
    "Surface des annexes\nRetenue dans la SU",
    SURFACE_ANNEXES,
    keys=("Surface des annexes retenue",),
)
_SU = ColumnSpec(
    "surface_utile",
    "Surface utile\n(surface habitable augmentée de 50% de la surface des annexes)",
    SURFACE,
    required=False,
    compute=_computed_su,
    always_computed=True,
    formula="surface habitable + 0,5 × surface des annexes retenue",
)
_SC = ColumnSpec("surface_corrigee", "Surface corrigée", SURFACE)
_COEFFICIENT = ColumnSpec(
    "coefficient",
    "Coefficient propre au logement",
    COEFFICIENT,
    hint="(1 si vous n'appliquez pas de pondération particulière)",
)

_NOTICE_LOGEMENTS = (
    "Une ligne par logement, à partir de la première ligne de données.",
    "Les surfaces et les loyers sont des nombres : 45,50 ou 45.50 (les espaces, € et m² sont "
    "acceptés).",
    "Choisissez le type de logement dans la liste déroulante.",
    "N'ajoutez pas de ligne « Total » : les totaux sont calculés par APiLos.",
)
_LOGEMENT_MATCH = ("designation",)
_SU_NEEDED = ("designation", "surface_habitable", "surface_annexes", "surface_annexes_retenue")
_SC_NEEDED = ("designation", "surface_habitable", "surface_corrigee")
_RENT_NEEDED = ("loyer_par_m2", "coefficient")

LOGEMENTS = TableSpec(
    name="logements",
    filename="logements.xlsx",
    sheet="Logements",
    tableau="su_avec_loyer",
    columns=(
        _DESIGNATION,
        _TYPE,
        _FINANCEMENT,
        _SH,
        _SA,
        _SAR,
        _SU,
        ColumnSpec(
            "loyer_par_m2",
            "Loyer maximum en € par m² de surface utile",
            LOYER_M2,
            keys=("Loyer maximum en € par m²",),
        ),
        _COEFFICIENT,
        ColumnSpec(
            "loyer",
            "Loyer maximum du logement en €\n(col 5 * col 6 * col 7)",
            LOYER,
            required=False,
            compute=_computed_loyer("surface_utile"),
            formula="surface utile × loyer au m² × coefficient",
        ),
    ),
    first_row=4,
    needed=_SU_NEEDED + _RENT_NEEDED,
    match_keys=_LOGEMENT_MATCH,
    dropdown_last_row=52,
    notice=_NOTICE_LOGEMENTS,
)

LOGEMENTS_SANS_LOYER = TableSpec(
    name="logements_sans_loyer",
    filename="logements_sans_loyer.xlsx",
    sheet="Logements",
    tableau="su_sans_loyer",
    columns=LOGEMENTS.columns[:7],
    first_row=4,
    needed=_SU_NEEDED,
    match_keys=_LOGEMENT_MATCH,
    dropdown_last_row=52,
    notice=_NOTICE_LOGEMENTS,
)

LOGEMENTS_CORRIGEE = TableSpec(
    name="logements_corrigee",
    filename="logements_corrigee.xlsx",
    sheet="Logements",
    tableau="sc_avec_loyer",
    columns=(
        _DESIGNATION,
        _TYPE,
        _FINANCEMENT,
        _SH,
        _SC,
        ColumnSpec(
            "loyer_par_m2",
            "Loyer maximum en € par m² de surface corrigée",
            LOYER_M2,
            keys=("Loyer maximum en € par m²",),
        ),
        _COEFFICIENT,
        ColumnSpec(
            "loyer",
            "Loyer maximum du logement en €\n(col 4 * col 5 * col 6)",
            LOYER,
            required=False,
            compute=_computed_loyer("surface_corrigee"),
            formula="surface corrigée × loyer au m² × coefficient",
        ),
    ),
    first_row=4,
    needed=_SC_NEEDED + _RENT_NEEDED,
    match_keys=_LOGEMENT_MATCH,
    dropdown_last_row=52,
    notice=_NOTICE_LOGEMENTS,
)

LOGEMENTS_CORRIGEE_SANS_LOYER = TableSpec(
    name="logements_corrigee_sans_loyer",
    filename="logements_corrigee_sans_loyer.xlsx",
    sheet="Logements",
    tableau="sc_sans_loyer",
    columns=LOGEMENTS_CORRIGEE.columns[:5],
    first_row=4,
    needed=_SC_NEEDED,
    match_keys=_LOGEMENT_MATCH,
    dropdown_last_row=52,
    notice=_NOTICE_LOGEMENTS,
)

FOYER_RESIDENCE_LOGEMENTS = TableSpec(
    name="foyer_residence_logements",
    filename="foyer_residence_logements.xlsx",
    sheet="Logements",
    tableau="foyer_residence",
    columns=(
        ColumnSpec(
            "designation",
            "Numéro du logement",
            S,
            aliases=("Désignation des logements",),
            hint="(une ligne par logement)",
        ),
        ColumnSpec("typologie", "Type", ChoiceType(choices=choices.TYPOLOGIE_FOYER)),
        _FINANCEMENT,
        ColumnSpec("surface_habitable", "Surface habitable\npar local", SURFACE),
        ColumnSpec(
            "loyer",
            "Redevance maximale\n\npar logement prise en compte pour le calcul de l'APL",
            LOYER,
        ),
    ),
    first_row=3,
    needed=("designation", "typologie", "surface_habitable", "loyer"),
    match_keys=_LOGEMENT_MATCH,
    dropdown_last_row=51,
    notice=(
        "Une ligne par logement, à partir de la ligne 3.",
        "La redevance maximale est un montant mensuel en euros.",
        "N'ajoutez pas de ligne « Total » : les totaux sont calculés par APiLos.",
    ),
)

# --- Other tables ------------------------------------------------------------------------

ANNEXES = TableSpec(
    name="annexes",
    filename="annexes.xlsx",
    sheet="Annexes",
    columns=(
        ColumnSpec(
            "typologie",
            "Type d'annexe",
            ChoiceType(choices=choices.ANNEXE),
            hint="(Jardins, cours et surface de terrasse au-delà de 9 m²)",
        ),
        ColumnSpec("logement_designation", "Désignation des logements", S),
        _FINANCEMENT,
        ColumnSpec(
            "logement_typologie",
            "Typologie des logements",
            ChoiceType(choices=choices.TYPOLOGIE_ANNEXE_LOGEMENT),
        ),
        ColumnSpec(
            "surface",
            "Surface de l'annexe",
            dec(2, 0, 10_000, strict_low=True, unit=" m²"),
        ),
        ColumnSpec("loyer_unitaire", "Loyer unitaire en €", dec(2, 0, 1_000, strict_low=False)),
        ColumnSpec("loyer", "Loyer maximum en €", dec(2, 0, 100_000, strict_low=False)),
    ),
    first_row=3,
    needed=("typologie", "logement_designation", "surface", "loyer_unitaire", "loyer"),
    match_keys=("logement_designation", "typologie"),
    dropdown_last_row=49,
    notice=(
        "Une ligne par annexe : jardin, cour, ou surface de terrasse au-delà de 9 m² "
        "(pour une terrasse de 10 m², indiquez 1 m²).",
        "La désignation doit être celle du tableau des logements.",
    ),
)

STATIONNEMENTS = TableSpec(
    name="stationnements",
    filename="stationnements.xlsx",
    sheet="Stationnements",
    columns=(
        ColumnSpec(
            "typologie",
            "Type de stationnement",
            ChoiceType(choices=choices.STATIONNEMENT),
            hint="(Choisir dans la liste déroulante)",
        ),
        _FINANCEMENT,
        ColumnSpec(
            "nombre",
            "Nombre de stationnements",
            IntegerType(bounds=Bounds(min=1)),
        ),
        ColumnSpec(
            "loyer",
            "Loyer maximum en €",
            dec(2, 0, 10_000, strict_low=False, unit=" €"),
            hint="(Par stationnement et par mois)",
        ),
    ),
    first_row=3,
    needed=("typologie", "nombre", "loyer"),
    match_keys=("typologie", "financement"),
    dropdown_last_row=51,
    notice=("Une ligne par type de stationnement et par financement.",),
)

PRETS = TableSpec(
    name="prets",
    filename="financement.xlsx",
    sheet="Financements",
    columns=(
        ColumnSpec("numero", "Numéro\n(caractères alphanuméric)", S),
        _FINANCEMENT,
        ColumnSpec("date_octroi", "Date d'octroi\n(format dd/mm/yyyy)", DateType()),
        ColumnSpec(
            "duree",
            "Durée\n(en années)\nSi le prêt est en cours de signature, indiquez une durée "
            "indicative",
            IntegerType(bounds=Bounds(min=1, max=100, max_inclusive=True)),
        ),
        ColumnSpec(
            "montant",
            "Montant\n(en €)",
            dec(2, 0, 10_000_000_000, strict_low=False, unit=" €"),
        ),
        ColumnSpec(
            "preteur",
            "Organisme financeur\n(choisir dans la liste déroulante)",
            ChoiceType(choices=choices.PRETEUR),
            aliases=("Prêteur",),
        ),
        ColumnSpec(
            "preteur_autre",
            "Préciser l'identité de l'organisme financeur si vous avez sélectionné 'Autre'",
            S,
            keys=("Préciser l'identité",),
            required=False,
        ),
    ),
    first_row=3,
    needed=("montant",),
    match_keys=("numero", "financement"),
    dropdown_last_row=22,
    notice=(
        "Une ligne par prêt ou subvention.",
        "Pour un prêt de la CDC, indiquez le numéro, la date d'octroi et la durée.",
        "Si l'organisme financeur est « Autre/Subventions », précisez son identité.",
    ),
)

CADASTRE = TableSpec(
    name="cadastre",
    filename="cadastre.xlsx",
    sheet="Références Cadastrales",
    columns=(
        ColumnSpec(
            "section",
            "Section",
            TextType(
                max_length=2,
                upper=True,
                pattern=r"[A-Z0-9]{1,2}",
                pattern_help="une section cadastrale de 1 ou 2 caractères, par exemple AB",
            ),
            hint="Ne mettre que des lettres dans cette colonne",
        ),
        ColumnSpec("numero", "Numéro", S),
        ColumnSpec("lieudit", "Lieudit", S),
        ColumnSpec(
            "surface_m2",
            "Surface",
            SurfaceCadastraleType(),
            hint="mettre la surface sous la forme xx ha xx a xx ca",
        ),
        ColumnSpec("autre", "Autre", M),
    ),
    first_row=3,
    needed=("section", "numero"),
    match_keys=("section", "numero"),
    dropdown_last_row=51,
    notice=("Une ligne par parcelle.", "La surface s'écrit « 1 ha 20 a 30 ca » ou en m²."),
)

LOGEMENTS_EDD = TableSpec(
    name="logements_edd",
    filename="logements_edd.xlsx",
    sheet="EDD Simplifié",
    columns=(
        ColumnSpec(
            "financement",
            "Financement",
            ChoiceType(choices=choices.EDD_FINANCEMENT),
            hint="(choisir dans la liste déroulante)",
        ),
        ColumnSpec("designation", "Désignation des logements", S),
        ColumnSpec("numero_lot", "Numéro de lot des logements", S),
    ),
    first_row=3,
    needed=("financement", "designation", "numero_lot"),
    match_keys=("designation",),
    dropdown_last_row=102,
    notice=(
        "Une ligne par logement de l'état descriptif de division.",
        "La désignation doit être identique à celle du tableau des logements.",
    ),
)

LOCAUX_COLLECTIFS = TableSpec(
    name="locaux_collectifs",
    filename="locaux_collectifs.xlsx",
    sheet="Locaux Collectifs",
    columns=(
        ColumnSpec("type_local", "Type de local", S),
        ColumnSpec(
            "surface_habitable",
            "Surface habitable",
            dec(2, 0, 100_000, strict_low=True, unit=" m²"),
        ),
        ColumnSpec("nombre", "Nombre", IntegerType(bounds=Bounds(min=1))),
    ),
    first_row=3,
    needed=("type_local", "surface_habitable", "nombre"),
    match_keys=("type_local",),
    dropdown_last_row=49,
    notice=("Une ligne par type de local collectif résidentiel.",),
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        LOGEMENTS,
        LOGEMENTS_SANS_LOYER,
        LOGEMENTS_CORRIGEE,
        LOGEMENTS_CORRIGEE_SANS_LOYER,
        FOYER_RESIDENCE_LOGEMENTS,
        ANNEXES,
        STATIONNEMENTS,
        PRETS,
        CADASTRE,
        LOGEMENTS_EDD,
        LOCAUX_COLLECTIFS,
    )
}


def get_spec(name: str) -> TableSpec:
    """The spec of a table by name ('logements', 'prets'…)."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"Table inconnue : {name}") from None
