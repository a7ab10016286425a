"""Template helpers of the guided entry: findings by input id, French numbers, cells."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import number_format

from ..forms.base import fr_decimal

register = template.Library()


@register.filter
def findings(placed, key: str) -> list:
    """The rules-engine findings placed on the input (or row) with this id."""
    if placed is None:
        return []
    return placed.by_anchor.get(key, [])


@register.filter
def get(mapping, key):
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def fr_number(value, places: int = 2) -> str:
    """1234.5 → '1 234,50' (non-breaking spaces); empty stays empty."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and places == 0:
        return number_format(value, 0, use_l10n=True, force_grouping=True)
    return fr_decimal(Decimal(value), int(places))


@register.filter
def heure(value: datetime | None) -> str:
    """'14 h 32' in Paris time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local.hour} h {local.minute:02d}"


@register.filter
def bf(form, name: str):
    """The bound field `name` of a form, or None when the form has no such field."""
    if form is None or name not in form.fields:
        return None
    return form[name]


@register.filter
def computed(form, name: str):
    return form.computed().get(name) if form is not None else None


@register.filter
def can_create_convention(membership) -> bool:
    """Whether the active role may start a convention (bailleur or acting instructeur)."""
    from ..views.start import CREATORS

    return membership is not None and membership.role in CREATORS
