"""Import one table of a convention from a spreadsheet, as the web import does.

    manage.py import_table <numéro ou uuid> <tableau> <fichier.xlsx> [--dry-run] [--json]

Prints the preview (rows to add, update, remove) and every problem by row and column; exits
with status 1 on a blocking problem. Without --dry-run, saves all rows or none.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from apilos.conventions.models import Convention
from apilos.core.normalise import normalise_numero
from apilos.imports import get_spec
from apilos.saisie.grids import GRIDS
from apilos.saisie.models import ImportJob, ImportStatut
from apilos.saisie.services.imports import import_read, run_confirm

# The importer's table names and the template file names are accepted too.
ALIASES = {grid.import_table: name for name, grid in GRIDS.items()} | {
    get_spec(grid.import_table).filename: name for name, grid in GRIDS.items()
}


def find_convention(key: str) -> Convention:
    try:
        return Convention.objects.get(uuid=uuid.UUID(key))
    except (ValueError, Convention.DoesNotExist):
        pass
    found = list(
        Convention.objects.filter(numero_normalise=normalise_numero(key), parent__isnull=True)[:2]
    )
    if len(found) != 1:
        raise CommandError(
            f"Aucune convention de numéro ou d'identifiant « {key} » : donnez le numéro exact "
            "ou l'uuid affiché dans l'adresse de la convention."
        )
    return found[0]


class Command(BaseCommand):
    help = (
        "Importe un tableau d'une convention depuis un fichier .xlsx (aperçu, puis tout ou rien)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("convention", help="numéro ou uuid de la convention")
        parser.add_argument("table", help=f"tableau : {', '.join(sorted(GRIDS))}")
        parser.add_argument("fichier", help="chemin du fichier .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="aperçu seulement")
        parser.add_argument("--json", action="store_true", help="sortie JSON")

    def handle(self, *args, **options) -> None:
        convention = find_convention(options["convention"])
        name = ALIASES.get(options["table"], options["table"])
        if name not in GRIDS:
            raise CommandError(
                f"Tableau inconnu « {options['table']} » : choisissez parmi "
                f"{', '.join(sorted(GRIDS))}."
            )
        path = Path(options["fichier"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        job = ImportJob(convention=convention, table=name, nom_fichier=path.name)
        job.fichier.save("import.xlsx", ContentFile(path.read_bytes()), save=False)
        job.save()
        import_read(job)
        saved = None
        if job.statut == ImportStatut.APERCU and not options["dry_run"]:
            job = run_confirm(job, membership=None, user=None)
            saved = job.statut == ImportStatut.TERMINE
        blocking = bool(job.apercu.get("bloquant")) or job.statut == ImportStatut.REFUSE
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "convention": str(convention.uuid),
                        "tableau": name,
                        "statut": job.statut,
                        "enregistre": saved,
                        **job.apercu,
                        "message": job.message,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            self._print(job, saved, options["dry_run"])
        if blocking:
            sys.exit(1)

    def _print(self, job: ImportJob, saved: bool | None, dry_run: bool) -> None:
        apercu = job.apercu
        compte = apercu.get("compte", {})
        self.stdout.write(
            f"Aperçu : {compte.get('ajouts', 0)} ajout(s), {compte.get('modifications', 0)} "
            f"modification(s), {compte.get('suppressions', 0)} suppression(s), "
            f"{compte.get('inchangees', 0)} inchangée(s)."
        )
        for probleme in apercu.get("problemes", []):
            gravite = "BLOQUANT" if probleme["gravite"] == "bloquant" else "avertissement"
            self.stdout.write(f"  [{gravite}] {probleme['texte']}")
        if job.message:
            self.stdout.write(job.message)
        if dry_run:
            self.stdout.write("Vérification seule (--dry-run) : rien n'a été enregistré.")
        elif saved:
            self.stdout.write(self.style.SUCCESS("Import enregistré."))
        else:
            self.stderr.write("Import refusé : aucune ligne n'a été enregistrée.")
