"""The import algorithm of domain.md §7: rows, cells, needed fields and the report."""

from decimal import Decimal as D

from apilos.imports import AVERTISSEMENT, BLOQUANT, ROW_KEY, get_spec, read_workbook

from .conftest import fill, load_template, save, sheet_with

LOGEMENTS = get_spec("logements")
HEADERS = [column.header for column in LOGEMENTS.columns]
ROW = ["A1", "T2", "PLUS", 50, 4, 4, None, 6, 1]  # SU 52, loyer 312


def _read(rows, *, start=4, data_e2=None, spec=LOGEMENTS, **kwargs):
    workbook = sheet_with([c.header for c in spec.columns], rows, title=spec.sheet, start=start)
    if data_e2 is not None:
        workbook.create_sheet("Data")["E2"] = data_e2
    return read_workbook(save(workbook), spec, **kwargs)


def _texts(result):
    return [p.text for p in result.problems]


def test_data_e2_sets_the_first_row():
    """Data!E2 = 6: rows start at 6, rows 4–5 are not data."""
    result = _read([["note"], [], ROW], data_e2=6)
    assert result.first_row == 6
    assert [r[ROW_KEY] for r in result.rows] == [6]
    assert result.problems == []


def test_data_e2_not_an_integer_from_two_is_ignored():
    """Data!E2 of 1, 'abc' or 4.5 falls back on the template's first row."""
    for value in (1, "abc", 4.5, True):
        result = _read([ROW], data_e2=value)
        assert result.first_row == 4
        assert [r[ROW_KEY] for r in result.rows] == [4]


def test_data_e2_as_text_number_is_read():
    """Data!E2 typed as the text '5' counts."""
    result = _read([[], ROW], data_e2="5")
    assert result.first_row == 5


def test_sheet_found_case_insensitively():
    """The sheet 'LOGEMENTS' is the 'Logements' sheet."""
    workbook = sheet_with(HEADERS, [ROW], title="LOGEMENTS")
    result = read_workbook(save(workbook), LOGEMENTS)
    assert result.sheet_name == "LOGEMENTS"
    assert len(result.rows) == 1


def test_empty_and_total_rows_are_skipped():
    """Empty rows in the middle and 'Total' rows are skipped; the rest is kept in order."""
    second = ["A2", *ROW[1:]]
    result = _read([ROW, [], [None, "", "  "], second, ["TOTAL", None, None, 100]])
    assert [(r[ROW_KEY], r["designation"]) for r in result.rows] == [(4, "A1"), (7, "A2")]
    assert _texts(result) == ["Ligne 8 : total ignoré (les totaux sont calculés par APiLos)."]


def test_a_row_with_only_computed_cells_is_empty():
    """A loyer alone (the template's formula result) does not make a row."""
    result = _read([[None] * 9 + [0]])
    assert result.rows == []
    assert result.problems[0].message.startswith("Aucune donnée à importer")


def test_bad_cell_is_left_empty_and_reported_with_its_reference():
    """A bad cell becomes empty, reported with cell, header and expected format."""
    result = _read([ROW, ROW, ["A3", "T9", "PLUS", 50, 4, 4, None, 6, 1]])
    assert result.rows[2]["typologie"] is None
    problem = result.problems[0]
    assert (problem.severity, problem.cell, problem.header) == (AVERTISSEMENT, "B6", "Type")
    assert problem.text == (
        "Cellule B6 « Type » : « T9 » n'est pas un type de logement reconnu. "
        "Attendu : une valeur de la liste déroulante : T1, T1bis, T1', T2, T3, T4, T5, "
        "T6 et plus. La cellule est laissée vide."
    )


def test_row_missing_a_needed_field_is_skipped_with_a_warning():
    """SU tables need designation, SH, SA, SAR, €/m² and coefficient."""
    result = _read([ROW, ["A2", "T2", "PLUS", "beaucoup", 4, 4, None, 6, None]])
    assert [r["designation"] for r in result.rows] == ["A1"]
    assert _texts(result) == [
        "Cellule D5 « Surface habitable » : « beaucoup » n'est pas un nombre. Attendu : un "
        "nombre (par exemple 45,50 m²), strictement supérieur à 0 et strictement inférieur à "
        "10 000. La cellule est laissée vide.",
        "Ligne 5 : non importée, car il manque « Surface habitable », « Coefficient propre au "
        "logement ». Complétez-la puis importez à nouveau le fichier, ou saisissez-la dans le "
        "tableau.",
    ]
    assert result.ok


def test_problems_are_grouped_by_row():
    """The report groups problems by row, file-level ones first."""
    result = _read([ROW, ["A2", "T9", "PLUS", 0, 4, 4]])
    assert [(row, len(problems)) for row, problems in result.by_row()] == [(5, 3)]
    headers = [*HEADERS, "Commentaire"]
    workbook = sheet_with(headers, [["A2", "T9", *ROW[2:]]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert [(row, [p.severity for p in ps]) for row, ps in result.by_row()] == [
        (None, [AVERTISSEMENT]),
        (4, [AVERTISSEMENT]),
    ]


def test_su_is_computed_and_a_different_su_replaced():
    """R1: SU = SH + 0.5 × SAR; an imported SU off by more than 0.01 is replaced, with a warning."""
    result = _read(
        [
            ["A1", "T2", "PLUS", "50,01", 4, 3, None, 6, 1],
            ["A2", "T2", "PLUS", "50,01", 4, 3, "51,52", 6, 1],  # within 0.01
            ["A3", "T2", "PLUS", "50,01", 4, 3, 60, 6, 1],
        ]
    )
    assert [r["surface_utile"] for r in result.rows] == [D("51.51")] * 3
    assert _texts(result) == [
        "Cellule G6 « Surface utile » : La valeur saisie (60) diffère du calcul surface "
        "habitable + 0,5 × surface des annexes retenue (51,51) : la valeur calculée est retenue."
    ]


def test_loyer_is_computed_only_when_empty():
    """R3: an empty loyer is rhu(SU × €/m² × coefficient, 2); a typed loyer is kept."""
    result = _read(
        [
            ["A1", "T2", "PLUS", 50, 4, 3, None, "5,55", "1,1"],
            ["A2", "T2", "PLUS", 50, 4, 3, None, "5,55", "1,1", 317],
        ]
    )
    # SU = 51.50; 51.50 × 5.55 × 1.1 = 314.4075
    assert [r["loyer"] for r in result.rows] == [D("314.41"), D("317.00")]


def test_excel_error_in_a_computed_column_is_recomputed():
    """#VALUE! in the loyer column is replaced by the computed loyer."""
    result = _read([[*ROW, "#VALUE!"]])
    assert result.rows[0]["loyer"] == D("312.00")
    assert result.problems == []


def test_excel_error_in_an_entered_column_is_reported():
    """#REF! in an entered column is a bad cell."""
    result = _read([["A1", "T2", "#REF!", *ROW[3:]]])
    assert result.rows[0]["financement"] is None
    assert "La formule de cette cellule donne une erreur (#REF!)" in result.problems[0].message


def test_default_financement_fills_only_empty_cells():
    """With a single lot, an empty financement takes the lot's; a filled one is kept."""
    result = _read(
        [["A1", "T2", None, *ROW[3:]], ["A2", "T2", "PLAI", *ROW[3:]]],
        default_financement="PLUS",
    )
    assert [r["financement"] for r in result.rows] == ["PLUS", "PLAI"]
    result = _read([["A1", "T2", None, *ROW[3:]]])
    assert result.rows[0]["financement"] is None


def test_every_field_is_present_in_every_row():
    """Rows hold every field of the spec, even those whose column is absent."""
    headers = [h for h in HEADERS if not h.startswith(("Surface utile", "Loyer maximum du"))]
    workbook = sheet_with(headers, [["A1", "T2", "PLUS", 50, 4, 4, 6, 1]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert set(result.rows[0]) == {*LOGEMENTS.fields, ROW_KEY}
    assert (result.rows[0]["surface_utile"], result.rows[0]["loyer"]) == (D("52.00"), D("312.00"))


def test_columns_in_another_order_are_read_by_header():
    """Columns are found by their header, wherever they are."""
    order = [2, 0, 1, 3, 4, 5, 6, 7, 8, 9]
    headers = [HEADERS[i] for i in order]
    values = ["A1", "T2", "PLUS", 50, 4, 4, None, 6, 1, None]
    workbook = sheet_with(headers, [[values[i] for i in order]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert (result.rows[0]["designation"], result.rows[0]["financement"]) == ("A1", "PLUS")
    assert result.columns["designation"] == "B"


def test_foyer_needs_typologie():
    """A foyer row without its typology is skipped."""
    spec = get_spec("foyer_residence_logements")
    workbook = load_template("foyer_residence_logements.xlsx")
    fill(workbook, "Logements", 3, [["101", None, "PLAI", 18, 400], ["102", "T2", None, 30, 450]])
    result = read_workbook(save(workbook), spec)
    assert [r["designation"] for r in result.rows] == ["102"]
    assert result.problems[0].text.startswith("Ligne 3 : non importée, car il manque « Type »")


def test_pret_needs_only_montant():
    """A loan row needs only its montant."""
    spec = get_spec("prets")
    workbook = load_template("financement.xlsx")
    fill(workbook, "Financements", 3, [[None, None, None, None, 1000], ["X1", "PLUS"]])
    result = read_workbook(save(workbook), spec)
    assert [r["montant"] for r in result.rows] == [D("1000.00")]
    assert [p.row for p in result.problems] == [4]


def test_blocking_problem_returns_no_rows():
    """A blocking problem means no row at all, with every problem still reported."""
    headers = [h for h in HEADERS if h != "Type"]
    workbook = sheet_with(headers, [["A1", "PLUS", 50, 4, 4, None, 6, 1], ["A2", "PLUS", "x"]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert result.rows == []
    assert [p.severity for p in result.problems] == [BLOQUANT]
    assert not result.ok


def test_summary_sentence():
    """The result sums itself up in one French sentence."""
    assert _read([ROW, ["A2", "T9", *ROW[2:]]]).summary == "2 lignes lues, 1 point à vérifier."
    assert _read([ROW]).summary == "1 ligne lue."
    headers = [h for h in HEADERS if h != "Type"]
    result = read_workbook(save(sheet_with(headers, [ROW])), LOGEMENTS)
    assert result.summary == "Import impossible : 1 problème bloquant à corriger dans le fichier."


def test_spec_can_be_named():
    """read_workbook accepts the table's name instead of its spec."""
    result = read_workbook(save(sheet_with(HEADERS, [ROW])), "logements")
    assert result.spec is LOGEMENTS and len(result.rows) == 1
