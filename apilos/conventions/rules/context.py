"""What every check receives: the loaded data, the moment of the check and the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from .data import ConventionData
from .report import AVERTISSEMENT, BLOQUANT, Report

SAISIE = "saisie"
SOUMISSION = "soumission"
VALIDATION = "validation"
MOMENTS = (SAISIE, SOUMISSION, VALIDATION)


@dataclass
class CheckContext:
    data: ConventionData
    moment: str
    today: date
    report: Report

    @property
    def soft(self) -> str:
        """ "A warning when saving, blocking at submission and validation" (R7, R17, R20c...)."""
        return AVERTISSEMENT if self.moment == SAISIE else BLOQUANT

    def add(
        self,
        rule: str,
        severity: str,
        message: str,
        objet: str,
        ligne_uuid: UUID | None = None,
        champ: str | None = None,
        *,
        etape: str = "",
    ) -> None:
        self.report.add(rule, severity, message, objet, ligne_uuid, champ, etape=etape)

    def block(self, rule: str, message: str, objet: str, ligne_uuid=None, champ=None, **kw) -> None:
        self.add(rule, BLOQUANT, message, objet, ligne_uuid, champ, **kw)

    def warn(self, rule: str, message: str, objet: str, ligne_uuid=None, champ=None, **kw) -> None:
        self.add(rule, AVERTISSEMENT, message, objet, ligne_uuid, champ, **kw)


def majority(values: list):
    """The reference value of a column: the most frequent one; on a tie, the one met first."""
    counts: dict = {}
    first: dict = {}
    for index, value in enumerate(values):
        counts[value] = counts.get(value, 0) + 1
        first.setdefault(value, index)
    return max(counts, key=lambda v: (counts[v], -first[v]))
