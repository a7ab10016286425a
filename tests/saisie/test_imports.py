"""Spreadsheet import of a table: preview, confirm (all rows or none), cancel, export."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apilos.conventions.models import Logement
from apilos.saisie.grids import GRIDS
from apilos.saisie.models import ImportJob, ImportStatut
from apilos.saisie.services.imports import import_cancel, import_confirm, import_start
from tests.saisie.xlsx import filled, logement_rows


def upload(path):
    return SimpleUploadedFile(
        path.name,
        path.read_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def start(draft, path, *, inline=10_000_000):
    return import_start(
        convention=draft.convention,
        grid=GRIDS["logements"],
        uploaded=upload(path),
        by=draft.member.user,
        inline_max_bytes=inline,
    )


def test_preview_lists_rows_to_add_update_and_remove(draft, tmp_path, media_root):
    """The preview counts additions, updates (matched on the designation) and removals."""
    rows = logement_rows(4, prefix="A")  # A0001..A0004
    rows[0] = ("A01", *rows[0][1:])  # updates the existing A01
    job = start(draft, filled(tmp_path, "logements", rows))
    assert job.statut == ImportStatut.APERCU
    assert job.apercu["compte"] == {
        "ajouts": 3,
        "modifications": 1,
        "suppressions": 2,
        "inchangees": 0,
    }
    assert Logement.objects.filter(lot__convention=draft.convention).count() == 3


def test_confirm_saves_every_row(draft, tmp_path, media_root):
    """Confirming replaces the table with the file's rows, SU computed, file order kept."""
    job = start(
        draft, filled(tmp_path, "logements", logement_rows(5, financements=("PLUS", "PLAI")))
    )
    job = import_confirm(job=job, membership=draft.member, user=draft.member.user)
    assert job.statut == ImportStatut.TERMINE, job.apercu
    logements = list(Logement.objects.filter(lot__convention=draft.convention).order_by("ordre"))
    assert [lg.designation for lg in logements] == [f"L{i:04d}" for i in range(1, 6)]
    assert logements[0].surface_utile == logements[0].surface_habitable + 2
    assert {lg.lot.financement for lg in logements} == {"PLUS", "PLAI"}


def test_cancel_changes_nothing(draft, tmp_path, media_root):
    """Cancelling a previewed import leaves the table as it was."""
    before = list(
        Logement.objects.filter(lot__convention=draft.convention).values_list("pk", "loyer")
    )
    job = start(draft, filled(tmp_path, "logements", logement_rows(3)))
    import_cancel(job=job)
    job.refresh_from_db()
    assert job.statut == ImportStatut.ANNULE
    after = list(
        Logement.objects.filter(lot__convention=draft.convention).values_list("pk", "loyer")
    )
    assert after == before


def test_bad_cell_is_reported_by_row_and_column(draft, tmp_path, media_root):
    """A cell that is not a number is named by its cell and header, in French; its row is
    left out of the import."""
    rows = logement_rows(3)
    rows[1] = (rows[1][0], rows[1][1], rows[1][2], "soixante", *rows[1][4:])
    job = start(draft, filled(tmp_path, "logements", rows))
    texts = [p["texte"] for p in job.apercu["problemes"] if p["ligne"] == 5]
    assert any("D5" in t and "Surface habitable" in t and "nombre" in t for t in texts), texts
    assert job.apercu["compte"]["ajouts"] == 2


def test_missing_column_is_blocking(draft, tmp_path, media_root):
    """A file without a needed column cannot be confirmed, and says which column."""
    path = filled(tmp_path, "logements", logement_rows(3))
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook["Logements"]["D1"] = "Autre chose"
    workbook.save(path)
    job = start(draft, path)
    assert job.statut == ImportStatut.REFUSE
    assert any("Surface habitable" in p["texte"] for p in job.apercu["problemes"])
    with pytest.raises(ValidationError):
        import_confirm(job=job, membership=draft.member, user=draft.member.user)


def test_unknown_financement_is_blocking(draft, tmp_path, media_root):
    """A row whose financement is not one of the convention's is refused before saving."""
    job = start(draft, filled(tmp_path, "logements", logement_rows(2, financements=("PLS",))))
    assert job.statut == ImportStatut.REFUSE
    assert any("PLS" in p["texte"] for p in job.apercu["problemes"])


def test_rule_error_refuses_all_rows(draft, tmp_path, media_root):
    """Saving runs the rules in one transaction: one wrong rent (R3) and no row is saved."""
    rows = logement_rows(4)
    rows[2] = (*rows[2][:9], 999.0)  # far from SU × €/m²
    job = start(draft, filled(tmp_path, "logements", rows))
    assert job.statut == ImportStatut.APERCU
    before = set(
        Logement.objects.filter(lot__convention=draft.convention).values_list("pk", flat=True)
    )
    job = import_confirm(job=job, membership=draft.member, user=draft.member.user)
    assert job.statut == ImportStatut.REFUSE
    assert any(p["ligne"] == 6 for p in job.apercu["problemes"]), job.apercu["problemes"]
    after = set(
        Logement.objects.filter(lot__convention=draft.convention).values_list("pk", flat=True)
    )
    assert after == before


def test_large_file_runs_in_the_worker(
    draft, tmp_path, media_root, django_capture_on_commit_callbacks
):
    """Above the inline size the file is read, then saved, by the background task."""
    path = filled(tmp_path, "logements", logement_rows(20))
    with django_capture_on_commit_callbacks(execute=True):
        job = start(draft, path, inline=0)
    job.refresh_from_db()
    assert job.en_tache_de_fond and job.statut == ImportStatut.APERCU and job.progression == 100
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(job=job, membership=draft.member, user=draft.member.user)
    job.refresh_from_db()
    assert job.statut == ImportStatut.TERMINE
    assert Logement.objects.filter(lot__convention=draft.convention).count() == 20


def test_export_round_trips(bailleur_client, draft, tmp_path, media_root):
    """An exported table imports back with every row unchanged."""
    response = bailleur_client.get(
        reverse("saisie:table_export", args=[draft.convention.uuid, "logements"])
    )
    assert response.status_code == 200
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    job = start(draft, path)
    assert job.apercu["compte"]["inchangees"] == 3, job.apercu
    assert job.apercu["compte"]["ajouts"] == job.apercu["compte"]["suppressions"] == 0


def test_web_flow_upload_preview_confirm(bailleur_client, draft, tmp_path, media_root):
    """Through the pages: upload, see the preview, confirm, back on the step."""
    path = filled(tmp_path, "logements", logement_rows(3))
    url = reverse("saisie:import_upload", args=[draft.convention.uuid, "logements"])
    response = bailleur_client.post(url, {"fichier": upload(path)})
    job = ImportJob.objects.get(convention=draft.convention)
    assert response.status_code == 302
    page = bailleur_client.get(response["Location"])
    assert "3 ligne(s) à ajouter" in page.content.decode()
    done = bailleur_client.post(
        reverse("saisie:import_confirm", args=[draft.convention.uuid, job.uuid])
    )
    assert done.status_code == 302
    assert Logement.objects.filter(lot__convention=draft.convention).count() == 3
    assert Decimal(Logement.objects.get(designation="L0001").surface_habitable) == Decimal(46)


def test_not_an_xlsx_is_refused_in_french(bailleur_client, draft, media_root):
    """Another kind of file is refused with what to do, and nothing is read."""
    url = reverse("saisie:import_upload", args=[draft.convention.uuid, "logements"])
    response = bailleur_client.post(
        url, {"fichier": SimpleUploadedFile("logements.csv", b"a;b\n1;2\n")}
    )
    assert response.status_code == 422
    assert "Classeur Excel (.xlsx)" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_template_download(bailleur_client):
    """Our own empty template of each table downloads as an .xlsx."""
    for name in GRIDS:
        response = bailleur_client.get(reverse("saisie:template", args=[name]))
        assert response.status_code == 200
        assert response.content[:2] == b"PK"
