"""Files attached to any row (R46): one PieceJointe per file, keyed by its owner's field."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from apilos.core.models import BaseModel

from .enums import MAX_SIZE, StatutAntivirus


def upload_path(instance: PieceJointe, filename: str) -> str:
    """The user's file name never reaches the storage path; only the sniffed extension does."""
    suffix = PurePath(filename).suffix.lower()[:10]
    today = timezone.localdate()
    return f"pieces_jointes/{today:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class PieceJointe(BaseModel):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    champ = models.CharField("champ", max_length=100)
    fichier = models.FileField("fichier", upload_to=upload_path, max_length=255)
    nom = models.CharField("nom du fichier", max_length=255)
    taille = models.PositiveBigIntegerField("taille (octets)")
    type_mime = models.CharField("type MIME", max_length=100)
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    statut_antivirus = models.CharField(
        "analyse antivirus",
        max_length=12,
        choices=StatutAntivirus.choices,
        default=StatutAntivirus.EN_ATTENTE,
    )

    class Meta:
        ordering = ["content_type", "object_id", "champ", "cree_le"]
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        indexes = [
            models.Index(fields=["content_type", "object_id", "champ"], name="piecejointe_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(taille__lte=MAX_SIZE), name="piecejointe_taille_max_100_mo"
            ),
            models.CheckConstraint(
                condition=Q(statut_antivirus__in=StatutAntivirus.values),
                name="piecejointe_statut_antivirus_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.nom

    @property
    def is_usable(self) -> bool:
        """A file is served only after a clean antivirus scan (R46)."""
        return self.statut_antivirus == StatutAntivirus.SAIN
