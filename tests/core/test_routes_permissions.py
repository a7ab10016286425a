"""Route × role matrix: every URL of the project is listed here with who may reach it.

A new route without an entry makes `test_every_route_has_an_entry` fail.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from apilos.documents.services import document_generate_final
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
    # Roles that get 200 on their own organisation's object (or on a role page).
    own_ok: frozenset = field(default_factory=frozenset)
    # What the other roles that see the object get: 404, or 403 with the reason when they may
    # read the convention but not do this (`hidden` roles get 404 all the same).
    denied: int = 404
    hidden: frozenset = field(default_factory=frozenset)


def convention_kwargs(world, own):
    return {"uuid": (world["convention"] if own else world["other_convention"]).uuid}


def bailleur_kwargs(world, own):
    return {"uuid": (world["bailleur"] if own else world["other_bailleur"]).uuid}


def administration_kwargs(world, own):
    key = "administration" if own else "other_administration"
    return {"uuid": world[key].uuid}


def comment_kwargs(world, own):
    from apilos.accounts.enums import Role
    from apilos.instruction.models import Commentaire
    from tests.factories import membership

    convention = world["convention"] if own else world["other_convention"]
    author = (
        world["roles"]["instructeur"]
        if own
        else membership(role=Role.INSTRUCTEUR, administration=world["other_administration"])
    )
    comment = Commentaire.objects.create(
        convention=convention, etape="bailleur", message="À revoir.", cree_par=author.user
    )
    return {"uuid": comment.uuid}


def transition_kwargs(world, own):
    return {**convention_kwargs(world, own), "name": "mark_signed"}


ACTING_INSTRUCTEURS = frozenset({"instructeur", "instructeur_signataire", "administrateur"})
BAILLEURS = frozenset({"bailleur", "bailleur_lecteur"})


def final_kwargs(world, own):
    """The convention's validated PDF exists on both sides: only scoping can answer 404."""
    convention = world["convention"] if own else world["other_convention"]
    document_generate_final(convention=convention)
    return {"uuid": convention.uuid}


def document_kwargs(world, own):
    convention = world["convention"] if own else world["other_convention"]
    return {"uuid": document_generate_final(convention=convention).uuid}


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
    "instruction:files": Route("role", own_ok=frozenset(INSTRUCTEURS | {"administrateur"})),
    "instruction:suivi": Route("role", own_ok=BAILLEURS),
    "instruction:notifications": Route("login"),
    "instruction:notifications_lues": Route("post"),
    "instruction:commentaires": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    "instruction:echanges": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    "instruction:journal": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    "instruction:journal_csv": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    # The world's convention is "à signer": nobody comments, corrects or re-routes it.
    "instruction:commentaire_nouveau": Route("object", convention_kwargs, denied=403),
    "instruction:corriger": Route("object", convention_kwargs, denied=403),
    "instruction:reroute": Route("object", convention_kwargs, denied=403),
    "instruction:transition": Route(
        "object", transition_kwargs, ACTING_INSTRUCTEURS | {"bailleur"}, denied=403
    ),
    "instruction:commentaire_modifier": Route(
        "object", comment_kwargs, denied=403, hidden=frozenset({"partenaire"})
    ),
    "instruction:commentaire_etape": Route("post", convention_kwargs),
    "instruction:commentaire_repondre": Route("post", comment_kwargs),
    "instruction:commentaire_action": Route(
        "post", lambda world, own: {**comment_kwargs(world, own), "action": "clore"}
    ),
    **saisie_routes(Route),
    "documents:liste": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    "documents:apercu": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    "documents:apercu_preparer": Route("post", convention_kwargs),
    "documents:final": Route("object", final_kwargs, frozenset(ALL_ROLES)),
    "documents:docx": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    "documents:fiche_caf": Route("object", convention_kwargs, frozenset(ALL_ROLES)),
    "documents:document": Route("object", document_kwargs, frozenset(ALL_ROLES)),
    "documents:suivi": Route("object", document_kwargs, frozenset(ALL_ROLES)),
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
    expected = 200 if role in route.own_ok else 404 if role in route.hidden else route.denied
    assert client.get(url_for(name, world, own=True)).status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.kind == "object_post"))
def test_object_actions_scoped_by_organisation(client, world, role, name):
    """An action on another organisation's object answers 404; on one's own, the roles allowed
    get through and the others get `denied` (404 for the `hidden` ones)."""
    client.force_login(world["roles"][role].user)
    assert client.post(url_for(name, world, own=False)).status_code == 404
    route = ROUTES[name]
    status = client.post(url_for(name, world, own=True)).status_code
    if role in route.own_ok:
        assert status not in (403, 404), status
    else:
        assert status == (404 if role in route.hidden else route.denied)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.kind == "role"))
def test_role_pages(client, world, role, name):
    """Pages of one side of the desk answer 200 to its roles and 404 to the others."""
    client.force_login(world["roles"][role].user)
    expected = 200 if role in ROUTES[name].own_ok else 404
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
