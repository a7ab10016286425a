"""`manage.py render_document <numéro ou uuid> [--kind convention|avenant|fiche_caf]
[--rang N] --out FICHIER.pdf`: the document as it prints now, written to a file (not stored)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apilos.conventions.management.commands.check_convention import find_convention
from apilos.documents.models import Kind
from apilos.documents.services import DocumentRefuse, render_now

KINDS = [Kind.CONVENTION, Kind.AVENANT, Kind.FICHE_CAF]


class Command(BaseCommand):
    help = (
        "Produit le PDF d'une convention, d'un avenant ou de sa fiche CAF tel qu'il s'imprime "
        "maintenant (filigrane avant « À signer », instantané validé ensuite) et l'écrit dans "
        "un fichier. Rien n'est enregistré dans APiLos."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="Numéro de la convention ou son identifiant (uuid).")
        parser.add_argument(
            "--kind",
            choices=[str(kind) for kind in KINDS],
            default="",
            help="convention, avenant ou fiche_caf (par défaut : celui de la version donnée).",
        )
        parser.add_argument(
            "--rang", type=int, help="Avec --kind avenant et un numéro : le rang de l'avenant."
        )
        parser.add_argument("--out", required=True, help="Fichier PDF à écrire.")

    def handle(self, *args, **options):
        convention = find_convention(options["reference"])
        kind = options["kind"] or (Kind.AVENANT if convention.is_avenant else Kind.CONVENTION)
        if kind == Kind.AVENANT and not convention.is_avenant:
            avenants = convention.avenants.exclude(rang=None)
            if options["rang"]:
                avenants = avenants.filter(rang=options["rang"])
            avenant = avenants.order_by("-rang").first()
            if avenant is None:
                raise CommandError(f"« {convention} » n'a pas d'avenant numéroté correspondant.")
            convention = avenant
        if kind == Kind.CONVENTION and convention.is_avenant:
            raise CommandError(
                f"« {convention} » est un avenant : utilisez --kind avenant ou le numéro de la "
                "convention d'origine."
            )
        try:
            content, prepared = render_now(convention, kind)
        except DocumentRefuse as exc:
            raise CommandError(exc.message) from exc
        out = Path(options["out"])
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Impossible d'écrire {out} : {exc.strerror}.") from exc
        self.stdout.write(
            f"{out} : {convention} – modèle {prepared.model.value}, texte juridique version "
            f"{prepared.version}, {len(content)} octets."
        )
