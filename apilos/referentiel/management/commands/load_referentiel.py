"""Load a reference table (rent revision indices or rent ceilings) from a CSV file."""

from django.core.management.base import BaseCommand, CommandError

from apilos.referentiel.imports import TABLES, load_referentiel_csv


class Command(BaseCommand):
    help = (
        "Charge un référentiel depuis un fichier CSV (lignes commençant par # ignorées). "
        "Rien n'est enregistré si une ligne est en erreur."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("csv", help="chemin du fichier CSV (UTF-8)")
        parser.add_argument("--table", required=True, choices=sorted(TABLES))
        parser.add_argument("--dry-run", action="store_true", help="vérifier sans enregistrer")

    def handle(self, *args, **options) -> None:
        try:
            report = load_referentiel_csv(
                options["csv"], table=options["table"], dry_run=options["dry_run"]
            )
        except FileNotFoundError as exc:
            raise CommandError(f"Fichier introuvable : {options['csv']}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError("Le fichier doit être encodé en UTF-8.") from exc
        if not report.ok:
            raise CommandError(
                f"{len(report.errors)} erreur(s), rien n'a été enregistré :\n"
                + "\n".join(report.errors)
            )
        if options["dry_run"]:
            self.stdout.write("Fichier valide (vérification seule, rien n'a été enregistré).")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Référentiel « {options['table']} » chargé : {report.created} ligne(s) créée(s), "
                f"{report.updated} mise(s) à jour."
            )
        )
