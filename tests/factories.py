"""factory_boy factories for the whole suite (no JSON fixtures)."""

from datetime import date
from decimal import Decimal

import factory

from apilos.accounts.enums import AdministrationKind, Perimetre, Role, SousNature
from apilos.accounts.models import Administration, Bailleur, Membership, User
from apilos.accounts.validators import luhn_ok
from apilos.conventions.models import (
    Annexe,
    Convention,
    LocauxCollectifs,
    Logement,
    Lot,
    Pret,
    TypeStationnement,
)
from apilos.programmes.models import LogementEDD, Programme, ReferenceCadastrale
from apilos.referentiel.models import Departement, IndiceEvolutionLoyer, LoyerPlafond

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
    numero_operation = factory.Sequence(lambda n: f"2026{n:07d}")
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


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    convention = factory.SubFactory(ConventionFactory)
    financement = "PLUS"
    nb_logements = 1
    type_habitat = "collectif"


class LogementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Logement

    lot = factory.SubFactory(LotFactory)
    designation = factory.Sequence(lambda n: f"A{n:03d}")
    typologie = "T3"
    surface_habitable = Decimal("65.00")
    surface_annexes = Decimal("10.00")
    surface_annexes_retenue = Decimal("5.00")
    loyer_par_m2 = Decimal("6.00")
    coefficient = Decimal("1.0000")
    loyer = Decimal("405.00")
    ordre = factory.Sequence(int)


class AnnexeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Annexe

    logement = factory.SubFactory(LogementFactory)
    typologie = "jardin"
    surface = Decimal("20.00")
    loyer_unitaire = Decimal("1.00")
    loyer = Decimal("20.00")


class TypeStationnementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TypeStationnement

    lot = factory.SubFactory(LotFactory)
    typologie = "garage_enterre"
    nombre = 2
    loyer = Decimal("35.00")


class LocauxCollectifsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocauxCollectifs

    lot = factory.SubFactory(LotFactory)
    type_local = "Salle commune"
    surface_habitable = Decimal("40.00")
    nombre = 1


class PretFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pret

    lot = factory.SubFactory(LotFactory)
    preteur = "cdc_logement"
    numero = factory.Sequence(lambda n: f"P{n:05d}")
    date_octroi = date(2025, 3, 1)
    duree = 40
    montant = Decimal("150000.00")


class LogementEDDFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogementEDD

    programme = factory.SubFactory(ProgrammeFactory)
    designation = factory.Sequence(lambda n: f"A{n:03d}")
    financement = "PLUS"
    numero_lot = factory.Sequence(str)


class ReferenceCadastraleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferenceCadastrale

    programme = factory.SubFactory(ProgrammeFactory)
    section = "AB"
    numero = factory.Sequence(lambda n: str(100 + n))
    lieudit = "Les Prés"
    surface_m2 = 1250


class IndiceEvolutionLoyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndiceEvolutionLoyer

    kind = "loyer"
    nature_logement = None
    annee = 2025
    date_debut = date(2024, 1, 1)
    date_fin = date(2024, 12, 31)
    evolution_pct = Decimal("3.260")


class LoyerPlafondFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoyerPlafond

    annee = 2025
    zone = "2"
    financement = "PLUS"
    loyer_max_m2 = Decimal("6.20")
