"""The opération (programme) a convention covers; each convention version has its own copy."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apilos.accounts.models import Administration, Bailleur, code_postal_validator
from apilos.conventions.enums import FINANCEMENTS_EDD, Financement
from apilos.core.models import BaseModel
from apilos.core.normalise import normalise_numero
from apilos.referentiel.models import (
    OUTRE_MER_DEPARTEMENTS,
    Departement,
    departement_code_from_insee,
)

from .enums import FAMILLE_OF_NATURE, NatureLogement, TypeOperation, Zone123, ZoneABC

TEXT_S = 255
TEXT_M = 5_000
TEXT_L = 50_000


def text_m(label: str) -> models.TextField:
    return models.TextField(label, max_length=TEXT_M, blank=True)


def text_l(label: str) -> models.TextField:
    return models.TextField(label, max_length=TEXT_L, blank=True)


class Programme(BaseModel):
    # Identity
    numero_operation = models.CharField("numéro d'opération", max_length=TEXT_S, blank=True)
    numero_operation_normalise = models.CharField(
        "numéro d'opération normalisé", max_length=TEXT_S, blank=True, editable=False, db_index=True
    )
    nom = models.CharField("nom de l'opération", max_length=TEXT_S)
    bailleur = models.ForeignKey(Bailleur, on_delete=models.PROTECT, related_name="programmes")
    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, related_name="programmes"
    )
    # Place
    adresse = text_m("adresse")
    code_postal = models.CharField(
        "code postal", max_length=5, blank=True, validators=[code_postal_validator]
    )
    ville = models.CharField("ville", max_length=TEXT_S, blank=True)
    code_insee_commune = models.CharField("code INSEE de la commune", max_length=5, blank=True)
    departement = models.ForeignKey(
        Departement, null=True, blank=True, on_delete=models.PROTECT, related_name="programmes"
    )
    zone_abc = models.CharField("zone ABC", max_length=4, choices=ZoneABC.choices, blank=True)
    zone_123 = models.CharField(
        "zone APL (1/2/3)", max_length=4, choices=Zone123.choices, blank=True
    )
    # Kind
    nature_logement = models.CharField(
        "nature des logements",
        max_length=30,
        choices=NatureLogement.choices,
        default=NatureLogement.LOGEMENTS_ORDINAIRES,
    )
    type_operation = models.CharField(
        "type d'opération",
        max_length=30,
        choices=TypeOperation.choices,
        default=TypeOperation.SANS_OBJET,
    )
    anru = models.BooleanField("ANRU", default=False)
    anah = models.BooleanField("ANAH", default=False)
    seconde_vie = models.BooleanField("seconde vie", default=False, editable=False)
    annee_gestion_programmation = models.PositiveSmallIntegerField(
        "année de gestion de la programmation",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    # Outside the convention
    nb_locaux_commerciaux = models.PositiveIntegerField("nombre de locaux commerciaux", default=0)
    nb_bureaux = models.PositiveIntegerField("nombre de bureaux", default=0)
    autres_locaux_hors_convention = text_m("autres locaux hors convention")
    # Dates and permit
    permis_construire = models.CharField("permis de construire", max_length=TEXT_S, blank=True)
    date_acte_notarie = models.DateField("date de l'acte notarié", null=True, blank=True)
    date_achat = models.DateField("date d'achat", null=True, blank=True)
    date_achevement_previsible = models.DateField(
        "date d'achèvement prévisible", null=True, blank=True
    )
    date_achevement = models.DateField("date d'achèvement", null=True, blank=True)
    # Ownership evidence (files are PieceJointe rows keyed by the same field name)
    vendeur = text_m("vendeur")
    acquereur = text_m("acquéreur")
    reference_notaire = text_m("référence du notaire")
    reference_publication_acte = text_m("référence de publication de l'acte")
    acte_de_propriete = text_m("acte de propriété")
    effet_relatif = text_m("effet relatif")
    certificat_adressage = text_m("certificat d'adressage")
    reference_cadastrale = text_m("références cadastrales")
    # EDD
    edd_volumetrique = text_l("EDD volumétrique")
    edd_classique = text_l("EDD classique")
    edd_stationnements = text_l("EDD des stationnements")
    mention_publication_edd_volumetrique = text_m("mention de publication de l'EDD volumétrique")
    mention_publication_edd_classique = text_m("mention de publication de l'EDD classique")
    # Foyer and résidence
    date_autorisation_hors_habitat_inclusif = models.DateField(
        "date d'autorisation (hors habitat inclusif)", null=True, blank=True
    )
    date_convention_location = models.DateField(
        "date de la convention de location", null=True, blank=True
    )
    date_residence_agrement = models.DateField(
        "date d'agrément du gestionnaire", null=True, blank=True
    )
    departement_residence_agrement = models.CharField(
        "département de l'agrément du gestionnaire", max_length=TEXT_S, blank=True
    )
    ville_signature_residence_agrement = models.CharField(
        "ville de signature de l'agrément du gestionnaire", max_length=TEXT_S, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["nom"]
        verbose_name = "opération"
        constraints = [
            models.CheckConstraint(
                condition=Q(annee_gestion_programmation__gte=2000)
                & Q(annee_gestion_programmation__lte=2100)
                | Q(annee_gestion_programmation__isnull=True),
                name="programme_annee_gestion_2000_2100",
            ),
        ]

    def __str__(self) -> str:
        return self.nom

    def save(self, *args, **kwargs) -> None:
        self.numero_operation_normalise = normalise_numero(self.numero_operation)
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

    @property
    def date_achevement_effective(self):
        """The real date, else the expected one (§3.1)."""
        return self.date_achevement or self.date_achevement_previsible


class LogementEDD(BaseModel):
    """A line of the EDD simplifié (état descriptif de division)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="logements_edd")
    designation = models.CharField("désignation", max_length=TEXT_S)
    financement = models.CharField(
        "financement",
        max_length=20,
        choices=[(f.value, f.label) for f in Financement if f in FINANCEMENTS_EDD],
    )
    numero_lot = models.CharField("numéro de lot", max_length=TEXT_S, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "financement", "designation"]
        verbose_name = "logement de l'EDD simplifié"
        verbose_name_plural = "logements de l'EDD simplifié"
        constraints = [
            models.CheckConstraint(
                condition=Q(financement__in=sorted(FINANCEMENTS_EDD)),
                name="logementedd_financement_edd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.designation} ({self.financement})"


section_validator = RegexValidator(
    r"^[0-9A-Z]{1,2}$",
    "La section cadastrale compte 1 ou 2 caractères en majuscules (par exemple AB).",
)


def surface_ha_a_ca(surface_m2: int | None) -> str:
    """1 ha = 100 a = 10 000 ca = 10 000 m²; shown as "1 ha 02 a 30 ca"."""
    if surface_m2 is None:
        return ""
    hectares, rest = divmod(int(surface_m2), 10_000)
    ares, centiares = divmod(rest, 100)
    return f"{hectares} ha {ares:02d} a {centiares:02d} ca"


class ReferenceCadastrale(BaseModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="references_cadastrales"
    )
    section = models.CharField("section", max_length=2, validators=[section_validator])
    numero = models.CharField("numéro", max_length=TEXT_S)
    lieudit = models.CharField("lieu-dit", max_length=TEXT_S, blank=True)
    surface_m2 = models.PositiveIntegerField("surface (m²)", null=True, blank=True)
    autre = models.CharField("autre", max_length=TEXT_S, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "section", "numero"]
        verbose_name = "référence cadastrale"
        verbose_name_plural = "références cadastrales"

    def __str__(self) -> str:
        return f"{self.section} {self.numero}"

    def save(self, *args, **kwargs) -> None:
        self.section = (self.section or "").strip().upper()
        super().save(*args, **kwargs)

    @property
    def surface_display(self) -> str:
        return surface_ha_a_ca(self.surface_m2)
