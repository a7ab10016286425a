"""In-app notifications; one per (event, recipient), so nothing is sent twice."""

from django.conf import settings
from django.db import models

from apilos.core.models import BaseModel


class Notification(BaseModel):
    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    convention = models.ForeignKey(
        "conventions.Convention",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    cle = models.CharField("clé de l'événement", max_length=100)
    titre = models.CharField("titre", max_length=255)
    texte = models.TextField("texte", max_length=5000, blank=True)
    lien = models.CharField("lien", max_length=500, blank=True)
    lu_le = models.DateTimeField("lue le", null=True, blank=True)
    email_envoye_le = models.DateTimeField("e-mail demandé le", null=True, blank=True)

    class Meta:
        ordering = ["-cree_le", "-pk"]
        verbose_name = "notification"
        constraints = [
            models.UniqueConstraint(
                fields=["cle", "destinataire"], name="notification_unique_par_evenement"
            )
        ]
        indexes = [models.Index(fields=["destinataire", "lu_le"], name="notification_non_lues")]

    def __str__(self) -> str:
        return self.titre
