"""R28 (avenant types) and R45 (dates in order)."""

from __future__ import annotations

from django.utils import timezone

from .constants import AVENANT_TERMINATION_TYPES
from .context import CheckContext
from .fmt import jour


def check_avenant_types(ctx: CheckContext) -> None:
    """R28: an avenant ticks at least one type (blocking at submission); dénonciation and
    résiliation admit no other type."""
    types = ctx.data.avenant_types
    if not types:
        ctx.add(
            "R28",
            ctx.soft,
            "Cochez au moins un type d'avenant : seuls les champs des types cochés sont "
            "modifiables.",
            "convention",
            None,
            "avenant_types",
        )
    elif types & AVENANT_TERMINATION_TYPES and len(types) > 1:
        ctx.block(
            "R28",
            "Une dénonciation ou une résiliation ne se combine avec aucun autre type d'avenant. "
            "Décochez les autres types.",
            "convention",
            None,
            "avenant_types",
        )


def check_dates(ctx: CheckContext) -> None:
    """R45: valide_le ≤ date_signature ≤ today; SPF dates in order; journal dates ≤ today."""
    convention, today = ctx.data.convention, ctx.today
    signature = convention.date_signature
    valide = timezone.localtime(convention.valide_le).date() if convention.valide_le else None
    if signature and signature > today:
        ctx.block(
            "R45",
            f"La date de signature ({jour(signature)}) est dans le futur. Saisissez la date à "
            "laquelle l'État a signé.",
            "convention",
            None,
            "date_signature",
        )
    if signature and valide and signature < valide:
        ctx.block(
            "R45",
            f"La date de signature ({jour(signature)}) précède la validation de la convention "
            f"({jour(valide)}). Corrigez la date de signature.",
            "convention",
            None,
            "date_signature",
        )
    for envoi in ctx.data.envois_spf:
        dates = [d for d in (signature, envoi.date_envoi, envoi.date_retour) if d]
        if dates != sorted(dates) or any(d > today for d in dates):
            ctx.block(
                "R45",
                f"Envoi au SPF du {jour(envoi.date_envoi)} : les dates doivent se suivre "
                "(signature, envoi, retour) sans dépasser aujourd'hui.",
                "envoispf",
                envoi.uuid,
                "date_retour",
            )
    for event in ctx.data.evenements:
        if event.survenu_le and event.survenu_le > today:
            ctx.block(
                "R45",
                f"Un événement du journal est daté du {jour(event.survenu_le)}, dans le futur. "
                "Corrigez sa date.",
                "evenement",
                event.uuid,
                "survenu_le",
            )
