"""Convention numbers {dept}.{A}.{YY}.{NNNN} (R23) and avenant ranks (R24)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from apilos.accounts.enums import AdministrationKind
from apilos.conventions.enums import Statut
from apilos.conventions.models import Convention, ConventionNumberCounter
from apilos.conventions.services import convention_number_assign, convention_number_propose
from tests.factories import (
    AdministrationFactory,
    ConventionFactory,
    ProgrammeFactory,
    departement,
)


def _convention(administration=None, insee="69383", **kwargs):
    administration = administration or AdministrationFactory()
    programme = ProgrammeFactory(administration=administration, code_insee_commune=insee)
    return ConventionFactory(programme=programme, statut=Statut.INSTRUCTION, **kwargs)


@pytest.mark.django_db
def test_state_service_number_and_counter_per_departement_and_year():
    """A State service numbers D; the counter runs per (département, year), 4 digits."""
    administration = AdministrationFactory(code="DD069")
    first = _convention(administration)
    second = _convention(administration)
    corse = _convention(AdministrationFactory(code="DD02A", departements=["2A"]), insee="2A004")

    assert convention_number_propose(convention=first, annee=2026) == "69.D.26.0001"
    convention_number_assign(convention=first, annee=2026)
    convention_number_assign(convention=second, annee=2026)
    convention_number_assign(convention=corse, annee=2026)
    other_year = convention_number_assign(convention=_convention(administration), annee=2027)

    assert first.numero == "69.D.26.0001" and first.numero_normalise == "69D260001"
    assert second.numero == "69.D.26.0002"
    assert corse.numero == "2A.D.26.0001"
    assert other_year.numero == "69.D.27.0001"
    assert ConventionNumberCounter.objects.get(departement__code="69", annee=2026).dernier == 2


@pytest.mark.django_db
def test_delegataire_number_uses_its_code():
    """A délégataire numbers with its administration code."""
    metropole = AdministrationFactory(code="M69123", kind=AdministrationKind.METROPOLE)
    convention = convention_number_assign(convention=_convention(metropole), annee=2026)
    assert convention.numero == "69.M69123.26.0001"


@pytest.mark.django_db
def test_overseas_departement_has_three_digits():
    """The département is the INSEE code: three characters overseas."""
    deal = AdministrationFactory(code="DD974", kind=AdministrationKind.DEAL, departements=["974"])
    convention = convention_number_assign(convention=_convention(deal, insee="97411"), annee=2026)
    assert convention.numero == "974.D.26.0001"


@pytest.mark.django_db
def test_legacy_number_already_taken_is_skipped():
    """A legacy convention holding the next number pushes the counter past it."""
    administration = AdministrationFactory(code="DD069")
    _convention(administration, numero="69.D.26.0001")
    convention = convention_number_assign(convention=_convention(administration), annee=2026)
    assert convention.numero == "69.D.26.0002"


@pytest.mark.django_db
def test_number_is_kept_once_given():
    """A numbered convention sent back to instruction keeps its number."""
    convention = convention_number_assign(convention=_convention(), annee=2026)
    convention_number_assign(convention=convention, annee=2026)
    assert convention.numero == "69.D.26.0001"
    assert ConventionNumberCounter.objects.get().dernier == 1


@pytest.mark.django_db
def test_instructeur_may_give_their_own_number():
    """The instructeur's own number is kept as typed, if no other convention holds it."""
    convention = convention_number_assign(convention=_convention(), numero=" 69/2026/ABC ")
    convention.refresh_from_db()
    assert convention.numero == "69/2026/ABC" and convention.numero_normalise == "692026ABC"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("numero", "message"),
    [
        ("69.d.26.0001", "déjà celui d'une autre convention"),
        ("", "Saisissez un numéro"),
        ("9" * 51, "au plus 50 caractères"),
    ],
)
def test_own_number_goes_through_the_same_checks(numero, message):
    """A number already used (after normalisation), empty or too long is refused in French."""
    _convention(numero="69.D.26.0001")
    with pytest.raises(ValidationError, match=message):
        convention_number_assign(convention=_convention(), numero=numero)


@pytest.mark.django_db
def test_number_needs_the_commune():
    """Without an INSEE code there is no département to number in."""
    convention = ConventionFactory(programme=ProgrammeFactory(code_insee_commune=""))
    with pytest.raises(ValidationError, match="code INSEE"):
        convention_number_assign(convention=convention)


@pytest.mark.django_db
def test_avenant_rank_counts_validated_avenants():
    """R24: rang = 1 + the parent's avenants from à signer on, annulées excluded."""
    parent = ConventionFactory(numero="69.D.20.0042", statut=Statut.PUBLIEE)

    def avenant(statut, rang=None):
        return ConventionFactory(
            parent=parent, programme=parent.programme, statut=statut, rang=rang
        )

    avenant(Statut.SIGNEE, rang=1)
    avenant(Statut.PROJET)  # not validated: does not count
    new = convention_number_assign(convention=avenant(Statut.INSTRUCTION))
    assert new.rang == 2 and new.numero == "69.D.20.0042"
    assert str(new) == "Avenant n° 2 – 69.D.20.0042"


@pytest.mark.django_db
def test_avenant_rank_skips_a_burnt_rank():
    """A cancelled avenant's rank is burnt (R33): the next one does not reuse it."""
    parent = ConventionFactory(numero="69.D.20.0043", statut=Statut.SIGNEE)
    ConventionFactory(parent=parent, programme=parent.programme, statut=Statut.ANNULEE, rang=1)
    avenant = ConventionFactory(parent=parent, programme=parent.programme)
    assert convention_number_assign(convention=avenant).rang == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_validations_get_different_numbers():
    """Two validations at once: the second waits for the counter row and takes the next number."""
    administration = AdministrationFactory(code="DD069")
    first, second = _convention(administration), _convention(administration)
    # The counter row exists already: only the row lock can keep the two apart.
    ConventionNumberCounter.objects.create(departement=departement("69"), annee=2026)
    first_locked = threading.Event()
    results, errors = {}, []

    def validate_first():
        try:
            with transaction.atomic():
                convention_number_assign(convention=Convention.objects.get(pk=first.pk), annee=2026)
                first_locked.set()
                time.sleep(0.5)  # hold the counter row while the other one tries
                results["first_commit"] = time.monotonic()
        except Exception as error:  # reported by the main thread
            errors.append(error)
            first_locked.set()
        finally:
            connection.close()

    def validate_second():
        try:
            first_locked.wait(5)
            convention_number_assign(convention=Convention.objects.get(pk=second.pk), annee=2026)
            results["second_done"] = time.monotonic()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=validate_first), threading.Thread(target=validate_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert not errors, errors
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.numero, second.numero} == {"69.D.26.0001", "69.D.26.0002"}
    assert second.numero == "69.D.26.0002"
    assert results["second_done"] >= results["first_commit"]  # it waited for the lock
