"""Who acted: the role and organisation are copied, since a membership may change later."""

from django.db import models

from apilos.accounts.enums import Role
from apilos.core.models import BaseModel

TEXT_M = 5000


class ActorModel(BaseModel):
    """A row written by someone acting in a role; `cree_par` is the user."""

    role = models.CharField("rôle", max_length=30, choices=Role.choices, blank=True)
    organisation = models.CharField("organisation", max_length=255, blank=True)

    class Meta:
        abstract = True

    def set_actor(self, membership) -> None:
        self.cree_par = membership.user
        self.role = membership.role
        self.organisation = membership.organisation_label

    @property
    def auteur_label(self) -> str:
        name = str(self.cree_par) if self.cree_par_id else "Utilisateur supprimé"
        return f"{name} ({self.organisation})" if self.organisation else name
