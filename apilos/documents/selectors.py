"""Reads of generated documents, always through the conventions the active role may see."""

from __future__ import annotations

from django.db.models import QuerySet

from apilos.accounts.models import Membership
from apilos.accounts.scoping import get_or_404
from apilos.conventions.models import Convention
from apilos.conventions.selectors import conventions_for

from .models import DocumentGenere, Kind


def documents_for(membership: Membership | None) -> QuerySet[DocumentGenere]:
    """Every document of every convention the active role may see; nothing else exists."""
    return DocumentGenere.objects.filter(convention__in=conventions_for(membership))


def document_get(membership: Membership | None, uuid: object) -> DocumentGenere:
    return get_or_404(documents_for(membership).select_related("convention"), uuid=uuid)


def documents_of(convention: Convention) -> QuerySet[DocumentGenere]:
    """The documents listed on a convention (already fetched through `conventions_for`):
    final documents and previews; the DOCX working copy is offered by its own link."""
    return (
        DocumentGenere.objects.filter(convention=convention)
        .exclude(kind=Kind.DOCX)
        .order_by("-cree_le", "-pk")
    )
