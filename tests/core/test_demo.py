import pytest
from django.core.management import CommandError, call_command

from apilos.accounts.models import Administration, Bailleur, Membership, User
from apilos.conventions.models import Convention
from apilos.core.demo import DEMO_PASSWORD

DEMO_EMAILS = [
    "bailleur@demo.apilos.fr",
    "bailleur-sem@demo.apilos.fr",
    "instructeur@demo.apilos.fr",
    "instructeur-metropole@demo.apilos.fr",
    "admin-national@demo.apilos.fr",
    "caf@demo.apilos.fr",
    "staff@demo.apilos.fr",
]


@pytest.mark.django_db
def test_load_demo_is_idempotent(settings):
    """Loading the demo twice gives the same rows, and every demo user logs in."""
    settings.DEBUG = True
    call_command("load_demo")
    counts = [m.objects.count() for m in (User, Bailleur, Administration, Membership, Convention)]
    call_command("load_demo")
    assert [
        m.objects.count() for m in (User, Bailleur, Administration, Membership, Convention)
    ] == counts
    for email in DEMO_EMAILS:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    natures = set(Bailleur.objects.values_list("nature", flat=True))
    assert natures == {"hlm", "sem", "autre"}


@pytest.mark.django_db
def test_load_demo_refused_outside_debug(settings):
    """Demo data is refused without DEBUG unless --force is given."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=true"):
        call_command("load_demo")
    call_command("load_demo", "--force")
    assert User.objects.filter(email="staff@demo.apilos.fr").exists()
