"""Demo organisations, users and conventions, loaded idempotently by `load_demo`."""

from __future__ import annotations

from django.db import transaction

from apilos.accounts.enums import AdministrationKind, PartenaireKind, Perimetre, Role, SousNature
from apilos.accounts.models import Administration, Bailleur, Membership, User
from apilos.referentiel.models import Departement

DEMO_PASSWORD = "apilos-demo-2026"  # noqa: S105 - documented in the README, demo only

BAILLEURS = [
    {
        "siret": "27330001200013",
        "nom": "Gironde Habitat Démo (OPH)",
        "sous_nature": SousNature.OPH,
        "capital_social": None,
        "adresse": "40 rue d'Armagnac",
        "code_postal": "33800",
        "ville": "Bordeaux",
        "signataire_nom": "Claire Martin",
        "signataire_fonction": "Directrice générale",
    },
    {
        "siret": "48331234400011",
        "nom": "Aquitanis SEM Démo",
        "sous_nature": SousNature.SEM_EPL,
        "capital_social": "1500000.00",
        "adresse": "1 avenue André Reinson",
        "code_postal": "33028",
        "ville": "Bordeaux",
        "signataire_nom": "Paul Durand",
        "signataire_fonction": "Directeur général délégué",
    },
    {
        "siret": "77933512400011",
        "nom": "Association Habitat Solidaire Démo",
        "sous_nature": SousNature.ASSOCIATION,
        "capital_social": None,
        "adresse": "12 cours de la Marne",
        "code_postal": "33000",
        "ville": "Bordeaux",
        "signataire_nom": "Inès Moreau",
        "signataire_fonction": "Présidente",
    },
]

ADMINISTRATIONS = [
    {
        "code": "DD033",
        "nom": "DDTM de la Gironde (démo)",
        "kind": AdministrationKind.DDTM,
        "departements": ["33"],
        "ville_signature": "Bordeaux",
        "adresse": "Cité administrative, 2 rue Jules Ferry",
        "code_postal": "33090",
        "ville": "Bordeaux",
        "bloc_signature": (
            "Pour le préfet de la Gironde et par délégation,\nle directeur départemental"
        ),
    },
    {
        "code": "M33063",
        "nom": "Bordeaux Métropole (démo, délégataire)",
        "kind": AdministrationKind.METROPOLE,
        "departements": ["33"],
        "ville_signature": "Bordeaux",
        "adresse": "Esplanade Charles de Gaulle",
        "code_postal": "33045",
        "ville": "Bordeaux",
        "bloc_signature": "Pour le président de Bordeaux Métropole,\nle vice-président délégué",
    },
]

# (e-mail, first name, last name, [(role, organisation key or perimeter)]).
USERS = [
    (
        "bailleur@demo.apilos.fr",
        "Béatrice",
        "Bailleur",
        [
            (Role.BAILLEUR, {"bailleur": "27330001200013"}),
            (Role.BAILLEUR, {"bailleur": "77933512400011"}),
        ],
    ),
    (
        "bailleur-sem@demo.apilos.fr",
        "Samuel",
        "Sem",
        [(Role.BAILLEUR, {"bailleur": "48331234400011"})],
    ),
    (
        "instructeur@demo.apilos.fr",
        "Isabelle",
        "Instructrice",
        [
            (Role.INSTRUCTEUR, {"administration": "DD033"}),
            (Role.INSTRUCTEUR_LECTEUR, {"administration": "M33063"}),
        ],
    ),
    (
        "instructeur-metropole@demo.apilos.fr",
        "Marc",
        "Métropole",
        [
            (Role.INSTRUCTEUR, {"administration": "M33063"}),
        ],
    ),
    (
        "admin-national@demo.apilos.fr",
        "Nadia",
        "Nationale",
        [
            (Role.ADMINISTRATEUR, {"perimetre": Perimetre.NATIONAL}),
        ],
    ),
    (
        "caf@demo.apilos.fr",
        "Camille",
        "Caf",
        [
            (
                Role.PARTENAIRE,
                {
                    "perimetre": Perimetre.DEPARTEMENT,
                    "departement": "33",
                    "partenaire_kind": PartenaireKind.CAF,
                },
            ),
        ],
    ),
    ("staff@demo.apilos.fr", "Stéphane", "Équipe", [(Role.STAFF, {})]),
]


@transaction.atomic
def load_demo() -> dict[str, int]:
    bailleurs = {}
    for data in BAILLEURS:
        data = dict(data)
        siret = data.pop("siret")
        bailleurs[siret], _ = Bailleur.objects.update_or_create(siret=siret, defaults=data)
    administrations = {}
    for data in ADMINISTRATIONS:
        data = dict(data)
        codes = data.pop("departements")
        administration, _ = Administration.objects.update_or_create(
            code=data.pop("code"), defaults=data
        )
        administration.departements.set(Departement.objects.filter(code__in=codes))
        administrations[administration.code] = administration
    for email, first, last, roles in USERS:
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": email.startswith("staff@"),
                "is_superuser": email.startswith("staff@"),
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        for role, scope in roles:
            lookup = {"user": user, "role": role}
            if "bailleur" in scope:
                lookup["bailleur"] = bailleurs[scope["bailleur"]]
            if "administration" in scope:
                lookup["administration"] = administrations[scope["administration"]]
            if "departement" in scope:
                lookup["departement"] = Departement.objects.get(code=scope["departement"])
            Membership.objects.update_or_create(
                **lookup,
                defaults={
                    "perimetre": scope.get("perimetre", ""),
                    "partenaire_kind": scope.get("partenaire_kind", ""),
                    "is_active": True,
                },
            )
    # Conventions are built through the services, so each one is what the lifecycle makes.
    from apilos.instruction.demo import DOSSIERS, load_instruction_demo

    load_instruction_demo()
    from apilos.saisie.demo import DRAFTS, load_saisie_demo

    load_saisie_demo()
    return {
        "bailleurs": len(bailleurs),
        "administrations": len(administrations),
        "utilisateurs": len(USERS),
        "conventions": len(DOSSIERS) + len(DRAFTS),
    }
