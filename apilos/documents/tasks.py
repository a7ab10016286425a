"""Document work run by the worker (`manage.py db_worker`).

`generate_final_document` and `generate_fiche_caf` are what the lifecycle queues at
validation, signature and publication; each is safe to run twice.
"""

from __future__ import annotations

from django_tasks import task


def _convention(convention_uuid: str):
    from apilos.conventions.models import Convention

    return Convention.objects.filter(uuid=convention_uuid).first()


@task()
def generate_final_document(*, convention_uuid: str) -> str:
    """The PDF to sign, rendered from the validated snapshot (R47) and stored."""
    from .services import DocumentRefuse, document_generate_final

    convention = _convention(convention_uuid)
    if convention is None:
        return "convention supprimée"
    try:
        document = document_generate_final(convention=convention)
    except DocumentRefuse as exc:
        return f"non produit : {exc.message}"
    return f"{document.nom} ({document.sha256[:12]})"


@task()
def generate_fiche_caf(*, convention_uuid: str) -> str:
    """The final fiche CAF, at signature and again at publication."""
    from .services import DocumentRefuse, fiche_caf_generate

    convention = _convention(convention_uuid)
    if convention is None:
        return "convention supprimée"
    try:
        document = fiche_caf_generate(convention=convention)
    except DocumentRefuse as exc:
        return f"non produite : {exc.message}"
    return f"{document.nom} ({document.sha256[:12]})"


@task()
def build_preview(*, document_uuid: str) -> str:
    """The preview of a large convention, asked for from its documents page."""
    from .models import DocumentGenere
    from .services import preview_build

    document = DocumentGenere.objects.filter(uuid=document_uuid).first()
    if document is None:
        return "aperçu supprimé"
    document = preview_build(document=document)
    return f"{document.nom} ({document.get_etat_display()})"


@task()
def send_final_document(*, document_uuid: str) -> int:
    """E-mail the document to sign to the bailleur (a link instead above 10 MB)."""
    from .emails import final_document_email
    from .models import DocumentGenere

    document = (
        DocumentGenere.objects.select_related(
            "convention__programme__bailleur", "convention__programme__administration"
        )
        .filter(uuid=document_uuid)
        .first()
    )
    if document is None:
        return 0
    message = final_document_email(document)
    return message.send() if message else 0
