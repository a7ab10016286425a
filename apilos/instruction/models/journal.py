"""Journal entries typed by §4.13, and the SPF round trips (§2.5)."""

from django.db import models
from django.db.models import F, Q

from ..enums import ResultatSPF, TypeEvenement
from .base import TEXT_M, ActorModel


class Evenement(ActorModel):
    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="evenements"
    )
    type = models.CharField("type", max_length=40, choices=TypeEvenement.choices)
    survenu_le = models.DateField("date", help_text="Au plus tard aujourd'hui (R45).")
    description = models.TextField("description", max_length=TEXT_M, blank=True)
    automatique = models.BooleanField(
        "enregistré par APiLos", default=False, help_text="Faux pour une saisie manuelle."
    )

    class Meta:
        ordering = ["survenu_le", "cree_le", "pk"]
        verbose_name = "événement du journal"
        verbose_name_plural = "événements du journal"
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=TypeEvenement.values), name="evenement_type_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.survenu_le:%d/%m/%Y})"


class EnvoiSPF(ActorModel):
    """One SPF round trip: sent, then published or refused. The file is a PieceJointe."""

    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="envois_spf"
    )
    date_envoi = models.DateField("date d'envoi")
    resultat = models.CharField("résultat", max_length=10, choices=ResultatSPF.choices, blank=True)
    date_retour = models.DateField("date de retour", null=True, blank=True)
    reference_spf = models.CharField("référence de publication", max_length=50, blank=True)
    motif_refus = models.TextField("motif du refus", max_length=1000, blank=True)

    class Meta:
        ordering = ["date_envoi", "cree_le", "pk"]
        verbose_name = "envoi au SPF"
        verbose_name_plural = "envois au SPF"
        constraints = [
            models.CheckConstraint(
                condition=Q(date_retour__isnull=True) | Q(date_retour__gte=F("date_envoi")),
                name="envoispf_dates_ordre",
            ),
            models.CheckConstraint(
                condition=(Q(resultat="") & Q(date_retour__isnull=True))
                | (Q(resultat=ResultatSPF.PUBLIEE) & ~Q(reference_spf=""))
                | (Q(resultat=ResultatSPF.REFUSEE) & ~Q(motif_refus="")),
                name="envoispf_resultat_complet",
            ),
            models.CheckConstraint(
                condition=Q(resultat="") | Q(date_retour__isnull=False),
                name="envoispf_retour_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Envoi au SPF du {self.date_envoi:%d/%m/%Y}"

    @property
    def is_pending(self) -> bool:
        return self.resultat == ""
