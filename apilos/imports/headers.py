"""Header matching (domain.md §7 step 2).

Each header cell is normalised, then matched to a column of the spec by, in order:
(a) equality with the full header or a key; (b) a key that is a prefix of the cell, longest
key first; (c) every word of a key present in the cell. A cell matching nothing is unknown
(a warning); a required column matched by no cell is missing, and a cell matching two
columns equally, or two cells matching one column equally, is ambiguous (both blocking).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from apilos.imports.specs import ColumnSpec, TableSpec
from apilos.imports.text import first_line, normalize, one_line, words

EQUALITY, PREFIX, WORDS = 1, 2, 3


@dataclass
class HeaderIssue:
    blocking: bool
    message: str
    column: str | None = None  # letter
    header: str | None = None


@dataclass
class HeaderMatch:
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column index
    headers: dict[str, str] = field(default_factory=dict)  # field -> header text in the file
    issues: list[HeaderIssue] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return any(i.blocking for i in self.issues)


def _is_prefix(key: str, cell: str) -> bool:
    if not cell.startswith(key):
        return False
    return len(cell) == len(key) or not cell[len(key)].isalnum() or not key[-1].isalnum()


def match_cell(cell: str, spec: TableSpec) -> tuple[int, list[ColumnSpec]]:
    """The matching level and the column(s) a normalised header cell designates."""
    equal = [c for c in spec.columns if cell == c.full_header or cell in c.match_keys]
    if equal:
        return EQUALITY, equal
    prefixed = [
        (len(key), column)
        for column in spec.columns
        for key in column.match_keys
        if _is_prefix(key, cell)
    ]
    if prefixed:
        longest = max(length for length, _ in prefixed)
        found = {c.field: c for length, c in prefixed if length == longest}
        return PREFIX, list(found.values())
    cell_words = words(cell)
    best: dict[str, tuple[int, ColumnSpec]] = {}
    for column in spec.columns:
        for key in column.match_keys:
            key_words = words(key)
            if key_words and key_words <= cell_words:
                score = len(key_words)
                if score > best.get(column.field, (0, column))[0]:
                    best[column.field] = (score, column)
    if best:
        top = max(score for score, _ in best.values())
        return WORDS, [column for score, column in best.values() if score == top]
    return 0, []


def match_headers(cells: Sequence[Any], spec: TableSpec) -> HeaderMatch:
    """Map each column of ``spec`` to a column index of the header row ``cells``."""
    result = HeaderMatch()
    claims: dict[str, list[tuple[int, int]]] = {}
    for index, raw in enumerate(cells):
        if raw is None or not str(raw).strip():
            continue
        letter, shown = get_column_letter(index + 1), one_line(str(raw))
        level, columns = match_cell(normalize(raw), spec)
        if not columns:
            result.issues.append(
                HeaderIssue(
                    False,
                    "non reconnue, elle est ignorée. Si elle contient des données à importer, "
                    "redonnez-lui l'en-tête du modèle.",
                    letter,
                    shown,
                )
            )
        elif len(columns) > 1:
            names = " ou ".join(f"« {c.label} »" for c in columns)
            result.issues.append(
                HeaderIssue(
                    True,
                    f"En-tête ambigu : il peut désigner {names}. "
                    "Reprenez l'en-tête exact du modèle.",
                    letter,
                    shown,
                )
            )
        else:
            claims.setdefault(columns[0].field, []).append((level, index))
    for column in spec.columns:
        found = claims.get(column.field, [])
        if found:
            best = min(level for level, _ in found)
            winners = [index for level, index in found if level == best]
            if len(winners) == 1:
                result.columns[column.field] = winners[0]
                result.headers[column.field] = first_line(str(cells[winners[0]]))
                for _, index in found:
                    if index != winners[0]:
                        result.issues.append(_weaker_duplicate(cells, index, winners[0], column))
                continue
            letters = " et ".join(get_column_letter(i + 1) for i in winners)
            result.issues.append(
                HeaderIssue(
                    True,
                    f"Plusieurs colonnes ({letters}) correspondent à « {column.label} ». "
                    "Gardez-en une seule.",
                    get_column_letter(winners[0] + 1),
                    column.label,
                )
            )
        elif column.required:
            result.issues.append(
                HeaderIssue(
                    True,
                    f"Colonne « {column.label} » introuvable en ligne 1. Ajoutez-la avec "
                    "l'en-tête du modèle, ou repartez du modèle à télécharger.",
                    header=column.label,
                )
            )
        elif column.compute is not None:
            result.issues.append(
                HeaderIssue(
                    False,
                    f"Colonne « {column.label} » absente : elle sera calculée.",
                    header=column.label,
                )
            )
        else:
            result.issues.append(
                HeaderIssue(
                    False,
                    f"Colonne « {column.label} » absente : elle restera vide.",
                    header=column.label,
                )
            )
    return result


def _weaker_duplicate(
    cells: Sequence[Any], index: int, winner: int, column: ColumnSpec
) -> HeaderIssue:
    return HeaderIssue(
        False,
        f"ignorée : « {column.label} » est lue dans la colonne {get_column_letter(winner + 1)}, "
        "dont l'en-tête correspond mieux.",
        get_column_letter(index + 1),
        one_line(str(cells[index])),
    )
