"""The steps of the convention form: shown per kind, saved whole or not at all."""

import pytest
from django.urls import reverse

from apilos.saisie.steps import Kind, kind_of, steps_for
from tests.saisie.conftest import make_draft


def step_url(convention, slug, **query):
    url = reverse("saisie:step", args=[convention.uuid, slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.mark.parametrize(
    ("nature", "sous_nature", "kind", "slugs"),
    [
        (
            "logements_ordinaires",
            "oph",
            Kind.ORDINAIRE,
            "bailleur operation cadastre financement logements annexes stationnements commentaires",
        ),
        (
            "logements_ordinaires",
            "association",
            Kind.ORDINAIRE_TYPE_1_2,
            "bailleur operation cadastre edd financement logements annexes stationnements "
            "commentaires",
        ),
        (
            "logement_foyer",
            "oph",
            Kind.FOYER,
            "bailleur operation cadastre edd financement logements collectifs attribution "
            "variantes commentaires",
        ),
        (
            "residence_sociale",
            "oph",
            Kind.RESIDENCE,
            "bailleur operation cadastre financement logements collectifs attribution "
            "variantes commentaires",
        ),
    ],
)
def test_steps_follow_the_kind_of_convention(db, nature, sous_nature, kind, slugs):
    """Each kind of convention gets the steps of domain.md §6, EDD only when R25 holds."""
    draft = make_draft(nature=nature, sous_nature=sous_nature)
    assert kind_of(draft.convention) == kind
    assert [s.slug for s in steps_for(draft.convention)] == slugs.split()


@pytest.mark.parametrize(
    ("nature", "sous_nature"),
    [
        ("logements_ordinaires", "oph"),
        ("logements_ordinaires", "association"),
        ("logement_foyer", "oph"),
        ("residence_sociale", "association"),
    ],
)
def test_every_step_page_renders(client, db, nature, sous_nature):
    """Every step of every kind answers 200 with its stepper and form."""
    draft = make_draft(nature=nature, sous_nature=sous_nature)
    client.force_login(draft.member.user)
    for step in steps_for(draft.convention):
        response = client.get(step_url(draft.convention, step.slug))
        assert response.status_code == 200, step.slug
        assert b"fr-stepper" in response.content
