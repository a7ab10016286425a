"""Convention statuses (domain.md §2.1): stable values, French labels."""

from django.db import models


class Statut(models.TextChoices):
    PROJET = "projet", "En projet"
    INSTRUCTION = "instruction", "En instruction"
    CORRECTION = "correction", "À corriger"
    A_SIGNER = "a_signer", "À signer"
    SIGNEE = "signee", "Signée"
    PUBLICATION_EN_COURS = "publication_en_cours", "Publication en cours"
    PUBLIEE = "publiee", "Publiée"
    RESILIEE = "resiliee", "Résiliée"
    DENONCEE = "denoncee", "Dénoncée"
    ANNULEE = "annulee", "Annulée"


STATUT_ORDER = {value: index for index, value in enumerate(Statut.values, start=1)}

# The instructeur reads some statuses from their own side of the desk.
INSTRUCTEUR_LABELS: dict[str, str] = {
    Statut.INSTRUCTION: "À instruire",
    Statut.CORRECTION: "En correction",
}

# Avenants use the masculine form ("Signé").
AVENANT_LABELS: dict[str, str] = {
    Statut.SIGNEE: "Signé",
    Statut.PUBLIEE: "Publié",
    Statut.RESILIEE: "Résilié",
    Statut.DENONCEE: "Dénoncé",
    Statut.ANNULEE: "Annulé",
}


def statut_label(statut: str, *, instructeur: bool = False, avenant: bool = False) -> str:
    """The label a reader sees: the instructeur's side of the desk, masculine for avenants."""
    if instructeur and statut in INSTRUCTEUR_LABELS:
        return INSTRUCTEUR_LABELS[statut]
    if avenant and statut in AVENANT_LABELS:
        return AVENANT_LABELS[statut]
    return Statut(statut).label


EN_COURS = frozenset({Statut.PROJET, Statut.INSTRUCTION, Statut.CORRECTION})
ACHEVEE = frozenset({Statut.SIGNEE, Statut.PUBLICATION_EN_COURS, Statut.PUBLIEE})
TERMINEE = frozenset({Statut.RESILIEE, Statut.DENONCEE})
FROM_A_SIGNER = frozenset({Statut.A_SIGNER}) | ACHEVEE | TERMINEE

# DSFR badge colour per status; the label always accompanies the colour.
BADGE_CLASS: dict[str, str] = {
    Statut.PROJET: "fr-badge--info",
    Statut.INSTRUCTION: "fr-badge--new",
    Statut.CORRECTION: "fr-badge--warning",
    Statut.A_SIGNER: "fr-badge--purple-glycine",
    Statut.SIGNEE: "fr-badge--success",
    Statut.PUBLICATION_EN_COURS: "fr-badge--green-emeraude",
    Statut.PUBLIEE: "fr-badge--green-menthe",
    Statut.RESILIEE: "fr-badge--error",
    Statut.DENONCEE: "fr-badge--pink-tuile",
    Statut.ANNULEE: "fr-badge--brown-cafe-creme",
}
