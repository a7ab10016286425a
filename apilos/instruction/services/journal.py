"""Journal entries: typed events entered by the administration, and APiLos's own records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from apilos.accounts.models import Membership
from apilos.conventions.lifecycle.actors import INSTRUCTEUR
from apilos.conventions.models import Convention

from ..enums import TypeEvenement
from ..models import Evenement
from ._access import require_side
from .messages import store_files
from .notifications import notify_on_commit


@transaction.atomic
def evenement_create(
    *,
    convention: Convention,
    by: Membership,
    type: str,
    survenu_le: date | None,
    description: str = "",
    fichiers: Iterable[UploadedFile] = (),
) -> Evenement:
    """A manual journal entry (§4.13) dated no later than today (R45)."""
    require_side(
        by,
        convention,
        {INSTRUCTEUR},
        "Seule l'administration ajoute des événements au journal.",
    )
    errors = {}
    if type not in TypeEvenement.values:
        errors["type"] = "Choisissez le type d'événement dans la liste."
    if survenu_le is None:
        errors["survenu_le"] = "Indiquez la date de l'événement."
    elif survenu_le > timezone.localdate():
        errors["survenu_le"] = "La date de l'événement ne peut pas être dans le futur (R45)."
    description = (description or "").strip()
    if len(description) > 5000:
        errors["description"] = "La description compte au plus 5 000 caractères."
    if errors:
        raise ValidationError(errors)
    assert survenu_le is not None
    evenement = Evenement(
        convention=convention, type=type, survenu_le=survenu_le, description=description
    )
    evenement.set_actor(by)
    evenement.save()
    store_files(evenement, fichiers, by)
    return evenement


def record_event(
    *,
    convention: Convention,
    by: Membership | None,
    description: str,
    type: str = TypeEvenement.AUTRE,
    notify_key: str = "",
) -> Evenement:
    """An entry APiLos writes itself (re-routing, document requests…)."""
    evenement = Evenement(
        convention=convention,
        type=type,
        survenu_le=timezone.localdate(),
        description=description[:5000],
        automatique=True,
    )
    if by is not None:
        evenement.set_actor(by)
    else:
        evenement.organisation = "APiLos"
    evenement.save()
    if notify_key:
        notify_on_commit(f"{notify_key}:{evenement.uuid}")
    return evenement
