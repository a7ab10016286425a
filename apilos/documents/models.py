"""Generated documents: every PDF (or DOCX) APiLos produced for a convention, with what it
was built from (the data and its SHA-256) and the legal text version that produced it."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from apilos.core.models import BaseModel


class Kind(models.TextChoices):
    CONVENTION = "convention", "Convention"
    AVENANT = "avenant", "Avenant"
    FICHE_CAF = "fiche_caf", "Fiche CAF"
    DOCX = "docx", "Copie de travail (DOCX)"


class StatutDocument(models.TextChoices):
    COURANT = "courant", "En vigueur"
    REMPLACE = "remplace", "Remplacé"
    ARCHIVE = "archive", "Archivé"


class Etat(models.TextChoices):
    """Where the production of the file stands (large previews are built by the worker)."""

    EN_ATTENTE = "en_attente", "En préparation"
    PRET = "pret", "Prêt"
    ECHEC = "echec", "Échec"


def document_path(instance: DocumentGenere, filename: str) -> str:
    """A random storage name: a document's address is never guessable from its convention."""
    extension = ".docx" if instance.kind == Kind.DOCX else ".pdf"
    return f"documents/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{extension}"


class DocumentGenere(BaseModel):
    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="documents_generes"
    )
    kind = models.CharField("type de document", max_length=12, choices=Kind.choices)
    # True for the document that counts (the PDF to sign, the fiche CAF sent to the CAF);
    # False for previews and working copies, which carry a watermark or a mention.
    definitif = models.BooleanField("document définitif", default=False)
    statut = models.CharField(
        "statut", max_length=10, choices=StatutDocument.choices, default=StatutDocument.COURANT
    )
    etat = models.CharField("état", max_length=10, choices=Etat.choices, default=Etat.PRET)
    erreur = models.TextField("erreur", blank=True)
    statut_convention = models.CharField("statut de la convention", max_length=25)
    template_version = models.CharField("version du texte juridique", max_length=20, blank=True)
    model = models.CharField("modèle", max_length=30, blank=True)
    fichier = models.FileField("fichier", upload_to=document_path, max_length=255, blank=True)
    nom = models.CharField("nom du fichier", max_length=255)
    sha256 = models.CharField("empreinte SHA-256 du fichier", max_length=64, blank=True)
    taille = models.PositiveBigIntegerField("taille (octets)", default=0)
    # The data it was rendered from (the validated snapshot with the convention's lifecycle
    # fields) and its SHA-256: the same data never gives two final documents.
    snapshot = models.JSONField("données sources", null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField("empreinte SHA-256 des données sources", max_length=64)
    # The convention's `donnees_validees_sha256` at generation ("" for a draft).
    donnees_validees_sha256 = models.CharField(
        "empreinte des données validées", max_length=64, blank=True
    )

    class Meta:
        ordering = ["-cree_le", "-pk"]
        verbose_name = "document généré"
        verbose_name_plural = "documents générés"
        indexes = [
            models.Index(fields=["convention", "kind", "statut"], name="document_convention_kind"),
        ]
        constraints = [
            # Idempotence: one final document per kind and source data.
            models.UniqueConstraint(
                fields=["convention", "kind", "snapshot_sha256"],
                condition=Q(definitif=True),
                name="document_final_unique_par_source",
            ),
            # At most one final document in force per kind.
            models.UniqueConstraint(
                fields=["convention", "kind"],
                condition=Q(definitif=True, statut="courant"),
                name="document_final_courant_unique",
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="document_kind_valid"),
            models.CheckConstraint(
                condition=Q(statut__in=StatutDocument.values), name="document_statut_valid"
            ),
            models.CheckConstraint(condition=Q(etat__in=Etat.values), name="document_etat_valid"),
        ]

    def __str__(self) -> str:
        return self.nom

    @property
    def sha256_court(self) -> str:
        return self.sha256[:12]

    @property
    def is_ready(self) -> bool:
        return self.etat == Etat.PRET and bool(self.fichier)

    @property
    def content_type(self) -> str:
        if self.kind == Kind.DOCX:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return "application/pdf"
