"""Spreadsheet import and export of a convention's tables (domain.md §7).

A pure layer: it reads and writes ``.xlsx`` bytes and knows nothing of models or HTTP.

- ``specs``: one declarative ``TableSpec`` per table (sheet, columns, first data row…);
- ``read_workbook``: the §7 import algorithm, returning rows keyed by field name and
  every problem found, in French;
- ``write_workbook`` / ``template_workbook``: export in the template's layout;
- ``diff_rows``: what an import would add, update and remove.
"""

from apilos.imports.diff import RowChange, TableDiff, diff_rows
from apilos.imports.reader import (
    AVERTISSEMENT,
    BLOQUANT,
    ROW_KEY,
    ImportResult,
    Problem,
    read_workbook,
)
from apilos.imports.specs import TABLES, ColumnSpec, TableSpec, get_spec
from apilos.imports.writer import template_workbook, write_workbook

__all__ = [
    "AVERTISSEMENT",
    "BLOQUANT",
    "ROW_KEY",
    "TABLES",
    "ColumnSpec",
    "ImportResult",
    "Problem",
    "RowChange",
    "TableDiff",
    "TableSpec",
    "diff_rows",
    "get_spec",
    "read_workbook",
    "template_workbook",
    "write_workbook",
]
