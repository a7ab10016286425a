"""Notifications of domain.md §2.5: the right people, after commit, never twice."""

import pytest
from django.core import mail

from apilos.accounts.enums import NotificationPreference
from apilos.conventions.lifecycle import services
from apilos.instruction.models import HistoriqueStatut, Notification
from apilos.instruction.services import comments, messages
from apilos.instruction.services.notifications import deliver

from .conftest import put


def _recipients(cle_prefix="statut:"):
    return {n.destinataire for n in Notification.objects.filter(cle__startswith=cle_prefix)}


def _users(world, *roles):
    return {world["roles"][r].user for r in roles}


def _set_preference(world, role, preference):
    user = world["roles"][role].user
    user.preference_notification = preference
    user.save()


def test_first_submission_tells_every_instructeur(
    world, dossier, django_capture_on_commit_callbacks
):
    """On first submission every 'tous' or 'partiel' instructeur of the administration hears of
    it, by e-mail too; 'aucun' and the other side hear nothing."""
    _set_preference(world, "instructeur_lecteur", NotificationPreference.AUCUN)
    with django_capture_on_commit_callbacks(execute=True):
        services.convention_submit(convention=dossier, by=world["roles"]["bailleur"])
    assert _recipients() == _users(world, "instructeur", "instructeur_signataire")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in _users(world, "instructeur", "instructeur_signataire")
    )
    assert mail.outbox[0].subject.startswith("[APiLos] Convention soumise à l'instruction")


def test_nothing_is_sent_before_commit(world, dossier, django_capture_on_commit_callbacks):
    """The request never waits: notifications are handed over once the transaction commits."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.convention_submit(convention=dossier, by=world["roles"]["bailleur"])
    assert len(callbacks) == 1
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_an_event_is_never_delivered_twice(world, dossier, django_capture_on_commit_callbacks):
    """Delivering the same event again (a retried task) creates and sends nothing more."""
    with django_capture_on_commit_callbacks(execute=True):
        services.convention_submit(convention=dossier, by=world["roles"]["bailleur"])
    row = HistoriqueStatut.objects.get(convention=dossier)
    count, sent = Notification.objects.count(), len(mail.outbox)
    assert count == sent == 3
    assert deliver(f"statut:{row.uuid}") == 0
    assert (Notification.objects.count(), len(mail.outbox)) == (count, sent)


def test_correction_request_reaches_the_bailleur_with_the_message(
    world, dossier, django_capture_on_commit_callbacks
):
    """Corrections requested: the bailleur's people hear of it, with the instructeur's message."""
    convention = put(dossier, "instruction")
    with django_capture_on_commit_callbacks(execute=True):
        services.convention_request_corrections(
            convention=convention, by=world["roles"]["instructeur"], message="Revoir les loyers."
        )
    assert _recipients() == _users(world, "bailleur", "bailleur_lecteur")
    assert all("Revoir les loyers." in m.body for m in mail.outbox)


def test_partiel_follows_the_conventions_one_acted_on(
    world, dossier, django_capture_on_commit_callbacks
):
    """Once someone on a side acted on the convention, 'partiel' people who did not are left out,
    and 'tous' people still hear of everything."""
    convention = put(dossier, "correction")
    _set_preference(world, "instructeur_signataire", NotificationPreference.TOUS)
    HistoriqueStatut.objects.create(
        convention=convention,
        transition="request_corrections",
        de="instruction",
        vers="correction",
        cree_par=world["roles"]["instructeur"].user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.convention_resubmit(convention=convention, by=world["roles"]["bailleur"])
    assert _recipients() == _users(world, "instructeur", "instructeur_signataire")


def test_aucun_keeps_the_in_app_notification_without_email(
    world, dossier, django_capture_on_commit_callbacks
):
    """A follower who wants no e-mail still finds the notification in APiLos."""
    convention = put(dossier, "instruction")
    _set_preference(world, "bailleur", NotificationPreference.AUCUN)
    comments.comment_create(
        convention=convention, by=world["roles"]["instructeur"], message="Voir.", etape="cadastre"
    )
    messages.message_post(
        convention=convention, by=world["roles"]["bailleur"], texte="Question sur le cadastre."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.convention_request_corrections(
            convention=convention, by=world["roles"]["instructeur"]
        )
    bailleur = world["roles"]["bailleur"].user
    assert Notification.objects.filter(destinataire=bailleur, cle__startswith="statut:").exists()
    assert bailleur.email not in [m.to[0] for m in mail.outbox]


def test_validation_tells_the_bailleur_how_to_sign(
    world, dossier, django_capture_on_commit_callbacks
):
    """Validation: the bailleur hears of the number, then gets the document to sign with the
    number of originals (the documents module's e-mail)."""
    convention = put(dossier, "instruction")
    with django_capture_on_commit_callbacks(execute=True):
        convention = services.convention_validate(
            convention=convention, by=world["roles"]["instructeur"]
        )
    email = world["roles"]["bailleur"].user.email
    notice = next(m for m in mail.outbox if m.to == [email])
    assert convention.numero in notice.body
    document = next(m for m in mail.outbox if m.subject.startswith("Document à signer"))
    assert email in document.to
    assert "3 exemplaire(s) original(aux)" in document.body


def test_private_notes_stay_inside_the_administration(
    world, dossier, django_capture_on_commit_callbacks
):
    """A private note notifies instructeurs only; a public message reaches the bailleur."""
    instructeur = world["roles"]["instructeur"]
    with django_capture_on_commit_callbacks(execute=True):
        messages.message_post(convention=dossier, by=instructeur, texte="Note interne.", prive=True)
    assert _recipients("message:") == _users(world, "instructeur_lecteur", "instructeur_signataire")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        messages.message_post(convention=dossier, by=instructeur, texte="Bonjour.")
    assert _recipients("message:") == _users(world, "bailleur", "bailleur_lecteur")


@pytest.mark.parametrize(("statut", "told"), [("instruction", False), ("correction", True)])
def test_new_comment_reaches_the_bailleur_during_correction(
    world, dossier, django_capture_on_commit_callbacks, statut, told
):
    """Comments drafted during instruction wait for the correction request; in correction the
    bailleur hears of each new one."""
    convention = put(dossier, statut)
    with django_capture_on_commit_callbacks(execute=True):
        comments.comment_create(
            convention=convention, by=world["roles"]["instructeur"], message="Et ceci.", etape="edd"
        )
    assert bool(_recipients("commentaire:")) is told
