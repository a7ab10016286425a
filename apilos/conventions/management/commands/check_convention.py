"""`manage.py check_convention <numéro ou uuid> [--json] [--moment soumission]`."""

from __future__ import annotations

import json
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from apilos.conventions.models import Convention
from apilos.conventions.rules import BLOQUANT, STEPS, convention_check
from apilos.conventions.rules.context import MOMENTS
from apilos.core.normalise import normalise_numero

NOT_FOUND = 2


def find_convention(reference: str) -> Convention:
    """A convention by its uuid, else by its number (an original before its avenants)."""
    text = reference.strip()
    try:
        return Convention.objects.get(uuid=uuid.UUID(text))
    except (ValueError, Convention.DoesNotExist):
        pass
    normalised = normalise_numero(text)
    found = (
        Convention.objects.filter(numero_normalise=normalised)
        .order_by(F("parent_id").asc(nulls_first=True), "rang")
        .first()
        if normalised
        else None
    )
    if found is None:
        raise CommandError(
            f"Aucune convention ne porte le numéro ou l'identifiant « {text} ». Vérifiez le "
            "numéro (par exemple 69.D.26.0001) ou donnez l'identifiant (uuid) de la convention.",
            returncode=NOT_FOUND,
        )
    return found


class Command(BaseCommand):
    help = (
        "Contrôle une convention avec toutes les règles métier et affiche le rapport par étape. "
        "Code de sortie 1 s'il reste un point bloquant."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="Numéro de la convention ou son identifiant (uuid).")
        parser.add_argument("--json", action="store_true", help="Rapport au format JSON.")
        parser.add_argument(
            "--moment",
            choices=MOMENTS,
            default="saisie",
            help="Moment du contrôle (certaines règles ne bloquent qu'à la soumission).",
        )

    def handle(self, *args, **options):
        convention = find_convention(options["reference"])
        report = convention_check(convention, moment=options["moment"])
        if options["json"]:
            payload = {"numero": convention.numero or None, **report.to_dict()}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self._print(convention, report)
        if not report.ok:
            raise SystemExit(1)

    def _print(self, convention: Convention, report) -> None:
        write = self.stdout.write
        write(f"{convention} – contrôle « {report.moment} » ({convention.uuid})")
        if not report.findings:
            write(self.style.SUCCESS("Aucune remarque : toutes les règles sont respectées."))
            return
        write(
            f"{len(report.blocking)} point(s) bloquant(s), {len(report.warnings)} avertissement(s)."
        )
        for step, findings in report.by_step().items():
            write("")
            write(self.style.MIGRATE_HEADING(STEPS[step]))
            for finding in findings:
                address = finding.address
                where = " · ".join(
                    str(part) for part in (address.objet, address.ligne_uuid, address.champ) if part
                )
                label = "BLOQUANT" if finding.severity == BLOQUANT else "avertissement"
                line = f"  [{label}] {finding.rule} – {finding.message} ({where})"
                write(self.style.ERROR(line) if finding.severity == BLOQUANT else line)
        write("")
        if report.ok:
            write(self.style.SUCCESS("Aucun point bloquant."))
        else:
            write(self.style.ERROR("Des points bloquants restent à corriger."))
