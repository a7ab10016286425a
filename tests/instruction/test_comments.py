"""Comment rules of domain.md §3.5, enforced by the services whatever the client sends."""

import pytest
from django.core.exceptions import ValidationError

from apilos.conventions.lifecycle import services
from apilos.conventions.lifecycle.errors import TransitionRefused
from apilos.instruction.enums import StatutCommentaire
from apilos.instruction.models import Commentaire
from apilos.instruction.services import comments
from tests.core.test_routes_permissions import ALL_ROLES

from .conftest import ACTING_INSTRUCTEURS, put

INSTRUCTEURS = set(ACTING_INSTRUCTEURS)


def _open(convention, by, **target):
    target.setdefault("objet", "convention")
    target.setdefault("champ", "signataire_nom")
    return comments.comment_create(convention=convention, by=by, message="À revoir.", **target)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_administration_opens_comments(world, dossier, role):
    """Instructeurs and administrateurs open comments; bailleurs, readers and partners cannot."""
    convention = put(dossier, "instruction")
    by = world["roles"][role]
    if role in INSTRUCTEURS:
        comment = _open(convention, by)
        assert comment.statut == StatutCommentaire.OUVERT
        assert comment.cree_par == by.user
        assert comment.etape == "bailleur"
        return
    with pytest.raises(ValidationError):
        _open(convention, by)
    assert not Commentaire.objects.filter(convention=convention).exists()


@pytest.mark.parametrize("statut", ["projet", "a_signer", "signee", "annulee"])
def test_comments_only_while_instructed(world, dossier, statut):
    """Comments are opened during instruction or correction only."""
    convention = put(dossier, statut)
    with pytest.raises(ValidationError, match="instruction ou la correction"):
        _open(convention, world["roles"]["instructeur"])


def test_comment_targets_exist_in_this_convention(world, dossier):
    """A target must be a commentable field, and a row of this very convention."""
    convention = put(dossier, "instruction")
    by = world["roles"]["instructeur"]
    logement = convention.lots.get().logements.first()
    row = _open(convention, by, objet="logement", champ="loyer", ligne_uuid=logement.uuid)
    assert row.etape == "logements"
    assert (
        row.cible_libelle == f"Logement {logement.designation} – loyer maximum (ou redevance) en €"
    )
    step = comments.comment_create(
        convention=convention, by=by, message="Revoir.", etape="cadastre"
    )
    assert (step.objet, step.etape, step.cible_libelle) == ("", "cadastre", "Étape « Cadastre »")
    other = put(world["convention"], "instruction")
    foreign = other.programme  # a row of another convention
    with pytest.raises(ValidationError, match="n'existe pas"):
        _open(convention, by, objet="logement", champ="loyer", ligne_uuid=foreign.uuid)
    with pytest.raises(ValidationError, match="n'existe pas"):
        _open(convention, by, champ="champ_inconnu")
    with pytest.raises(ValidationError, match="ne peut pas être commenté"):
        _open(convention, by, champ="numero")


def test_bailleur_resolves_instructeur_closes_and_reopens(world, dossier):
    """ouvert → résolu (bailleur, in correction) → clos (instructeur) → ouvert again."""
    convention = put(dossier, "instruction")
    instructeur, bailleur = world["roles"]["instructeur"], world["roles"]["bailleur"]
    comment = _open(convention, instructeur)
    with pytest.raises(ValidationError, match="pendant la correction"):
        comments.comment_resolve(commentaire=comment, by=bailleur)
    put(convention, "correction")
    with pytest.raises(ValidationError, match="bailleur"):
        comments.comment_resolve(commentaire=comment, by=instructeur)
    comment = comments.comment_resolve(commentaire=comment, by=bailleur)
    assert (comment.statut, comment.resolu_par) == ("resolu", bailleur.user)
    with pytest.raises(ValidationError, match="administration"):
        comments.comment_close(commentaire=comment, by=bailleur)
    comment = comments.comment_close(commentaire=comment, by=instructeur)
    assert (comment.statut, comment.clos_par) == ("clos", instructeur.user)
    with pytest.raises(ValidationError):
        comments.comment_reopen(commentaire=comment, by=bailleur)
    comment = comments.comment_reopen(commentaire=comment, by=instructeur)
    assert (comment.statut, comment.rouvert_par) == ("ouvert", instructeur.user)


@pytest.mark.parametrize("role", ["bailleur_lecteur", "instructeur_lecteur", "partenaire"])
def test_readers_neither_reply_nor_resolve(world, dossier, role):
    """Read-only roles and partners cannot reply to, resolve, close or reopen a comment."""
    convention = put(dossier, "correction")
    comment = _open(convention, world["roles"]["instructeur"])
    by = world["roles"][role]
    for action in (comments.comment_resolve, comments.comment_close, comments.comment_reopen):
        with pytest.raises(ValidationError):
            action(commentaire=comment, by=by)
    with pytest.raises(ValidationError):
        comments.comment_reply(commentaire=comment, by=by, message="Vu.")
    comment.refresh_from_db()
    assert comment.statut == "ouvert"
    assert not comment.reponses.exists()


def test_replies_from_both_sides_until_closed(world, dossier):
    """Both sides reply to a thread; a closed thread takes no more replies."""
    convention = put(dossier, "correction")
    instructeur, bailleur = world["roles"]["instructeur"], world["roles"]["bailleur"]
    comment = _open(convention, instructeur)
    comments.comment_reply(commentaire=comment, by=bailleur, message="C'est corrigé.")
    comments.comment_reply(commentaire=comment, by=instructeur, message="Merci.")
    assert [r.message for r in comment.reponses.all()] == ["C'est corrigé.", "Merci."]
    comments.comment_close(commentaire=comment, by=instructeur)
    with pytest.raises(ValidationError, match="clos"):
        comments.comment_reply(commentaire=comment, by=bailleur, message="Encore une chose.")


def test_only_the_author_edits_an_open_comment(world, dossier):
    """The author rewrites the comment while it is open; nobody else, and not once resolved."""
    convention = put(dossier, "correction")
    author, colleague = world["roles"]["instructeur"], world["roles"]["instructeur_signataire"]
    comment = _open(convention, author)
    with pytest.raises(ValidationError, match="auteur"):
        comments.comment_edit(commentaire=comment, by=colleague, message="Autre texte.")
    comment = comments.comment_edit(commentaire=comment, by=author, message="Texte précisé.")
    assert comment.message == "Texte précisé."
    assert comment.modifie_le is not None
    comments.comment_resolve(commentaire=comment, by=world["roles"]["bailleur"])
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        comments.comment_edit(commentaire=comment, by=author, message="Trop tard.")


def test_corrections_need_an_open_comment_or_a_message(world, dossier):
    """Requesting corrections with neither an open comment nor a message is refused."""
    convention = put(dossier, "instruction")
    instructeur = world["roles"]["instructeur"]
    with pytest.raises(TransitionRefused, match="commentaire"):
        services.convention_request_corrections(convention=convention, by=instructeur)
    _open(convention, instructeur)
    convention = services.convention_request_corrections(convention=convention, by=instructeur)
    assert convention.statut == "correction"


def test_validation_waits_for_open_comments_and_closes_resolved_ones(world, dossier):
    """An open comment blocks validation; on validation resolved comments become closed."""
    convention = put(dossier, "correction")
    instructeur, bailleur = world["roles"]["instructeur"], world["roles"]["bailleur"]
    first, second = _open(convention, instructeur), _open(convention, instructeur, champ="adresse")
    with pytest.raises(TransitionRefused, match="2 commentaires encore ouverts"):
        services.convention_validate(convention=convention, by=instructeur)
    comments.comment_resolve(commentaire=first, by=bailleur)
    comments.comment_close(commentaire=second, by=instructeur)
    services.convention_validate(convention=convention, by=instructeur)
    first.refresh_from_db()
    assert (first.statut, first.clos_par) == ("clos", instructeur.user)
