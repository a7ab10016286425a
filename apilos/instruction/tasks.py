"""Background work of the instruction loop (run by `manage.py db_worker`)."""

from __future__ import annotations

import importlib

from django_tasks import task


@task()
def deliver_notifications(*, cle: str) -> int:
    """In-app notifications and e-mails of one event; safe to run twice."""
    from .services.notifications import deliver

    return deliver(cle)


def _generate(kind: str, convention_uuid: str, label: str) -> str:
    """Call the documents module's generator; until it exists, journal the request."""
    from apilos.conventions.models import Convention

    from .services.journal import record_event

    convention = Convention.objects.filter(uuid=convention_uuid).first()
    if convention is None:
        return "convention supprimée"
    try:
        generator = getattr(importlib.import_module("apilos.documents.services"), kind)
    except (ImportError, AttributeError):
        record_event(
            convention=convention,
            by=None,
            description=f"{label} demandé ; il sera produit dès que le module de génération "
            "des documents sera en service.",
        )
        return "demande journalisée"
    generator(convention=convention)
    return "généré"


@task()
def generate_final_document(*, convention_uuid: str) -> str:
    """The PDF to sign, rendered from the validated snapshot (R47)."""
    return _generate("generate_final_document", convention_uuid, "Document final à signer")


@task()
def generate_fiche_caf(*, convention_uuid: str) -> str:
    """The fiche CAF, final at signature and again at publication (§2.5)."""
    return _generate("generate_fiche_caf", convention_uuid, "Fiche CAF")
