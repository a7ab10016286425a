import pytest

from apilos.conventions.enums import (
    Financement,
    TypologieStationnement,
    is_cdc,
    is_mixite,
    is_outre_mer_financement,
    is_pls_like,
    lot_financement,
    typologie_label,
)
from apilos.imports import choices
from apilos.imports.errors import CellError


def parsed(choice_set, raw):
    try:
        return choice_set.parse(raw)
    except CellError:
        return None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", "T1"),
        ("T1", "T1"),
        ("t1", "T1"),
        ("1bis", "T1bis"),
        ("T1 bis", "T1bis"),
        ("T1bis", "T1bis"),
        ("1'", "T1prime"),
        ("T1’", "T1prime"),
        ("T1'", "T1prime"),
        ("2", "T2"),
        ("T 3", "T3"),
        ("4", "T4"),
        ("5", "T5"),
        ("5 et plus", "T5"),
        ("6", "T6"),
        ("6 et plus", "T6"),
        ("T6 et plus", "T6"),
        ("t6 ET PLUS", "T6"),
        ("7", "T7"),
        ("T7", "T7"),
        ("8", None),
        ("studio", None),
        ("", None),
    ],
)
def test_typologie_import_normalisation(raw, expected):
    """Imported typologies are matched case-insensitively, spaces ignored (§4.5)."""
    assert parsed(choices.TYPOLOGIE_FOYER, raw) == expected


def test_t7_only_for_foyers():
    """T7 exists only in foyers and résidences: the ordinary table refuses it."""
    assert parsed(choices.TYPOLOGIE, "7") is None
    assert parsed(choices.TYPOLOGIE_FOYER, "7") == "T7"


def test_typologie_t6_label_depends_on_family():
    """T6 reads "T6 et plus" in the ordinary form, "T6" for foyers and résidences."""
    assert typologie_label("T6") == "T6 et plus"
    assert typologie_label("T6", famille="foyer") == "T6"
    assert typologie_label("T1prime") == "T1'"


def test_financement_groups():
    """Mixité, PLS-like and outre-mer groups follow §4.1; PLAI adapté joins the PLAI lot."""
    assert is_mixite("PLUS") and is_mixite("PLUS_CD") and not is_mixite("PLAI")
    assert all(is_pls_like(f) for f in ["PLS", "PALULOS", "PALU_AV_21", "PALUCOM", "PLS_DOM"])
    assert not is_pls_like("PLUS")
    assert is_outre_mer_financement("LLTS") and is_outre_mer_financement("PLS_DOM")
    assert lot_financement("PLAI_ADP") == "PLAI"
    assert "PSH" not in Financement.values


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("plus", "PLUS"), ("PLUS-PLAI", "PLUS_PLAI"), ("PALU_COM", "PALUCOM"), ("PSH", None)],
)
def test_financement_import_aliases(raw, expected):
    """Financement codes import case-insensitively with their aliases; PSH is refused."""
    assert parsed(choices.FINANCEMENT, raw) == expected
    assert set(choices.FINANCEMENT.values) == set(Financement.values)


def test_preteur_import_labels_and_cdc():
    """Lenders import by their exact labels; both CDC values count as CDC loans."""
    assert parsed(choices.PRETEUR, "Etat") == "etat"
    assert parsed(choices.PRETEUR, "cdc pour le logement") == "cdc_logement"
    assert parsed(choices.PRETEUR, "Autre/Subventions") == "autre"
    assert parsed(choices.PRETEUR, "Banque") is None
    assert is_cdc("cdc_foncier") and is_cdc("cdc_logement") and not is_cdc("etat")


def test_stationnement_import_labels():
    """The 16 template labels import case-insensitively; the SIAP-only one is not offered."""
    assert len(choices.STATIONNEMENT.dropdown) == 16
    assert "Parking en superstructure" not in choices.STATIONNEMENT.dropdown
    assert parsed(choices.STATIONNEMENT, "garage ENTERRÉ") == "garage_enterre"
    assert parsed(choices.STATIONNEMENT, "en sous-sol boxé") == "sous_sol_boxe"
    assert TypologieStationnement.PARKING_SUPERSTRUCTURE.label == "Parking en superstructure"


def test_annexe_import_labels():
    """Annexe types import from the template's labels."""
    assert parsed(choices.ANNEXE, "Terrasse") == "terrasse"
    assert parsed(choices.ANNEXE, " jardin ") == "jardin"
    assert parsed(choices.ANNEXE, "Balcon") is None
    assert choices.ANNEXE.dropdown == ["Cour", "Jardin", "Terrasse"]
