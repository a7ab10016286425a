"""Saving a step: all of it or nothing, what was typed kept on error, autosave in order."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apilos.conventions.models import Logement
from apilos.files.models import PieceJointe
from apilos.instruction.models import Commentaire
from apilos.saisie.services.guard import EditRefused
from apilos.saisie.services.saving import Write, save_writes
from tests.saisie.html_form import form_values


def step_url(draft, slug):
    return reverse("saisie:step", args=[draft.convention.uuid, slug])


def current(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return form_values(response.content.decode())


def test_valid_step_is_saved_and_leads_to_the_next(bailleur_client, draft):
    """A valid Opération step is saved; « Enregistrer et passer » opens the next step."""
    url = step_url(draft, "operation")
    data = current(bailleur_client, url)
    data["programme-nom"] = ["Les Hauts de Saône"]
    data["programme-type_habitat"] = ["individuel"]
    data["action"] = ["suivant"]
    response = bailleur_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == step_url(draft, "cadastre")
    draft.programme.refresh_from_db()
    assert draft.programme.nom == "Les Hauts de Saône"
    assert {lot.type_habitat for lot in draft.convention.lots.all()} == {"individuel"}


def test_rejected_step_keeps_input_and_saves_nothing(bailleur_client, draft):
    """One invalid field: the page says so next to it and at the top, keeps every typed value,
    and saves none of them."""
    url = step_url(draft, "operation")
    data = current(bailleur_client, url)
    data["programme-nom"] = ["Nouveau nom"]
    data["programme-code_postal"] = ["ABC"]
    response = bailleur_client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="Nouveau nom"' in html and 'value="ABC"' in html
    assert 'href="#programme-code_postal"' in html
    assert 'aria-invalid="true"' in html and "5 chiffres" in html
    draft.programme.refresh_from_db()
    assert draft.programme.nom != "Nouveau nom"


def test_table_page_saved_all_or_nothing(bailleur_client, draft):
    """A table page with one bad cell saves none of its rows and shows the error in the cell."""
    url = step_url(draft, "logements")
    data = current(bailleur_client, url)
    first, second = draft.logements[0], draft.logements[1]
    data[f"logement-{first.uuid}-designation"] = ["A01-renommé"]
    data[f"logement-{second.uuid}-surface_habitable"] = ["beaucoup"]
    response = bailleur_client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="A01-renommé"' in html and 'value="beaucoup"' in html
    assert f'href="#logement-{second.uuid}-surface_habitable"' in html
    assert Logement.objects.get(pk=first.pk).designation == "A01"


def test_table_rows_added_and_blank_rows_ignored(bailleur_client, draft):
    """« Ajouter une ligne » gives a blank row; filled it is saved, left blank it is ignored."""
    url = step_url(draft, "logements")
    response = bailleur_client.get(url + "?ajout=1")
    data = form_values(response.content.decode())
    new = [k for k in data if k.endswith("-designation") and data[k] == [""]]
    assert len(new) == 1
    prefix = new[0].removesuffix("-designation")
    data.update(
        {
            f"{prefix}-designation": ["A99"],
            f"{prefix}-typologie": ["T2"],
            f"{prefix}-financement": ["PLAI"],
            f"{prefix}-surface_habitable": ["48,50"],
            f"{prefix}-surface_annexes": ["2"],
            f"{prefix}-surface_annexes_retenue": ["2"],
            f"{prefix}-loyer_par_m2": ["5,80"],
            f"{prefix}-coefficient": ["1"],
            f"{prefix}-loyer": ["287,10"],
        }
    )
    assert bailleur_client.post(url, data).status_code == 302
    added = Logement.objects.get(designation="A99")
    assert added.lot == draft.plai
    assert added.surface_utile == Decimal("49.50")
    data = current(bailleur_client, url + "?ajout=1")
    assert bailleur_client.post(url, data).status_code == 302
    assert Logement.objects.filter(lot__convention=draft.convention).count() == 4


def test_duplicate_and_delete_without_javascript(bailleur_client, draft):
    """The row buttons work as plain submits: duplicate next to the row, then delete."""
    url = step_url(draft, "logements")
    data = current(bailleur_client, url)
    data["action"] = [f"dupliquer:{draft.logements[0].uuid}"]
    assert bailleur_client.post(url, data).status_code == 302
    copy = Logement.objects.get(designation="A01 (copie)")
    assert copy.ordre == draft.logements[0].ordre + 1
    data = current(bailleur_client, url)
    data["action"] = [f"supprimer:{copy.uuid}"]
    assert bailleur_client.post(url, data).status_code == 302
    assert not Logement.objects.filter(pk=copy.pk).exists()


def row_post(client, draft, logement, seq, value, client_id="0e3f3a3e-6b1a-4d7e-9a51-1c9b1d2f0a11"):
    prefix = f"logement-{logement.uuid}"
    data = {
        f"{prefix}-designation": logement.designation,
        f"{prefix}-typologie": "T3",
        f"{prefix}-financement": "PLUS",
        f"{prefix}-surface_habitable": value,
        f"{prefix}-surface_annexes": "10",
        f"{prefix}-surface_annexes_retenue": "5",
        f"{prefix}-loyer_par_m2": "6",
        f"{prefix}-coefficient": "1",
        f"{prefix}-loyer": "405",
        "_client": client_id,
        "_seq": str(seq),
        "_cible": f"ligne-{logement.uuid}",
    }
    url = reverse("saisie:row", args=[draft.convention.uuid, "logements", logement.uuid])
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_autosave_of_a_row_answers_computed_values(bailleur_client, draft):
    """Saving a row while typing answers its SU, totals and save time out of band."""
    response = row_post(bailleur_client, draft, draft.logements[0], 1, "70,25")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enregistré à" in html and 'hx-swap-oob="true"' in html
    assert "72,75" in html  # SU = 70,25 + 0,5 × 5
    assert Logement.objects.get(pk=draft.logements[0].pk).surface_habitable == Decimal("70.25")


def test_late_autosave_never_overwrites_newer_input(bailleur_client, draft):
    """Two saves crossing: the older one, arriving last, changes nothing."""
    logement = draft.logements[0]
    assert row_post(bailleur_client, draft, logement, 7, "71").status_code == 200
    late = row_post(bailleur_client, draft, logement, 6, "70")
    assert late.status_code == 204
    assert Logement.objects.get(pk=logement.pk).surface_habitable == Decimal("71")


def test_autosave_with_an_error_saves_nothing(bailleur_client, draft):
    """An autosave with a bad value shows the error in its cell and keeps the saved value."""
    response = row_post(bailleur_client, draft, draft.logements[0], 1, "-3")
    assert response.status_code == 200
    assert "Ligne non enregistrée" in response.content.decode()
    assert Logement.objects.get(pk=draft.logements[0].pk).surface_habitable == Decimal("65.00")


def test_reader_cannot_save(client, draft):
    """A read-only role gets 403 and nothing changes."""
    client.force_login(draft.lecteur.user)
    url = step_url(draft, "operation")
    data = current(client, url)
    data["programme-nom"] = ["Piraté"]
    assert client.post(url, data).status_code == 403
    draft.programme.refresh_from_db()
    assert draft.programme.nom != "Piraté"


def test_correction_scope_limits_the_bailleur(bailleur_client, draft):
    """In correction the bailleur changes only what an open comment targets (R44)."""
    draft.convention.statut = "correction"
    draft.convention.save()
    Commentaire.objects.create(
        convention=draft.convention,
        objet="programme",
        champ="ville",
        etape="operation",
        message="La commune est mal orthographiée.",
        cree_par=draft.instructeur.user,
    )
    url = step_url(draft, "operation")
    data = current(bailleur_client, url)
    data["programme-ville"] = ["Villeurbanne"]
    assert bailleur_client.post(url, data).status_code == 302
    page = bailleur_client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="programme-nom"[^>]*disabled', page)
    data = current(bailleur_client, url)
    data["programme-nom"] = ["Autre nom"]  # a tampered post of a locked field
    assert bailleur_client.post(url, data).status_code == 302
    draft.programme.refresh_from_db()
    assert draft.programme.ville == "Villeurbanne" and draft.programme.nom != "Autre nom"
    draft.programme.nom = "Autre nom"
    with pytest.raises(EditRefused, match="correction"):
        save_writes(
            convention=draft.convention,
            membership=draft.member,
            user=draft.member.user,
            writes=[Write(draft.programme, "programme", ["nom"])],
        )


def test_end_year_is_stored_as_30_june(bailleur_client, draft):
    """The Financement step takes a year and stores 30 June of it (ordinary, R18)."""
    url = step_url(draft, "financement")
    data = current(bailleur_client, url)
    data["convention-annee_fin_conventionnement"] = ["2066"]
    assert bailleur_client.post(url, data).status_code == 302
    draft.convention.refresh_from_db()
    assert draft.convention.date_fin_conventionnement.isoformat() == "2066-06-30"


def test_evidence_file_type_checked(bailleur_client, draft, media_root):
    """A PDF is attached to its field; an SVG is refused with a French message."""
    url = reverse(
        "saisie:piece_upload", args=[draft.convention.uuid, "cadastre", "reference_cadastrale"]
    )
    pdf = SimpleUploadedFile("extrait.pdf", b"%PDF-1.4\n%%EOF\n")
    assert bailleur_client.post(url, {"fichier": pdf}).status_code == 302
    assert PieceJointe.objects.filter(champ="reference_cadastrale", nom="extrait.pdf").exists()
    svg = SimpleUploadedFile("plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    response = bailleur_client.post(url, {"fichier": svg})
    assert response.status_code == 422
    assert "SVG ne sont pas acceptées" in response.content.decode()
    page = bailleur_client.get(reverse("saisie:step", args=[draft.convention.uuid, "cadastre"]))
    assert "extrait.pdf" in page.content.decode()


def test_autosave_of_the_step_fields(bailleur_client, draft):
    """The step's own fields save while typing; an older save arriving late is dropped."""
    url = step_url(draft, "operation")
    data = current(bailleur_client, url)
    data.update(
        {"_client": ["5a0c1b4e-9e43-4c38-8a11-0b1f3f6d2e77"], "_cible": ["etape-operation"]}
    )
    data["programme-nom"], data["_seq"] = ["Nom tapé en dernier"], ["9"]
    response = bailleur_client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Enregistré à" in response.content.decode()
    assert response["X-Saisie-Seq"] == "9"
    data["programme-nom"], data["_seq"] = ["Nom tapé avant"], ["8"]
    assert bailleur_client.post(url, data, HTTP_HX_REQUEST="true").status_code == 204
    draft.programme.refresh_from_db()
    assert draft.programme.nom == "Nom tapé en dernier"
    data["programme-code_postal"], data["_seq"] = ["33 000"], ["10"]
    response = bailleur_client.post(url, data, HTTP_HX_REQUEST="true")
    assert "Non enregistré" in response.content.decode()


def test_row_of_another_convention_cannot_be_reached(client, draft):
    """A row id of another organisation's convention answers 404 and changes nothing."""
    from tests.saisie.conftest import make_draft

    other = make_draft()
    client.force_login(draft.member.user)
    logement = other.logements[0]
    url = reverse("saisie:row", args=[draft.convention.uuid, "logements", logement.uuid])
    response = client.post(url, {f"logement-{logement.uuid}-designation": "X"})
    assert response.status_code == 404
    assert Logement.objects.get(pk=logement.pk).designation == logement.designation
