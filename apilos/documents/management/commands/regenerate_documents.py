"""`manage.py regenerate_documents [--dry-run]`: after a legal text upgrade, produce the
stored documents of drafts again; validated conventions keep their version and signed
conventions are never touched. Prints every decision."""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand

from apilos.documents.regeneration import IGNORER, plan, run


class Command(BaseCommand):
    help = (
        "Régénère les documents enregistrés des conventions en cours dont le texte juridique a "
        "changé de version, et produit les documents à signer manquants. Les conventions "
        "signées ne sont jamais régénérées."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait fait, sans rien changer."
        )

    def handle(self, *args, **options):
        actions = plan()
        dry_run = options["dry_run"]
        results = [(action, "") for action in actions] if dry_run else run(actions)
        counts: Counter[str] = Counter()
        for action, detail in results:
            counts[action.verbe] += 1
            verbe = action.verbe if not dry_run or action.verbe == IGNORER else "à faire"
            line = f"{verbe} : {action.convention} – {action.description}"
            self.stdout.write(f"{line} → {detail}" if detail else line)
        prefix = "Simulation, rien n'a été changé. " if dry_run else ""
        self.stdout.write(
            f"{prefix}{counts['régénéré']} à régénérer, {counts['produit']} à produire, "
            f"{counts['ignoré']} ignoré(s)."
            if dry_run
            else f"{counts['régénéré']} régénéré(s), {counts['produit']} produit(s), "
            f"{counts['ignoré']} ignoré(s)."
        )
