import pytest
from django.urls import reverse

from apilos.accounts.models import Bailleur


def test_bailleur_edits_its_signataire_block(client, world):
    """A bailleur editor updates its own default signataire; the history records who did it."""
    user = world["roles"]["bailleur"].user
    client.force_login(user)
    url = reverse("accounts:bailleur", args=[world["bailleur"].uuid])
    response = client.post(
        url,
        {
            "signataire_nom": "Jeanne Dupont",
            "signataire_fonction": "Directrice générale",
            "signataire_date_deliberation": "2025-03-14",
            "signataire_bloc": "",
        },
    )
    assert response.status_code == 302
    bailleur = Bailleur.objects.get(pk=world["bailleur"].pk)
    assert bailleur.signataire_nom == "Jeanne Dupont"
    assert bailleur.history.latest().history_user == user


def test_bailleur_reader_cannot_post(client, world):
    """A read-only bailleur sees the page without a form, and a crafted POST is refused."""
    client.force_login(world["roles"]["bailleur_lecteur"].user)
    url = reverse("accounts:bailleur", args=[world["bailleur"].uuid])
    assert '<form method="post" novalidate>' not in client.get(url).content.decode()
    assert client.post(url, {"signataire_nom": "Pirate"}).status_code == 403
    assert Bailleur.objects.get(pk=world["bailleur"].pk).signataire_nom != "Pirate"


@pytest.mark.parametrize("value", ["0", "11"])
def test_administration_nb_exemplaires_bounds(client, world, value):
    """R49: the number of originals is refused outside 1–10, in French, keeping the input."""
    client.force_login(world["roles"]["instructeur"].user)
    url = reverse("accounts:administration", args=[world["administration"].uuid])
    response = client.post(
        url,
        {"ville_signature": "Lyon", "nb_exemplaires": value, "bloc_signature": "Le préfet"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Le formulaire contient 1 erreur" in text
    assert 'value="Lyon"' in text
    assert 'aria-describedby="id_nb_exemplaires-messages"' in text
    world["administration"].refresh_from_db()
    assert world["administration"].nb_exemplaires == 3


def test_bailleur_absorbed_conventions_visible_to_parent(client, world):
    """After a fusion, the absorbing bailleur's users see the absorbed bailleur's conventions."""
    world["other_bailleur"].parent = world["bailleur"]
    world["other_bailleur"].save()
    client.force_login(world["roles"]["bailleur"].user)
    url = reverse("conventions:detail", args=[world["other_convention"].uuid])
    assert client.get(url).status_code == 200
