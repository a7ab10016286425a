"""Bounds shared by models, forms and imports, with French messages.

Django's Min/MaxValueValidator are inclusive; the domain also needs strict bounds (0 < x < 10).
"""

from __future__ import annotations

from django.core.validators import BaseValidator
from django.db.models import Q
from django.utils.deconstruct import deconstructible


@deconstructible
class GreaterThanValidator(BaseValidator):
    message = "Assurez-vous que cette valeur est strictement supérieure à %(limit_value)s."
    code = "greater_than"

    def compare(self, a, b) -> bool:
        return a <= b


@deconstructible
class LessThanValidator(BaseValidator):
    message = "Assurez-vous que cette valeur est strictement inférieure à %(limit_value)s."
    code = "less_than"

    def compare(self, a, b) -> bool:
        return a >= b


def bounds_q(field: str, *, gt=None, gte=None, lt=None, lte=None) -> Q:
    """The CheckConstraint condition matching the validators; NULL passes (SQL semantics)."""
    condition = Q()
    for lookup, limit in (("gt", gt), ("gte", gte), ("lt", lt), ("lte", lte)):
        if limit is not None:
            condition &= Q(**{f"{field}__{lookup}": limit})
    return condition | Q(**{f"{field}__isnull": True})
