"""What a comment, a finding or an edit points at: (objet, champ, ligne_uuid).

`objet` uses the rules engine's names (`convention`, `programme`, `lot`, `logement`…), so a
finding, a comment and an edit check speak of the same thing. A whole step of the form is
addressed as `Target("etape", <step>)`.
"""

from __future__ import annotations

from typing import NamedTuple
from uuid import UUID

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from apilos.core.history import UNTRACKED

from .rules.report import STEPS, FieldAddress, step_for

ETAPE = "etape"
WILDCARD = "*"

# objet → (model, lookup from the row to its convention version).
OBJETS: dict[str, tuple[str, str]] = {
    "convention": ("conventions.Convention", "pk"),
    "programme": ("programmes.Programme", "conventions"),
    "bailleur": ("accounts.Bailleur", "programmes__conventions"),
    "lot": ("conventions.Lot", "convention"),
    "logement": ("conventions.Logement", "lot__convention"),
    "annexe": ("conventions.Annexe", "logement__lot__convention"),
    "typestationnement": ("conventions.TypeStationnement", "lot__convention"),
    "locauxcollectifs": ("conventions.LocauxCollectifs", "lot__convention"),
    "pret": ("conventions.Pret", "lot__convention"),
    "logementedd": ("programmes.LogementEDD", "programme__conventions"),
    "referencecadastrale": ("programmes.ReferenceCadastrale", "programme__conventions"),
}
OBJET_LABELS = {
    "convention": "Convention",
    "programme": "Opération",
    "bailleur": "Bailleur",
    "lot": "Lot",
    "logement": "Logement",
    "annexe": "Annexe",
    "typestationnement": "Stationnement",
    "locauxcollectifs": "Local collectif",
    "pret": "Prêt",
    "logementedd": "Ligne de l'EDD simplifié",
    "referencecadastrale": "Référence cadastrale",
}
# Objets that are the version itself (one row each), the rest are table rows.
SINGLE_OBJETS = frozenset({"convention", "programme", "bailleur"})

# Written by the lifecycle services only.
LIFECYCLE_FIELDS = frozenset(
    {
        "statut",
        "soumis_le",
        "premiere_soumission_le",
        "valide_le",
        "date_signature",
        "date_signature_precision",
        "donnees_validees",
        "donnees_validees_sha256",
    }
)
# Never commentable nor editable through a correction: identity, lifecycle, computed.
NOT_COMMENTABLE = (
    UNTRACKED
    | LIFECYCLE_FIELDS
    | {
        "programme",
        "parent",
        "source",
        "rang",
        "numero",
        "numero_normalise",
        "convention",
        "lot",
        "logement",
        "cle_operation_vivante",
        "numero_operation_normalise",
        "departement",
        "administration",
        "bailleur",
        "siren",
        "nature",
        "parents_seconde_vie",
        "avenant_types",
        "ordre",
    }
)


class Target(NamedTuple):
    objet: str
    champ: str = ""
    ligne_uuid: UUID | None = None

    @classmethod
    def of_comment(cls, commentaire) -> Target:
        if not commentaire.objet:
            return cls(ETAPE, commentaire.etape)
        return cls(commentaire.objet, commentaire.champ, commentaire.ligne_uuid)

    def covers(self, objet: str, champ: str = "", ligne_uuid: UUID | str | None = None) -> bool:
        """True when a change to (objet, champ, ligne) falls inside this target.

        An empty `champ` means the whole row (or every row when no ligne is given); a
        step target covers every field edited at that step.
        """
        if self.objet == WILDCARD:
            return True
        if self.objet == ETAPE:
            return step_of(objet, champ) == self.champ
        if self.objet != objet:
            return False
        if self.ligne_uuid is not None and str(self.ligne_uuid) != str(ligne_uuid):
            return False
        return self.champ in ("", WILDCARD) or self.champ == champ


EVERYTHING = Target(WILDCARD, WILDCARD)
COMMENTAIRES_STEP = Target(ETAPE, "commentaires")


def step_of(objet: str, champ: str = "") -> str:
    return step_for(FieldAddress(objet, None, champ or None))


def model_for(objet: str) -> type[models.Model]:
    try:
        return apps.get_model(OBJETS[objet][0])
    except (KeyError, LookupError) as exc:
        raise ValidationError(f"« {objet} » n'est pas un élément connu d'une convention.") from exc


def field_for(objet: str, champ: str) -> models.Field:
    try:
        field = model_for(objet)._meta.get_field(champ)
    except FieldDoesNotExist as exc:
        raise ValidationError(
            f"Le champ « {champ} » n'existe pas pour l'élément « {objet_label(objet)} »."
        ) from exc
    if not isinstance(field, models.Field) or not field.concrete:
        raise ValidationError(f"« {champ} » n'est pas un champ modifiable.")
    return field


def objet_label(objet: str) -> str:
    return OBJET_LABELS.get(objet, objet)


def field_label(objet: str, champ: str) -> str:
    try:
        return str(field_for(objet, champ).verbose_name)
    except ValidationError:
        return champ


def commentable_fields(objet: str) -> list[models.Field]:
    """The fields of an objet a comment may point at (and a correction may change)."""
    return [
        field
        for field in model_for(objet)._meta.concrete_fields
        if field.name not in NOT_COMMENTABLE and field.editable
    ]


def rows_for(convention, objet: str) -> models.QuerySet:
    """Every row of `objet` belonging to this version of the convention."""
    model = model_for(objet)
    lookup = OBJETS[objet][1]
    if lookup == "pk":
        return model._default_manager.filter(pk=convention.pk)
    return model._default_manager.filter(**{lookup: convention}).distinct()


def instance_for(convention, objet: str, ligne_uuid: UUID | str | None = None) -> models.Model:
    """The row a target names, inside this convention only, else a French error."""
    rows = rows_for(convention, objet)
    if objet in SINGLE_OBJETS:
        found = rows.first()
    else:
        if not ligne_uuid:
            raise ValidationError(f"Précisez la ligne visée ({objet_label(objet).lower()}).")
        try:
            found = rows.filter(uuid=ligne_uuid).first()
        except ValidationError:
            found = None
    if found is None:
        raise ValidationError(
            f"La ligne visée ({objet_label(objet).lower()}) n'existe pas dans cette convention."
        )
    return found


def describe(objet: str, champ: str = "", ligne_uuid=None, convention=None) -> str:
    """A French label for a target, e.g. « Logement A101 – loyer maximum »."""
    if objet in ("", ETAPE):
        return f"Étape « {STEPS.get(champ, champ)} »"
    label = objet_label(objet)
    if ligne_uuid and convention is not None and objet not in SINGLE_OBJETS:
        try:
            label = f"{label} {instance_for(convention, objet, ligne_uuid)}"
        except ValidationError:
            label = f"{label} (ligne supprimée)"
    if champ:
        return f"{label} – {field_label(objet, champ)}"
    return label if ligne_uuid else f"{label} (toutes les lignes)"


def validate_target(convention, objet: str, champ: str, ligne_uuid, etape: str) -> str:
    """Check that a target exists in this convention; returns its step."""
    if not objet:
        if ligne_uuid or champ:
            raise ValidationError("Un commentaire sur une étape ne vise ni champ ni ligne.")
        if etape not in STEPS:
            raise ValidationError("Choisissez l'étape du formulaire visée par le commentaire.")
        return etape
    model_for(objet)
    if champ:
        field = field_for(objet, champ)
        if field.name in NOT_COMMENTABLE or not field.editable:
            raise ValidationError(
                f"Le champ « {field_label(objet, champ)} » ne peut pas être commenté."
            )
    if ligne_uuid or objet in SINGLE_OBJETS:
        instance_for(convention, objet, ligne_uuid)
    return step_of(objet, champ)
