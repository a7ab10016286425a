"""`manage.py check_convention`: lookup, French output, JSON shape and exit codes."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apilos.conventions.models import Lot
from apilos.conventions.rules import STEPS

pytestmark = pytest.mark.django_db


def call(*args):
    out = StringIO()
    try:
        call_command("check_convention", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_valid_convention_exits_zero(ordinaire):
    """A convention without blocking finding: exit status 0 and a French summary."""
    ordinaire.numero = "69.D.26.0001"
    ordinaire.save()
    code, out = call("69 D 26 0001", "--moment", "soumission")
    assert code == 0
    assert "Aucune remarque" in out


def test_blocking_finding_exits_one_grouped_by_step(ordinaire):
    """A blocking finding: exit status 1, findings listed under their step."""
    Lot.objects.filter(convention=ordinaire).update(nb_logements=5)
    code, out = call(str(ordinaire.uuid), "--moment", "soumission")
    assert code == 1
    assert "\nLogements\n" in out
    assert "[BLOQUANT] R7 – Le lot PLUS annonce 5 logement(s)" in out
    assert "Des points bloquants restent à corriger." in out


def test_warning_only_exits_zero(ordinaire):
    """At saisie, R7 is only a warning: exit status 0."""
    Lot.objects.filter(convention=ordinaire).update(nb_logements=5)
    code, out = call(str(ordinaire.uuid))
    assert code == 0
    assert "[avertissement] R7" in out


def test_json_shape(ordinaire):
    """--json prints the report as JSON: counts, steps, findings with rule, severity, address."""
    lot = Lot.objects.get(convention=ordinaire)
    Lot.objects.filter(pk=lot.pk).update(nb_logements=5)
    code, out = call(str(ordinaire.uuid), "--json", "--moment", "validation")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {
        "numero",
        "convention",
        "moment",
        "ok",
        "nb_bloquants",
        "nb_avertissements",
        "etapes",
    }
    assert (data["moment"], data["ok"], data["nb_bloquants"]) == ("validation", False, 1)
    assert data["etapes"] == [
        {
            "etape": "logements",
            "libelle": STEPS["logements"],
            "constats": [
                {
                    "regle": "R7",
                    "gravite": "bloquant",
                    "message": data["etapes"][0]["constats"][0]["message"],
                    "etape": "logements",
                    "adresse": {
                        "objet": "lot",
                        "ligne_uuid": str(lot.uuid),
                        "champ": "nb_logements",
                    },
                }
            ],
        }
    ]


def test_unknown_convention_is_a_french_error(db):
    """An unknown number gives a French error and exit status 2."""
    with pytest.raises(CommandError, match="Aucune convention ne porte") as error:
        call_command("check_convention", "99.X.99.9999", stdout=StringIO())
    assert error.value.returncode == 2


def test_unknown_moment_refused(ordinaire):
    """--moment accepts saisie, soumission and validation only."""
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("check_convention", str(ordinaire.uuid), "--moment", "signature")
