"""Route × role matrix: every URL of the project is listed here with who may reach it.

A new route without an entry makes `test_every_route_has_an_entry` fail.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from tests.routes import iter_route_names
from tests.saisie.matrix import saisie_routes

ALL_ROLES = [
    "bailleur",
    "bailleur_lecteur",
    "instructeur",
    "instructeur_lecteur",
    "instructeur_signataire",
    "administrateur",
    "partenaire",
]
INSTRUCTEURS = {"instructeur", "instructeur_lecteur", "instructeur_signataire"}


@dataclass(frozen=True)
class Route:
    kind: str  # public | login | role | post | object | object_post | admin
    # For object routes: builds the URL kwargs for "ours" (True) or another organisation's (False).
    kwargs: object = None
    # Roles that get 200 on their own organisation's object (for "role": the roles let in).
    own_ok: frozenset = field(default_factory=frozenset)
    # Roles that see their own organisation's object but may not do this: 403.
    own_refused: frozenset = field(default_factory=frozenset)


def convention_kwargs(world, own):
    return {"uuid": (world["convention"] if own else world["other_convention"]).uuid}


def bailleur_kwargs(world, own):
    return {"uuid": (world["bailleur"] if own else world["other_bailleur"]).uuid}


def administration_kwargs(world, own):
    key = "administration" if own else "other_administration"
    return {"uuid": world[key].uuid}


ROUTES: dict[str, Route] = {
    "core:home": Route("login"),
    "core:accessibilite": Route("public"),
    "core:mentions_legales": Route("public"),
    "accounts:login": Route("public"),
    "accounts:logout": Route("post"),
    "accounts:password_reset": Route("public"),
    "accounts:password_reset_done": Route("public"),
    "accounts:password_reset_confirm": Route(
        "public", kwargs=lambda world, own: {"uidb64": "MQ", "token": "jeton-invalide"}
    ),
    "accounts:password_reset_complete": Route("public"),
    "accounts:switch_role": Route("post"),
    "accounts:profile": Route("login"),
    "accounts:bailleur": Route(
        "object", bailleur_kwargs, frozenset({"bailleur", "bailleur_lecteur"})
    ),
    "accounts:administration": Route("object", administration_kwargs, frozenset(INSTRUCTEURS)),
    "conventions:list": Route("login"),
    "conventions:detail": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    **saisie_routes(Route),
}


def test_every_route_has_an_entry():
    """Each URL pattern of the project appears in the permission matrix."""
    names = {name for name in iter_route_names() if not name.startswith("admin:")}
    missing = sorted(names - set(ROUTES))
    assert not missing, f"Routes sans entrée dans la matrice des permissions : {missing}"
    assert not sorted(set(ROUTES) - names), "La matrice cite des routes qui n'existent plus."


def url_for(name, world, own=True):
    route = ROUTES[name]
    return reverse(name, kwargs=route.kwargs(world, own) if route.kwargs else None)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_anonymous_reaches_only_public_pages(client, world, name):
    """Without a session only public pages answer; the rest redirects to the login page."""
    route = ROUTES[name]
    url = url_for(name, world)
    response = client.post(url) if route.kind == "post" else client.get(url)
    if route.kind == "public":
        assert response.status_code == 200
    elif name == "accounts:logout":
        assert response.status_code == 302
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.kind == "object"))
def test_object_routes_scoped_by_organisation(client, world, role, name):
    """Another organisation's object answers 404; one's own answers 200 to the roles allowed."""
    client.force_login(world["roles"][role].user)
    assert client.get(url_for(name, world, own=False)).status_code == 404
    route = ROUTES[name]
    expected = 200 if role in route.own_ok else 403 if role in route.own_refused else 404
    assert client.get(url_for(name, world, own=True)).status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.kind == "object_post"))
def test_object_actions_scoped_by_organisation(client, world, role, name):
    """An action on another organisation's object answers 404; on one's own, the roles allowed
    get through, the roles that only read get 403."""
    client.force_login(world["roles"][role].user)
    assert client.post(url_for(name, world, own=False)).status_code == 404
    route = ROUTES[name]
    status = client.post(url_for(name, world, own=True)).status_code
    if role in route.own_ok:
        assert status not in (403, 404), status
    else:
        assert status == (403 if role in route.own_refused else 404)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.kind == "role"))
def test_role_pages_open_to_their_roles(client, world, role, name):
    """Pages kept for some roles answer 200 to them and 403 to the others."""
    client.force_login(world["roles"][role].user)
    expected = 200 if role in ROUTES[name].own_ok else 403
    assert client.get(url_for(name, world)).status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.kind == "login"))
def test_login_pages_open_to_every_role(client, world, role, name):
    """Pages without an object answer 200 to every signed-in role."""
    client.force_login(world["roles"][role].user)
    assert client.get(url_for(name, world)).status_code == 200


@pytest.mark.parametrize("role", ALL_ROLES)
def test_admin_closed_to_non_staff(client, world, role):
    """The back office sends every non-staff role to its own login page."""
    client.force_login(world["roles"][role].user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
