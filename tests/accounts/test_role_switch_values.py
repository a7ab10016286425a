"""The role switch posts raw identifiers, whatever the locale's number format."""

from django.urls import reverse

from apilos.accounts.enums import Role
from apilos.accounts.models import Membership
from tests.factories import BailleurFactory, UserFactory


def test_identifiant_de_role_sans_separateur_de_milliers(client, db):
    """A membership numbered 12 345 is offered as "12345", so switching to it works."""
    user = UserFactory()
    Membership.objects.create(pk=12344, user=user, role=Role.BAILLEUR, bailleur=BailleurFactory())
    Membership.objects.create(pk=12345, user=user, role=Role.BAILLEUR, bailleur=BailleurFactory())
    client.force_login(user)
    page = client.get(reverse("core:home")).content.decode()
    assert 'value="12345"' in page
    response = client.post(reverse("accounts:switch_role"), {"membership": "12345"})
    assert response.status_code == 302
