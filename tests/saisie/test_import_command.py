"""`manage.py import_table`: the web import's preview and problems on the command line."""

import json

import pytest
from django.core.management import call_command

from apilos.conventions.models import Logement
from tests.saisie.xlsx import filled, logement_rows


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("import_table", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_dry_run_prints_the_preview_and_saves_nothing(draft, tmp_path, media_root):
    """--dry-run prints what would change and leaves the table alone."""
    path = filled(tmp_path, "logements", logement_rows(4))
    code, out, _ = run(str(draft.convention.uuid), "logements", str(path), "--dry-run")
    assert code == 0
    assert "4 ajout(s)" in out and "3 suppression(s)" in out
    assert "rien n'a été enregistré" in out
    assert Logement.objects.filter(lot__convention=draft.convention).count() == 3


def test_import_saves_by_convention_number(draft, tmp_path, media_root):
    """The convention can be named by its number; without --dry-run the rows are saved."""
    draft.convention.numero = "69.D.26.0042"
    draft.convention.save()
    path = filled(tmp_path, "logements", logement_rows(4))
    code, out, _ = run("69-D-26-0042", "logements.xlsx", str(path))
    assert code == 0, out
    assert "Import enregistré" in out
    assert Logement.objects.filter(lot__convention=draft.convention).count() == 4


def test_json_output_and_exit_1_on_blocking_problem(draft, tmp_path, media_root):
    """--json prints the preview as JSON; a blocking problem exits with status 1."""
    path = filled(tmp_path, "logements", logement_rows(2, financements=("PLS",)))
    code, out, _ = run(str(draft.convention.uuid), "logements", str(path), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["bloquant"] is True
    assert any(p["gravite"] == "bloquant" and "PLS" in p["texte"] for p in data["problemes"])
    assert Logement.objects.filter(lot__convention=draft.convention).count() == 3


def test_unknown_convention_or_table_is_explained(draft, tmp_path):
    """A wrong convention or table name stops with a French message."""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Aucune convention"):
        call_command("import_table", "inconnue", "logements", str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError, match="Tableau inconnu"):
        call_command("import_table", str(draft.convention.uuid), "pieces", str(tmp_path))
