"""Helpers of the instruction tests: put a convention in a status, upload a PDF."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apilos.accounts.enums import Role
from apilos.conventions.models import Convention
from apilos.core.normalise import normalise_numero
from tests.conventions.rules.conftest import build_ordinaire
from tests.factories import ProgrammeFactory, membership

ACTING_INSTRUCTEURS = ("instructeur", "instructeur_signataire", "administrateur")


@pytest.fixture(autouse=True)
def _media(media_root):
    """Signed files and attachments go to a throw-away directory."""


@pytest.fixture
def staff(db):
    return membership(role=Role.STAFF)


@pytest.fixture
def dossier(world):
    """A complete ordinary convention (every rule passes) of the world's bailleur and
    administration, en projet."""
    return complete_convention(world)


def complete_convention(world, **fields) -> Convention:
    programme = ProgrammeFactory(
        bailleur=world["bailleur"],
        administration=world["administration"],
        adresse="12 rue des Lilas",
        zone_123="2",
        type_operation="neuf",
    )
    return build_ordinaire(programme=programme, **fields)


def pdf(name: str = "convention-signee.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n% test\n", content_type="application/pdf")


def put(convention: Convention, statut: str, **fields) -> Convention:
    """Test set-up only: place a convention in a status without going through the lifecycle."""
    if statut in {"a_signer", "signee", "publication_en_cours", "publiee"}:
        fields.setdefault("valide_le", timezone.now() - timedelta(days=10))
        fields.setdefault("numero", f"69.D.26.{convention.pk:04d}")
    if statut in {"signee", "publication_en_cours", "publiee"}:
        fields.setdefault("date_signature", timezone.localdate() - timedelta(days=5))
    if "numero" in fields:
        fields["numero_normalise"] = normalise_numero(fields["numero"])
    Convention.objects.filter(pk=convention.pk).update(statut=statut, **fields)
    convention.refresh_from_db()
    return convention
