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


class TypeOperation(models.TextChoices):
    SANS_OBJET = "sans_objet", "Sans objet"
    NEUF = "neuf", "Construction neuve"
    VEFA = "vefa", "Construction neuve (VEFA)"
    ACQUISITION = "acquisition", "Acquisition"
    ACQUISITION_AMELIORATION = "acquisition_amelioration", "Acquisition-amélioration"
    REHABILITATION = "rehabilitation", "Réhabilitation"
    ACQUISITION_SANS_TRAVAUX = "acquisition_sans_travaux", "Acquisition sans travaux"
    SANS_TRAVAUX = "sans_travaux", "Sans aide financière (sans travaux)"
    USUFRUIT = "usufruit", "Usufruit"


TYPE_OPERATION_OF_SIAP: dict[str, str] = {
    "CNE": TypeOperation.NEUF,
    "AAM": TypeOperation.ACQUISITION_AMELIORATION,
    "AST": TypeOperation.ACQUISITION_SANS_TRAVAUX,
}


def type_operation_from_siap(code: str | None, *, sans_travaux: bool = False) -> str:
    """SIAP operation code to our value (§4.3): the sans-travaux flag wins over unknown codes."""
    found = TYPE_OPERATION_OF_SIAP.get((code or "").strip().upper())
    if found:
        return found
    return TypeOperation.SANS_TRAVAUX if sans_travaux else TypeOperation.SANS_OBJET


class TypeHabitat(models.TextChoices):
    INDIVIDUEL = "individuel", "Individuel"
    COLLECTIF = "collectif", "Collectif"
    MIXTE = "mixte", "Mixte"


def type_habitat_from_counts(nb_individuels: int, nb_collectifs: int) -> str:
    """§4.4: no individual dwellings → collectif; no collective ones → individuel; else mixte."""
    if not nb_individuels:
        return TypeHabitat.COLLECTIF
    if not nb_collectifs:
        return TypeHabitat.INDIVIDUEL
    return TypeHabitat.MIXTE


class ZoneABC(models.TextChoices):
    A = "a", "A"
    ABIS = "abis", "A bis"
    B1 = "b1", "B1"
    B2 = "b2", "B2"
    C = "c", "C"
    DROM = "drom", "DROM"


class Zone123(models.TextChoices):
    """APL zones."""

    ZONE_1 = "1", "Zone 1"
    ZONE_1BIS = "1bis", "Zone 1 bis"
    ZONE_2 = "2", "Zone 2"
    ZONE_3 = "3", "Zone 3"
