"""Guards of the transition table (domain.md §2.2).

A guard is `guard(convention, by, params) -> list[str]`: the French reasons it refuses, each
saying what is wrong and how to fix it; an empty list lets the transition through.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone

from ..enums import Statut

Guard = Callable[[Any, Any, dict], list[str]]
MAX_LISTED = 5


def rules_pass(moment: str) -> Guard:
    """No blocking finding from the rules engine at this moment (soumission, validation)."""

    def guard(convention, by, params) -> list[str]:
        from ..rules import convention_check

        blocking = list(convention_check(convention, moment=moment).blocking)
        if not blocking:
            return []
        lines = [f"{f.message}" for f in blocking[:MAX_LISTED]]
        more = len(blocking) - MAX_LISTED
        head = (
            f"{len(blocking)} erreur{'s' if len(blocking) > 1 else ''} bloquante"
            f"{'s' if len(blocking) > 1 else ''} à corriger d'abord (voir le récapitulatif) :"
        )
        tail = [f"… et {more} autre{'s' if more > 1 else ''}."] if more > 0 else []
        return [head, *lines, *tail]

    guard.__doc__ = f"Les règles de gestion passent (moment : {moment})."
    return guard


def open_comment_or_message(convention, by, params) -> list[str]:
    """Corrections are requested about at least one open comment, or with a message."""
    from apilos.instruction.enums import StatutCommentaire

    has_open = convention.commentaires_instruction.filter(statut=StatutCommentaire.OUVERT).exists()
    if has_open or (params.get("message") or "").strip():
        return []
    return [
        "Ouvrez au moins un commentaire sur ce qui doit être corrigé, ou écrivez un message "
        "au bailleur expliquant ce qu'il doit faire."
    ]


def no_open_comment(convention, by, params) -> list[str]:
    """Validation waits until every comment is resolved or closed."""
    from apilos.instruction.enums import StatutCommentaire

    count = convention.commentaires_instruction.filter(statut=StatutCommentaire.OUVERT).count()
    if not count:
        return []
    return [
        f"{count} commentaire{'s' if count > 1 else ''} encore ouvert{'s' if count > 1 else ''} : "
        "clôturez-les, ou demandez des corrections au bailleur."
    ]


def avenant_created_by_instructeur(convention, by) -> bool:
    """An instructeur submits only an avenant their side opened (domain.md §2.2)."""
    from apilos.accounts.models import Membership

    from .actors import ACTING_ROLES, INSTRUCTEUR

    if not convention.is_avenant or convention.cree_par_id is None:
        return False
    roles = [r for r, side in ACTING_ROLES.items() if side == INSTRUCTEUR]
    return Membership.objects.filter(
        user_id=convention.cree_par_id,
        role__in=roles,
        administration_id=convention.programme.administration_id,
        is_active=True,
    ).exists()


def _as_date(value) -> date | None:
    return value if isinstance(value, date) else None


def signature_valid(convention, by, params) -> list[str]:
    """R45 and the signed file: valide_le ≤ date_signature ≤ today."""
    errors = []
    signed_on = _as_date(params.get("date_signature"))
    today = timezone.localdate()
    if signed_on is None:
        errors.append("Indiquez la date de signature par l'État.")
    elif signed_on > today:
        errors.append("La date de signature ne peut pas être dans le futur (R45).")
    elif convention.valide_le and signed_on < timezone.localtime(convention.valide_le).date():
        errors.append(
            "La date de signature ne peut pas précéder la validation du "
            f"{timezone.localtime(convention.valide_le):%d/%m/%Y} (R45)."
        )
    if not params.get("fichier"):
        errors.append("Joignez la convention signée (PDF scanné ou signé électroniquement).")
    return errors


def not_sent_to_spf(convention, by, params) -> list[str]:
    if convention.envois_spf.exists():
        return [
            "La convention a déjà été envoyée au service de la publicité foncière : "
            "sa signature ne peut plus être annulée."
        ]
    return []


def spf_applicable(convention, by, params) -> list[str]:
    """R25: publication at the SPF applies to this convention."""
    from ..rules.spf import spf_applicable as applies

    programme = convention.programme
    if applies(
        programme.nature_logement,
        programme.bailleur.nature,
        statut=convention.statut,
        deja_envoyee=convention.envois_spf.exists(),
    ):
        return []
    return [
        "La publication au fichier immobilier ne s'applique pas à cette convention (R25) : "
        "elle n'a pas à être envoyée au SPF."
    ]


def spf_sent_on_valid(convention, by, params) -> list[str]:
    sent_on = _as_date(params.get("date_envoi"))
    if sent_on is None:
        return ["Indiquez la date d'envoi au SPF."]
    if sent_on > timezone.localdate():
        return ["La date d'envoi au SPF ne peut pas être dans le futur (R45)."]
    if convention.date_signature and sent_on < convention.date_signature:
        return [
            "La date d'envoi au SPF ne peut pas précéder la signature du "
            f"{convention.date_signature:%d/%m/%Y} (R45)."
        ]
    return []


def pending_envoi(convention):
    return convention.envois_spf.filter(resultat="").order_by("-date_envoi", "-pk").first()


def spf_return_valid(convention, by, params) -> list[str]:
    """SPF dates in order: envoi ≤ retour ≤ today (R45)."""
    envoi = pending_envoi(convention)
    if envoi is None:
        return ["Aucun envoi au SPF n'est en attente de retour : enregistrez d'abord l'envoi."]
    returned_on = _as_date(params.get("date_retour"))
    if returned_on is None:
        return ["Indiquez la date de retour du SPF."]
    if returned_on > timezone.localdate():
        return ["La date de retour du SPF ne peut pas être dans le futur (R45)."]
    if returned_on < envoi.date_envoi:
        return [
            f"La date de retour ne peut pas précéder l'envoi du {envoi.date_envoi:%d/%m/%Y} (R45)."
        ]
    return []


def publication_complete(convention, by, params) -> list[str]:
    errors = []
    reference = (params.get("reference_spf") or "").strip()
    if not reference:
        errors.append("Indiquez la référence de publication donnée par le SPF.")
    elif len(reference) > 50:
        errors.append("La référence de publication compte au plus 50 caractères.")
    if not params.get("fichier"):
        errors.append("Joignez le document publié renvoyé par le SPF.")
    return errors


def refusal_motif(convention, by, params) -> list[str]:
    if len((params.get("message") or "").strip()) > 1000:
        return ["Le motif du refus compte au plus 1 000 caractères."]
    return []


def never_numbered(convention, by, params) -> list[str]:
    if convention.numero:
        return [
            f"Cette convention a reçu le numéro {convention.numero} : elle reste annulée "
            "pour que ce numéro ne soit jamais réutilisé (R33)."
        ]
    return []


def cancelled_from(convention) -> str | None:
    """The status a cancelled convention left (for "whoever could cancel")."""
    row = (
        convention.historique_statuts.filter(vers=Statut.ANNULEE)
        .order_by("-survenu_le", "-pk")
        .first()
    )
    return row.de if row else None
