import pytest
from django.core import mail
from django.urls import reverse

from apilos.accounts.enums import Role
from tests.factories import PASSWORD, UserFactory, membership

GENERIC = "Adresse e-mail ou mot de passe incorrect"


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def login(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_lands_on_home(client, db):
    """The right e-mail and password open a session and lead to the home page."""
    user = UserFactory()
    response = login(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


@pytest.mark.parametrize("email_exists", [True, False])
def test_wrong_password_says_nothing_about_the_account(client, db, email_exists):
    """A failed login gives the same French message whether or not the account exists."""
    user = UserFactory()
    email = user.email if email_exists else "inconnu@exemple.fr"
    response = login(client, email, "mauvais-mot-de-passe")
    assert response.status_code == 200
    text = response.content.decode()
    assert GENERIC in text
    assert "inactif" not in text
    assert "n'existe pas" not in text
    # What the user typed is kept.
    assert f'value="{email}"' in text


def test_inactive_account_gets_generic_message(client, db):
    """An inactive account is refused with the same generic message."""
    user = UserFactory(is_active=False)
    assert GENERIC in login(client, user.email, PASSWORD).content.decode()


def test_repeated_failures_lock_the_account_name(client, db, settings):
    """After AXES_FAILURE_LIMIT failures even the right password is refused for a while."""
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.email, "mauvais")
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_requires_post_and_ends_session(client, db):
    """Logging out is a POST that ends the session."""
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_email_through_task(client, db):
    """A reset request for a known address e-mails a working link; an unknown one sends nothing."""
    user = UserFactory()
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "nouveau mot de passe" in mail.outbox[0].body
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/mot-de-passe/nouveau/" in line
    )
    path = link.split("testserver", 1)[1]
    page = client.get(path, follow=True)
    assert "Choisir un nouveau mot de passe" in page.content.decode()
    new = "un-nouveau-mot-de-passe-solide"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)

    client.post(reverse("accounts:password_reset"), {"email": "personne@exemple.fr"})
    assert len(mail.outbox) == 1


def test_switch_role_changes_active_membership(client, world):
    """A user holding two roles switches the active one; a foreign membership id answers 404."""
    bailleur_role = world["roles"]["bailleur"]
    user = bailleur_role.user
    second = membership(user=user, role=Role.BAILLEUR, bailleur=world["other_bailleur"])
    client.force_login(user)
    home = client.get(reverse("core:home")).content.decode()
    assert world["bailleur"].nom in home

    response = client.post(reverse("accounts:switch_role"), {"membership": second.pk})
    assert response.status_code == 302
    home = client.get(reverse("core:home")).content.decode()
    assert world["other_bailleur"].nom in home
    # The other bailleur's convention is now visible, the first one's is not.
    assert (
        client.get(reverse("conventions:detail", args=[world["other_convention"].uuid])).status_code
        == 200
    )
    assert (
        client.get(reverse("conventions:detail", args=[world["convention"].uuid])).status_code
        == 404
    )

    foreign = world["roles"]["instructeur"]
    assert (
        client.post(reverse("accounts:switch_role"), {"membership": foreign.pk}).status_code == 404
    )
