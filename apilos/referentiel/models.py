"""Reference data: régions, départements, rent revision indices and rent ceilings."""

from django.db import models
from django.db.models import F, Q

from apilos.conventions.enums import Financement
from apilos.programmes.enums import NatureLogement, Zone123

OUTRE_MER_DEPARTEMENTS = frozenset({"971", "972", "973", "974", "976"})


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=2, unique=True)
    nom = models.CharField("nom", max_length=100)

    class Meta:
        ordering = ["nom"]
        verbose_name = "région"

    def __str__(self) -> str:
        return self.nom


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    nom = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    class Meta:
        ordering = ["code"]
        verbose_name = "département"

    def __str__(self) -> str:
        return f"{self.code} – {self.nom}"

    @property
    def is_outre_mer(self) -> bool:
        return self.code in OUTRE_MER_DEPARTEMENTS


def departement_code_from_insee(code_insee: str) -> str:
    """Département of a commune's INSEE code: 3 characters overseas, 2 elsewhere (2A/2B kept)."""
    code = (code_insee or "").strip().upper()
    if len(code) != 5:
        raise ValueError(
            f"Code INSEE de commune invalide : {code_insee!r} (5 caractères attendus)."
        )
    return code[:3] if code.startswith("97") else code[:2]


class IndiceKind(models.TextChoices):
    LOYER = "loyer", "Loyer"
    REDEVANCE = "redevance", "Redevance"


class IndiceEvolutionLoyer(models.Model):
    """Yearly revision of maximum rents or redevances (R26); no département = national."""

    kind = models.CharField("série", max_length=10, choices=IndiceKind.choices)
    nature_logement = models.CharField(
        "nature des logements",
        max_length=30,
        choices=NatureLogement.choices,
        null=True,
        blank=True,
        help_text="Vide pour la série des loyers ; obligatoire pour une série de redevances.",
    )
    annee = models.PositiveSmallIntegerField("année")
    date_debut = models.DateField("début de la période")
    date_fin = models.DateField("fin de la période")
    evolution_pct = models.DecimalField("évolution (%)", max_digits=6, decimal_places=3)
    departements = models.ManyToManyField(
        Departement,
        verbose_name="départements",
        blank=True,
        related_name="+",
        help_text="Aucun département : l'indice est national.",
    )

    class Meta:
        ordering = ["kind", "nature_logement", "-annee"]
        verbose_name = "indice d'évolution des loyers"
        verbose_name_plural = "indices d'évolution des loyers"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="loyer", nature_logement__isnull=True)
                | Q(kind="redevance", nature_logement__isnull=False),
                name="indice_nature_only_for_redevance",
            ),
            models.CheckConstraint(
                condition=Q(date_debut__lt=F("date_fin")), name="indice_periode_ordonnee"
            ),
            models.CheckConstraint(
                condition=Q(evolution_pct__gt=-100) & Q(evolution_pct__lt=100),
                name="indice_evolution_bounds",
            ),
        ]

    def __str__(self) -> str:
        nature = f" {self.get_nature_logement_display()}" if self.nature_logement else ""
        return f"{self.get_kind_display()}{nature} {self.annee} : {self.evolution_pct} %"


class LoyerPlafond(models.Model):
    """Maximum rent per m² of surface utile, per year, APL zone and financement."""

    annee = models.PositiveSmallIntegerField("année")
    zone = models.CharField("zone APL", max_length=4, choices=Zone123.choices)
    financement = models.CharField("financement", max_length=20, choices=Financement.choices)
    loyer_max_m2 = models.DecimalField("loyer maximum (€/m²/mois)", max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-annee", "zone", "financement"]
        verbose_name = "loyer plafond"
        verbose_name_plural = "loyers plafonds"
        constraints = [
            models.UniqueConstraint(
                fields=["annee", "zone", "financement"], name="loyerplafond_unique"
            ),
            models.CheckConstraint(
                condition=Q(loyer_max_m2__gt=0) & Q(loyer_max_m2__lt=100),
                name="loyerplafond_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.annee} – zone {self.zone} – {self.financement} : {self.loyer_max_m2} €/m²"
