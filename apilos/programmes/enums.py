"""Enumerations of the opération (domain.md §4)."""

from django.db import models


class NatureLogement(models.TextChoices):
    LOGEMENTS_ORDINAIRES = "logements_ordinaires", "Logements ordinaires"
    LOGEMENT_FOYER = "logement_foyer", "Autres logements-foyers"
    HEBERGEMENT = "hebergement", "Hébergement"
    RESIDENCE_SOCIALE = "residence_sociale", "Résidence sociale"
    PENSION_DE_FAMILLE = "pension_de_famille", "Pension de famille"
    RESIDENCE_ACCUEIL = "residence_accueil", "Résidence d'accueil"
    RESIDENCE_UNIVERSITAIRE = "residence_universitaire", "Résidence universitaire"
    RHVS = "rhvs", "RHVS"


class Famille(models.TextChoices):
    ORDINAIRE = "ordinaire", "Logements ordinaires"
    FOYER = "foyer", "Foyer"
    RESIDENCE = "residence", "Résidence"


FAMILLE_OF_NATURE: dict[str, str] = {
    NatureLogement.LOGEMENTS_ORDINAIRES: Famille.ORDINAIRE,
    NatureLogement.LOGEMENT_FOYER: Famille.FOYER,
    NatureLogement.HEBERGEMENT: Famille.RESIDENCE,
    NatureLogement.RESIDENCE_SOCIALE: Famille.RESIDENCE,
    NatureLogement.PENSION_DE_FAMILLE: Famille.RESIDENCE,
    NatureLogement.RESIDENCE_ACCUEIL: Famille.RESIDENCE,
    NatureLogement.RESIDENCE_UNIVERSITAIRE: Famille.ORDINAIRE,
    NatureLogement.RHVS: Famille.ORDINAIRE,
}
