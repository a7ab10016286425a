"""Cell parsing: French decimals, integers, dates and labels (domain.md §7 step 4, §4)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from apilos.imports import choices
from apilos.imports.cells import (
    Bounds,
    DateType,
    DecimalType,
    IntegerType,
    SurfaceCadastraleType,
    TextType,
)
from apilos.imports.errors import CellError
from apilos.imports.specs import CADASTRE, COEFFICIENT, LOYER_M2, SURFACE

AMOUNT = DecimalType(scale=2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234,56 €", D("1234.56")),
        ("1\u00a0234,56\u00a0€", D("1234.56")),
        ("1\u202f234,56 €", D("1234.56")),
        ("45,5 m²", D("45.50")),
        ("45.5m2", D("45.50")),
        ("1.234,56", D("1234.56")),
        ("1,234.56", D("1234.56")),
        ("1 000 000", D("1000000.00")),
        ("1.000.000", D("1000000.00")),
        ("1,000,000.5", D("1000000.50")),
        ("12,345", D("12.35")),  # half-up
        ("12,344", D("12.34")),
        ("-3,5", D("-3.50")),
        (" 7 ", D("7.00")),
        (12.345, D("12.35")),  # the float's shortest repr, then half-up
        (0.1 + 0.2, D("0.30")),
        (42, D("42.00")),
    ],
)
def test_decimal_inputs(raw, expected):
    """Decimals: numbers or French text, spaces, € and m² stripped, rounded half-up."""
    assert AMOUNT.parse(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "12,5,6.7", "1e5", "€", True, dt.date(2024, 1, 1), "NaN"])
def test_decimal_rejects(raw):
    """Anything else is not a number."""
    with pytest.raises(CellError):
        AMOUNT.parse(raw)


def test_coefficient_scale_is_four_places():
    """The coefficient keeps 4 decimals (decimal(5,4))."""
    assert COEFFICIENT.parse("0,95555") == D("0.9556")


@pytest.mark.parametrize(
    ("column", "raw", "ok"),
    [
        (SURFACE, 0, False),
        (SURFACE, "0,01", True),
        (SURFACE, "9 999,99", True),
        (SURFACE, 10000, False),
        (SURFACE, "9999,996", False),  # rounds to 10 000.00
        (LOYER_M2, 100, False),
        (LOYER_M2, "99,99", True),
        (COEFFICIENT, 0, False),
        (COEFFICIENT, "9,9999", True),
        (COEFFICIENT, 10, False),
    ],
)
def test_bounds(column, raw, ok):
    """§3.4 bounds: SH 0 < x < 10 000, €/m² 0 < x < 100, coefficient 0 < x < 10."""
    if ok:
        column.parse(raw)
    else:
        with pytest.raises(CellError, match="hors limites"):
            column.parse(raw)


def test_bounds_are_described_in_french():
    """The expected format states the limits."""
    assert SURFACE.expected == (
        "un nombre (par exemple 45,50 m²), strictement supérieur à 0 "
        "et strictement inférieur à 10 000"
    )
    assert Bounds(min=1, max=100, max_inclusive=True).describe() == (
        "supérieur ou égal à 1 et inférieur ou égal à 100"
    )


@pytest.mark.parametrize(("raw", "expected"), [(3, 3), (3.0, 3), ("1 200", 1200), ("40", 40)])
def test_integers(raw, expected):
    """Integers accept whole numbers, also typed as text."""
    assert IntegerType().parse(raw) == expected


@pytest.mark.parametrize("raw", [3.5, "2,5", "trois"])
def test_integers_reject(raw):
    """A fraction or a word is not an integer."""
    with pytest.raises(CellError):
        IntegerType().parse(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.datetime(2024, 3, 15, 0, 0), dt.date(2024, 3, 15)),
        (dt.date(2024, 3, 15), dt.date(2024, 3, 15)),
        ("15/03/2024", dt.date(2024, 3, 15)),
        ("5/3/2024", dt.date(2024, 3, 5)),
        (" 15/03/2024 ", dt.date(2024, 3, 15)),
        ("2024-03-15", dt.date(2024, 3, 15)),
    ],
)
def test_dates(raw, expected):
    """Dates: an Excel date or jj/mm/aaaa."""
    assert DateType().parse(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/02/2024", "n'est pas une date qui existe"),
        ("03/15/24", "n'est pas une date"),
        ("demain", "n'est pas une date"),
        (45000, "n'est pas une date"),
        ("01/01/1800", "n'est pas plausible"),
    ],
)
def test_dates_reject(raw, message):
    """An impossible or unreadable date is refused."""
    with pytest.raises(CellError, match=message):
        DateType().parse(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", "T1"),
        (1, "T1"),
        (2.0, "T2"),
        ("t3", "T3"),
        ("T1bis", "T1bis"),
        ("1bis", "T1bis"),
        ("T1 bis", "T1bis"),
        ("t1 BIS", "T1bis"),
        ("1'", "T1prime"),
        ("T1’", "T1prime"),
        ("T1'", "T1prime"),
        ("5", "T5"),
        ("5 et plus", "T5"),
        ("6", "T6"),
        ("6 et plus", "T6"),
        ("T6 et plus", "T6"),
        ("T6", "T6"),
    ],
)
def test_typologie_normalisation(raw, expected):
    """§4.5 typology normalisation, case-insensitive, spaces ignored."""
    from apilos.imports.cells import ChoiceType

    assert ChoiceType(choices=choices.TYPOLOGIE).parse(raw) == expected


def test_t7_is_for_foyers_only():
    """T7 exists only in the foyer/résidence table."""
    assert choices.TYPOLOGIE_FOYER.parse("7") == "T7"
    with pytest.raises(CellError, match="foyers et résidences"):
        choices.TYPOLOGIE.parse("T7")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("garage aérien", "garage_aerien"),
        ("GARAGE AERIEN", "garage_aerien"),
        ("Extérieur boxé", "exterieur_boxe"),
        ("Parking en sous-sol ou en superstructure", "parking_sous_sol"),
        ("2 roues en extérieur", "deux_roues_exterieur"),
        ("Place de parking accolée à chaque garage", "place_accolee_garage"),
    ],
)
def test_stationnement_labels(raw, expected):
    """Stationnement labels of §4.6 match case-insensitively."""
    assert choices.STATIONNEMENT.parse(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Etat", "etat"),
        ("État", "etat"),
        ("cdc pour le foncier", "cdc_foncier"),
        ("CDC pour le logement", "cdc_logement"),
        ("Région", "region"),
        ("Commune et action logement", "commune_action_logement"),
        ("Autre/Subventions", "autre"),
    ],
)
def test_preteur_labels(raw, expected):
    """Lender labels of §4.8 match case-insensitively."""
    assert choices.PRETEUR.parse(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PLUS", "PLUS"),
        ("plus", "PLUS"),
        ("PLUS-PLAI", "PLUS_PLAI"),
        ("PLUS CD", "PLUS_CD"),
        ("PALU_COM", "PALUCOM"),
        ("Sans financement", "SANS_FINANCEMENT"),
    ],
)
def test_financement_codes(raw, expected):
    """Financement codes of §4.1, with the PLUS-PLAI and PALU_COM spellings."""
    assert choices.FINANCEMENT.parse(raw) == expected


def test_psh_is_never_conventioned():
    """PSH is refused with its reason."""
    with pytest.raises(CellError, match="PSH n'est jamais conventionné"):
        choices.FINANCEMENT.parse("psh")


def test_unknown_label_message():
    """An unknown label says what it is not."""
    with pytest.raises(CellError) as error:
        choices.ANNEXE.parse("Balcon")
    assert error.value.message == "« Balcon » n'est pas un type d'annexe reconnu."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 ha 20 a 30 ca", D("12030")),
        ("1ha 20a 30ca", D("12030")),
        ("20 a 5 ca", D("2005")),
        ("2 ha", D("20000")),
        ("45 ca", D("45")),
        (530, D("530")),
        ("1 250 m²", D("1250")),
    ],
)
def test_cadastral_surface(raw, expected):
    """Cadastral surfaces: 1 ha = 100 a = 10 000 ca = 10 000 m²."""
    assert SurfaceCadastraleType().parse(raw) == expected


def test_cadastral_surface_is_written_back_in_ha_a_ca():
    """Export writes the template's 'xx ha xx a xx ca' form."""
    assert SurfaceCadastraleType().to_cell(D("12030")) == "1 ha 20 a 30 ca"
    assert SurfaceCadastraleType().to_cell(D("45")) == "0 ha 00 a 45 ca"


@pytest.mark.parametrize(("raw", "expected"), [("ab", "AB"), ("0A", "0A"), (" c ", "C")])
def test_section(raw, expected):
    """A cadastral section is 1 or 2 characters, upper-cased."""
    assert CADASTRE.column("section").type.parse(raw) == expected


@pytest.mark.parametrize("raw", ["ABC", "A-"])
def test_section_rejects(raw):
    """Longer or odd sections are refused."""
    with pytest.raises(CellError):
        CADASTRE.column("section").type.parse(raw)


def test_text():
    """Text: numbers lose their '.0', dates are written jj/mm/aaaa, length is checked."""
    text = TextType(max_length=5)
    assert text.parse(604.0) == "604"
    assert text.parse(" B-6 ") == "B-6"
    assert TextType().parse(dt.datetime(2024, 3, 15)) == "15/03/2024"
    with pytest.raises(CellError, match="au-delà de la limite de 5"):
        text.parse("abcdef")
