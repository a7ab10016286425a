"""Reference tables load from CSV: all rows or none, errors in French by line."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from apilos.referentiel.models import IndiceEvolutionLoyer, LoyerPlafond
from tests.factories import IndiceEvolutionLoyerFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "apilos" / "referentiel" / "data" / "samples"


def test_sample_files_load_and_say_they_are_samples(capsys):
    """The shipped samples load, and their first line says they are not official figures."""
    for name, table in (
        ("indices_evolution_loyer.EXEMPLE.csv", "indices"),
        ("loyers_plafonds.EXEMPLE.csv", "loyers_plafonds"),
    ):
        path = SAMPLES / name
        assert "pas des chiffres officiels" in path.read_text(encoding="utf-8").lower()
        call_command("load_referentiel", str(path), table=table)
    assert LoyerPlafond.objects.count() == 10
    assert IndiceEvolutionLoyer.objects.count() == 5
    dom = IndiceEvolutionLoyer.objects.get(evolution_pct=Decimal("2.000"))
    assert sorted(d.code for d in dom.departements.all()) == ["971", "972"]
    national = IndiceEvolutionLoyer.objects.filter(kind="loyer", departements__isnull=True)
    assert national.count() == 2


def test_reloading_updates_instead_of_duplicating(tmp_path):
    """Loading the same keys again updates the values."""
    path = tmp_path / "loyers.csv"
    path.write_text('annee,zone,financement,loyer_max_m2\n2025,2,PLUS,"6,20"\n', encoding="utf-8")
    call_command("load_referentiel", str(path), table="loyers_plafonds")
    path.write_text("annee,zone,financement,loyer_max_m2\n2025,2,plus,6.35\n", encoding="utf-8")
    call_command("load_referentiel", str(path), table="loyers_plafonds")
    assert LoyerPlafond.objects.get().loyer_max_m2 == Decimal("6.35")


def test_errors_are_reported_by_line_and_nothing_is_saved(tmp_path):
    """Each bad row is named with its file line and reason; one bad row saves nothing."""
    path = tmp_path / "indices.csv"
    path.write_text(
        "# commentaire\n"
        "kind,nature_logement,annee,date_debut,date_fin,evolution_pct,departements\n"
        "loyer,,2025,2024-01-01,2024-12-31,3.26,\n"
        "loyer,residence_sociale,2025,2024-01-01,2024-12-31,3.26,\n"
        "redevance,,2025,2024-01-01,2024-12-31,3.26,\n"
        "loyer,,2025,31/12/2024,01/01/2024,3.26,\n"
        "loyer,,deux mille,2024-01-01,2024-12-31,abc,\n"
        "loyer,,2024,2023-01-01,2023-12-31,1,99 ZZ\n"
        "loyer,,2025,01/01/2024,31/12/2024,3.26,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("load_referentiel", str(path), table="indices")
    message = str(error.value)
    assert "rien n'a été enregistré" in message
    assert "Ligne 4 : la série « loyer » ne prend pas de nature" in message
    assert "Ligne 5 : une série « redevance » doit préciser la nature" in message
    assert "Ligne 6 : la date de début doit précéder la date de fin" in message
    assert "Ligne 7 : colonne « evolution_pct » : « abc » n'est pas un nombre" in message
    assert "Ligne 8 : colonne « departements » : code(s) inconnu(s) : 99, ZZ" in message
    assert "Ligne 9 : cette ligne répète une ligne précédente" in message
    assert IndiceEvolutionLoyer.objects.count() == 0


def test_missing_column_and_unknown_values(tmp_path):
    """A missing column stops the load; an unknown zone or financement names the allowed values."""
    path = tmp_path / "loyers.csv"
    path.write_text("annee,zone,loyer_max_m2\n2025,2,6\n", encoding="utf-8")
    with pytest.raises(CommandError, match="colonne\\(s\\) manquante\\(s\\) : financement"):
        call_command("load_referentiel", str(path), table="loyers_plafonds")
    path.write_text(
        "annee,zone,financement,loyer_max_m2\n2025,4,PLUS,6\n2025,2,PSH,6\n2025,2,PLUS,0\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("load_referentiel", str(path), table="loyers_plafonds")
    assert "Ligne 2 : colonne « zone » : « 4 » inconnu" in str(error.value)
    assert "Ligne 3 : colonne « financement » : « PSH » inconnu" in str(error.value)
    assert "Ligne 4 : colonne « loyer_max_m2 » : attendu strictement entre 0 et 100" in str(
        error.value
    )


def test_dry_run_saves_nothing(tmp_path):
    """--dry-run checks the file only."""
    call_command(
        "load_referentiel",
        str(SAMPLES / "loyers_plafonds.EXEMPLE.csv"),
        table="loyers_plafonds",
        dry_run=True,
    )
    assert LoyerPlafond.objects.count() == 0


def test_indice_constraints():
    """A loyer series has no nature; a redevance series has one; periods are ordered."""
    IndiceEvolutionLoyerFactory(kind="redevance", nature_logement="residence_sociale")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndiceEvolutionLoyerFactory(kind="loyer", nature_logement="residence_sociale")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndiceEvolutionLoyerFactory(kind="redevance", nature_logement=None)
