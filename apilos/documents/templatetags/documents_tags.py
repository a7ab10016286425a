"""`{% documents_section convention %}`: the « Documents » section a convention page includes
(the convention must have been fetched through the scoped selectors)."""

from __future__ import annotations

from django import template

from apilos.conventions.enums import FROM_A_SIGNER, Statut

from ..models import StatutDocument
from ..payload import filigrane
from ..selectors import documents_of
from ..services import FICHE_CAF_FINALE, apercu_asynchrone, final_courant

register = template.Library()

BADGES = {
    StatutDocument.COURANT: "fr-badge--success",
    StatutDocument.REMPLACE: "fr-badge--warning",
    StatutDocument.ARCHIVE: "fr-badge--info",
}


@register.inclusion_tag("documents/_documents.html", takes_context=True)
def documents_section(context, convention, limite: int = 30) -> dict:
    documents = list(documents_of(convention)[:limite])
    for document in documents:
        document.badge_class = BADGES.get(document.statut, "")
    return {
        "convention": convention,
        "documents": documents,
        "final": final_courant(convention),
        "a_signer": convention.statut == Statut.A_SIGNER,
        "apercu_asynchrone": apercu_asynchrone(convention),
        "filigrane": filigrane(convention.statut),
        "fiche_caf": convention.statut in FROM_A_SIGNER,
        "fiche_caf_finale": convention.statut in FICHE_CAF_FINALE,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
