"""The exchange thread between the bailleur and the administration, with attachments."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from apilos.accounts.models import Membership
from apilos.conventions.lifecycle.actors import BAILLEUR, INSTRUCTEUR
from apilos.conventions.models import Convention

from ..models import Message
from ._access import clean_text, require_side
from .notifications import notify_on_commit

PIECES_JOINTES = "pieces_jointes"
MAX_FILES = 10


def store_files(owner, files: Iterable[UploadedFile], by: Membership) -> list:
    from apilos.files.services import piece_jointe_create

    files = [f for f in files if f]
    if len(files) > MAX_FILES:
        raise ValidationError(f"Joignez au plus {MAX_FILES} fichiers à la fois.")
    stored = []
    for uploaded in files:
        try:
            stored.append(
                piece_jointe_create(
                    owner=owner, champ=PIECES_JOINTES, uploaded_file=uploaded, by=by.user
                )
            )
        except ValidationError as exc:
            raise ValidationError(f"{uploaded.name} : {' '.join(exc.messages)}") from exc
    return stored


@transaction.atomic
def message_post(
    *,
    convention: Convention,
    by: Membership,
    texte: str,
    prive: bool = False,
    fichiers: Iterable[UploadedFile] = (),
) -> Message:
    """Post to the thread; a private note is read only by the administration's people."""
    side = require_side(
        by,
        convention,
        {BAILLEUR, INSTRUCTEUR},
        "Votre rôle est en lecture seule : il ne permet pas d'écrire dans les échanges.",
    )
    if prive and side != INSTRUCTEUR:
        raise ValidationError(
            "Les notes privées sont réservées à l'administration.", code="forbidden"
        )
    message = Message(
        convention=convention, texte=clean_text(texte, label="le message"), prive=prive
    )
    message.set_actor(by)
    message.save()
    store_files(message, fichiers, by)
    notify_on_commit(f"message:{message.uuid}")
    return message
