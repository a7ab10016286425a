"""Writes on conventions: keyword-only functions, each in one transaction."""

from .numbering import convention_number_assign, convention_number_propose
from .versions import convention_new_version

__all__ = ["convention_new_version", "convention_number_assign", "convention_number_propose"]
