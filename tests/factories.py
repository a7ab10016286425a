"""factory_boy factories for the whole suite (no JSON fixtures)."""

import factory

from apilos.accounts.enums import AdministrationKind, Perimetre, Role, SousNature
from apilos.accounts.models import Administration, Bailleur, Membership, User
from apilos.accounts.validators import luhn_ok
from apilos.conventions.models import Convention
from apilos.programmes.models import Programme
from apilos.referentiel.models import Departement

PASSWORD = "mot-de-passe-de-test-42"


def _with_luhn_digit(prefix: str) -> str:
    return next(prefix + str(d) for d in range(10) if luhn_ok(prefix + str(d)))


def valid_siret(n: int) -> str:
    siren = _with_luhn_digit(f"{40000000 + n:08d}")
    return _with_luhn_digit(siren + "0001")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Prénom"
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BailleurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bailleur

    nom = factory.Sequence(lambda n: f"Bailleur {n}")
    siret = factory.Sequence(valid_siret)
    sous_nature = SousNature.OPH
    ville = "Lyon"


def departement(code: str = "69") -> Departement:
    return Departement.objects.get(code=code)


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"DD{n:04d}")
    nom = factory.Sequence(lambda n: f"DDT numéro {n}")
    kind = AdministrationKind.DDT
    ville_signature = "Lyon"

    @factory.post_generation
    def departements(obj, create, extracted, **kwargs):
        if create:
            obj.departements.set([departement(code) for code in (extracted or ["69"])])


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    nom = factory.Sequence(lambda n: f"Opération {n}")
    bailleur = factory.SubFactory(BailleurFactory)
    administration = factory.SubFactory(AdministrationFactory)
    ville = "Lyon"
    code_postal = "69003"
    code_insee_commune = "69383"


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention

    programme = factory.SubFactory(ProgrammeFactory)


def membership(user=None, role=Role.BAILLEUR, **scope) -> Membership:
    user = user or UserFactory()
    if role in {Role.ADMINISTRATEUR, Role.PARTENAIRE}:
        scope.setdefault("perimetre", Perimetre.NATIONAL)
    return Membership.objects.create(user=user, role=role, **scope)
