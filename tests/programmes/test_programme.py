import pytest
from django.core.exceptions import ValidationError

from apilos.programmes.enums import type_habitat_from_counts, type_operation_from_siap
from apilos.programmes.models import surface_ha_a_ca
from tests.factories import ProgrammeFactory, ReferenceCadastraleFactory


@pytest.mark.django_db
def test_numero_operation_is_normalised_on_save():
    """The normalised copy is upper-case, without spaces, /, - or ."""
    programme = ProgrammeFactory(numero_operation="2022 1000-003/b.")
    assert programme.numero_operation_normalise == "20221000003B"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("insee", "outre_mer"), [("97411", True), ("97209", True), ("2A004", False), ("69383", False)]
)
def test_outre_mer_follows_the_departement(insee, outre_mer):
    """Outre-mer is derived from the commune's département (971–974, 976)."""
    assert ProgrammeFactory(code_insee_commune=insee).is_outre_mer is outre_mer


@pytest.mark.parametrize(
    ("surface", "expected"),
    [(1250, "0 ha 12 a 50 ca"), (10_000, "1 ha 00 a 00 ca"), (123_456, "12 ha 34 a 56 ca")],
)
def test_cadastre_surface_in_hectares_ares_centiares(surface, expected):
    """1 ha = 100 a = 10 000 ca = 10 000 m²."""
    assert surface_ha_a_ca(surface) == expected


@pytest.mark.django_db
def test_cadastre_section_is_one_or_two_upper_case_characters():
    """A section is 1–2 upper-case characters; lower case is upper-cased on save."""
    reference = ReferenceCadastraleFactory(section="ab")
    assert reference.section == "AB"
    reference.section = "ABC"
    with pytest.raises(ValidationError):
        reference.full_clean()


@pytest.mark.parametrize(
    ("individuels", "collectifs", "expected"),
    [(0, 12, "collectif"), (5, 0, "individuel"), (3, 9, "mixte")],
)
def test_type_habitat_from_siap_counts(individuels, collectifs, expected):
    """§4.4: derived from the SIAP counts."""
    assert type_habitat_from_counts(individuels, collectifs) == expected


@pytest.mark.parametrize(
    ("code", "sans_travaux", "expected"),
    [
        ("CNE", False, "neuf"),
        ("AAM", False, "acquisition_amelioration"),
        ("ast", False, "acquisition_sans_travaux"),
        ("XYZ", True, "sans_travaux"),
        (None, False, "sans_objet"),
    ],
)
def test_type_operation_from_siap(code, sans_travaux, expected):
    """§4.3: SIAP codes map to our values."""
    assert type_operation_from_siap(code, sans_travaux=sans_travaux) == expected
