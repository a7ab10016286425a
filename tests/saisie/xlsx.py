"""Filled copies of the shared spreadsheet templates (the shared files are never modified)."""

import shutil
import warnings
from pathlib import Path

from openpyxl import load_workbook

SHARED = Path("/work/shared/data/apilos-xlsx")
SHEETS = {
    "logements": ("Logements", 4),
    "annexes": ("Annexes", 3),
    "stationnements": ("Stationnements", 3),
    "financement": ("Financements", 3),
    "cadastre": ("Références Cadastrales", 3),
    "logements_edd": ("EDD Simplifié", 3),
    "foyer_residence_logements": ("Logements", 3),
    "locaux_collectifs": ("Locaux Collectifs", 3),
}


def filled(tmp_path: Path, template: str, rows: list[tuple], name: str | None = None) -> Path:
    """A copy of `template`.xlsx in tmp_path with `rows` written from its first data row."""
    sheet_name, first = SHEETS[template]
    target = tmp_path / (name or f"{template}.xlsx")
    shutil.copyfile(SHARED / f"{template}.xlsx", target)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Data Validation extension", UserWarning)
        workbook = load_workbook(target)
    sheet = workbook[sheet_name]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=first + offset, column=column, value=value)
    workbook.save(target)
    return target


def logement_rows(n: int, *, financements=("PLUS",), prefix="L", lpm2=6.0) -> list[tuple]:
    """n consistent logements (R1, R3): SH, SA=SAR=4, SU = SH + 2, loyer = SU × €/m²."""
    rows = []
    for i in range(1, n + 1):
        sh = 45 + (i % 30)
        su = sh + 2
        financement = financements[(i - 1) % len(financements)]
        rate = lpm2 if financement != "PLAI" else lpm2 - 0.6
        rows.append(
            (f"{prefix}{i:04d}", "T3", financement, sh, 4, 4, su, rate, 1, round(su * rate, 2))
        )
    return rows
