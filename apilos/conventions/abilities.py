"""What the active role may do on one convention (domain.md §1.2 and §2.2).

`convention_abilities` feeds views, the API and templates alike; `assert_can_edit` is the
server-side lock every write path calls (forms, import, API), whatever the page showed.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError

from apilos.accounts.models import Membership

from .enums import EN_COURS, Statut, statut_label
from .lifecycle import table
from .lifecycle.actors import BAILLEUR, INSTRUCTEUR, STAFF, acting_side, is_administration_side
from .models import Convention
from .selectors import convention_visible
from .targets import COMMENTAIRES_STEP, EVERYTHING, Target, describe

__all__ = [
    "EditRefused",
    "Target",
    "assert_can_edit",
    "can_edit",
    "convention_abilities",
    "editable_targets",
]

COMMENT_STATUTS = frozenset({Statut.INSTRUCTION, Statut.CORRECTION})
ABILITY_KEYS = (
    "view",
    "edit",
    "comment",
    "reply",
    "resolve_comments",
    "message",
    "private_note",
    "add_event",
    "reroute",
    "sign",
    "read_private",
    *table.BY_NAME,
)


class EditRefused(ValidationError):
    """A write outside the role's edit rights; the message names the field."""


def convention_abilities(membership: Membership | None, convention: Convention) -> dict[str, bool]:
    abilities = dict.fromkeys(ABILITY_KEYS, False)
    if not convention_visible(membership, convention):
        return abilities
    abilities["view"] = True
    side = acting_side(membership)
    statut = convention.statut
    abilities["edit"] = bool(_scope(side, statut))
    abilities["comment"] = side == INSTRUCTEUR and statut in COMMENT_STATUTS
    abilities["reply"] = side in (BAILLEUR, INSTRUCTEUR) and statut in COMMENT_STATUTS
    abilities["resolve_comments"] = side == BAILLEUR and statut == Statut.CORRECTION
    abilities["message"] = side in (BAILLEUR, INSTRUCTEUR)
    abilities["private_note"] = side == INSTRUCTEUR
    abilities["add_event"] = side == INSTRUCTEUR
    abilities["reroute"] = side == INSTRUCTEUR and statut in EN_COURS
    for t in table.allowed_transitions(membership, convention):
        abilities[t.name] = True
    abilities["sign"] = abilities["mark_signed"]
    abilities["read_private"] = is_administration_side(membership)
    return abilities


def _scope(side: str | None, statut: str) -> str:
    """'all', 'comments' (correction scope, R44) or '' (nothing), per the edit-rights table."""
    if side in (INSTRUCTEUR, STAFF):
        return "all" if statut in EN_COURS else ""
    if side == BAILLEUR:
        if statut == Statut.PROJET:
            return "all"
        if statut == Statut.CORRECTION:
            return "comments"
    return ""


def editable_targets(membership: Membership | None, convention: Convention) -> set[Target]:
    """What this role may change now, as targets.

    `{EVERYTHING}` when every field is open; in correction, for the bailleur, the targets of
    `ouvert` and `resolu` comments plus the Commentaires step (R44); otherwise nothing.
    """
    from apilos.instruction.enums import StatutCommentaire

    if not convention_visible(membership, convention):
        return set()
    scope = _scope(acting_side(membership), convention.statut)
    if scope == "all":
        return {EVERYTHING}
    if scope != "comments":
        return set()
    comments = convention.commentaires_instruction.filter(
        statut__in=[StatutCommentaire.OUVERT, StatutCommentaire.RESOLU]
    )
    return {c.target for c in comments} | {COMMENTAIRES_STEP}


def can_edit(
    membership: Membership | None,
    convention: Convention,
    objet: str,
    champ: str = "",
    ligne_uuid: UUID | str | None = None,
    *,
    targets: set[Target] | None = None,
) -> bool:
    """Pass `targets` (from editable_targets) when checking many fields at once."""
    targets = editable_targets(membership, convention) if targets is None else targets
    return any(t.covers(objet, champ, ligne_uuid) for t in targets)


def assert_can_edit(
    membership: Membership | None,
    convention: Convention,
    objet: str,
    champ: str = "",
    ligne_uuid: UUID | str | None = None,
    *,
    targets: set[Target] | None = None,
) -> None:
    """Raise EditRefused, naming the field, unless this role may change it now."""
    if can_edit(membership, convention, objet, champ, ligne_uuid, targets=targets):
        return
    what = describe(objet, champ, ligne_uuid, convention)
    side = acting_side(membership)
    statut = statut_label(convention.statut)
    if not convention_visible(membership, convention):
        reason = "cette convention n'existe pas ou ne vous est pas accessible."
    elif side is None:
        reason = "votre rôle est en lecture seule."
    elif _scope(side, convention.statut) == "comments":
        reason = (
            "pendant la correction, seuls les éléments visés par un commentaire ouvert ou "
            "résolu, et l'étape « Commentaires », sont modifiables. Demandez à l'instructeur "
            "d'ouvrir un commentaire sur ce champ, ou répondez-lui dans les échanges."
        )
    elif convention.statut in EN_COURS:
        reason = (
            f"la convention est « {statut} » : elle est entre les mains de l'administration, "
            "qui peut vous demander des corrections."
        )
    else:
        reason = (
            f"la convention est « {statut} » : son contenu est figé. Pour le modifier, "
            "l'administration doit la repasser en instruction, ou un avenant doit être ouvert "
            "une fois la convention signée."
        )
    raise EditRefused(f"{what} ne peut pas être modifié : {reason}", code="edit_refused")
