"""The State's templates import as they are, empty or filled in (domain.md §7)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from apilos.imports import ROW_KEY, TABLES, get_spec, read_workbook

from .conftest import TEMPLATES, fill, load_template, save

FIRST_ROWS = {  # domain.md §7, "Data from"
    "logements.xlsx": 4,
    "logements_sans_loyer.xlsx": 4,
    "logements_corrigee.xlsx": 4,
    "logements_corrigee_sans_loyer.xlsx": 4,
    "foyer_residence_logements.xlsx": 3,
    "annexes.xlsx": 3,
    "stationnements.xlsx": 3,
    "financement.xlsx": 3,
    "cadastre.xlsx": 3,
    "logements_edd.xlsx": 3,
    "locaux_collectifs.xlsx": 3,
}
SPEC_OF_FILE = {spec.filename: spec for spec in TABLES.values()}


def test_every_shared_file_has_a_spec():
    """Each workbook of the shared templates folder is covered by one table spec."""
    files = sorted(path.name for path in TEMPLATES.glob("*.xlsx"))
    assert files == sorted(FIRST_ROWS)
    assert sorted(SPEC_OF_FILE) == files


@pytest.mark.parametrize("filename", sorted(FIRST_ROWS))
def test_shared_template_imports_as_is(filename):
    """An empty template: every header matched, no blocking problem, the right first row."""
    spec = SPEC_OF_FILE[filename]
    result = read_workbook(TEMPLATES / filename, spec)
    assert result.ok, [p.text for p in result.problems]
    assert set(result.columns) == set(spec.fields)
    assert result.first_row == FIRST_ROWS[filename] == spec.first_row
    assert result.sheet_name == spec.sheet
    assert result.rows == []


def _read(filename, rows, first_row=None, **kwargs):
    spec = SPEC_OF_FILE[filename]
    workbook = load_template(filename)
    fill(workbook, spec.sheet, first_row or spec.first_row, rows)
    result = read_workbook(save(workbook), spec, **kwargs)
    assert result.ok, [p.text for p in result.problems]
    return result, [{k: v for k, v in row.items() if k != ROW_KEY} for row in result.rows]


def test_filled_logements():
    """SU and a loyer left to the template's formula (no cached value) are recomputed."""
    result, rows = _read(
        "logements.xlsx",
        [
            ["B-604", "T3", "PLUS", 65.3, 10, 4.5, None, 5.86, 1, 395.84],
            # J5 keeps the template's formula, never calculated: the loyer is recomputed.
            ["B-605", "T6 et plus", "PLAI", "72,40", "0", "0", "72,40", "5,12 €", "0,95"],
        ],
    )
    assert rows == [
        {
            "designation": "B-604",
            "typologie": "T3",
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
            "designation": "B-605",
            "typologie": "T6",
            "financement": "PLAI",
            "surface_habitable": D("72.40"),
            "surface_annexes": D("0.00"),
            "surface_annexes_retenue": D("0.00"),
            "surface_utile": D("72.40"),
            "loyer_par_m2": D("5.12"),
            "coefficient": D("0.9500"),
            "loyer": D("352.15"),
        },
    ]
    assert [row[ROW_KEY] for row in result.rows] == [4, 5]
    assert result.problems == []


def test_filled_logements_sans_loyer_takes_the_single_lot_financement():
    """An empty financement takes the single lot's; a typology typed as 1 is T1."""
    _, rows = _read(
        "logements_sans_loyer.xlsx",
        [["1", 1, None, 30, 2, 2]],
        default_financement="PLS",
    )
    assert rows == [
        {
            "designation": "1",
            "typologie": "T1",
            "financement": "PLS",
            "surface_habitable": D("30.00"),
            "surface_annexes": D("2.00"),
            "surface_annexes_retenue": D("2.00"),
            "surface_utile": D("31.00"),
        }
    ]


def test_filled_logements_corrigee():
    """SC tables compute the loyer from SC; row 7 keeps the template's formula in H."""
    spec = SPEC_OF_FILE["logements_corrigee.xlsx"]
    workbook = load_template("logements_corrigee.xlsx")
    fill(workbook, spec.sheet, 4, [["C1", "T2", "PLUS", 50, "55,5", "4,10", 1]])
    fill(workbook, spec.sheet, 7, [["C4", "T4", "PLUS", 80, 90, "4,10", "1,05"]])
    result = read_workbook(save(workbook), spec)
    assert result.problems == []
    assert [(r[ROW_KEY], r["surface_corrigee"], r["loyer"]) for r in result.rows] == [
        (4, D("55.50"), D("227.55")),
        (7, D("90.00"), D("387.45")),
    ]


def test_filled_logements_corrigee_sans_loyer():
    """T1' is the T1prime typology."""
    _, rows = _read("logements_corrigee_sans_loyer.xlsx", [["D1", "T1'", "PLAI", 25.5, 30]])
    assert rows == [
        {
            "designation": "D1",
            "typologie": "T1prime",
            "financement": "PLAI",
            "surface_habitable": D("25.50"),
            "surface_corrigee": D("30.00"),
        }
    ]


def test_filled_foyer_residence():
    """Foyer rows start at row 3, accept 'T1 bis' and T7, and hold the redevance as loyer."""
    result, rows = _read(
        "foyer_residence_logements.xlsx",
        [["101", "T1 bis", "PLAI", 18.5, "420,00"], ["102", "T7", "PLAI", 35, 510.5]],
    )
    assert rows == [
        {
            "designation": "101",
            "typologie": "T1bis",
            "financement": "PLAI",
            "surface_habitable": D("18.50"),
            "loyer": D("420.00"),
        },
        {
            "designation": "102",
            "typologie": "T7",
            "financement": "PLAI",
            "surface_habitable": D("35.00"),
            "loyer": D("510.50"),
        },
    ]
    assert [row[ROW_KEY] for row in result.rows] == [3, 4]


def test_filled_annexes():
    """Annexes: type and typology through their lists, '1 m²' read as 1."""
    _, rows = _read(
        "annexes.xlsx",
        [
            ["Jardin", "B-604", "PLUS", "T3", 25, "0,50", 12.5],
            ["terrasse", "B-605", "PLAI", "T6 et plus", "1 m²", 1, 1],
        ],
    )
    assert rows == [
        {
            "typologie": "jardin",
            "logement_designation": "B-604",
            "financement": "PLUS",
            "logement_typologie": "T3",
            "surface": D("25.00"),
            "loyer_unitaire": D("0.50"),
            "loyer": D("12.50"),
        },
        {
            "typologie": "terrasse",
            "logement_designation": "B-605",
            "financement": "PLAI",
            "logement_typologie": "T6",
            "surface": D("1.00"),
            "loyer_unitaire": D("1.00"),
            "loyer": D("1.00"),
        },
    ]


def test_filled_stationnements():
    """Stationnement labels of §4.6 give their stable values."""
    _, rows = _read(
        "stationnements.xlsx",
        [["Garage enterré", "PLUS", 3, "25 €"], ["2 roues en sous-sol", "PLAI", 10, 0]],
    )
    assert rows == [
        {"typologie": "garage_enterre", "financement": "PLUS", "nombre": 3, "loyer": D("25.00")},
        {
            "typologie": "deux_roues_sous_sol",
            "financement": "PLAI",
            "nombre": 10,
            "loyer": D("0.00"),
        },
    ]


def test_filled_financement():
    """Prêts: Excel dates and jj/mm/aaaa text, French amounts, lender labels of §4.8."""
    _, rows = _read(
        "financement.xlsx",
        [
            ["12345678", "PLUS", dt.datetime(2024, 3, 15), 40, 1250000, "CDC pour le logement"],
            [
                None,
                "PLUS",
                "01/02/2024",
                None,
                "15 000,00",
                "Autre/Subventions",
                "Conseil départemental",
            ],
        ],
    )
    assert rows == [
        {
            "numero": "12345678",
            "financement": "PLUS",
            "date_octroi": dt.date(2024, 3, 15),
            "duree": 40,
            "montant": D("1250000.00"),
            "preteur": "cdc_logement",
            "preteur_autre": None,
        },
        {
            "numero": None,
            "financement": "PLUS",
            "date_octroi": dt.date(2024, 2, 1),
            "duree": None,
            "montant": D("15000.00"),
            "preteur": "autre",
            "preteur_autre": "Conseil départemental",
        },
    ]


def test_filled_cadastre():
    """Sections are upper-cased; '1 ha 20 a 30 ca' is 12 030 m²; numbers become text."""
    _, rows = _read(
        "cadastre.xlsx",
        [["ab", 123, "Les Prés", "1 ha 20 a 30 ca", None], ["C", "45", None, 530, "détachée"]],
    )
    assert rows == [
        {
            "section": "AB",
            "numero": "123",
            "lieudit": "Les Prés",
            "surface_m2": D("12030"),
            "autre": None,
        },
        {
            "section": "C",
            "numero": "45",
            "lieudit": None,
            "surface_m2": D("530"),
            "autre": "détachée",
        },
    ]


def test_filled_edd():
    """EDD lines: financement from the list, lot numbers kept as text."""
    _, rows = _read("logements_edd.xlsx", [["PLUS", "B-604", "12"], ["PLAI", "B-605", 13]])
    assert rows == [
        {"financement": "PLUS", "designation": "B-604", "numero_lot": "12"},
        {"financement": "PLAI", "designation": "B-605", "numero_lot": "13"},
    ]


def test_filled_locaux_collectifs():
    """Locaux collectifs: type, surface and count."""
    _, rows = _read("locaux_collectifs.xlsx", [["Salle commune", "45,5", 1]])
    assert rows == [
        {"type_local": "Salle commune", "surface_habitable": D("45.50"), "nombre": 1},
    ]


def test_foyer_template_ignores_the_stray_value_in_data_e4():
    """The foyer template's Data!E4 = 3 is not the first-row setting; Data!E2 is empty."""
    workbook = load_template("foyer_residence_logements.xlsx")
    assert workbook["Data"]["E2"].value is None
    assert workbook["Data"]["E4"].value == 3
    result = read_workbook(
        TEMPLATES / "foyer_residence_logements.xlsx", get_spec("foyer_residence_logements")
    )
    assert result.first_row == 3
