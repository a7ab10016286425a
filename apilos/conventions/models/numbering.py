"""The counter behind convention numbers (R23)."""

from django.db import models
from django.db.models import Q

from apilos.referentiel.models import Departement


class ConventionNumberCounter(models.Model):
    """Last number given per (département, year); its row is read FOR UPDATE."""

    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="+")
    annee = models.PositiveSmallIntegerField("année")
    dernier = models.PositiveIntegerField("dernier numéro attribué", default=0)

    class Meta:
        verbose_name = "compteur de numéros de convention"
        verbose_name_plural = "compteurs de numéros de convention"
        ordering = ["departement", "-annee"]
        constraints = [
            models.UniqueConstraint(
                fields=["departement", "annee"], name="numbercounter_unique_departement_annee"
            ),
            models.CheckConstraint(
                condition=Q(annee__gte=2000) & Q(annee__lte=2099), name="numbercounter_annee_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.departement.code} / {self.annee} : {self.dernier}"
