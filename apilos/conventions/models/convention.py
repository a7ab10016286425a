"""The convention APL; an avenant is a Convention row whose `parent` is the original."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from apilos.core.models import BaseModel
from apilos.core.normalise import normalise_numero
from apilos.programmes.models import TEXT_L, TEXT_M, TEXT_S, Programme

from ..enums import (
    AVENANT_TYPES_EXCLUSIFS,
    BADGE_CLASS,
    R35_DEAD,
    AttributionType,
    AvenantType,
    DatePrecision,
    Statut,
    Type2Categorie,
    TypeConvention,
)


def validate_type2_categories(value: object) -> None:
    if not isinstance(value, list) or any(v not in Type2Categorie.values for v in value):
        raise ValidationError("Les catégories de Type II sont des entiers de 1 à 8.")
    if len(set(value)) != len(value):
        raise ValidationError("Une catégorie de Type II est cochée deux fois.")


def validate_avenant_types(value: object) -> None:
    if not isinstance(value, list) or any(v not in AvenantType.values for v in value):
        raise ValidationError("Type d'avenant inconnu.")
    if len(value) > 1 and AVENANT_TYPES_EXCLUSIFS & set(value):
        raise ValidationError(
            "Une dénonciation ou une résiliation ne peut pas être combinée avec un autre type "
            "d'avenant."
        )


def _text(label: str, size: int) -> models.TextField:
    return models.TextField(label, max_length=size, blank=True)


def _char(label: str) -> models.CharField:
    return models.CharField(label, max_length=TEXT_S, blank=True)


def _date(label: str) -> models.DateField:
    return models.DateField(label, null=True, blank=True)


def _flag(label: str) -> models.BooleanField:
    return models.BooleanField(label, default=False)


class Convention(BaseModel):
    # Identity
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="conventions")
    parent = models.ForeignKey(
        "self",
        verbose_name="convention d'origine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="avenants",
    )
    source = models.ForeignKey(
        "self",
        verbose_name="version d'origine de la copie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
    )
    rang = models.PositiveSmallIntegerField("rang de l'avenant", null=True, blank=True)
    numero = models.CharField("numéro", max_length=50, blank=True)
    numero_normalise = models.CharField(
        "numéro normalisé", max_length=50, blank=True, editable=False, db_index=True
    )
    parents_seconde_vie = models.ManyToManyField(
        "self",
        verbose_name="conventions remplacées (seconde vie)",
        symmetrical=False,
        blank=True,
        related_name="conventions_seconde_vie",
    )
    # Lifecycle
    statut = models.CharField(
        "statut", max_length=25, choices=Statut.choices, default=Statut.PROJET
    )
    soumis_le = models.DateTimeField("soumis le", null=True, blank=True)
    premiere_soumission_le = models.DateTimeField("première soumission le", null=True, blank=True)
    valide_le = models.DateTimeField("validé le", null=True, blank=True)
    date_signature = _date("date de signature")
    date_signature_precision = models.CharField(
        "précision de la date de signature",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.JOUR,
    )
    donnees_validees = models.JSONField("données validées", null=True, blank=True, editable=False)
    donnees_validees_sha256 = models.CharField(
        "empreinte SHA-256 des données validées", max_length=64, blank=True, editable=False
    )
    # Duration and money
    date_fin_conventionnement = _date("date de fin du conventionnement")
    fonds_propres = models.DecimalField(
        "fonds propres",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    historique_financement_public = _text("historique des financements publics", TEXT_M)
    # Type I/II
    type_convention = models.CharField(
        "type de convention", max_length=6, choices=TypeConvention.choices, blank=True
    )
    type2_categories = models.JSONField(
        "catégories de Type II", default=list, blank=True, validators=[validate_type2_categories]
    )
    # Signataire of the bailleur
    signataire_nom = _char("nom du signataire")
    signataire_fonction = _char("fonction du signataire")
    signataire_date_deliberation = _date("date de délibération")
    signataire_bloc = _text("bloc de signature", TEXT_M)
    identification_bailleur = _flag("identification personnalisée du bailleur")
    identification_bailleur_detail = _text("identification du bailleur", TEXT_M)
    # Gestionnaire (foyer, résidence)
    gestionnaire = _char("gestionnaire")
    gestionnaire_signataire_nom = _char("nom du signataire du gestionnaire")
    gestionnaire_signataire_fonction = _char("fonction du signataire du gestionnaire")
    gestionnaire_signataire_date_deliberation = _date("date de délibération du gestionnaire")
    gestionnaire_signataire_bloc = _text("bloc de signature du gestionnaire", TEXT_M)
    gestionnaire_info = _text("informations sur le gestionnaire", TEXT_M)
    adresse = _text("adresse imprimée", TEXT_M)
    # Foyer attribution
    attribution_type = models.CharField(
        "type d'attribution", max_length=25, choices=AttributionType.choices, blank=True
    )
    attribution_agees_autonomie = _flag("personnes âgées autonomes")
    attribution_agees_ehpad = _flag("EHPAD")
    attribution_agees_desorientees = _flag("personnes âgées désorientées")
    attribution_agees_petite_unite = _flag("petite unité de vie")
    attribution_agees_autre = _flag("autre (personnes âgées)")
    attribution_agees_autre_detail = _char("précision (personnes âgées)")
    attribution_handicapes_foyer = _flag("foyer")
    attribution_handicapes_foyer_de_vie = _flag("foyer de vie")
    attribution_handicapes_foyer_medicalise = _flag("foyer d'accueil médicalisé")
    attribution_handicapes_autre = _flag("autre (personnes handicapées)")
    attribution_handicapes_autre_detail = _char("précision (personnes handicapées)")
    attribution_inclusif_conditions_specifiques = _text("conditions spécifiques", TEXT_L)
    attribution_inclusif_conditions_admission = _text("conditions d'admission", TEXT_L)
    attribution_inclusif_modalites_attribution = _text("modalités d'attribution", TEXT_L)
    attribution_inclusif_partenariats = _text("partenariats", TEXT_L)
    attribution_inclusif_activites = _text("activités", TEXT_L)
    # Résidence attribution
    attribution_residence_sociale_ordinaire = _flag("résidence sociale ordinaire")
    attribution_pension_de_famille = _flag("pension de famille")
    attribution_residence_accueil = _flag("résidence d'accueil")
    # Both
    attribution_reservation_prefectorale_pct = models.PositiveSmallIntegerField(
        "réservation préfectorale (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attribution_modalites_reservations = _text("modalités de réservation", TEXT_L)
    attribution_modalites_choix_personnes = _text("modalités de choix des personnes", TEXT_L)
    attribution_prestations_integrees = _text("prestations intégrées", TEXT_L)
    attribution_prestations_facultatives = _text("prestations facultatives", TEXT_L)
    # Variantes (art. R.832-21 CCH)
    foyer_variante_1 = _flag("variante 1")
    foyer_variante_2 = _flag("variante 2")
    foyer_variante_3 = _flag("variante 3")
    foyer_variante_2_travaux = _text("travaux (variante 2)", TEXT_M)
    foyer_variante_2_nb_annees = models.PositiveSmallIntegerField(
        "nombre d'années (variante 2)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    foyer_variante_2_nb_tranches = models.PositiveSmallIntegerField(
        "nombre de tranches (variante 2)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    # Avenant
    avenant_types = models.JSONField(
        "types d'avenant", default=list, blank=True, validators=[validate_avenant_types]
    )
    description_avenant = _text("description de l'avenant", TEXT_M)
    champ_libre_avenant = _text("champ libre", TEXT_L)
    # Termination (deed and arrêté are PieceJointe rows)
    date_denonciation = _date("date de dénonciation")
    date_notification_denonciation = _date("date de notification de la dénonciation")
    motif_denonciation = _text("motif de la dénonciation", TEXT_M)
    date_resiliation = _date("date de résiliation")
    motif_resiliation = _text("motif de la résiliation", TEXT_M)
    commentaires = _text("commentaires pour l'instructeur", TEXT_L)

    # The snapshot can weigh megabytes; its SHA-256 is tracked instead.
    history = HistoricalRecords(excluded_fields=["donnees_validees"])

    class Meta:
        ordering = ["-mis_a_jour_le"]
        verbose_name = "convention"
        constraints = [
            # R23: a number is unique among original conventions (annulées keep theirs: R33).
            models.UniqueConstraint(
                fields=["numero_normalise"],
                condition=Q(parent__isnull=True) & ~Q(numero_normalise=""),
                name="convention_numero_unique_original",
            ),
            # R24
            models.UniqueConstraint(
                fields=["parent", "rang"], name="convention_avenant_rang_unique"
            ),
            models.CheckConstraint(
                condition=Q(rang__isnull=True) | Q(parent__isnull=False, rang__gte=1),
                name="convention_rang_avenant_only",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("id")),
                name="convention_not_own_parent",
            ),
            models.CheckConstraint(
                condition=Q(fonds_propres__gte=0) | Q(fonds_propres__isnull=True),
                name="convention_fonds_propres_positive",
            ),
            models.CheckConstraint(
                condition=Q(attribution_reservation_prefectorale_pct__lte=100)
                | Q(attribution_reservation_prefectorale_pct__isnull=True),
                name="convention_reservation_pct_0_100",
            ),
            models.CheckConstraint(
                condition=(
                    Q(foyer_variante_2_nb_annees__gte=1)
                    | Q(foyer_variante_2_nb_annees__isnull=True)
                )
                & (
                    Q(foyer_variante_2_nb_tranches__gte=1)
                    | Q(foyer_variante_2_nb_tranches__isnull=True)
                ),
                name="convention_variante_2_counts_positive",
            ),
            models.CheckConstraint(
                condition=Q(statut__in=Statut.values), name="convention_statut_valid"
            ),
        ]

    def __str__(self) -> str:
        if self.parent is not None:
            numero = self.parent.numero or f"projet – {self.programme.nom}"
            rang = self.rang if self.rang else "(à numéroter)"
            return f"Avenant n° {rang} – {numero}"
        return self.numero or f"Projet de convention – {self.programme.nom}"

    def save(self, *args, **kwargs) -> None:
        self.numero_normalise = normalise_numero(self.numero)
        adding = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if not adding:
                self.lots.update(cle_operation_vivante=self.cle_operation_vivante())

    def cle_operation_vivante(self) -> str | None:
        """R35 key copied on each lot: the normalised numéro d'opération of a live original."""
        if self.parent_id is None and self.statut not in R35_DEAD:
            return self.programme.numero_operation_normalise or None
        return None

    @property
    def is_avenant(self) -> bool:
        return self.parent_id is not None

    @property
    def original(self) -> Convention:
        return self.parent if self.parent is not None else self

    @property
    def is_mixte(self) -> bool:
        return len(self.lots.all()) > 1

    @property
    def nb_logements(self) -> int:
        return sum(lot.nb_logements for lot in self.lots.all())

    @property
    def bailleur(self):
        return self.programme.bailleur

    @property
    def badge_class(self) -> str:
        return BADGE_CLASS[self.statut]
