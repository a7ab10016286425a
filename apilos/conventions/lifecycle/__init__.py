"""The convention lifecycle (domain.md §2): one declared table and the services enforcing it.

Import the services from `apilos.conventions.lifecycle.services` and the table from
`apilos.conventions.lifecycle.table`; this package holds code only, no models (the rows it
writes live in `apilos.instruction`).
"""

from .errors import TransitionRefused

__all__ = ["TransitionRefused"]
