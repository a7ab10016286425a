from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse

from tests.factories import UserFactory


def test_admin_change_is_recorded(client, world):
    """A staff change in the back office leaves a log entry: who, what, when."""
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    administration = world["administration"]
    url = reverse("admin:accounts_administration_change", args=[administration.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(
        {
            "departements": [d.pk for d in administration.departements.all()],
            "ville_signature": "Villeurbanne",
            "signataire_date_deliberation": "",
        }
    )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = LogEntry.objects.get(object_id=str(administration.pk), action_flag=CHANGE)
    assert entry.user == staff
    assert "Ville de signature" in entry.get_change_message()
    administration.refresh_from_db()
    assert administration.history.latest().history_user == staff
