"""Routes of the guided entry for the route × role matrix (tests/core/test_routes_permissions.py).

They act on a convention `en projet` (created on demand in the `world`), so that the roles
that may edit it and those that may only read it can be told apart.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from apilos.files.enums import StatutAntivirus
from apilos.files.services import piece_jointe_create
from apilos.saisie.models import ImportJob, ImportStatut
from tests.factories import ConventionFactory, LogementFactory, LotFactory, ProgrammeFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CREATORS = frozenset({"bailleur", "instructeur", "instructeur_signataire"})
VIEWERS = frozenset(
    {
        "bailleur",
        "bailleur_lecteur",
        "instructeur",
        "instructeur_lecteur",
        "instructeur_signataire",
        "administrateur",
    }
)
EDITORS = frozenset({"bailleur", "instructeur", "instructeur_signataire", "administrateur"})


def projet(world, own):
    """A convention en projet of the world's bailleur (own) or of the other one, with a lot,
    a logement, an import awaiting confirmation and a scanned attachment."""
    key = "projet" if own else "other_projet"
    if key not in world:
        base = world["convention" if own else "other_convention"].programme
        programme = ProgrammeFactory(
            bailleur=base.bailleur,
            administration=base.administration,
            code_insee_commune=base.code_insee_commune,
            code_postal=base.code_postal,
            ville=base.ville,
        )
        convention = ConventionFactory(programme=programme, statut="projet")
        lot = LotFactory(convention=convention, financement="PLUS", nb_logements=1)
        logement = LogementFactory(lot=lot)
        job = ImportJob.objects.create(
            convention=convention,
            table="logements",
            nom_fichier="logements.xlsx",
            fichier=SimpleUploadedFile("logements.xlsx", b"x"),
            statut=ImportStatut.APERCU,
            apercu={"compte": {}, "problemes": [], "bloquant": False},
        )
        piece = piece_jointe_create(
            owner=programme,
            champ="reference_cadastrale",
            uploaded_file=SimpleUploadedFile("cadastre.pdf", PDF),
            by=None,
        )
        piece.statut_antivirus = StatutAntivirus.SAIN
        piece.save()
        world[key] = {"convention": convention, "logement": logement, "job": job, "piece": piece}
    return world[key]


def on_convention(**extra):
    def kwargs(world, own):
        found = projet(world, own)
        values = {"uuid": found["convention"].uuid}
        for name, value in extra.items():
            values[name] = value(found) if callable(value) else value
        return values

    return kwargs


def saisie_routes(Route):
    """The entries, built with the matrix's own Route class."""
    row = {"grid_name": "logements", "row_uuid": lambda found: found["logement"].uuid}
    job = {"job_uuid": lambda found: found["job"].uuid}
    piece = {"piece_uuid": lambda found: found["piece"].uuid}
    hidden = frozenset({"partenaire"})  # sees conventions from « à signer » on only
    view = {"own_ok": VIEWERS, "hidden": hidden}
    act = {"own_ok": EDITORS, "denied": 403, "hidden": hidden}
    return {
        "saisie:start": Route("role", own_ok=CREATORS),
        "saisie:create_operation": Route("role", own_ok=CREATORS),
        "saisie:create_copy": Route("role", own_ok=CREATORS),
        "saisie:create_signed": Route("role", own_ok=CREATORS),
        "saisie:simulateur": Route("login"),
        "saisie:template": Route("login", kwargs=lambda world, own: {"grid_name": "logements"}),
        "saisie:recap": Route("object", on_convention(), **view),
        "saisie:report": Route("object", on_convention(), **view),
        "saisie:step": Route("object", on_convention(slug="logements"), **view),
        "saisie:table_export": Route("object", on_convention(grid_name="logements"), **view),
        "saisie:import_upload": Route("object", on_convention(grid_name="logements"), **view),
        "saisie:import_job": Route("object", on_convention(**job), **view),
        "saisie:piece_download": Route("object", on_convention(**piece), **view),
        "saisie:row_new": Route("object", on_convention(grid_name="logements"), **act),
        "saisie:row": Route("object_post", on_convention(**row), **act),
        "saisie:row_duplicate": Route("object_post", on_convention(**row), **act),
        "saisie:row_delete": Route("object_post", on_convention(**row), **act),
        "saisie:import_confirm": Route("object_post", on_convention(**job), **act),
        "saisie:import_cancel": Route("object_post", on_convention(**job), **act),
        "saisie:piece_upload": Route(
            "object_post",
            on_convention(slug="cadastre", champ="reference_cadastrale"),
            **act,
        ),
        "saisie:piece_delete": Route("object_post", on_convention(**piece), **act),
        "saisie:submit": Route(
            "object_post",
            on_convention(),
            own_ok=frozenset({"bailleur"}),
            denied=403,
            hidden=hidden,
        ),
    }
