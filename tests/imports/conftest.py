import io
import os
import warnings
from pathlib import Path

import openpyxl
import pytest

# The templates bailleurs already use live in shared/, beside the repository.
SHARED_TEMPLATES = Path(__file__).resolve().parents[3] / "shared" / "data" / "apilos-xlsx"
TEMPLATES = Path(os.environ.get("APILOS_XLSX_DIR", SHARED_TEMPLATES))
if not TEMPLATES.is_dir():
    raise pytest.UsageError(
        f"Modèles de tableaux introuvables dans {TEMPLATES} : placez le dossier shared/ à côté "
        "du dépôt ou définissez APILOS_XLSX_DIR."
    )


def load_template(filename: str) -> openpyxl.Workbook:
    """A copy of a shared template, opened for writing (the shared file is never touched)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(TEMPLATES / filename)


def fill(workbook, sheet: str, first_row: int, rows: list[list]) -> None:
    ws = workbook[sheet]
    for offset, values in enumerate(rows):
        for index, value in enumerate(values, start=1):
            ws.cell(row=first_row + offset, column=index, value=value)


def save(workbook, path: Path | None = None) -> bytes | Path:
    if path is not None:
        workbook.save(path)
        return path
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_with(headers: list, rows: list[list] | None = None, *, title="Logements", start=4):
    """A minimal workbook: ``headers`` in row 1, ``rows`` from ``start``."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = title
    for index, header in enumerate(headers, start=1):
        ws.cell(row=1, column=index, value=header)
    for offset, values in enumerate(rows or []):
        for index, value in enumerate(values, start=1):
            ws.cell(row=start + offset, column=index, value=value)
    return workbook


@pytest.fixture
def template():
    return load_template
