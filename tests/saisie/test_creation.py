"""Starting a convention: new opération (R38, R36, R35), a copy, a convention signed on paper
(R39)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apilos.accounts.enums import Role
from apilos.conventions.models import Convention, Logement
from apilos.files.models import PieceJointe
from tests.factories import AdministrationFactory, BailleurFactory, PretFactory, membership
from tests.saisie.conftest import make_draft


def operation_data(administration, **extra):
    data = {
        "administration": administration.pk,
        "nom": "Les Jardins du Rhône",
        "numero_operation": "2026-069-001",
        "nature_logement": "logements_ordinaires",
        "code_postal": "69003",
        "ville": "Lyon",
        "code_insee_commune": "69383",
        "type_habitat": "collectif",
        "adresse": "12 rue Garibaldi",
        "regroupement": "separees",
        "fin-TOTAL_FORMS": "4",
        "fin-INITIAL_FORMS": "0",
        "fin-MIN_NUM_FORMS": "0",
        "fin-MAX_NUM_FORMS": "12",
        "fin-0-financement": "PLUS",
        "fin-0-nb_logements": "30",
        "fin-1-financement": "PLAI",
        "fin-1-nb_logements": "10",
    }
    data.update(extra)
    return data


def bailleur_setup(client):
    bailleur = BailleurFactory()
    administration = AdministrationFactory(departements=["69", "971"])
    member = membership(role=Role.BAILLEUR, bailleur=bailleur)
    client.force_login(member.user)
    return bailleur, administration


def test_one_convention_per_financement(client, db):
    """By default each financement gets its own convention (and its own copy of the opération)."""
    bailleur, administration = bailleur_setup(client)
    url = reverse("saisie:create_operation")
    response = client.post(url, operation_data(administration, bailleur=bailleur.pk))
    assert response.status_code == 302
    conventions = Convention.objects.filter(programme__numero_operation="2026-069-001")
    assert sorted(lot.financement for c in conventions for lot in c.lots.all()) == ["PLAI", "PLUS"]
    assert len({c.programme_id for c in conventions}) == 2
    first = conventions.first()
    assert first.programme.type_operation == "neuf" and first.statut == "projet"


def test_convention_mixte_when_chosen(client, db):
    """Chosen explicitly, the financements are grouped into one convention mixte."""
    bailleur, administration = bailleur_setup(client)
    data = operation_data(administration, bailleur=bailleur.pk, regroupement="mixte")
    data["fin-2-financement"], data["fin-2-nb_logements"] = "PLAI_ADP", "2"
    assert client.post(reverse("saisie:create_operation"), data).status_code == 302
    convention = Convention.objects.get(programme__numero_operation="2026-069-001")
    lots = {lot.financement: lot.nb_logements for lot in convention.lots.all()}
    assert lots == {"PLUS": 30, "PLAI": 12}  # PLAI adapté merged into PLAI


def test_required_fields_are_named(client, db):
    """R38: a missing field is refused next to it and in the summary, keeping what was typed."""
    bailleur, administration = bailleur_setup(client)
    data = operation_data(administration, bailleur=bailleur.pk, ville="", nom="Mon opération")
    response = client.post(reverse("saisie:create_operation"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'href="#ville"' in html and 'value="Mon opération"' in html
    assert not Convention.objects.exists()


def test_outre_mer_only_foyer_or_residence(client, db):
    """R36: overseas, ordinary dwellings cannot be conventioned; a foyer can."""
    bailleur, administration = bailleur_setup(client)
    overseas = {"code_postal": "97110", "ville": "Pointe-à-Pitre", "code_insee_commune": "97120"}
    data = operation_data(administration, bailleur=bailleur.pk, **overseas)
    response = client.post(reverse("saisie:create_operation"), data)
    assert response.status_code == 422
    assert "relèvent de l&#x27;AL" in response.content.decode()
    data["nature_logement"] = "logement_foyer"
    assert client.post(reverse("saisie:create_operation"), data).status_code == 302


def test_one_live_convention_per_operation_and_financement(client, db):
    """R35: the same opération and financement cannot be conventioned twice."""
    bailleur, administration = bailleur_setup(client)
    data = operation_data(administration, bailleur=bailleur.pk)
    assert client.post(reverse("saisie:create_operation"), data).status_code == 302
    response = client.post(reverse("saisie:create_operation"), data)
    assert response.status_code == 422
    assert "R35" in response.content.decode()
    assert Convention.objects.count() == 2


def test_copy_of_a_convention_is_a_new_draft(client, db):
    """A copy takes the opération, lots and tables of the source, under a new opération."""
    draft = make_draft()
    PretFactory(lot=draft.plus)
    draft.convention.statut = "signee"
    draft.convention.numero = "69.D.25.0007"
    draft.convention.save()
    client.force_login(draft.member.user)
    response = client.post(
        reverse("saisie:create_copy"),
        {"source": draft.convention.pk, "nom": "Copie", "numero_operation": "2026-NEW-1"},
    )
    assert response.status_code == 302
    copy = Convention.objects.get(programme__numero_operation="2026-NEW-1")
    assert copy.statut == "projet" and copy.numero == "" and copy.parent_id is None
    assert Logement.objects.filter(lot__convention=copy).count() == 3
    assert copy.lots.get(financement="PLUS").prets.count() == 1
    same = client.post(
        reverse("saisie:create_copy"),
        {"source": draft.convention.pk, "nom": "Copie", "numero_operation": "2026-NEW-1"},
    )
    assert same.status_code == 422


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def signed_data(bailleur, administration, **extra):
    data = {
        "bailleur": bailleur.pk,
        "administration": administration.pk,
        "nom": "Résidence ancienne",
        "numero_operation": "1998-069-004",
        "nature_logement": "logements_ordinaires",
        "code_postal": "69003",
        "ville": "Lyon",
        "code_insee_commune": "69383",
        "numero": "69/3/12-1998/80-416/4567",
        "financement": "PLUS",
        "nb_logements": "24",
        "fichier": SimpleUploadedFile("signee.pdf", PDF),
    }
    data.update(extra)
    return data


def test_signed_convention_with_year_only(client, db):
    """R39: a year alone is kept with the precision « année », and the convention is signed."""
    bailleur, administration = bailleur_setup(client)
    data = signed_data(bailleur, administration, annee_signature="1998")
    assert client.post(reverse("saisie:create_signed"), data).status_code == 302
    convention = Convention.objects.get(numero="69/3/12-1998/80-416/4567")
    assert convention.statut == "signee"
    assert convention.date_signature_precision == "annee"
    assert convention.date_signature.year == 1998
    assert PieceJointe.objects.filter(champ="fichier_signe", object_id=convention.pk).exists()


def test_signed_convention_needs_pdf_and_date(client, db):
    """R39: without a date or a year, or with a file that is not a PDF, nothing is created."""
    bailleur, administration = bailleur_setup(client)
    data = signed_data(bailleur, administration)
    response = client.post(reverse("saisie:create_signed"), data)
    assert response.status_code == 422
    assert "seulement l&#x27;année" in response.content.decode()
    data = signed_data(
        bailleur,
        administration,
        date_signature=datetime.date(2001, 5, 4).isoformat(),
        fichier=SimpleUploadedFile("signee.png", b"\x89PNG\r\n\x1a\n0000"),
    )
    response = client.post(reverse("saisie:create_signed"), data)
    assert response.status_code == 422
    assert "PDF" in response.content.decode()
    assert not Convention.objects.exists()
