"""Writes on organisations and users."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import Administration, Bailleur, User


@transaction.atomic
def organisation_settings_update(
    *, instance: Bailleur | Administration, data: dict[str, Any], by: User
) -> Bailleur | Administration:
    """Update an organisation's own signature settings; the history records who did it."""
    for name, value in data.items():
        setattr(instance, name, value)
    instance._history_user = by  # type: ignore[union-attr]
    instance.full_clean()
    instance.save()
    return instance
