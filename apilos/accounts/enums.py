"""Stable values for organisations and roles (domain.md §1, §4.9, §4.10)."""

from django.db import models


class Nature(models.TextChoices):
    HLM = "hlm", "HLM"
    SEM = "sem", "SEM"
    PRIVE = "prive", "Bailleurs privés"
    AUTRE = "autre", "Autres bailleurs sociaux non HLM"


class SousNature(models.TextChoices):
    NON_RENSEIGNE = "non_renseigne", "Non renseigné"
    COOPERATIVE_HLM_SCIC = "cooperative_hlm_scic", "Société coopérative HLM / SCIC"
    OPH = "oph", "Office public de l'habitat"
    SA_HLM_ESH = "sa_hlm_esh", "SA d'HLM / ESH"
    SEM_EPL = "sem_epl", "SEM / EPL"
    PARTICULIER = "particulier", "Particulier"
    ASSOCIATION = "association", "Association"
    ANAH = "anah", "ANAH"
    ENTREPRISE_COMMERCIALE = "entreprise_commerciale", "Entreprise commerciale"
    COMMUNE = "commune", "Commune"
    CROUS = "crous", "CROUS"
    DEPARTEMENT = "departement", "Département"
    SERVICE_ETAT = "service_etat", "Services de l'État (DRE, DDE, CETE, préfecture)"
    EPCI = "epci", "EPCI"
    ETABLISSEMENT_PUBLIC_LOCAL = "etablissement_public_local", "Établissement public local"
    ETABLISSEMENT_HOSPITALIER_PRIVE = (
        "etablissement_hospitalier_prive",
        "Établissement hospitalier privé",
    )
    FONDATION = "fondation", "Fondation"
    FONDATION_HLM = "fondation_hlm", "Fondation HLM"
    FONCIERE_LOGEMENT = "fonciere_logement", "Foncière Logement"
    GIP = "gip", "GIP"
    MUTUELLE = "mutuelle", "Mutuelle"
    PACT_ARIM = "pact_arim", "PACT-ARIM"
    SACI_CAP = "saci_cap", "SACI / CAP"
    UES = "ues", "UES"


NATURE_OF_SOUS_NATURE: dict[str, str] = {
    SousNature.COOPERATIVE_HLM_SCIC: Nature.HLM,
    SousNature.OPH: Nature.HLM,
    SousNature.SA_HLM_ESH: Nature.HLM,
    SousNature.SEM_EPL: Nature.SEM,
    SousNature.PARTICULIER: Nature.PRIVE,
}
# Every other sous-nature except "non renseigné" belongs to the "autre" nature.


def nature_for(sous_nature: str, current: str | None) -> str | None:
    """The nature forced by a sous-nature (R48); "non renseigné" keeps the current one."""
    if sous_nature == SousNature.NON_RENSEIGNE:
        return current
    return NATURE_OF_SOUS_NATURE.get(sous_nature, Nature.AUTRE)


class AdministrationKind(models.TextChoices):
    DDT = "ddt", "DDT"
    DDTM = "ddtm", "DDTM"
    DEAL = "deal", "DEAL"
    EPCI = "epci", "EPCI délégataire"
    METROPOLE = "metropole", "Métropole délégataire"
    DEPARTEMENT = "departement", "Département délégataire"


STATE_SERVICE_KINDS = frozenset(
    {AdministrationKind.DDT, AdministrationKind.DDTM, AdministrationKind.DEAL}
)


class Role(models.TextChoices):
    BAILLEUR = "bailleur", "Bailleur"
    BAILLEUR_LECTEUR = "bailleur_lecteur", "Bailleur (lecture seule)"
    INSTRUCTEUR = "instructeur", "Instructeur"
    INSTRUCTEUR_LECTEUR = "instructeur_lecteur", "Instructeur (lecture seule)"
    INSTRUCTEUR_SIGNATAIRE = "instructeur_signataire", "Instructeur signataire"
    ADMINISTRATEUR = "administrateur", "Administrateur"
    PARTENAIRE = "partenaire", "Partenaire"
    STAFF = "staff", "Équipe APiLos"


BAILLEUR_ROLES = frozenset({Role.BAILLEUR, Role.BAILLEUR_LECTEUR})
INSTRUCTEUR_ROLES = frozenset(
    {Role.INSTRUCTEUR, Role.INSTRUCTEUR_LECTEUR, Role.INSTRUCTEUR_SIGNATAIRE}
)
# The administrateur has instructeur rights within its perimeter (domain.md §1.2).
READ_ONLY_ROLES = frozenset({Role.BAILLEUR_LECTEUR, Role.INSTRUCTEUR_LECTEUR, Role.PARTENAIRE})


class Perimetre(models.TextChoices):
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    NATIONAL = "national", "National"


class PartenaireKind(models.TextChoices):
    CAF = "caf", "CAF"
    MSA = "msa", "MSA"
    PREFECTURE = "prefecture", "Préfecture"


class NotificationPreference(models.TextChoices):
    TOUS = "tous", "Tous les e-mails"
    PARTIEL = "partiel", "E-mails des conventions suivies"
    AUCUN = "aucun", "Aucun e-mail"
