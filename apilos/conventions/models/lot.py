"""A lot (one per financement) and the rows hanging from it except logements."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from apilos.core.models import BaseModel
from apilos.core.validators import GreaterThanValidator, LessThanValidator, bounds_q
from apilos.programmes.enums import TypeHabitat
from apilos.programmes.models import TEXT_M, TEXT_S

from ..enums import (
    ANNEXES_SU,
    FINANCEMENTS_LOT,
    FINANCEMENTS_MIXITE,
    Financement,
    Preteur,
    TypologieStationnement,
    is_cdc,
)
from .convention import Convention


def _annexe_flag(name: str) -> models.BooleanField:
    return models.BooleanField(ANNEXES_SU[name], default=False)


def _money(label: str, digits: int, **kwargs) -> models.DecimalField:
    return models.DecimalField(label, max_digits=digits, decimal_places=2, **kwargs)


class Lot(BaseModel):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="lots")
    financement = models.CharField(
        "financement",
        max_length=20,
        choices=[(f.value, f.label) for f in Financement if f in FINANCEMENTS_LOT],
    )
    nb_logements = models.PositiveIntegerField(
        "nombre de logements", default=1, validators=[MinValueValidator(1)]
    )
    type_habitat = models.CharField(
        "type d'habitat", max_length=12, choices=TypeHabitat.choices, blank=True
    )
    annexe_caves = _annexe_flag("annexe_caves")
    annexe_sous_sols = _annexe_flag("annexe_sous_sols")
    annexe_remises = _annexe_flag("annexe_remises")
    annexe_ateliers = _annexe_flag("annexe_ateliers")
    annexe_sechoirs = _annexe_flag("annexe_sechoirs")
    annexe_celliers = _annexe_flag("annexe_celliers")
    annexe_resserres = _annexe_flag("annexe_resserres")
    annexe_combles = _annexe_flag("annexe_combles")
    annexe_balcons = _annexe_flag("annexe_balcons")
    annexe_loggias = _annexe_flag("annexe_loggias")
    annexe_terrasses = _annexe_flag("annexe_terrasses")
    lgts_mixite_sociale_negocies = models.PositiveIntegerField(
        "logements de mixité sociale négociés", default=0
    )
    loyer_derogatoire = _money(
        "loyer dérogatoire", 6, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    loyer_associations_foncieres = _money(
        "loyer des associations foncières",
        6,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    surface_habitable_totale = models.DecimalField(
        "surface habitable totale",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[GreaterThanValidator(0), LessThanValidator(100_000)],
    )
    surface_locaux_collectifs_residentiels = models.DecimalField(
        "surface des locaux collectifs résidentiels",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), LessThanValidator(100_000)],
    )
    nb_garages_parkings = models.PositiveIntegerField(
        "nombre de garages et parkings", null=True, blank=True
    )
    dependances = models.TextField("dépendances", max_length=TEXT_M, blank=True)
    locaux_hors_convention = models.TextField(
        "locaux hors convention", max_length=TEXT_M, blank=True
    )
    # R35, denormalised: the normalised numéro d'opération while the convention is a live
    # original, else NULL. Kept by Lot.save, Convention.save and the Programme post_save signal.
    cle_operation_vivante = models.CharField(
        max_length=TEXT_S, null=True, blank=True, editable=False
    )

    history = HistoricalRecords(excluded_fields=["cle_operation_vivante"])

    class Meta:
        ordering = ["convention", "financement"]
        verbose_name = "lot"
        constraints = [
            models.UniqueConstraint(
                fields=["convention", "financement"], name="lot_unique_convention_financement"
            ),
            models.UniqueConstraint(
                fields=["cle_operation_vivante", "financement"],
                condition=Q(cle_operation_vivante__isnull=False),
                name="lot_r35_one_live_original_per_operation_financement",
            ),
            models.CheckConstraint(
                condition=Q(financement__in=sorted(FINANCEMENTS_LOT)), name="lot_financement_valid"
            ),
            models.CheckConstraint(condition=Q(nb_logements__gte=1), name="lot_nb_logements_min_1"),
            models.CheckConstraint(
                condition=Q(lgts_mixite_sociale_negocies__lte=F("nb_logements"))
                & (
                    Q(lgts_mixite_sociale_negocies=0)
                    | Q(financement__in=sorted(FINANCEMENTS_MIXITE))
                ),
                name="lot_mixite_negocies_bounds",
            ),
            models.CheckConstraint(
                condition=bounds_q("loyer_derogatoire", gte=0)
                & bounds_q("loyer_associations_foncieres", gte=0),
                name="lot_loyers_positive",
            ),
            models.CheckConstraint(
                condition=bounds_q("surface_habitable_totale", gt=0, lt=100_000),
                name="lot_surface_habitable_totale_bounds",
            ),
            models.CheckConstraint(
                condition=bounds_q("surface_locaux_collectifs_residentiels", gte=0, lt=100_000),
                name="lot_surface_locaux_collectifs_bounds",
            ),
        ]

    def __str__(self) -> str:
        return f"Lot {self.financement} – {self.convention}"

    def save(self, *args, **kwargs) -> None:
        self.cle_operation_vivante = self.convention.cle_operation_vivante()
        super().save(*args, **kwargs)

    @property
    def is_mixite(self) -> bool:
        return self.financement in FINANCEMENTS_MIXITE


class TypeStationnement(BaseModel):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="stationnements")
    typologie = models.CharField(
        "type de stationnement", max_length=30, choices=TypologieStationnement.choices
    )
    nombre = models.PositiveIntegerField("nombre", validators=[MinValueValidator(1)])
    loyer = _money("loyer mensuel unitaire", 6, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["lot", "typologie"]
        verbose_name = "stationnement"
        constraints = [
            models.CheckConstraint(condition=Q(nombre__gte=1), name="stationnement_nombre_min_1"),
            models.CheckConstraint(condition=Q(loyer__gte=0), name="stationnement_loyer_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} × {self.get_typologie_display()}"


class LocauxCollectifs(BaseModel):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="locaux_collectifs")
    type_local = models.CharField("type de local", max_length=TEXT_S)
    surface_habitable = models.DecimalField(
        "surface habitable",
        max_digits=8,
        decimal_places=2,
        validators=[GreaterThanValidator(0)],
    )
    nombre = models.PositiveIntegerField("nombre", default=1, validators=[MinValueValidator(1)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["lot", "type_local"]
        verbose_name = "locaux collectifs"
        verbose_name_plural = "locaux collectifs"
        constraints = [
            models.CheckConstraint(
                condition=Q(surface_habitable__gt=0), name="locauxcollectifs_surface_positive"
            ),
            models.CheckConstraint(
                condition=Q(nombre__gte=1), name="locauxcollectifs_nombre_min_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} × {self.type_local}"


class Pret(BaseModel):
    """A loan or subsidy of a lot (R16, R17)."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="prets")
    preteur = models.CharField("organisme financeur", max_length=30, choices=Preteur.choices)
    preteur_autre = models.CharField("autre organisme financeur", max_length=TEXT_S, blank=True)
    numero = models.CharField("numéro", max_length=TEXT_S, blank=True)
    date_octroi = models.DateField("date d'octroi", null=True, blank=True)
    duree = models.PositiveSmallIntegerField(
        "durée (années)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    montant = models.DecimalField(
        "montant",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0), LessThanValidator(10**10)],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["lot", "preteur", "numero"]
        verbose_name = "prêt"
        constraints = [
            models.CheckConstraint(
                condition=bounds_q("duree", gte=1, lte=100), name="pret_duree_1_100"
            ),
            models.CheckConstraint(
                condition=Q(montant__gte=0) & Q(montant__lt=10**10), name="pret_montant_bounds"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_preteur_display()} {self.numero}".strip()

    @property
    def is_cdc(self) -> bool:
        return is_cdc(self.preteur)
