"""`convention_check`: every §5 rule that applies to the convention, in one report.

Which rule runs depends on the family (ordinaire / foyer / résidence) and, for an avenant, on
its ticked types (R28: only the ticked types' fields can change, so only their rules run).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from . import annexes, edd, financement, foyers, identite, logements, ordinaires, suivi
from .constants import AVENANT_TERMINATION_TYPES, FOYER, ORDINAIRE, RESIDENCE
from .context import MOMENTS, CheckContext
from .data import ConventionData, load_convention_data
from .report import Report

ALL = frozenset({ORDINAIRE, FOYER, RESIDENCE})
HEBERGES = frozenset({FOYER, RESIDENCE})
ATTRIBUTION = "attribution"  # the avenant type depends on the family


@dataclass(frozen=True)
class Check:
    run: Callable[[CheckContext], None]
    rules: str
    familles: frozenset[str] = ALL
    avenant_type: str | None = None  # None: always runs on avenants too
    avenant_only: bool = False

    def applies(self, data: ConventionData) -> bool:
        if data.famille not in self.familles:
            return False
        if not data.is_avenant:
            return not self.avenant_only
        types = data.avenant_types
        if types & AVENANT_TERMINATION_TYPES:
            # A termination changes no content (R31/R32 are checked by its own feature).
            return self.avenant_type is None
        if self.avenant_type is None:
            return True
        wanted = self.avenant_type
        if wanted == ATTRIBUTION:
            wanted = "foyer_attribution" if data.famille == FOYER else "residence_attribution"
        return wanted in types


CHECKS: tuple[Check, ...] = (
    Check(suivi.check_avenant_types, "R28", avenant_only=True),
    Check(identite.check_type_convention, "R40", frozenset({ORDINAIRE}), "bailleur"),
    Check(identite.check_bailleur, "R41", avenant_type="bailleur"),
    Check(identite.check_outre_mer, "R36", avenant_type="programme"),
    Check(identite.check_operation, "R42", avenant_type="programme"),
    Check(identite.check_cadastre, "R43", avenant_type="cadastre"),
    Check(edd.check_edd_only_with_spf, "R22", avenant_type="edd"),
    Check(edd.check_edd, "R20", avenant_type="edd"),
    Check(financement.check_prets, "R16", avenant_type="duree"),
    Check(financement.check_cdc, "R17", avenant_type="duree"),
    Check(financement.check_date_fin, "R18", avenant_type="duree"),
    Check(logements.check_designations, "R6", avenant_type="logements"),
    Check(logements.check_counts, "R7", avenant_type="logements"),
    Check(logements.check_tables, "R8", avenant_type="logements"),
    Check(
        ordinaires.check_ordinary_rows,
        "R1 R2 R3 R4 R5 PLAFOND",
        frozenset({ORDINAIRE}),
        "logements",
    ),
    Check(foyers.check_redevances, "R9", HEBERGES, "logements"),
    Check(foyers.check_surface_totale, "R10", HEBERGES, "logements"),
    Check(annexes.check_annexes, "R13", avenant_type="logements"),
    Check(annexes.check_locaux_collectifs, "R15", avenant_type="logements"),
    Check(annexes.check_stationnements, "R14", avenant_type="stationnement"),
    Check(foyers.check_attribution, "R11", HEBERGES, ATTRIBUTION),
    Check(foyers.check_variantes, "R12", HEBERGES, "variantes"),
    Check(suivi.check_dates, "R45"),
)


def check_data(
    data: ConventionData, *, moment: str = "saisie", today: date | None = None
) -> Report:
    """Run the rules on already loaded data (see `load_convention_data`)."""
    if moment not in MOMENTS:
        raise ValueError(f"Moment inconnu : {moment!r} (attendu : {', '.join(MOMENTS)}).")
    today = today or timezone.localdate()
    report = Report(moment=moment, convention_uuid=data.uuid)
    ctx = CheckContext(data=data, moment=moment, today=today, report=report)
    for check in CHECKS:
        if check.applies(data):
            check.run(ctx)
    return report


def convention_check(
    convention: Any, *, moment: str = "saisie", today: date | None = None
) -> Report:
    """Check a convention (or an avenant) against every §5 rule that applies to it.

    `moment`: "saisie" (saving a step), "soumission" or "validation"; some rules warn when
    saving and block at submission (R7, R17, R18 missing date, R20c, R28, R40...)."""
    if moment not in MOMENTS:
        raise ValueError(f"Moment inconnu : {moment!r} (attendu : {', '.join(MOMENTS)}).")
    today = today or timezone.localdate()
    return check_data(load_convention_data(convention, year=today.year), moment=moment, today=today)
