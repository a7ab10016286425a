"""Files that cannot be imported get one clear French message and no rows (§7 step 1)."""

import io
import zipfile
from pathlib import Path

from apilos.imports import BLOQUANT, get_spec, read_workbook

from .conftest import TEMPLATES, save, sheet_with

LOGEMENTS = get_spec("logements")
HEADERS = [column.header for column in LOGEMENTS.columns]
ROW = ["A1", "T2", "PLUS", 50, 4, 4, None, 6, 1]
DATA = Path(__file__).parent / "data"
SAVE_AS = (
    "Ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format « Classeur Excel (.xlsx) », "
    "puis importez-le à nouveau."
)


def _refused(result) -> str:
    """The single blocking message of a refused file."""
    assert result.rows == []
    assert [p.severity for p in result.problems] == [BLOQUANT]
    return result.problems[0].text


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, replace.pop(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            target.writestr(name, content)
    return buffer.getvalue()


def test_csv_renamed_xlsx():
    """A CSV renamed .xlsx is not a workbook."""
    text = "Désignation;Type\nA1;T2\n".encode()
    assert _refused(read_workbook(text, LOGEMENTS)) == (
        "Ce fichier contient du texte (CSV ?), pas un classeur Excel. " + SAVE_AS
    )


def test_pdf_renamed_xlsx():
    """A PDF is named as such."""
    message = _refused(read_workbook(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", LOGEMENTS))
    assert message.startswith("Ce fichier est un PDF, pas un classeur Excel.")


def test_empty_file():
    """A file of zero bytes."""
    assert _refused(read_workbook(b"", LOGEMENTS)).startswith("Le fichier est vide.")


def test_truncated_zip_is_corrupt():
    """A workbook cut in half cannot be opened."""
    data = (TEMPLATES / "logements.xlsx").read_bytes()
    message = _refused(read_workbook(data[: len(data) // 2], LOGEMENTS))
    assert message == (
        "Le fichier est endommagé : il ne peut pas être lu comme un classeur Excel. " + SAVE_AS
    )


def test_damaged_sheet_xml_is_corrupt():
    """A sheet whose XML is broken is reported as a damaged file, not as a crash."""
    data = _rezip(
        (TEMPLATES / "logements.xlsx").read_bytes(),
        {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row r='1'><c"},
    )
    assert _refused(read_workbook(data, LOGEMENTS)).startswith("Le fichier est endommagé")


def test_password_protected_workbook():
    """An encrypted workbook (OLE container with an EncryptedPackage) is refused."""
    message = _refused(read_workbook(DATA / "protege_par_mot_de_passe.xlsx", LOGEMENTS))
    assert message.startswith("Le classeur est protégé par un mot de passe")
    assert "retirez le mot de passe" in message


def test_old_xls_format():
    """An Excel 97-2003 file is asked to be saved as .xlsx."""
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    assert _refused(read_workbook(data, LOGEMENTS)) == (
        "Ce fichier est au format Excel 97-2003 (.xls). " + SAVE_AS
    )


def test_macro_enabled_workbook():
    """A workbook carrying a VBA project is refused."""
    data = _rezip((TEMPLATES / "logements.xlsx").read_bytes(), {"xl/vbaProject.bin": b"\x00"})
    message = _refused(read_workbook(data, LOGEMENTS))
    assert message.startswith("Ce classeur contient des macros (.xlsm)")


def test_xlsm_file_name(tmp_path):
    """A file named .xlsm is refused even without a VBA project."""
    path = tmp_path / "logements.xlsm"
    path.write_bytes((TEMPLATES / "logements.xlsx").read_bytes())
    assert _refused(read_workbook(path, LOGEMENTS)).startswith("Ce classeur contient des macros")


def test_opendocument_spreadsheet():
    """An .ods file is named as such."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert _refused(read_workbook(buffer.getvalue(), LOGEMENTS)) == (
        "Ce fichier est au format OpenDocument (.ods). " + SAVE_AS
    )


def test_other_zip_is_not_a_workbook():
    """A zip that is not a spreadsheet (a Word document, an archive)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><Override ContentType='wordprocessingml'/>")
        archive.writestr("word/document.xml", "<document/>")
    assert _refused(read_workbook(buffer.getvalue(), LOGEMENTS)) == (
        "Ce fichier n'est pas un classeur Excel (.xlsx). " + SAVE_AS
    )


def test_file_over_the_size_limit_is_not_read():
    """Uploads are limited to 100 Mo; the size is checked before reading."""

    class Upload(io.BytesIO):
        size = 101 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("the file must not be read")

    message = _refused(read_workbook(Upload(), LOGEMENTS))
    assert message == (
        "Le fichier pèse 101 Mo, au-delà de la limite de 100 Mo. Supprimez les feuilles et les "
        "lignes inutiles, ou découpez le tableau, puis importez-le à nouveau."
    )


def test_size_limit_is_configurable():
    """A smaller limit applies to bytes too, stated in Ko under 1 Mo."""
    data = (TEMPLATES / "logements.xlsx").read_bytes()  # 17 662 bytes
    message = _refused(read_workbook(data, LOGEMENTS, max_bytes=10_000))
    assert message.startswith("Le fichier pèse 17 Ko, au-delà de la limite de 10 Ko.")


def test_row_limit():
    """Past the configurable row limit, the import is refused."""
    workbook = sheet_with(HEADERS, [ROW, ["A2", *ROW[1:]], ["A3", *ROW[1:]]])
    message = _refused(read_workbook(save(workbook), LOGEMENTS, max_rows=2))
    assert message.startswith("Le tableau compte plus de 2 lignes, la limite d'un import.")
    assert len(read_workbook(save(workbook), LOGEMENTS, max_rows=3).rows) == 3


def test_formula_without_cached_value_is_blocking():
    """A formula never calculated, in a column that cannot be recomputed, is blocking."""
    workbook = sheet_with(HEADERS, [ROW, ["A2", "T2", "PLUS", "=40+10", 4, 4, None, 6, 1]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert result.rows == []
    assert [(p.severity, p.cell) for p in result.problems] == [(BLOQUANT, "D5")]
    assert result.problems[0].message.startswith(
        "La cellule contient une formule dont la valeur n'a pas été enregistrée"
    )


def test_formula_without_cached_value_in_a_computed_column_is_recomputed():
    """A never-calculated loyer formula is recomputed, not refused."""
    workbook = sheet_with(HEADERS, [[*ROW, "=G4*H4*I4"]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert result.ok and result.problems == []
    assert str(result.rows[0]["loyer"]) == "312.00"


def test_unknown_columns_are_only_a_warning():
    """Extra columns are reported and the rows still import."""
    workbook = sheet_with([*HEADERS, "Étage", "Remarque"], [[*ROW, None, 3, "vue"]])
    result = read_workbook(save(workbook), LOGEMENTS)
    assert len(result.rows) == 1
    assert [(p.severity, p.column, p.header) for p in result.problems] == [
        ("avertissement", "K", "Étage"),
        ("avertissement", "L", "Remarque"),
    ]


def test_missing_required_column():
    """A missing column is blocking and named."""
    headers = [h for h in HEADERS if not h.startswith("Loyer maximum en €")]
    workbook = sheet_with(headers, [["A1", "T2", "PLUS", 50, 4, 4, None, 1]])
    message = _refused(read_workbook(save(workbook), LOGEMENTS))
    assert message == (
        "Colonne « Loyer maximum en € par m² de surface utile » introuvable en ligne 1. "
        "Ajoutez-la avec l'en-tête du modèle, ou repartez du modèle à télécharger."
    )


def test_empty_sheet():
    """A sheet with no header row is refused."""
    workbook = sheet_with([])
    assert _refused(read_workbook(save(workbook), LOGEMENTS)) == (
        "La feuille « Logements » est vide : la ligne 1 doit contenir les en-têtes du modèle, "
        "et les données commencer en ligne 4."
    )


def test_missing_sheet():
    """Importing the wrong template names the sheets found."""
    message = _refused(read_workbook(TEMPLATES / "annexes.xlsx", LOGEMENTS))
    assert message == (
        "La feuille « Logements » est introuvable (feuilles du classeur : « Annexes », "
        "« Notice », « Data »). Vérifiez que vous importez le bon tableau, ou repartez du "
        "modèle à télécharger."
    )


def test_uploaded_file_object_is_read():
    """A file-like object (a Django upload) is read from its start."""
    upload = io.BytesIO(save(sheet_with(HEADERS, [ROW])))
    upload.name = "logements.xlsx"
    upload.read(10)
    assert len(read_workbook(upload, LOGEMENTS).rows) == 1


def test_a_shared_template_is_not_modified():
    """Reading a template leaves it byte for byte as it was."""
    name = "logements.xlsx"
    before = (TEMPLATES / name).read_bytes()
    read_workbook(TEMPLATES / name, LOGEMENTS)
    assert (TEMPLATES / name).read_bytes() == before
