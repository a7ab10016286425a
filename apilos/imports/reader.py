"""``read_workbook``: the import algorithm of domain.md §7.

Nothing is saved: the result pre-fills the editable table. Every problem is collected at once;
when one of them is blocking, no row is returned.
"""

import io
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from apilos.imports.errors import CellError, FileRefused
from apilos.imports.files import (
    CORRUPT,
    MAX_FILE_BYTES,
    READ_ERRORS,
    check_xlsx,
    read_source,
)
from apilos.imports.headers import match_headers
from apilos.imports.specs import ColumnSpec, TableSpec, get_spec
from apilos.imports.text import fr_number, normalize

BLOQUANT = "bloquant"
AVERTISSEMENT = "avertissement"
ROW_KEY = "ligne_source"  # the spreadsheet row a parsed row comes from
MAX_ROWS = 20_000
FIRST_ROW_SHEET, FIRST_ROW_CELL = "Data", (2, 5)  # Data!E2

_TOTAL = re.compile(r"(sous-? ?)?tota(l|ux)\b")
_EXCEL_ERROR = re.compile(r"#(DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!)")


@dataclass(frozen=True)
class Problem:
    severity: str  # BLOQUANT or AVERTISSEMENT
    message: str  # French: what is wrong and how to fix it
    row: int | None = None
    column: str | None = None  # letter
    header: str | None = None  # the column's header, first line

    @property
    def blocking(self) -> bool:
        return self.severity == BLOQUANT

    @property
    def cell(self) -> str | None:
        """The cell reference, e.g. 'D7'."""
        return f"{self.column}{self.row}" if self.column and self.row else None

    @property
    def text(self) -> str:
        """The full French sentence shown to the user."""
        header = f" « {self.header} »" if self.header else ""
        if self.cell:
            return f"Cellule {self.cell}{header} : {self.message}"
        if self.row:
            return f"Ligne {self.row} : {self.message}"
        if self.column:
            return f"Colonne {self.column}{header} : {self.message}"
        return self.message

    def __str__(self) -> str:
        return self.text


@dataclass
class ImportResult:
    spec: TableSpec
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet_name: str | None = None
    first_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> column letter

    @property
    def ok(self) -> bool:
        return not self.blocking

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]

    def by_row(self) -> list[tuple[int | None, list[Problem]]]:
        """Problems grouped by spreadsheet row; file and header problems first (row None)."""
        groups: dict[int | None, list[Problem]] = {}
        for problem in self.problems:
            groups.setdefault(problem.row, []).append(problem)
        return sorted(groups.items(), key=lambda item: -1 if item[0] is None else item[0])

    @property
    def summary(self) -> str:
        """One French sentence: what was read and what needs attention."""
        if self.blocking:
            count = len(self.blocking)
            return (
                f"Import impossible : {count} problème{'s' if count > 1 else ''} "
                f"bloquant{'s' if count > 1 else ''} à corriger dans le fichier."
            )
        rows, warnings_count = len(self.rows), len(self.warnings)
        text = f"{rows} ligne{'s' if rows > 1 else ''} lue{'s' if rows > 1 else ''}"
        if warnings_count:
            text += f", {warnings_count} point{'s' if warnings_count > 1 else ''} à vérifier"
        return text + "."

    def add(self, severity: str, message: str, **where: Any) -> None:
        self.problems.append(Problem(severity, message, **where))


def read_workbook(
    source: Any,
    spec: TableSpec | str,
    *,
    default_financement: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Read the table ``spec`` from an ``.xlsx`` (path, bytes or uploaded file).

    ``default_financement`` fills an empty financement when the convention has a single lot.
    """
    if isinstance(spec, str):
        spec = get_spec(spec)
    result = ImportResult(spec=spec)
    try:
        data, name = read_source(source, max_bytes)
        check_xlsx(data, name)
        with warnings.catch_warnings():
            # openpyxl warns on every template that it does not read their drop-downs (an
            # extension); they do not matter when reading.
            warnings.filterwarnings("ignore", "Data Validation extension", UserWarning)
            _Reader(data, spec, result, default_financement, max_rows).run()
    except FileRefused as refused:
        result.add(BLOQUANT, refused.message)
    if result.blocking:
        result.rows = []
    result.problems.sort(key=lambda p: (p.row is not None, p.row or 0))
    return result


def _open(data: bytes, *, data_only: bool):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except READ_ERRORS:
        raise FileRefused(CORRUPT) from None


def _find_sheet(workbook, name: str):
    if name in workbook.sheetnames:
        return workbook[name]
    for title in workbook.sheetnames:
        if normalize(title) == normalize(name):
            return workbook[title]
    return None


def _guarded(rows: Iterable[tuple]) -> Iterator[tuple]:
    """openpyxl reads lazily: a damaged sheet fails while iterating."""
    iterator = iter(rows)
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except READ_ERRORS:
            raise FileRefused(CORRUPT) from None
        yield row


def _first_row_from_data(workbook, default: int) -> int:
    """Data!E2 when it holds an integer ≥ 2, else the template's first data row."""
    sheet = _find_sheet(workbook, FIRST_ROW_SHEET)
    if sheet is None:
        return default
    row, column = FIRST_ROW_CELL
    values = next(
        _guarded(
            sheet.iter_rows(
                min_row=row, max_row=row, min_col=column, max_col=column, values_only=True
            )
        ),
        (None,),
    )
    value = values[0] if values else None
    if isinstance(value, bool):
        return default
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value >= 2 else default


@dataclass(frozen=True, eq=False)
class _Column:
    spec: ColumnSpec
    index: int
    letter: str
    header: str


class _Reader:
    def __init__(
        self,
        data: bytes,
        spec: TableSpec,
        result: ImportResult,
        default_financement: str | None,
        max_rows: int,
    ):
        self.data = data
        self.spec = spec
        self.result = result
        self.default_financement = default_financement
        self.max_rows = max_rows

    def run(self) -> None:
        workbook = _open(self.data, data_only=True)
        try:
            self._read(workbook)
        finally:
            workbook.close()

    def _read(self, workbook) -> None:
        spec, result = self.spec, self.result
        sheet = _find_sheet(workbook, spec.sheet)
        if sheet is None:
            present = ", ".join(f"« {t} »" for t in workbook.sheetnames)
            raise FileRefused(
                f"La feuille « {spec.sheet} » est introuvable (feuilles du classeur : {present}). "
                "Vérifiez que vous importez le bon tableau, ou repartez du modèle à télécharger."
            )
        result.sheet_name = sheet.title
        result.first_row = _first_row_from_data(workbook, spec.first_row)
        sheet.reset_dimensions()  # the stored dimension may be wrong: read every row
        rows = _guarded(sheet.iter_rows(min_row=1, values_only=True))
        header_cells = next(rows, ())
        if not any(v is not None and str(v).strip() for v in header_cells):
            raise FileRefused(
                f"La feuille « {sheet.title} » est vide : la ligne 1 doit contenir les en-têtes "
                "du modèle, et les données commencer en ligne "
                f"{result.first_row}."
            )
        columns = self._match_headers(header_cells)
        if result.blocking:
            return
        parsed = self._parse_rows(rows, columns)
        formulas = self._formula_cells(parsed, columns)
        for row_number, row in parsed:
            if row_number in formulas:
                continue
            self._finish_row(row_number, row, columns)
        if not parsed and not result.blocking:
            result.add(
                AVERTISSEMENT,
                f"Aucune donnée à importer : le tableau est vide à partir de la ligne "
                f"{result.first_row}.",
            )

    def _match_headers(self, header_cells) -> list[_Column]:
        match = match_headers(header_cells, self.spec)
        for issue in match.issues:
            self.result.add(
                BLOQUANT if issue.blocking else AVERTISSEMENT,
                issue.message,
                column=issue.column,
                header=issue.header,
            )
        columns = [
            _Column(
                self.spec.column(name),
                index,
                get_column_letter(index + 1),
                match.headers[name],
            )
            for name, index in sorted(match.columns.items(), key=lambda item: item[1])
        ]
        self.result.columns = {c.spec.field: c.letter for c in columns}
        return columns

    def _parse_rows(self, rows, columns: list[_Column]) -> list[tuple[int, dict[str, Any]]]:
        """Cells of every non-empty data row; a bad cell is left empty and reported."""
        result, first_row = self.result, self.result.first_row or self.spec.first_row
        data_positions = [i for i, c in enumerate(columns) if c.spec.compute is None]
        parsed: list[tuple[int, dict[str, Any]]] = []
        for row_number, values in enumerate(rows, start=2):
            if row_number < first_row:
                continue
            width = len(values)
            raws = []
            for column in columns:
                raw = values[column.index] if column.index < width else None
                if isinstance(raw, str) and not raw.strip():
                    raw = None
                raws.append(raw)
            if all(raws[i] is None for i in data_positions):
                continue
            first = next(raw for raw in raws if raw is not None)
            if isinstance(first, str) and _TOTAL.match(normalize(first)):
                result.add(
                    AVERTISSEMENT,
                    "total ignoré (les totaux sont calculés par APiLos).",
                    row=row_number,
                )
                continue
            if len(parsed) == self.max_rows:
                raise FileRefused(
                    f"Le tableau compte plus de {fr_number(self.max_rows)} lignes, la limite "
                    "d'un import. Vérifiez qu'il ne contient pas de lignes parasites, "
                    "ou contactez le support."
                )
            row: dict[str, Any] = {}
            for column, raw in zip(columns, raws, strict=True):
                row[column.spec.field] = (
                    None if raw is None else self._cell(row_number, column, raw)
                )
            parsed.append((row_number, row))
        return parsed

    def _cell(self, row_number: int, column: _Column, raw: Any) -> Any:
        try:
            if isinstance(raw, str) and _EXCEL_ERROR.fullmatch(raw.strip()):
                if column.spec.compute is not None:
                    return None  # recomputed
                raise CellError(
                    f"La formule de cette cellule donne une erreur ({raw.strip()}) : "
                    "corrigez-la ou saisissez directement la valeur."
                )
            return column.spec.type.parse(raw)
        except CellError as error:
            self.result.add(
                AVERTISSEMENT,
                f"{error.message} Attendu : {column.spec.type.expected}. "
                "La cellule est laissée vide.",
                row=row_number,
                column=column.letter,
                header=column.header,
            )
            return None

    def _formula_cells(self, parsed, columns: list[_Column]) -> set[int]:
        """Rows holding a formula whose value was never saved and cannot be recomputed.

        With ``data_only`` such a cell reads as empty; only then is the sheet read a second
        time for its formulas, on the cells that matter.
        """
        data_columns = [c for c in columns if c.spec.compute is None]
        suspects = {
            row_number: [c for c in data_columns if row.get(c.spec.field) is None]
            for row_number, row in parsed
        }
        suspects = {n: cols for n, cols in suspects.items() if cols}
        if not suspects:
            return set()
        workbook = _open(self.data, data_only=False)
        try:
            sheet = _find_sheet(workbook, self.spec.sheet)
            sheet.reset_dimensions()
            rows = sheet.iter_rows(min_row=1, max_row=max(suspects), values_only=True)
            found: set[int] = set()
            for row_number, values in enumerate(_guarded(rows), start=1):
                for column in suspects.get(row_number, ()):
                    value = values[column.index] if column.index < len(values) else None
                    if _is_formula(value):
                        found.add(row_number)
                        self.result.add(
                            BLOQUANT,
                            "La cellule contient une formule dont la valeur n'a pas été "
                            "enregistrée dans le fichier. Ouvrez le fichier dans Excel ou "
                            "LibreOffice, enregistrez-le (les formules seront calculées), "
                            "puis importez-le à nouveau ; ou remplacez la formule par sa valeur.",
                            row=row_number,
                            column=column.letter,
                            header=column.header,
                        )
            return found
        finally:
            workbook.close()

    def _finish_row(self, row_number: int, row: dict[str, Any], columns: list[_Column]) -> None:
        """Defaults, computed columns, needed fields, then keep the row."""
        spec, result = self.spec, self.result
        for column_spec in spec.columns:
            row.setdefault(column_spec.field, None)
        if spec.has_financement and row["financement"] is None and self.default_financement:
            row["financement"] = self.default_financement
        headers = {c.spec.field: (c.letter, c.header) for c in columns}
        for column_spec in spec.columns:
            if column_spec.compute is None:
                continue
            expected = column_spec.compute(row)
            value = row[column_spec.field]
            if expected is None:
                continue
            if value is None or column_spec.always_computed:
                row[column_spec.field] = expected
            if (
                value is not None
                and column_spec.always_computed
                and abs(value - expected) > column_spec.tolerance
            ):
                letter, header = headers.get(column_spec.field, (None, column_spec.label))
                result.add(
                    AVERTISSEMENT,
                    f"La valeur saisie ({fr_number(value)}) diffère du calcul "
                    f"{column_spec.formula} ({fr_number(expected)}) : la valeur calculée est "
                    "retenue.",
                    row=row_number,
                    column=letter,
                    header=header,
                )
        missing = [name for name in spec.needed if row.get(name) is None]
        if missing:
            labels = ", ".join(
                f"« {headers.get(name, (None, spec.column(name).label))[1]} »" for name in missing
            )
            result.add(
                AVERTISSEMENT,
                f"non importée, car il manque {labels}. Complétez-la puis importez à nouveau "
                "le fichier, ou saisissez-la dans le tableau.",
                row=row_number,
            )
            return
        row[ROW_KEY] = row_number
        result.rows.append(row)


def _is_formula(value: Any) -> bool:
    if isinstance(value, ArrayFormula | DataTableFormula):
        return True
    return isinstance(value, str) and value.startswith("=")
