"""The convention APL and its versions (an avenant is a child row)."""

from django.db import models

from apilos.core.models import BaseModel
from apilos.programmes.models import Programme

from .enums import BADGE_CLASS, Statut


class Convention(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="conventions")
    parent = models.ForeignKey(
        "self",
        verbose_name="convention d'origine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="avenants",
    )
    rang = models.PositiveSmallIntegerField("rang de l'avenant", null=True, blank=True)
    numero = models.CharField("numéro", max_length=50, blank=True)
    statut = models.CharField(
        "statut", max_length=25, choices=Statut.choices, default=Statut.PROJET
    )

    class Meta:
        ordering = ["-mis_a_jour_le"]
        verbose_name = "convention"

    def __str__(self) -> str:
        label = self.numero or f"Projet de convention – {self.programme.nom}"
        return f"Avenant n° {self.rang} – {label}" if self.parent_id else label

    @property
    def is_avenant(self) -> bool:
        return self.parent_id is not None

    @property
    def badge_class(self) -> str:
        return BADGE_CLASS[self.statut]
