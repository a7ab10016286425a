"""Comment rules of domain.md §3.5, enforced here whatever the client sends.

Instructeur: opens a comment, closes or reopens it. Bailleur: replies and marks it resolved.
The author edits it while it is still open.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apilos.accounts.models import Membership
from apilos.conventions.enums import Statut
from apilos.conventions.lifecycle.actors import BAILLEUR, INSTRUCTEUR
from apilos.conventions.models import Convention
from apilos.conventions.targets import describe, validate_target

from ..enums import StatutCommentaire
from ..models import Commentaire, ReponseCommentaire
from ._access import clean_text, require_side
from .notifications import notify_on_commit

ACTIVE = frozenset({Statut.INSTRUCTION, Statut.CORRECTION})


def _require_active(convention: Convention, action: str) -> None:
    if convention.statut not in ACTIVE:
        raise ValidationError(
            f"Impossible de {action} : les commentaires ne se traitent que pendant "
            "l'instruction ou la correction.",
            code="statut",
        )


@transaction.atomic
def comment_create(
    *,
    convention: Convention,
    by: Membership,
    message: str,
    objet: str = "",
    champ: str = "",
    ligne_uuid: UUID | str | None = None,
    etape: str = "",
) -> Commentaire:
    """Open a comment on a field, a row, a whole table or a whole step."""
    require_side(
        by,
        convention,
        {INSTRUCTEUR},
        "Seule l'administration ouvre des commentaires ; répondez plutôt à un commentaire "
        "existant ou écrivez dans les échanges.",
    )
    _require_active(convention, "ouvrir un commentaire")
    text = clean_text(message, label="le commentaire")
    etape = validate_target(convention, objet, champ, ligne_uuid, etape)
    commentaire = Commentaire(
        convention=convention,
        objet=objet,
        champ=champ if objet else "",
        ligne_uuid=ligne_uuid or None,
        etape=etape,
        cible_libelle=describe(objet, champ if objet else etape, ligne_uuid, convention)[:255],
        message=text,
    )
    commentaire.set_actor(by)
    commentaire.save()
    if convention.statut == Statut.CORRECTION:
        notify_on_commit(f"commentaire:{commentaire.uuid}")
    return commentaire


def _locked(commentaire: Commentaire) -> Commentaire:
    return (
        Commentaire.objects.select_for_update(of=("self",))
        .select_related("convention__programme")
        .get(pk=commentaire.pk)
    )


@transaction.atomic
def comment_reply(*, commentaire: Commentaire, by: Membership, message: str) -> ReponseCommentaire:
    commentaire = _locked(commentaire)
    require_side(
        by,
        commentaire.convention,
        {BAILLEUR, INSTRUCTEUR},
        "Votre rôle est en lecture seule : il ne permet pas de répondre aux commentaires.",
    )
    _require_active(commentaire.convention, "répondre")
    if commentaire.statut == StatutCommentaire.CLOS:
        raise ValidationError(
            "Ce commentaire est clos : pour poursuivre, l'instructeur doit le rouvrir.",
            code="clos",
        )
    reponse = ReponseCommentaire(
        commentaire=commentaire, message=clean_text(message, label="la réponse")
    )
    reponse.set_actor(by)
    reponse.save()
    notify_on_commit(f"reponse:{reponse.uuid}")
    return reponse


def _set_status(
    commentaire: Commentaire, statut: str, who_field: str, when_field: str, by
) -> Commentaire:
    commentaire.statut = statut
    setattr(commentaire, who_field, by.user)
    setattr(commentaire, when_field, timezone.now())
    commentaire.save(update_fields=["statut", who_field, when_field, "mis_a_jour_le"])
    return commentaire


@transaction.atomic
def comment_resolve(*, commentaire: Commentaire, by: Membership) -> Commentaire:
    """Bailleur: ouvert → résolu, while the convention is in correction."""
    commentaire = _locked(commentaire)
    require_side(
        by,
        commentaire.convention,
        {BAILLEUR},
        "C'est le bailleur qui marque un commentaire comme résolu ; l'administration le clôt.",
    )
    if commentaire.convention.statut != Statut.CORRECTION:
        raise ValidationError(
            "Un commentaire se marque comme résolu pendant la correction seulement.",
            code="statut",
        )
    if commentaire.statut != StatutCommentaire.OUVERT:
        raise ValidationError(
            f"Ce commentaire est déjà {commentaire.get_statut_display().lower()}.", code="statut"
        )
    return _set_status(commentaire, StatutCommentaire.RESOLU, "resolu_par", "resolu_le", by)


@transaction.atomic
def comment_close(*, commentaire: Commentaire, by: Membership) -> Commentaire:
    """Instructeur: ouvert or résolu → clos."""
    commentaire = _locked(commentaire)
    require_side(
        by,
        commentaire.convention,
        {INSTRUCTEUR},
        "Seule l'administration clôt un commentaire ; marquez-le plutôt comme résolu.",
    )
    _require_active(commentaire.convention, "clore le commentaire")
    if commentaire.statut == StatutCommentaire.CLOS:
        raise ValidationError("Ce commentaire est déjà clos.", code="statut")
    return _set_status(commentaire, StatutCommentaire.CLOS, "clos_par", "clos_le", by)


@transaction.atomic
def comment_reopen(*, commentaire: Commentaire, by: Membership) -> Commentaire:
    """Instructeur: résolu or clos → ouvert."""
    commentaire = _locked(commentaire)
    require_side(
        by,
        commentaire.convention,
        {INSTRUCTEUR},
        "Seule l'administration rouvre un commentaire ; répondez-y pour relancer l'échange.",
    )
    _require_active(commentaire.convention, "rouvrir le commentaire")
    if commentaire.statut == StatutCommentaire.OUVERT:
        raise ValidationError("Ce commentaire est déjà ouvert.", code="statut")
    return _set_status(commentaire, StatutCommentaire.OUVERT, "rouvert_par", "rouvert_le", by)


@transaction.atomic
def comment_edit(*, commentaire: Commentaire, by: Membership, message: str) -> Commentaire:
    """Its author rewrites a comment while it is still open."""
    commentaire = _locked(commentaire)
    require_side(
        by,
        commentaire.convention,
        {INSTRUCTEUR},
        "Seul l'auteur d'un commentaire peut le modifier.",
    )
    if commentaire.cree_par_id != by.user_id:
        raise ValidationError("Seul l'auteur d'un commentaire peut le modifier.", code="auteur")
    if commentaire.statut != StatutCommentaire.OUVERT:
        raise ValidationError(
            "Un commentaire résolu ou clos ne se modifie plus : rouvrez-le ou répondez-y.",
            code="statut",
        )
    _require_active(commentaire.convention, "modifier le commentaire")
    commentaire.message = clean_text(message, label="le commentaire")
    commentaire.modifie_le = timezone.now()
    commentaire.save(update_fields=["message", "modifie_le", "mis_a_jour_le"])
    return commentaire
