"""Enumerations as the spreadsheets spell them (domain.md §4).

Each ``ChoiceSet`` maps the labels found in a cell to the stable value we store, and gives
the label written back on export (the templates' drop-down spelling).
"""

import re
from collections.abc import Callable, Iterable, Mapping

from apilos.conventions.enums import (
    FINANCEMENT_ALIASES,
    PRETEUR_IMPORT_LABELS,
    Financement,
    TypologieAnnexe,
    TypologieStationnement,
)
from apilos.imports.errors import CellError
from apilos.imports.text import normalize


class ChoiceSet:
    """Stable values with their export labels, extra accepted spellings and refused inputs."""

    def __init__(
        self,
        description: str,
        options: tuple[tuple[str, str], ...],
        *,
        aliases: Mapping[str, str] | None = None,
        refused: Mapping[str, str] | None = None,
        unlisted: frozenset[str] = frozenset(),
        key: Callable[[str], str] = normalize,
    ):
        self.description = description  # "un financement", used in messages
        self.options = options  # (value, export label), in drop-down order
        self.aliases = dict(aliases or {})  # other spelling -> value
        self.refused = dict(refused or {})  # spelling -> French reason
        self.unlisted = unlisted  # accepted values left out of the drop-down
        self.key = key
        self._labels = dict(options)
        self._lookup: dict[str, str] = {}
        for value, label in options:
            self._lookup[key(value)] = value
            self._lookup[key(label)] = value
        for alias, value in self.aliases.items():
            self._lookup[key(alias)] = value
        self._refused = {key(k): reason for k, reason in self.refused.items()}

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.options)

    @property
    def dropdown(self) -> list[str]:
        """Labels offered in the template's drop-down list."""
        return [label for value, label in self.options if value not in self.unlisted]

    def label(self, value: str) -> str:
        """The export label of a stored value."""
        try:
            return self._labels[value]
        except KeyError:
            raise ValueError(f"{value!r} n'est pas {self.description} connu.") from None

    def parse(self, raw: str) -> str:
        key = self.key(raw)
        if key in self._refused:
            raise CellError(self._refused[key])
        try:
            return self._lookup[key]
        except KeyError:
            raise CellError(f"« {raw} » n'est pas {self.description} reconnu.") from None

    def expected(self) -> str:
        return "une valeur de la liste déroulante : " + ", ".join(self.dropdown)


def _options(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple((v, v) for v in values)


# --- §4.1 Financements -----------------------------------------------------------------

FINANCEMENTS = tuple(Financement.values)


def financement_key(text: str) -> str:
    """'plus-cd', 'PLUS CD' and 'PLUS_CD' are the same code."""
    return re.sub(r"[\s_-]+", "_", normalize(text))


_PSH = {"PSH": "PSH n'est jamais conventionné : indiquez le financement de la convention."}

FINANCEMENT = ChoiceSet(
    description="un financement",
    options=_options(FINANCEMENTS),
    aliases=FINANCEMENT_ALIASES,
    refused=_PSH,
    key=financement_key,
)

EDD_FINANCEMENT = ChoiceSet(
    description="un financement d'EDD",
    options=_options(("PLUS", "PLAI", "PLS", "PLUS_CD", "SANS_FINANCEMENT")),
    refused=_PSH,
    unlisted=frozenset({"SANS_FINANCEMENT"}),
    key=financement_key,
)

# --- §4.5 Typologies -------------------------------------------------------------------


def typologie_key(text: str) -> str:
    """§4.5: case-insensitive, spaces ignored, leading T optional ('T1 bis' -> '1bis')."""
    key = normalize(text).replace(" ", "")
    return key[1:] if key.startswith("t") else key


_TYPOLOGIE_ALIASES = {
    "1prime": "T1prime",
    "5 et plus": "T5",
    "6": "T6",
    "6 et plus": "T6",
    "T6 et plus": "T6",
    "T1 bis": "T1bis",
}

TYPOLOGIE = ChoiceSet(
    description="un type de logement",
    options=(
        ("T1", "T1"),
        ("T1bis", "T1bis"),
        ("T1prime", "T1'"),
        ("T2", "T2"),
        ("T3", "T3"),
        ("T4", "T4"),
        ("T5", "T5"),
        ("T6", "T6 et plus"),
    ),
    aliases=_TYPOLOGIE_ALIASES,
    refused={"7": "T7 n'existe que pour les foyers et résidences : utilisez « T6 et plus »."},
    key=typologie_key,
)

TYPOLOGIE_FOYER = ChoiceSet(
    description="un type de logement",
    options=(
        ("T1", "T1"),
        ("T1bis", "T1 bis"),
        ("T1prime", "T1'"),
        ("T2", "T2"),
        ("T3", "T3"),
        ("T4", "T4"),
        ("T5", "T5"),
        ("T6", "T6"),
        ("T7", "T7"),
    ),
    aliases=_TYPOLOGIE_ALIASES,
    key=typologie_key,
)

# Annexes: the template's drop-down has no T1' but a logement may be one.
TYPOLOGIE_ANNEXE_LOGEMENT = ChoiceSet(
    description=TYPOLOGIE.description,
    options=TYPOLOGIE.options,
    aliases=TYPOLOGIE.aliases,
    refused=TYPOLOGIE.refused,
    unlisted=frozenset({"T1prime"}),
    key=typologie_key,
)

# --- §4.6 Annexes and stationnements -----------------------------------------------------

ANNEXE = ChoiceSet(
    description="un type d'annexe",
    # The template's drop-down order.
    options=tuple(
        (t.value, t.label)
        for t in (TypologieAnnexe.COUR, TypologieAnnexe.JARDIN, TypologieAnnexe.TERRASSE)
    ),
)

STATIONNEMENT = ChoiceSet(
    description="un type de stationnement",
    options=tuple(TypologieStationnement.choices),
    # Set by SIAP only; accepted so that an exported table imports again.
    unlisted=frozenset({"parking_superstructure"}),
)

# --- §4.8 Organismes financeurs ----------------------------------------------------------

PRETEUR = ChoiceSet(
    description="un organisme financeur",
    options=tuple(PRETEUR_IMPORT_LABELS.items()),
)
