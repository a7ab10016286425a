"""Every table imports from a filled copy of its shared template, and exports back."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apilos.saisie.grids import GRIDS
from apilos.saisie.models import ImportStatut
from apilos.saisie.services.imports import import_confirm, import_start
from tests.saisie.conftest import make_draft
from tests.saisie.xlsx import filled

OCTROI = datetime.datetime(2025, 2, 1)
CASES = [
    (
        "annexes",
        "annexes",
        "logements_ordinaires",
        [("Jardin", "A01", "PLUS", "T3", 20, 0.5, 10), ("Terrasse", "A02", "PLUS", "T3", 2, 1, 2)],
    ),
    (
        "stationnements",
        "stationnements",
        "logements_ordinaires",
        [("Garage aérien", "PLUS", 3, 35), ("2 roues en sous-sol", "PLAI", 2, 8)],
    ),
    (
        "prets",
        "financement",
        "logements_ordinaires",
        [
            ("CDC-1", "PLUS", OCTROI, 40, 500000, "CDC pour le logement", None),
            (None, "PLAI", None, None, 20000, "Autre/Subventions", "Fondation Abbé Pierre"),
        ],
    ),
    (
        "cadastre",
        "cadastre",
        "logements_ordinaires",
        [("AB", "112", "Le Bourg", "1 ha 02 a 30 ca", None), ("C", "7", "Les Prés", 450, None)],
    ),
    ("edd", "logements_edd", "logement_foyer", [("PLUS", "A01", "12"), ("PLUS", "A02", "13")]),
    (
        "logements-foyer",
        "foyer_residence_logements",
        "logement_foyer",
        [("F1", "T1", "PLAI", 19.5, 412), ("F2", "T1 bis", "PLAI", 27.3, 468)],
    ),
    (
        "locaux-collectifs",
        "locaux_collectifs",
        "residence_sociale",
        [("Salle commune", 48.5, 1), ("Laverie", 12, 1)],
    ),
]


@pytest.mark.parametrize(("grid_name", "template", "nature", "rows"), CASES)
def test_each_table_imports_its_template(
    db, tmp_path, media_root, grid_name, template, nature, rows
):
    """The rows of the filled template are previewed, then saved, all of them."""
    draft = make_draft(nature=nature)
    grid = GRIDS[grid_name]
    path = filled(tmp_path, template, rows)
    job = import_start(
        convention=draft.convention,
        grid=grid,
        uploaded=SimpleUploadedFile(path.name, path.read_bytes()),
        by=draft.member.user,
        inline_max_bytes=10**9,
    )
    assert job.statut == ImportStatut.APERCU, job.apercu["problemes"]
    assert job.apercu["compte"]["ajouts"] == len(rows), job.apercu["compte"]
    job = import_confirm(job=job, membership=draft.member, user=draft.member.user)
    assert job.statut == ImportStatut.TERMINE, job.apercu.get("problemes")
    # The file is the whole table: the draft's own foyer units are replaced.
    assert grid.queryset(draft.convention).count() == len(rows)
