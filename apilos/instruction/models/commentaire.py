"""Comments anchored to a field, a row or a whole step, with their replies (§3.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..enums import COMMENT_BADGE, StatutCommentaire
from .base import TEXT_M, ActorModel


class Commentaire(ActorModel):
    convention = models.ForeignKey(
        "conventions.Convention",
        on_delete=models.CASCADE,
        related_name="commentaires_instruction",
    )
    # Target: (objet, champ, ligne_uuid); empty objet = the whole step `etape`.
    objet = models.CharField("objet visé", max_length=40, blank=True)
    champ = models.CharField("champ visé", max_length=100, blank=True)
    ligne_uuid = models.UUIDField("ligne visée", null=True, blank=True)
    etape = models.CharField("étape", max_length=30)
    cible_libelle = models.CharField("libellé de la cible", max_length=255, blank=True)
    message = models.TextField("commentaire", max_length=TEXT_M)
    statut = models.CharField(
        "statut",
        max_length=10,
        choices=StatutCommentaire.choices,
        default=StatutCommentaire.OUVERT,
    )
    modifie_le = models.DateTimeField("modifié le", null=True, blank=True)
    resolu_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolu_le = models.DateTimeField("résolu le", null=True, blank=True)
    clos_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clos_le = models.DateTimeField("clos le", null=True, blank=True)
    rouvert_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rouvert_le = models.DateTimeField("rouvert le", null=True, blank=True)

    class Meta:
        ordering = ["cree_le", "pk"]
        verbose_name = "commentaire"
        indexes = [models.Index(fields=["convention", "statut"], name="commentaire_conv_statut")]
        constraints = [
            models.CheckConstraint(
                condition=Q(statut__in=StatutCommentaire.values), name="commentaire_statut_valid"
            ),
            models.CheckConstraint(
                condition=~Q(objet="") | (Q(champ="") & Q(ligne_uuid__isnull=True)),
                name="commentaire_etape_sans_champ",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cible_libelle or self.etape} : {self.message[:60]}"

    @property
    def target(self):
        from apilos.conventions.abilities import Target

        return Target.of_comment(self)

    @property
    def badge_class(self) -> str:
        return COMMENT_BADGE[self.statut]

    @property
    def is_open(self) -> bool:
        return self.statut == StatutCommentaire.OUVERT


class ReponseCommentaire(ActorModel):
    commentaire = models.ForeignKey(Commentaire, on_delete=models.CASCADE, related_name="reponses")
    message = models.TextField("réponse", max_length=TEXT_M)

    class Meta:
        ordering = ["cree_le", "pk"]
        verbose_name = "réponse à un commentaire"
        verbose_name_plural = "réponses aux commentaires"

    def __str__(self) -> str:
        return self.message[:60]
