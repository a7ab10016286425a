"""Export in the template's layout; export then import gives the same rows (§7 "Export")."""

import datetime as dt
import io
from decimal import Decimal as D

import openpyxl
import pytest

from apilos.imports import (
    ROW_KEY,
    TABLES,
    get_spec,
    read_workbook,
    template_workbook,
    write_workbook,
)
from apilos.imports import choices as c

from .conftest import load_template

LOGEMENT_ROWS = [
    {
        "designation": "B-604",
        "typologie": "T1prime",
        "financement": "PLUS",
        "surface_habitable": D("65.30"),
        "surface_annexes": D("10.00"),
        "surface_annexes_retenue": D("4.50"),
        "surface_utile": D("67.55"),
        "loyer_par_m2": D("5.86"),
        "coefficient": D("1.0000"),
        "loyer": D("395.84"),
    },
    {
        "designation": "604",
        "typologie": "T6",
        "financement": "PLUS_CD",
        "surface_habitable": D("9999.99"),
        "surface_annexes": D("0.00"),
        "surface_annexes_retenue": D("0.00"),
        "surface_utile": D("9999.99"),
        "loyer_par_m2": D("99.99"),
        "coefficient": D("0.9555"),
        "loyer": D("9999.99"),
    },
]
SU_SANS_LOYER_FIELDS = get_spec("logements_sans_loyer").fields
CORRIGEE_ROWS = [
    {
        "designation": "C1",
        "typologie": "T2",
        "financement": "PLAI",
        "surface_habitable": D("50.00"),
        "surface_corrigee": D("55.50"),
        "loyer_par_m2": D("4.10"),
        "coefficient": D("1.0500"),
        "loyer": D("238.93"),
    }
]
SAMPLES = {
    "logements": LOGEMENT_ROWS,
    "logements_sans_loyer": [
        {k: v for k, v in row.items() if k in SU_SANS_LOYER_FIELDS} for row in LOGEMENT_ROWS
    ],
    "logements_corrigee": CORRIGEE_ROWS,
    "logements_corrigee_sans_loyer": [
        {k: CORRIGEE_ROWS[0][k] for k in get_spec("logements_corrigee_sans_loyer").fields}
    ],
    "foyer_residence_logements": [
        {
            "designation": "101",
            "typologie": "T1bis",
            "financement": "PLAI",
            "surface_habitable": D("18.50"),
            "loyer": D("420.00"),
        },
        {
            "designation": "Bât. A – 7",
            "typologie": "T7",
            "financement": "PLAI_FTM",
            "surface_habitable": D("35.00"),
            "loyer": D("0.00"),
        },
    ],
    "annexes": [
        {
            "typologie": t,
            "logement_designation": "B-604",
            "financement": "PLUS",
            "logement_typologie": "T1prime",
            "surface": D("1.00"),
            "loyer_unitaire": D("0.50"),
            "loyer": D("0.50"),
        }
        for t in c.ANNEXE.values
    ],
    "stationnements": [
        {"typologie": t, "financement": "PLS", "nombre": 2, "loyer": D("25.50")}
        for t in c.STATIONNEMENT.values
    ],
    "prets": [
        {
            "numero": "A-123",
            "financement": "PLUS",
            "date_octroi": dt.date(2024, 2, 29),
            "duree": 40,
            "montant": D("9999999999.99"),
            "preteur": p,
            "preteur_autre": "Conseil départemental" if p == "autre" else None,
        }
        for p in c.PRETEUR.values
    ]
    + [
        {
            "numero": None,
            "financement": "PLAI",
            "date_octroi": None,
            "duree": None,
            "montant": D("0.00"),
            "preteur": None,
            "preteur_autre": None,
        }
    ],
    "cadastre": [
        {
            "section": "AB",
            "numero": "0123",
            "lieudit": "Les Prés",
            "surface_m2": D("12030"),
            "autre": "Ligne 1\nLigne 2",
        },
        {"section": "C", "numero": "7", "lieudit": None, "surface_m2": None, "autre": None},
    ],
    "logements_edd": [
        {"financement": f, "designation": f"L{i}", "numero_lot": str(i)}
        for i, f in enumerate(c.EDD_FINANCEMENT.values, start=1)
    ],
    "locaux_collectifs": [
        {"type_local": "Salle commune", "surface_habitable": D("45.50"), "nombre": 1},
        {"type_local": "Laverie", "surface_habitable": D("12.00"), "nombre": 2},
    ],
}


def _open(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _without_row_key(rows):
    return [{k: v for k, v in row.items() if k != ROW_KEY} for row in rows]


def test_every_table_has_a_sample():
    """The round-trip samples cover every table."""
    assert set(SAMPLES) == set(TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_export_then_import_round_trips(name):
    """Exported rows import back identical, types and scales included."""
    spec = get_spec(name)
    result = read_workbook(write_workbook(spec, SAMPLES[name]), spec)
    assert result.problems == []
    rows = _without_row_key(result.rows)
    assert rows == SAMPLES[name]
    assert [tuple(map(repr, r.values())) for r in rows] == [
        tuple(map(repr, r.values())) for r in SAMPLES[name]
    ]
    assert [r[ROW_KEY] for r in result.rows] == [
        spec.first_row + i for i in range(len(SAMPLES[name]))
    ]


@pytest.mark.parametrize(
    ("name", "choice_field", "values"),
    [
        ("logements", "typologie", c.TYPOLOGIE.values),
        ("logements", "financement", c.FINANCEMENT.values),
        ("foyer_residence_logements", "typologie", c.TYPOLOGIE_FOYER.values),
    ],
)
def test_every_choice_value_round_trips(name, choice_field, values):
    """Every typology and financement survives export and import."""
    spec = get_spec(name)
    base = SAMPLES[name][0]
    rows = [{**base, "designation": f"L{i}", choice_field: v} for i, v in enumerate(values)]
    result = read_workbook(write_workbook(spec, rows), spec)
    assert [r[choice_field] for r in result.rows] == list(values)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_export_layout_is_the_templates(name):
    """Sheets, row-1 headers (line breaks kept), Notice, Data!E2 and first data row."""
    spec = get_spec(name)
    workbook = _open(write_workbook(spec, SAMPLES[name]))
    assert workbook.sheetnames == [spec.sheet, "Notice", "Data"]
    sheet = workbook[spec.sheet]
    headers = [cell.value for cell in sheet[1]]
    template = load_template(spec.filename)[spec.sheet]
    template_headers = [template.cell(1, i + 1).value for i in range(len(spec.columns))]
    assert headers == template_headers
    assert workbook["Data"]["E2"].value == spec.first_row
    assert sheet.cell(spec.first_row - 1, 1).value != SAMPLES[name][0][spec.fields[0]]
    first = sheet.cell(spec.first_row, 1).value
    assert first == spec.columns[0].type.to_cell(SAMPLES[name][0][spec.fields[0]])
    assert workbook["Notice"]["B2"].value.startswith("Notice")


TEMPLATE_LISTS = [  # (table, field, the shared template's Data range)
    ("logements", "typologie", "A2:A9"),
    ("logements_corrigee", "typologie", "A2:A9"),
    ("foyer_residence_logements", "typologie", "A2:A10"),
    ("annexes", "typologie", "C2:C4"),
    ("annexes", "logement_typologie", "A2:A8"),
    ("stationnements", "typologie", "A2:A17"),
    ("prets", "preteur", "A2:A10"),
    ("logements_edd", "financement", "C2:C5"),
]


@pytest.mark.parametrize(("name", "field", "template_range"), TEMPLATE_LISTS)
def test_dropdowns_match_the_templates(name, field, template_range):
    """Our drop-down lists are the templates' lists, with a data validation on the column."""
    spec = get_spec(name)
    template = load_template(spec.filename)["Data"]
    expected = [row[0].value for row in template[template_range]]
    workbook = _open(template_workbook(spec))
    validations = {
        str(v.sqref): v.formula1 for v in workbook[spec.sheet].data_validations.dataValidation
    }
    letter = openpyxl.utils.get_column_letter(spec.fields.index(field) + 1)
    sqref = f"{letter}{spec.first_row}:{letter}{spec.dropdown_last_row}"
    formula = validations[sqref]
    list_range = formula.split("!")[1].replace("$", "")
    assert [row[0].value for row in workbook["Data"][list_range]] == expected


def test_dropdown_extends_past_the_template_rows():
    """With more rows than the template, drop-downs cover every row."""
    spec = get_spec("stationnements")
    rows = SAMPLES["stationnements"] * 4  # 68 rows from row 3
    workbook = _open(write_workbook(spec, rows))
    sqrefs = {str(v.sqref) for v in workbook[spec.sheet].data_validations.dataValidation}
    assert "A3:A70" in sqrefs


@pytest.mark.parametrize("name", sorted(TABLES))
def test_own_template_imports_cleanly(name):
    """Our downloadable template imports with every column found and no blocking problem."""
    spec = get_spec(name)
    result = read_workbook(template_workbook(spec), spec)
    assert result.ok
    assert set(result.columns) == set(spec.fields)
    assert result.first_row == spec.first_row
    assert [p.message[:24] for p in result.problems] == ["Aucune donnée à importer"]


def test_decimal_cells_are_numbers_with_a_french_friendly_format():
    """Amounts are written as numbers, not text, so Excel can sum them."""
    spec = get_spec("logements")
    sheet = _open(write_workbook(spec, LOGEMENT_ROWS))[spec.sheet]
    assert sheet["D4"].value == pytest.approx(65.3)
    assert sheet["D4"].number_format == "#,##0.00"
    assert sheet["I4"].number_format == "#,##0.0000"
    assert sheet["A5"].value == "604"
    assert sheet["A5"].number_format == "@"
    assert sheet["B4"].value == "T1'"
    assert sheet["B5"].value == "T6 et plus"
