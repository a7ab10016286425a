"""One row per status transition (domain.md §2.2)."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from apilos.conventions.enums import Statut

from .base import TEXT_M, ActorModel


class HistoriqueStatut(ActorModel):
    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="historique_statuts"
    )
    transition = models.CharField("transition", max_length=40)
    de = models.CharField("statut de départ", max_length=25, choices=Statut.choices)
    vers = models.CharField("nouveau statut", max_length=25, choices=Statut.choices)
    survenu_le = models.DateTimeField("survenu le", default=timezone.now, db_index=True)
    message = models.TextField("message", max_length=TEXT_M, blank=True)

    class Meta:
        ordering = ["survenu_le", "pk"]
        verbose_name = "changement de statut"
        verbose_name_plural = "historique des statuts"
        indexes = [models.Index(fields=["convention", "survenu_le"], name="historique_conv_date")]
        constraints = [
            models.CheckConstraint(condition=~Q(de=F("vers")), name="historique_de_differs_vers")
        ]

    def __str__(self) -> str:
        return f"{self.get_de_display()} → {self.get_vers_display()}"
