"""Background work of the instruction loop (run by `manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

# The documents module renders and stores the PDF to sign and the fiche CAF.
from apilos.documents.tasks import generate_fiche_caf, generate_final_document


@task()
def deliver_notifications(*, cle: str) -> int:
    """In-app notifications and e-mails of one event; safe to run twice."""
    from .services.notifications import deliver

    return deliver(cle)


__all__ = ["deliver_notifications", "generate_fiche_caf", "generate_final_document"]
