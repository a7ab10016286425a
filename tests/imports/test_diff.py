"""Import preview: rows matched on the spec's keys keep their identity (§7 step 6)."""

from decimal import Decimal as D

import pytest

from apilos.imports import diff_rows, get_spec

LOGEMENTS = get_spec("logements_corrigee_sans_loyer")


def logement(designation, sh="50.00", **other):
    return {
        "designation": designation,
        "typologie": "T2",
        "financement": "PLUS",
        "surface_habitable": D(sh),
        "surface_corrigee": D("55.00"),
        **other,
    }


def test_add_update_remove_and_unchanged():
    """New designations are added, changed ones updated field by field, absent ones removed."""
    existing = [logement("A1", id=1), logement("A2", id=2), logement("A3", id=3)]
    imported = [logement("A1"), logement("A2", sh="52.50"), logement("A4")]
    diff = diff_rows(existing, imported, LOGEMENTS)
    assert [row["designation"] for row in diff.to_add] == ["A4"]
    assert [(c.existing["id"], c.changes) for c in diff.to_update] == [
        (2, {"surface_habitable": (D("50.00"), D("52.50"))})
    ]
    assert [row["id"] for row in diff.to_remove] == [3]
    assert [c.existing["id"] for c in diff.unchanged] == [1]
    assert diff.has_changes


def test_designation_matches_trimmed_and_case_insensitively():
    """R6: designations are compared after trimming and case-folding; the new spelling is kept."""
    diff = diff_rows([logement("Bât A-1", id=7)], [logement(" bât a-1 ")], LOGEMENTS)
    assert diff.to_add == [] and diff.to_remove == []
    assert diff.to_update[0].changes == {"designation": ("Bât A-1", " bât a-1 ")}


def test_same_values_with_other_scale_are_unchanged():
    """52.5 and 52.50 are the same surface; None and '' the same empty text."""
    existing = [logement("A1", sh="52.5", typologie=None)]
    imported = [logement("A1", sh="52.50", typologie="")]
    diff = diff_rows(existing, imported, LOGEMENTS)
    assert not diff.has_changes


def test_prets_match_on_numero_and_financement():
    """A loan is the same loan when numéro and financement match; subsidies pair in order."""
    spec = get_spec("prets")
    existing = [
        {"id": 1, "numero": "X1", "financement": "PLUS", "montant": D("100.00")},
        {"id": 2, "numero": "X1", "financement": "PLAI", "montant": D("100.00")},
        {"id": 3, "numero": None, "financement": "PLUS", "montant": D("10.00")},
        {"id": 4, "numero": None, "financement": "PLUS", "montant": D("20.00")},
    ]
    imported = [
        {"numero": "X1", "financement": "PLAI", "montant": D("150.00")},
        {"numero": None, "financement": "PLUS", "montant": D("10.00")},
        {"numero": "", "financement": "PLUS", "montant": D("25.00")},
        {"numero": None, "financement": "PLUS", "montant": D("30.00")},
    ]
    diff = diff_rows(existing, imported, spec)
    assert [(c.existing["id"], c.changes["montant"]) for c in diff.to_update] == [
        (2, (D("100.00"), D("150.00"))),
        (4, (D("20.00"), D("25.00"))),
    ]
    assert [c.existing["id"] for c in diff.unchanged] == [3]
    assert [row["montant"] for row in diff.to_add] == [D("30.00")]
    assert [row["id"] for row in diff.to_remove] == [1]
    assert diff.duplicates == []


@pytest.mark.parametrize(
    ("name", "old", "new", "matched"),
    [
        (
            "annexes",
            {"logement_designation": "A1", "typologie": "jardin"},
            {"logement_designation": "a1", "typologie": "jardin"},
            True,
        ),
        (
            "annexes",
            {"logement_designation": "A1", "typologie": "jardin"},
            {"logement_designation": "A1", "typologie": "cour"},
            False,
        ),
        (
            "cadastre",
            {"section": "AB", "numero": "12"},
            {"section": "ab", "numero": "12"},
            True,
        ),
        ("cadastre", {"section": "AB", "numero": "12"}, {"section": "AB", "numero": "13"}, False),
        ("logements_edd", {"designation": "L1"}, {"designation": "L1"}, True),
        (
            "stationnements",
            {"typologie": "carport", "financement": "PLUS"},
            {"typologie": "carport", "financement": "PLAI"},
            False,
        ),
        (
            "stationnements",
            {"typologie": "carport", "financement": "PLUS"},
            {"typologie": "carport", "financement": "PLUS"},
            True,
        ),
    ],
)
def test_match_keys_per_table(name, old, new, matched):
    """Annexes on designation + type, cadastre on section + numéro, EDD on designation,
    stationnements on type + financement."""
    diff = diff_rows([old], [new], get_spec(name))
    assert (len(diff.to_add), len(diff.to_remove)) == ((0, 0) if matched else (1, 1))


def test_duplicate_keys_in_the_file_are_reported():
    """The same designation twice in a file is reported; the second one is an addition."""
    diff = diff_rows([logement("A1")], [logement("A1"), logement("a1 ")], LOGEMENTS)
    assert diff.duplicates == [("a1",)]
    assert [row["designation"] for row in diff.to_add] == ["a1 "]
