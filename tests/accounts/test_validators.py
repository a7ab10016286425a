import pytest
from django.core.exceptions import ValidationError

from apilos.accounts.enums import Nature, SousNature
from apilos.accounts.validators import validate_siret
from tests.factories import BailleurFactory


@pytest.mark.parametrize(
    "siret", ["27330001200013", "48331234400011", "35600000000048", "35600000012346"]
)
def test_valid_siret_accepted(siret):
    """A 14-digit SIRET whose Luhn key is right (or La Poste's digit-sum rule) is accepted."""
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "reason"),
    [
        ("2733000120001", "14 chiffres"),
        ("2733000120001A", "14 chiffres"),
        ("27330001200014", "clé de contrôle"),
        ("273 300 012 00013", "14 chiffres"),
    ],
)
def test_malformed_siret_refused_with_reason(siret, reason):
    """A malformed SIRET is refused with a French message naming the reason."""
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert reason in error.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sous_nature", "nature"),
    [
        (SousNature.OPH, Nature.HLM),
        (SousNature.SA_HLM_ESH, Nature.HLM),
        (SousNature.SEM_EPL, Nature.SEM),
        (SousNature.PARTICULIER, Nature.PRIVE),
        (SousNature.ASSOCIATION, Nature.AUTRE),
        (SousNature.CROUS, Nature.AUTRE),
    ],
)
def test_sous_nature_forces_nature(sous_nature, nature):
    """R48: the sous-nature decides the bailleur's nature."""
    bailleur = BailleurFactory(sous_nature=sous_nature, nature=Nature.HLM)
    bailleur.refresh_from_db()
    assert bailleur.nature == nature
    assert bailleur.siren == bailleur.siret[:9]


@pytest.mark.django_db
def test_non_renseigne_keeps_nature():
    """R48: "non renseigné" leaves the nature as it was."""
    bailleur = BailleurFactory(sous_nature=SousNature.NON_RENSEIGNE, nature=Nature.SEM)
    bailleur.refresh_from_db()
    assert bailleur.nature == Nature.SEM


@pytest.mark.django_db
def test_association_signs_type_1_2():
    """A bailleur neither HLM nor SEM signs Type I/II conventions."""
    assert BailleurFactory(sous_nature=SousNature.ASSOCIATION).signs_type_1_2
    assert not BailleurFactory(sous_nature=SousNature.OPH).signs_type_1_2


@pytest.mark.django_db
def test_siret_unique_in_database():
    """Two bailleurs cannot share a SIRET."""
    from django.db import IntegrityError

    first = BailleurFactory()
    with pytest.raises(IntegrityError):
        BailleurFactory(siret=first.siret)
