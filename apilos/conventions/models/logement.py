"""Logements of a lot (the rent tables) and their annexes outside the SU."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from apilos.core.decimal import rhu
from apilos.core.models import BaseModel
from apilos.core.validators import GreaterThanValidator, LessThanValidator, bounds_q
from apilos.programmes.models import TEXT_S

from ..enums import TABLEAUX_SU, Tableau, TypologieAnnexe, TypologieLogement
from .lot import Lot

POSITIVE = [GreaterThanValidator(0)]


def surface_utile(surface_habitable: Decimal, surface_annexes_retenue: Decimal | None) -> Decimal:
    """R1: SU = rhu(SH + 0.5 × SAR, 2)."""
    return rhu(surface_habitable + Decimal("0.5") * (surface_annexes_retenue or 0), 2)


class Logement(BaseModel):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="logements")
    tableau = models.CharField(
        "tableau", max_length=20, choices=Tableau.choices, default=Tableau.SU_AVEC_LOYER
    )
    designation = models.CharField("désignation", max_length=TEXT_S)
    typologie = models.CharField(
        "typologie", max_length=10, choices=TypologieLogement.choices, blank=True
    )
    surface_habitable = models.DecimalField(
        "surface habitable (SH)",
        max_digits=7,
        decimal_places=2,
        validators=[GreaterThanValidator(0), LessThanValidator(10_000)],
    )
    surface_annexes = models.DecimalField(
        "surface des annexes réelle (SA)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    surface_annexes_retenue = models.DecimalField(
        "surface des annexes retenue (SAR)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    surface_utile = models.DecimalField(
        "surface utile (SU)", max_digits=8, decimal_places=2, null=True, blank=True, editable=False
    )
    surface_corrigee = models.DecimalField(
        "surface corrigée (SC)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    loyer_par_m2 = models.DecimalField(
        "loyer maximum par m² (€/mois)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[GreaterThanValidator(0), LessThanValidator(100)],
    )
    coefficient = models.DecimalField(
        "coefficient propre au logement",
        max_digits=5,
        decimal_places=4,
        default=Decimal("1"),
        validators=[GreaterThanValidator(0), LessThanValidator(10)],
    )
    loyer = models.DecimalField(
        "loyer maximum (ou redevance) en €",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), LessThanValidator(10_000)],
    )
    ordre = models.PositiveIntegerField("ordre", default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["lot", "ordre", "id"]
        verbose_name = "logement"
        indexes = [models.Index(fields=["lot", "ordre"], name="logement_lot_ordre")]
        constraints = [
            models.CheckConstraint(
                condition=Q(tableau__in=Tableau.values), name="logement_tableau_valid"
            ),
            models.CheckConstraint(
                condition=Q(surface_habitable__gt=0) & Q(surface_habitable__lt=10_000),
                name="logement_sh_bounds",
            ),
            models.CheckConstraint(
                condition=bounds_q("surface_annexes", gte=0)
                & bounds_q("surface_annexes_retenue", gte=0),
                name="logement_annexes_positive",
            ),
            # R2: SAR ≤ SA (NULL on either side passes).
            models.CheckConstraint(
                condition=Q(surface_annexes_retenue__lte=F("surface_annexes"))
                | Q(surface_annexes_retenue__isnull=True)
                | Q(surface_annexes__isnull=True),
                name="logement_sar_le_sa",
            ),
            models.CheckConstraint(
                condition=bounds_q("surface_corrigee", gt=0), name="logement_sc_positive"
            ),
            models.CheckConstraint(
                condition=bounds_q("loyer_par_m2", gt=0, lt=100), name="logement_loyer_m2_bounds"
            ),
            models.CheckConstraint(
                condition=Q(coefficient__gt=0) & Q(coefficient__lt=10),
                name="logement_coefficient_bounds",
            ),
            models.CheckConstraint(
                condition=bounds_q("loyer", gte=0, lt=10_000), name="logement_loyer_bounds"
            ),
        ]

    def __str__(self) -> str:
        return self.designation

    def clean(self) -> None:
        if (
            self.surface_annexes is not None
            and self.surface_annexes_retenue is not None
            and self.surface_annexes_retenue > self.surface_annexes
        ):
            raise ValidationError(
                {
                    "surface_annexes_retenue": "La surface des annexes retenue ne peut pas "
                    "dépasser la surface des annexes réelle."
                }
            )

    def compute_surface_utile(self) -> None:
        """R1, for the SU tables; the other tables have no SU."""
        if self.tableau in TABLEAUX_SU and self.surface_habitable is not None:
            sh = Decimal(str(self.surface_habitable))
            sar = self.surface_annexes_retenue
            self.surface_utile = surface_utile(sh, Decimal(str(sar)) if sar is not None else None)
        else:
            self.surface_utile = None

    def save(self, *args, **kwargs) -> None:
        self.compute_surface_utile()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "surface_utile" not in update_fields:
            kwargs["update_fields"] = {*update_fields, "surface_utile"}
        super().save(*args, **kwargs)


class Annexe(BaseModel):
    """An annex outside the SU with an accessory rent (R13)."""

    logement = models.ForeignKey(Logement, on_delete=models.CASCADE, related_name="annexes")
    typologie = models.CharField("type d'annexe", max_length=10, choices=TypologieAnnexe.choices)
    surface = models.DecimalField("surface", max_digits=6, decimal_places=2, validators=POSITIVE)
    loyer_unitaire = models.DecimalField(
        "loyer unitaire (€/m²)", max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    loyer = models.DecimalField(
        "loyer", max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["logement", "typologie"]
        verbose_name = "annexe"
        constraints = [
            models.CheckConstraint(condition=Q(surface__gt=0), name="annexe_surface_positive"),
            models.CheckConstraint(
                condition=Q(loyer_unitaire__gte=0) & Q(loyer__gte=0), name="annexe_loyers_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_typologie_display()} – {self.logement}"
