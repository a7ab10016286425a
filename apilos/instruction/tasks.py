"""Background work of the instruction loop (run by `manage.py db_worker`)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import task

from apilos.conventions.lifecycle.services import DOCUMENT_FINAL, FICHE_CAF, FICHE_CAF_REMPLACEE


@task()
def deliver_notifications(*, cle: str) -> int:
    """In-app notifications and e-mails of one event; safe to run twice."""
    from .services.notifications import deliver

    return deliver(cle)


def _render(convention_uuid: str, champ: str, label: str, *, fiche_caf: bool = False) -> str:
    """Render from the validated snapshot (R47) and attach the PDF to the convention; a
    document that cannot be rendered is explained in the journal."""
    from apilos.conventions.lifecycle.services import rename_files
    from apilos.conventions.models import Convention
    from apilos.documents.builder import build_document_context
    from apilos.documents.modeles import Modele
    from apilos.documents.pdf import RenduImpossible, render_pdf
    from apilos.files.services import piece_jointe_create

    from .services.journal import record_event

    convention = Convention.objects.filter(uuid=convention_uuid).select_related("programme").first()
    if convention is None:
        return "convention supprimée"
    try:
        rendered = render_pdf(
            build_document_context(convention), model=Modele.FICHE_CAF if fiche_caf else None
        )
    except RenduImpossible as exc:
        record_event(convention=convention, by=None, description=f"{label} non généré : {exc}")
        return "non généré"
    if fiche_caf:
        rename_files(convention, FICHE_CAF, FICHE_CAF_REMPLACEE)
    name = f"{champ}-{convention.numero or convention.uuid}.pdf".replace("/", "-")
    piece_jointe_create(
        owner=convention,
        champ=champ,
        uploaded_file=SimpleUploadedFile(name, rendered.pdf_bytes, "application/pdf"),
        by=None,
    )
    return f"{label} généré (texte {rendered.template_version})"


@task()
def generate_final_document(*, convention_uuid: str) -> str:
    """The PDF to sign, rendered from the validated snapshot (R47)."""
    return _render(convention_uuid, DOCUMENT_FINAL, "Document final à signer")


@task()
def generate_fiche_caf(*, convention_uuid: str) -> str:
    """The fiche CAF, final at signature and again at publication (§2.5)."""
    return _render(convention_uuid, FICHE_CAF, "Fiche CAF", fiche_caf=True)
