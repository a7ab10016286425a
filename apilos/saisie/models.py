"""What the guided entry of a convention needs besides the convention itself:
autosave stamps (so a stale save never overwrites newer input) and import jobs."""

from __future__ import annotations

from django.db import models

from apilos.core.models import BaseModel


class AutosaveStamp(models.Model):
    """The last save sequence number applied for one page (client) and one target.

    A page sends an increasing number with each autosave; a save carrying a number not
    above the stored one arrived late and is dropped, so older input never wins.
    """

    client = models.UUIDField("page d'origine")
    cible = models.CharField("cible", max_length=120)
    seq = models.PositiveIntegerField("numéro de séquence")
    mis_a_jour_le = models.DateTimeField("mis à jour le", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "horodatage d'enregistrement automatique"
        constraints = [
            models.UniqueConstraint(fields=["client", "cible"], name="autosave_client_cible")
        ]

    def __str__(self) -> str:
        return f"{self.cible} n° {self.seq}"


class ImportStatut(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    LECTURE = "lecture", "Lecture du fichier"
    APERCU = "apercu", "Aperçu prêt"
    ENREGISTREMENT = "enregistrement", "Enregistrement en cours"
    TERMINE = "termine", "Enregistré"
    REFUSE = "refuse", "Refusé"
    ANNULE = "annule", "Annulé"
    ECHEC = "echec", "Échec"


IMPORT_EN_COURS = frozenset(
    {ImportStatut.EN_ATTENTE, ImportStatut.LECTURE, ImportStatut.ENREGISTREMENT}
)


class ImportJob(BaseModel):
    """One spreadsheet import of one table of a convention: upload, preview, confirm."""

    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="imports"
    )
    table = models.CharField("tableau", max_length=40)
    fichier = models.FileField("fichier importé", upload_to="imports/%Y/%m/")
    nom_fichier = models.CharField("nom du fichier", max_length=255)
    statut = models.CharField(
        "statut", max_length=20, choices=ImportStatut.choices, default=ImportStatut.EN_ATTENTE
    )
    progression = models.PositiveSmallIntegerField("progression (%)", default=0)
    etape = models.CharField("étape en cours", max_length=120, blank=True)
    en_tache_de_fond = models.BooleanField("traité en tâche de fond", default=False)
    # Preview: counts, problems (by row and column) and a sample of each kind of change.
    apercu = models.JSONField("aperçu", default=dict, blank=True)
    # The parsed rows, kept between the preview and the confirmation.
    lignes = models.JSONField("lignes lues", default=list, blank=True)
    message = models.TextField("message", blank=True)

    class Meta:
        ordering = ["-cree_le"]
        verbose_name = "import de tableau"
        verbose_name_plural = "imports de tableaux"

    def __str__(self) -> str:
        return f"Import {self.table} – {self.nom_fichier}"

    @property
    def en_cours(self) -> bool:
        return self.statut in IMPORT_EN_COURS
