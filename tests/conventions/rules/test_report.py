"""Report structure: findings tied to fields, grouped by form step, JSON-serialisable; and
the engine's few queries whatever the size of the convention."""

import json
from uuid import uuid4

import pytest

from apilos.conventions.models import Lot
from apilos.conventions.rules import AVERTISSEMENT, BLOQUANT, FieldAddress, Finding, Report
from apilos.conventions.rules.report import step_for
from tests.conventions.rules.conftest import build_ordinaire, run
from tests.factories import LogementFactory


def test_finding_step_is_derived_from_the_address():
    """A finding lands in the form step where its field is edited."""
    assert step_for(FieldAddress("logement", uuid4(), "loyer")) == "logements"
    assert step_for(FieldAddress("lot", None, "annexe_caves")) == "annexes"
    assert step_for(FieldAddress("lot", None, "nb_garages_parkings")) == "collectifs"
    assert step_for(FieldAddress("programme", None, "edd_classique")) == "edd"
    assert step_for(FieldAddress("programme", None, "ville")) == "operation"
    assert step_for(FieldAddress("programme", None, "vendeur")) == "cadastre"
    assert step_for(FieldAddress("convention", None, "date_fin_conventionnement")) == "financement"
    assert step_for(FieldAddress("convention", None, "attribution_type")) == "attribution"
    assert step_for(FieldAddress("convention", None, "foyer_variante_2_travaux")) == "variantes"
    assert step_for(FieldAddress("convention", None, "signataire_nom")) == "bailleur"
    assert step_for(FieldAddress("convention", None, "avenant_types")) == "avenant_types"
    assert step_for(FieldAddress("pret", uuid4(), "numero")) == "financement"
    assert step_for(FieldAddress("typestationnement", uuid4(), "nombre")) == "stationnements"


def test_finding_refuses_unknown_severity():
    """Severity is "bloquant" or "avertissement", nothing else."""
    with pytest.raises(ValueError, match="Gravité inconnue"):
        Finding("R3", "erreur", "…", FieldAddress("logement"))


def test_report_groups_by_step_in_form_order_blocking_first():
    """by_step follows the form's order; within a step, blocking findings come first."""
    report = Report()
    report.add("R7", AVERTISSEMENT, "compte", "lot", None, "nb_logements")
    report.add("R41", BLOQUANT, "signataire", "convention", None, "signataire_nom")
    report.add("R3", BLOQUANT, "loyer", "logement", None, "loyer")
    grouped = report.by_step()
    assert list(grouped) == ["bailleur", "logements"]
    assert [f.rule for f in grouped["logements"]] == ["R3", "R7"]
    assert (len(report.blocking), len(report.warnings), report.ok) == (2, 1, False)


def test_report_ok_with_warnings_only():
    """Warnings alone leave the report ok."""
    report = Report()
    report.add("R7", AVERTISSEMENT, "compte", "lot", None, "nb_logements")
    assert report.ok


def test_report_to_dict_is_json():
    """to_dict holds only JSON types (uuids as text)."""
    line = uuid4()
    report = Report(convention_uuid=uuid4(), moment="soumission")
    report.add("R3", BLOQUANT, "Loyer trop élevé", "logement", line, "loyer")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["etapes"][0]["constats"][0]["adresse"] == {
        "objet": "logement",
        "ligne_uuid": str(line),
        "champ": "loyer",
    }
    assert data["nb_bloquants"] == 1


@pytest.mark.django_db
def test_queries_do_not_grow_with_rows(django_assert_max_num_queries):
    """The check loads everything in a dozen queries, whether 2 or 40 logements."""
    convention = build_ordinaire(nb=2)
    with django_assert_max_num_queries(12):
        run(convention)
    lot = Lot.objects.get(convention=convention)
    for i in range(38):
        LogementFactory(lot=lot, designation=f"B{i}")
    with django_assert_max_num_queries(12):
        report = run(convention)
    assert report.rules() == {"R7"}
