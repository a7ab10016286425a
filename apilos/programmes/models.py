"""The opération (programme) a convention covers."""

from django.db import models

from apilos.accounts.models import Administration, Bailleur, code_postal_validator
from apilos.core.models import BaseModel
from apilos.referentiel.models import (
    OUTRE_MER_DEPARTEMENTS,
    Departement,
    departement_code_from_insee,
)

from .enums import FAMILLE_OF_NATURE, NatureLogement


class Programme(BaseModel):
    numero_operation = models.CharField("numéro d'opération", max_length=255, blank=True)
    nom = models.CharField("nom de l'opération", max_length=255)
    bailleur = models.ForeignKey(Bailleur, on_delete=models.PROTECT, related_name="programmes")
    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, related_name="programmes"
    )
    adresse = models.TextField("adresse", max_length=5000, blank=True)
    code_postal = models.CharField(
        "code postal", max_length=5, blank=True, validators=[code_postal_validator]
    )
    ville = models.CharField("ville", max_length=255, blank=True)
    code_insee_commune = models.CharField("code INSEE de la commune", max_length=5, blank=True)
    departement = models.ForeignKey(
        Departement, null=True, blank=True, on_delete=models.PROTECT, related_name="programmes"
    )
    nature_logement = models.CharField(
        "nature des logements",
        max_length=30,
        choices=NatureLogement.choices,
        default=NatureLogement.LOGEMENTS_ORDINAIRES,
    )

    class Meta:
        ordering = ["nom"]
        verbose_name = "opération"

    def __str__(self) -> str:
        return self.nom

    def save(self, *args, **kwargs) -> None:
        if self.code_insee_commune:
            code = departement_code_from_insee(self.code_insee_commune)
            self.departement = Departement.objects.get(code=code)
        super().save(*args, **kwargs)

    @property
    def famille(self) -> str:
        return FAMILLE_OF_NATURE[self.nature_logement]

    @property
    def is_outre_mer(self) -> bool:
        return self.departement is not None and self.departement.code in OUTRE_MER_DEPARTEMENTS
