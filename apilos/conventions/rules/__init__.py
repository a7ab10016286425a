"""The rules engine of the conventions APL (domain.md §5). No HTTP in here.

`convention_check(convention, moment=...)` returns a `Report` of `Finding`s, each tied to a
field; the pure computations live in `computations`.
"""

from .engine import check_data, convention_check
from .report import AVERTISSEMENT, BLOQUANT, STEPS, FieldAddress, Finding, Report

__all__ = [
    "AVERTISSEMENT",
    "BLOQUANT",
    "STEPS",
    "FieldAddress",
    "Finding",
    "Report",
    "check_data",
    "convention_check",
]
