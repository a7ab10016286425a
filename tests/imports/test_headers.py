"""Header matching: equality, then prefix (longest key first), then every word (§7 step 2)."""

import pytest

from apilos.imports import BLOQUANT, get_spec, read_workbook
from apilos.imports.headers import EQUALITY, PREFIX, WORDS, match_cell, match_headers
from apilos.imports.text import normalize

from .conftest import save, sheet_with

LOGEMENTS = get_spec("logements")
SU_HEADER = "Surface utile\n(surface habitable augmentée de 50% de la surface des annexes)"
LOGEMENTS_HEADERS = [column.header for column in LOGEMENTS.columns]


def _fields(cells, spec=LOGEMENTS):
    match = match_headers(cells, spec)
    return dict(match.columns.items()), match


def test_surface_habitable_never_captures_the_su_column():
    """The SU header mentions 'surface habitable' but is matched to SU, by prefix."""
    level, columns = match_cell(normalize(SU_HEADER), LOGEMENTS)
    assert (level, [c.field for c in columns]) == (EQUALITY, ["surface_utile"])
    shortened = "Surface utile (SH augmentée de 50 % de la surface habitable des annexes)"
    level, columns = match_cell(normalize(shortened), LOGEMENTS)
    assert (level, [c.field for c in columns]) == (PREFIX, ["surface_utile"])
    fields, _match = _fields(["Surface habitable", SU_HEADER])
    assert fields == {"surface_habitable": 0, "surface_utile": 1}


def test_template_headers_all_match_by_equality():
    """Every header of the logements template matches its own column."""
    fields, match = _fields(LOGEMENTS_HEADERS)
    assert fields == {name: index for index, name in enumerate(LOGEMENTS.fields)}
    assert match.issues == []


@pytest.mark.parametrize(
    "header",
    [
        "Organisme financeur\n(choisir dans la liste déroulante)",
        "Prêteur",
        "Prêteur\n(choisir dans la liste déroulante)",
        "PRETEUR",
    ],
)
def test_older_preteur_header_is_accepted(header):
    """Older loan files say 'Prêteur' for the organisme financeur."""
    _level, columns = match_cell(normalize(header), get_spec("prets"))
    assert [c.field for c in columns] == ["preteur"]


@pytest.mark.parametrize(
    ("header", "field", "level"),
    [
        ("désignation des logements", "designation", EQUALITY),
        ("DESIGNATION DES LOGEMENTS", "designation", EQUALITY),
        ("Designation des logements", "designation", EQUALITY),
        ("  Désignation\u00a0des\nlogements ", "designation", EQUALITY),
        ("Désignation des logements (obligatoire)", "designation", PREFIX),
        ("Surface habitable\r\n(art. R.156-1 du CCH)", "surface_habitable", PREFIX),
        ("Surface des annexes Retenue dans la SU", "surface_annexes_retenue", EQUALITY),
        ("Surface des annexes réelle (m²)", "surface_annexes", PREFIX),
        ("Coefficient propre au logement (défaut 1)", "coefficient", PREFIX),
        ("Loyer maximum en € par m² de SU", "loyer_par_m2", PREFIX),
        ("Loyer maximum du logement en € (col 5 * col 6 * col 7)", "loyer", EQUALITY),
        ("Le coefficient propre au logement", "coefficient", WORDS),
        ("Financement du logement", "financement", PREFIX),
        ("Type", "typologie", EQUALITY),
    ],
)
def test_header_variants(header, field, level):
    """Case, accents, NBSP, line breaks and extra words do not prevent a match."""
    found_level, columns = match_cell(normalize(header), LOGEMENTS)
    assert [c.field for c in columns] == [field]
    assert found_level == level


def test_typographic_apostrophe_matches():
    """’ is read as ' in headers."""
    _level, columns = match_cell(normalize("Type d’annexe"), get_spec("annexes"))
    assert [c.field for c in columns] == ["typologie"]


def test_prefix_prefers_the_longest_key():
    """Between two keys that prefix a header, the longest one wins."""
    spec = get_spec("annexes")
    _, columns = match_cell(normalize("Loyer maximum en € par annexe"), spec)
    assert [c.field for c in columns] == ["loyer"]
    _level, columns = match_cell(normalize("Surface de l'annexe en m²"), spec)
    assert [c.field for c in columns] == ["surface"]


def test_unknown_column_is_only_a_warning():
    """A column the spec does not know is reported and ignored."""
    fields, match = _fields([*LOGEMENTS_HEADERS, "Observations"])
    assert len(fields) == len(LOGEMENTS.fields)
    assert [(i.blocking, i.column, i.header) for i in match.issues] == [
        (False, "K", "Observations")
    ]


def test_missing_required_column_is_blocking():
    """A needed column absent from row 1 blocks the import."""
    headers = [h for h in LOGEMENTS_HEADERS if not h.startswith("Coefficient")]
    fields, match = _fields(headers)
    assert "coefficient" not in fields
    assert [(i.blocking, i.header) for i in match.issues] == [
        (True, "Coefficient propre au logement")
    ]


def test_missing_computed_column_is_a_warning():
    """Without a SU column, SU is computed: only a warning."""
    headers = [h for h in LOGEMENTS_HEADERS if not h.startswith("Surface utile")]
    _, match = _fields(headers)
    assert [(i.blocking, i.message) for i in match.issues] == [
        (False, "Colonne « Surface utile » absente : elle sera calculée.")
    ]


def test_two_columns_for_one_field_are_ambiguous():
    """Two cells that match one column equally well block the import."""
    headers = list(LOGEMENTS_HEADERS)
    headers[3] = "Surface habitable (m²)"
    fields, match = _fields([*headers, "Surface habitable (en m²)"])
    assert "surface_habitable" not in fields
    assert match.blocking
    assert "Plusieurs colonnes (D et K)" in match.issues[0].message


def test_weaker_duplicate_is_ignored():
    """A column matching only by words gives way to the one matching exactly."""
    fields, match = _fields([*LOGEMENTS_HEADERS, "Remarques sur le coefficient propre au logement"])
    assert fields["coefficient"] == 8
    assert not match.blocking


def test_header_matching_two_columns_is_ambiguous():
    """A cell that designates two columns equally well is blocking."""
    spec = get_spec("annexes")
    cell = "Désignation et typologie des logements"
    level, columns = match_cell(normalize(cell), spec)
    assert level == WORDS
    assert [c.field for c in columns] == ["logement_designation", "logement_typologie"]
    headers = [column.header for column in spec.columns]
    headers[1] = cell
    _, match = _fields(headers, spec)
    ambiguous = [i for i in match.issues if i.column == "B"]
    assert [(i.blocking, i.message[:16]) for i in ambiguous] == [(True, "En-tête ambigu :")]


def test_header_problem_carries_column_letter_in_the_report():
    """A blocking header problem is reported with its column and no row is returned."""
    headers = [*LOGEMENTS_HEADERS[:3], "Surface habitable (m²)", "Surface habitable (bis)"]
    workbook = sheet_with([*headers, *LOGEMENTS_HEADERS[4:]], [["A1", "T1", "PLUS", 30, 30]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert result.rows == []
    blocking = [p for p in result.problems if p.severity == BLOQUANT]
    assert blocking[0].column == "D"
    assert blocking[0].text.startswith("Colonne D « Surface habitable » : Plusieurs colonnes")


def test_weaker_duplicate_says_where_the_column_is_read():
    """The ignored duplicate names the column actually read."""
    _, match = _fields([*LOGEMENTS_HEADERS, "Remarques sur le coefficient propre au logement"])
    assert [(i.column, i.message) for i in match.issues] == [
        (
            "K",
            "ignorée : « Coefficient propre au logement » est lue dans la colonne I, dont "
            "l'en-tête correspond mieux.",
        )
    ]
