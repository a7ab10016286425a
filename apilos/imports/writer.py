"""Export in the template's layout (domain.md §7 "Export"), so that a file round-trips.

The main sheet has the template's name and row-1 headers (line breaks kept), a help row and
the data from the template's first data row; a ``Notice`` sheet explains how to fill it; a
``Data`` sheet holds the drop-down lists and, in E2, the first data row.
"""

import io
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from apilos.imports.cells import ChoiceType
from apilos.imports.specs import TableSpec
from apilos.imports.text import first_line

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F4")
HINT_FONT = Font(italic=True, color="555555")
WRAP = Alignment(wrap_text=True, vertical="top")
DATA_LIST_COLUMNS = ("A", "B", "C", "D", "F", "G", "H", "I")  # E is for E1/E2


def _general_notice(spec: TableSpec) -> list[str]:
    return [
        "Ne modifiez ni les en-têtes de la ligne 1 ni le nom des feuilles.",
        f"Saisissez les données à partir de la ligne {spec.first_row}, une ligne par élément.",
        "Nombres : 1 234,56 ou 1234.56 (les espaces, € et m² sont acceptés). Dates : jj/mm/aaaa.",
        "Les listes déroulantes proviennent de la feuille « Data » : ne la modifiez pas.",
        "Enregistrez le fichier au format « Classeur Excel (.xlsx) », sans mot de passe ni macros.",
    ]


def write_workbook(spec: TableSpec, rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The ``.xlsx`` bytes of ``rows`` (dicts keyed by field name) in the template's layout."""
    rows = list(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.sheet
    last_row = max(spec.dropdown_last_row, spec.first_row + len(rows) - 1)

    max_lines = 1
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        max_lines = max(max_lines, column.header.count("\n") + 1)
        sheet.column_dimensions[letter].width = max(14, min(45, len(first_line(column.header))))
        if column.hint and spec.first_row > 2:
            hint = sheet.cell(row=2, column=index, value=column.hint)
            hint.font, hint.alignment = HINT_FONT, WRAP
    sheet.row_dimensions[1].height = 15 * min(max_lines + 1, 6)
    sheet.freeze_panes = f"A{spec.first_row}"

    for offset, row in enumerate(rows):
        row_number = spec.first_row + offset
        for index, column in enumerate(spec.columns, start=1):
            value = row.get(column.field)
            if value is not None:
                sheet.cell(row=row_number, column=index, value=column.type.to_cell(value))
    for index, column in enumerate(spec.columns, start=1):
        number_format = column.type.number_format
        if number_format:
            for row_number in range(spec.first_row, last_row + 1):
                sheet.cell(row=row_number, column=index).number_format = number_format

    notice = workbook.create_sheet("Notice")
    notice.column_dimensions["B"].width = 110
    notice["B2"] = f"Notice – tableau « {spec.sheet} »"
    notice["B2"].font = Font(bold=True, size=13)
    for offset, line in enumerate([*spec.notice, *_general_notice(spec)]):
        notice.cell(row=4 + offset, column=2, value=line).alignment = WRAP

    data = workbook.create_sheet("Data")
    data["E1"] = "lignes data"
    data["E2"] = spec.first_row
    choice_columns = [
        (index, column, column.type.choices)
        for index, column in enumerate(spec.columns, start=1)
        if isinstance(column.type, ChoiceType) and column.type.choices is not None
    ]
    for (index, column, choices), list_letter in zip(
        choice_columns, DATA_LIST_COLUMNS, strict=False
    ):
        labels = choices.dropdown
        data[f"{list_letter}1"] = f"{column.label} (ne pas modifier)"
        data.column_dimensions[list_letter].width = 40
        for offset, label in enumerate(labels, start=2):
            data[f"{list_letter}{offset}"] = label
        validation = DataValidation(
            type="list",
            formula1=f"Data!${list_letter}$2:${list_letter}${len(labels) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Valeur non reconnue",
            error="Choisissez une valeur dans la liste déroulante.",
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}{spec.first_row}:{letter}{last_row}")
        sheet.add_data_validation(validation)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook(spec: TableSpec) -> bytes:
    """Our own empty, downloadable template of ``spec``, with its drop-down lists."""
    return write_workbook(spec, [])
