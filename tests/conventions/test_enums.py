import pytest

from apilos.conventions.enums import (
    STATIONNEMENTS_IMPORT,
    Financement,
    TypologieStationnement,
    financement_from_label,
    is_cdc,
    is_mixite,
    is_outre_mer_financement,
    is_pls_like,
    lot_financement,
    normalise_typologie,
    preteur_from_label,
    typologie_annexe_from_label,
    typologie_label,
    typologie_stationnement_from_label,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", "T1"),
        (1, "T1"),
        (1.0, "T1"),
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
        (None, None),
    ],
)
def test_typologie_import_normalisation(raw, expected):
    """Imported typologies are matched case-insensitively, spaces ignored (§4.5)."""
    assert normalise_typologie(raw) == expected


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
    assert financement_from_label(raw) == expected


def test_preteur_import_labels_and_cdc():
    """Lenders import by their exact labels; both CDC values count as CDC loans."""
    assert preteur_from_label("Etat") == "etat"
    assert preteur_from_label("cdc pour le logement") == "cdc_logement"
    assert preteur_from_label("Autre/Subventions") == "autre"
    assert preteur_from_label("Banque") is None
    assert is_cdc("cdc_foncier") and is_cdc("cdc_logement") and not is_cdc("etat")


def test_stationnement_import_labels():
    """The 16 template labels import case-insensitively; the SIAP-only one is not offered."""
    assert len(STATIONNEMENTS_IMPORT) == 16
    assert typologie_stationnement_from_label("garage ENTERRÉ") == "garage_enterre"
    assert typologie_stationnement_from_label("en sous-sol boxé") == "sous_sol_boxe"
    assert typologie_stationnement_from_label("Parking en superstructure") is None
    assert TypologieStationnement.PARKING_SUPERSTRUCTURE.label == "Parking en superstructure"


def test_annexe_import_labels():
    """Annexe types import from the template's labels."""
    assert typologie_annexe_from_label("Terrasse") == "terrasse"
    assert typologie_annexe_from_label(" jardin ") == "jardin"
    assert typologie_annexe_from_label("Balcon") is None
