from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apilos.core.demo import load_demo


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Autorise le chargement hors DEBUG (jamais en production réelle).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Les données de démonstration ne se chargent qu'avec DEBUG=true. "
                "Ajoutez --force si vous êtes certain de viser un environnement de démonstration."
            )
        counts = load_demo()
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Données de démonstration à jour : {summary}."))
