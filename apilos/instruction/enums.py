"""Stable values of the instruction loop (domain.md §3.5, §4.10, §4.13)."""

from django.db import models


class StatutCommentaire(models.TextChoices):
    OUVERT = "ouvert", "Ouvert"
    RESOLU = "resolu", "Résolu"
    CLOS = "clos", "Clos"


COMMENT_BADGE: dict[str, str] = {
    StatutCommentaire.OUVERT: "fr-badge--warning",
    StatutCommentaire.RESOLU: "fr-badge--info",
    StatutCommentaire.CLOS: "fr-badge--success",
}


class TypeEvenement(models.TextChoices):
    """The 24 journal event types (§4.13)."""

    DEPOT_BAILLEUR = "depot_bailleur", "Dépôt par le bailleur"
    MODIFICATION = "modification", "Modification"
    ECHANGE = "echange", "Échange"
    AUTRE = "autre", "Autre"
    ENVOI_PREFET = "envoi_prefet", "Envoi en préfecture pour signature"
    RETOUR_PREFET = "retour_prefet", "Retour de la préfecture"
    ENVOI_RECTIFICATIF_PREFET = "envoi_rectificatif_prefet", "Envoi d'un rectificatif en préfecture"
    RETOUR_RECTIFICATIF_PREFET = "retour_rectificatif_prefet", "Retour du rectificatif"
    ENVOI_SPF = "envoi_spf", "Envoi au SPF"
    RETOUR_SPF = "retour_spf", "Retour du SPF"
    PUBLICATION_SPF = "publication_spf", "Publication au fichier immobilier"
    ENVOI_CAF = "envoi_caf", "Envoi à la CAF"
    DEPOT_AVENANT = "depot_avenant", "Dépôt d'un avenant"
    INSTRUCTION_AVENANT = "instruction_avenant", "Instruction d'un avenant"
    CORRECTION_AVENANT = "correction_avenant", "Correction d'un avenant"
    ENVOI_AVENANT_PREFET = "envoi_avenant_prefet", "Envoi de l'avenant en préfecture"
    SIGNATURE_AVENANT_PREFET = "signature_avenant_prefet", "Signature de l'avenant par le préfet"
    ENVOI_RECTIFICATIF_AVENANT_PREFET = (
        "envoi_rectificatif_avenant_prefet",
        "Envoi d'un rectificatif d'avenant",
    )
    RETOUR_RECTIFICATIF_AVENANT_PREFET = (
        "retour_rectificatif_avenant_prefet",
        "Retour du rectificatif d'avenant",
    )
    ENVOI_AVENANT_SPF = "envoi_avenant_spf", "Envoi de l'avenant au SPF"
    RETOUR_AVENANT_SPF = "retour_avenant_spf", "Retour de l'avenant par le SPF"
    PUBLICATION_AVENANT_SPF = "publication_avenant_spf", "Publication de l'avenant"
    EXPIRATION_CONVENTION = "expiration_convention", "Expiration de la convention"
    ENVOI_DENONCIATION = "envoi_denonciation", "Envoi de la dénonciation"


class ResultatSPF(models.TextChoices):
    PUBLIEE = "publiee", "Publiée"
    REFUSEE = "refusee", "Refusée"
