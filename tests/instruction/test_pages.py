"""The instruction pages: convention tabs, confirmations, journal, exchanges, queues."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from apilos.conventions.lifecycle import services
from apilos.instruction.models import Evenement, HistoriqueStatut, Message, Notification
from apilos.instruction.services import comments, messages

from .conftest import complete_convention, put


def _url(route, convention, **kwargs):
    return reverse(route, kwargs={"uuid": convention.uuid, **kwargs})


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("bailleur", ["Soumettre à l'instruction", "Annuler la convention"], ["Valider"]),
        ("instructeur", ["Annuler la convention"], ["Soumettre à l'instruction"]),
        ("bailleur_lecteur", [], ["Soumettre à l'instruction", "Annuler la convention"]),
    ],
)
def test_page_shows_the_actions_of_the_role(client, world, dossier, role, shown, hidden):
    """The récapitulatif offers, as modal buttons, exactly the transitions the role may make."""
    client.force_login(world["roles"][role].user)
    content = client.get(_url("conventions:detail", dossier)).content.decode()
    for label in shown:
        assert f">{escape(label)}</button>" in content
    for label in hidden:
        assert f">{escape(label)}</button>" not in content
    assert 'role="tablist"' in content


def test_submit_through_the_confirmation(client, world, dossier):
    """The confirmation page asks, the POST moves the convention and says so."""
    client.force_login(world["roles"]["bailleur"].user)
    url = _url("instruction:transition", dossier, name="submit")
    assert client.get(url).status_code == 200
    response = client.post(url, {"submit-message": "Bonne lecture."}, follow=True)
    assert "La convention est soumise à l&#x27;instruction." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.statut == "instruction"
    assert HistoriqueStatut.objects.get(convention=dossier).message == "Bonne lecture."


def test_refused_transition_explains_and_changes_nothing(client, world):
    """A convention failing the rules is not submitted; the page lists what blocks it."""
    convention = world["convention"]
    put(convention, "projet")
    client.force_login(world["roles"]["bailleur"].user)
    response = client.post(_url("instruction:transition", convention, name="submit"), {})
    assert response.status_code == 400
    assert "erreurs bloquantes à corriger" in response.content.decode()
    convention.refresh_from_db()
    assert convention.statut == "projet"


def test_a_read_only_role_posting_a_transition_is_refused(client, world, dossier):
    """Whatever the client sends, a read-only role moves nothing."""
    client.force_login(world["roles"]["bailleur_lecteur"].user)
    response = client.post(_url("instruction:transition", dossier, name="submit"), {})
    assert response.status_code == 400
    assert "ne permet pas" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.statut == "projet"


def test_journal_lists_and_exports_every_kind_of_entry(client, world, dossier, staff):
    """Transitions, comments, messages and events appear in the journal and in its CSV;
    private notes are not shown to the bailleur."""
    instructeur, bailleur = world["roles"]["instructeur"], world["roles"]["bailleur"]
    convention = services.convention_submit(convention=dossier, by=bailleur)
    comments.comment_create(convention=convention, by=instructeur, message="Voir.", etape="edd")
    messages.message_post(convention=convention, by=instructeur, texte="=SOMME(A1)")
    messages.message_post(convention=convention, by=instructeur, texte="Interne.", prive=True)
    client.force_login(instructeur.user)
    response = client.post(
        _url("instruction:journal", convention),
        {
            "evenement-type": "envoi_prefet",
            "evenement-survenu_le": timezone.localdate().isoformat(),
            "evenement-description": "Parti en préfecture.",
        },
    )
    assert response.status_code == 302
    client.force_login(bailleur.user)
    page = client.get(_url("instruction:journal", convention)).content.decode()
    assert "Envoi en préfecture pour signature" in page
    assert "Interne." not in page
    export = client.get(_url("instruction:journal_csv", convention))
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    text = export.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Date", "Catégorie", "Événement", "Détail", "Auteur", "Organisation"]
    titles = [row[2] for row in rows[1:]]
    assert "En projet → En instruction" in titles
    assert "Commentaire ouvert : Étape « EDD »" in titles
    assert "Envoi en préfecture pour signature" in titles
    assert [rows[titles.index("Message") + 1][i] for i in (2, 3)] == ["Message", "'=SOMME(A1)"]
    assert "Note privée" not in titles


def test_journal_dates_are_not_in_the_future(client, world, dossier):
    """R45: a manual event dated tomorrow is refused next to its field."""
    client.force_login(world["roles"]["instructeur"].user)
    response = client.post(
        _url("instruction:journal", dossier),
        {
            "evenement-type": "autre",
            "evenement-survenu_le": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "ne peut pas être dans le futur" in response.content.decode()
    assert not Evenement.objects.exists()


def test_only_the_administration_adds_journal_events(client, world, dossier):
    """A bailleur posting a journal event is refused."""
    client.force_login(world["roles"]["bailleur"].user)
    response = client.post(
        _url("instruction:journal", dossier),
        {"evenement-type": "autre", "evenement-survenu_le": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    assert not Evenement.objects.exists()


def test_exchanges_with_attachment_and_no_private_note_for_bailleurs(client, world, dossier):
    """The bailleur writes with a file attached; a crafted 'private' flag is ignored for it."""
    client.force_login(world["roles"]["bailleur"].user)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n", content_type="application/pdf")
    response = client.post(
        _url("instruction:echanges", dossier),
        {"echange-texte": "Voici le plan.", "echange-prive": "on", "echange-fichiers": upload},
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.texte, message.prive) == ("Voici le plan.", False)
    page = client.get(_url("instruction:echanges", dossier)).content.decode()
    assert "Pièce jointe : plan.pdf" in page


def test_comment_actions_answer_htmx_with_the_thread(client, world, dossier):
    """Closing a comment with htmx returns the updated thread; without it, a redirect."""
    convention = put(dossier, "instruction")
    comment = comments.comment_create(
        convention=convention, by=world["roles"]["instructeur"], message="Voir.", etape="edd"
    )
    client.force_login(world["roles"]["instructeur"].user)
    url = reverse(
        "instruction:commentaire_action", kwargs={"uuid": comment.uuid, "action": "clore"}
    )
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="commentaire-{comment.uuid}"' in response.content.decode()
    assert "Clos" in response.content.decode()
    url = reverse(
        "instruction:commentaire_action", kwargs={"uuid": comment.uuid, "action": "rouvrir"}
    )
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.statut == "ouvert"


def test_comment_from_the_recapitulatif_link(client, world, dossier):
    """The instructeur follows a 'Commenter' link and opens a comment on that field."""
    convention = put(dossier, "instruction")
    client.force_login(world["roles"]["instructeur"].user)
    page = client.get(_url("conventions:detail", convention)).content.decode()
    link = reverse("instruction:commentaire_nouveau", kwargs={"uuid": convention.uuid})
    assert f"{link}?objet=convention&amp;champ=signataire_nom" in page
    response = client.post(
        link, {"objet": "convention", "champ": "signataire_nom", "message": "Nom incomplet."}
    )
    assert response.status_code == 302
    assert (
        convention.commentaires_instruction.get().cible_libelle == "Convention – nom du signataire"
    )


def test_work_queue_counts_days_round_trips_and_overdue(client, world, settings):
    """The queue shows days since first submission, round trips, and flags what is overdue."""
    settings.DELAI_INSTRUCTION_JOURS = 20
    late, recent = complete_convention(world), complete_convention(world)
    put(late, "instruction", premiere_soumission_le=timezone.now() - timedelta(days=45))
    put(recent, "instruction", premiere_soumission_le=timezone.now() - timedelta(days=3))
    HistoriqueStatut.objects.create(
        convention=late, transition="request_corrections", de="instruction", vers="correction"
    )
    client.force_login(world["roles"]["instructeur"].user)
    page = client.get(reverse("instruction:files")).content.decode()
    assert page.index(late.programme.nom) < page.index(recent.programme.nom)
    assert page.count('fr-badge--error">En retard<') == 1
    assert re.search(r"<td>\s*45\s*</td>", page)
    only_late = client.get(reverse("instruction:files"), {"en_retard": "on"}).content.decode()
    assert late.programme.nom in only_late
    assert recent.programme.nom not in only_late
    by_name = client.get(
        reverse("instruction:files"), {"tri": "operation", "recherche": recent.programme.nom}
    )
    assert late.programme.nom not in by_name.content.decode()


def test_bailleur_sees_who_has_each_convention(client, world, dossier):
    """The follow-up page says who holds each convention and what the bailleur must do."""
    put(dossier, "a_signer")
    client.force_login(world["roles"]["bailleur"].user)
    page = client.get(reverse("instruction:suivi")).content.decode()
    assert "Vous, puis l&#x27;administration" in page
    assert "envoyer 3 exemplaires originaux" in page


def test_notifications_page_and_marking_read(
    client, world, dossier, django_capture_on_commit_callbacks
):
    """Notifications are listed for their recipient, marked read one by one or all at once."""
    with django_capture_on_commit_callbacks(execute=True):
        services.convention_submit(convention=dossier, by=world["roles"]["bailleur"])
    user = world["roles"]["instructeur"].user
    notification = Notification.objects.get(destinataire=user)
    client.force_login(user)
    page = client.get(reverse("instruction:notifications")).content.decode()
    assert "Convention soumise à l&#x27;instruction" in page
    response = client.post(
        reverse("instruction:notifications_lues"),
        {"notification": str(notification.uuid)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.lu_le is not None
    other = Notification.objects.exclude(destinataire=user).first()
    client.post(reverse("instruction:notifications_lues"), {"notification": str(other.uuid)})
    other.refresh_from_db()
    assert other.lu_le is None
