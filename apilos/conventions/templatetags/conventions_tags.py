from django import template

from apilos.accounts.enums import INSTRUCTEUR_ROLES
from apilos.conventions.enums import statut_label as _statut_label

register = template.Library()


@register.simple_tag(takes_context=True)
def statut_label(context, convention) -> str:
    """Status label as the active role reads it."""
    membership = context.get("membership")
    instructeur = membership is not None and membership.role in INSTRUCTEUR_ROLES
    return _statut_label(convention.statut, instructeur=instructeur, avenant=convention.is_avenant)
