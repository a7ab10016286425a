"""Edit rights of domain.md §1.2 and the correction scope (R44), checked on the server."""

import pytest
from django.urls import reverse

from apilos.conventions.abilities import (
    EditRefused,
    Target,
    assert_can_edit,
    convention_abilities,
    editable_targets,
)
from apilos.conventions.targets import COMMENTAIRES_STEP, EVERYTHING
from apilos.instruction.services import comments
from tests.core.test_routes_permissions import ALL_ROLES

from .conftest import ACTING_INSTRUCTEURS, put

EVERYTHING_FOR = {
    "projet": {"bailleur", *ACTING_INSTRUCTEURS},
    "instruction": set(ACTING_INSTRUCTEURS),
    "correction": set(ACTING_INSTRUCTEURS),
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(
    "statut", ["projet", "instruction", "correction", "a_signer", "signee", "publiee", "annulee"]
)
def test_edit_rights_table(world, dossier, statut, role):
    """Who may change what, per status: projet both, instruction the administration,
    correction the administration (the bailleur its comments' targets), later nobody."""
    convention = put(dossier, statut)
    by = world["roles"][role]
    targets = editable_targets(by, convention)
    if role in EVERYTHING_FOR.get(statut, set()):
        assert targets == {EVERYTHING}
    elif role == "bailleur" and statut == "correction":
        assert targets == {COMMENTAIRES_STEP}
    else:
        assert targets == set()
    assert convention_abilities(by, convention)["edit"] == bool(targets)


def _comment(convention, by, **target):
    return comments.comment_create(convention=convention, by=by, message="À corriger.", **target)


def test_correction_scope_follows_open_and_resolved_comments(world, dossier):
    """In correction the bailleur may change the targets of open or resolved comments and the
    Commentaires step; a closed comment unlocks nothing."""
    convention = put(dossier, "instruction")
    instructeur, bailleur = world["roles"]["instructeur"], world["roles"]["bailleur"]
    logement = convention.lots.get().logements.order_by("designation").first()
    ouvert = _comment(convention, instructeur, objet="convention", champ="signataire_nom")
    resolu = _comment(
        convention, instructeur, objet="logement", champ="loyer", ligne_uuid=logement.uuid
    )
    clos = _comment(convention, instructeur, objet="programme", champ="adresse")
    _comment(convention, instructeur, etape="cadastre")
    put(convention, "correction")
    comments.comment_resolve(commentaire=resolu, by=bailleur)
    comments.comment_close(commentaire=clos, by=instructeur)
    assert editable_targets(bailleur, convention) == {
        ouvert.target,
        resolu.target,
        Target("etape", "cadastre"),
        COMMENTAIRES_STEP,
    }
    assert_can_edit(bailleur, convention, "convention", "signataire_nom")
    assert_can_edit(bailleur, convention, "logement", "loyer", logement.uuid)
    assert_can_edit(bailleur, convention, "referencecadastrale", "section", logement.uuid)
    assert_can_edit(bailleur, convention, "convention", "commentaires")
    other = convention.lots.get().logements.exclude(pk=logement.pk).first()
    refused = [
        ("convention", "signataire_fonction", None),
        ("logement", "loyer", other.uuid),
        ("logement", "surface_habitable", logement.uuid),
        ("programme", "adresse", None),
    ]
    for objet, champ, ligne in refused:
        with pytest.raises(EditRefused, match="commentaire ouvert ou résolu"):
            assert_can_edit(bailleur, convention, objet, champ, ligne)


def test_refusal_names_the_field(world, dossier):
    """The refusal says which field and why, in French."""
    convention = put(dossier, "a_signer")
    with pytest.raises(EditRefused) as refused:
        assert_can_edit(world["roles"]["instructeur"], convention, "convention", "fonds_propres")
    message = refused.value.messages[0]
    assert message.startswith("Convention – fonds propres ne peut pas être modifié")
    assert "repasser en instruction" in message


@pytest.fixture
def in_correction(world, dossier):
    """A convention in correction with one open comment on the signataire's name."""
    convention = put(dossier, "instruction")
    comment = _comment(
        convention, world["roles"]["instructeur"], objet="convention", champ="signataire_nom"
    )
    return put(convention, "correction"), comment


def test_correction_form_changes_the_commented_field(client, world, in_correction):
    """Through the correction page the bailleur changes the commented field and resolves it."""
    convention, comment = in_correction
    client.force_login(world["roles"]["bailleur"].user)
    url = reverse("instruction:corriger", kwargs={"uuid": convention.uuid})
    page = client.get(url)
    assert page.status_code == 200
    assert b"f__convention__-__signataire_nom" in page.content
    assert b"f__convention__-__signataire_fonction" not in page.content
    response = client.post(
        url,
        {
            "f__convention__-__signataire_nom": "Louise Bernard",
            "f__convention__-__commentaires": convention.commentaires,
            "resoudre": [str(comment.uuid)],
        },
    )
    assert response.status_code == 302
    convention.refresh_from_db()
    comment.refresh_from_db()
    assert convention.signataire_nom == "Louise Bernard"
    assert comment.statut == "resolu"


def test_crafted_post_outside_the_comments_changes_nothing(client, world, in_correction):
    """A POST adding a field no comment opens is refused as a whole: nothing is saved."""
    convention, comment = in_correction
    before = (convention.signataire_nom, convention.signataire_fonction)
    client.force_login(world["roles"]["bailleur"].user)
    response = client.post(
        reverse("instruction:corriger", kwargs={"uuid": convention.uuid}),
        {
            "f__convention__-__signataire_nom": "Louise Bernard",
            "f__convention__-__signataire_fonction": "Présidente",
            "resoudre": [str(comment.uuid)],
        },
    )
    assert response.status_code == 400
    assert "fonction du signataire ne peut pas être modifié" in response.content.decode()
    convention.refresh_from_db()
    comment.refresh_from_db()
    assert (convention.signataire_nom, convention.signataire_fonction) == before
    assert comment.statut == "ouvert"


@pytest.mark.parametrize("role", ["instructeur", "bailleur_lecteur", "partenaire"])
def test_correction_page_is_the_bailleurs(client, world, in_correction, role):
    """Only the bailleur corrects; the others are told why (partners do not even see a
    convention in correction), and their POST changes nothing."""
    convention, _ = in_correction
    client.force_login(world["roles"][role].user)
    url = reverse("instruction:corriger", kwargs={"uuid": convention.uuid})
    expected = 404 if role == "partenaire" else 403
    assert client.get(url).status_code == expected
    response = client.post(url, {"f__convention__-__signataire_nom": "Intrus"})
    assert response.status_code == expected
    convention.refresh_from_db()
    assert convention.signataire_nom != "Intrus"


def test_invalid_value_is_reported_next_to_the_field(client, world, dossier):
    """A value the model refuses comes back with the field's message; nothing is saved."""
    convention = put(dossier, "instruction")
    logement = convention.lots.get().logements.first()
    _comment(
        convention,
        world["roles"]["instructeur"],
        objet="logement",
        champ="coefficient",
        ligne_uuid=logement.uuid,
    )
    put(convention, "correction")
    client.force_login(world["roles"]["bailleur"].user)
    key = f"f__logement__{logement.uuid}__coefficient"
    response = client.post(
        reverse("instruction:corriger", kwargs={"uuid": convention.uuid}), {key: "12"}
    )
    assert response.status_code == 400
    logement.refresh_from_db()
    assert logement.coefficient == 1
