"""Convention numbers (R23) and avenant ranks (R24)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apilos.core.history import save_tracked
from apilos.core.normalise import normalise_numero

from ..enums import Statut
from ..models import Convention, ConventionNumberCounter

NUMERO_MAX_LENGTH = 50


def _departement(convention: Convention):
    departement = convention.programme.departement
    if departement is None:
        raise ValidationError(
            "Le numéro ne peut pas être proposé : la commune de l'opération (code INSEE) "
            "n'est pas renseignée."
        )
    return departement


def _administration_letter(convention: Convention) -> str:
    """A = "D" for a State service, otherwise the administration's code."""
    administration = convention.programme.administration
    return "D" if administration.is_service_etat else administration.code


def format_numero(departement_code: str, lettre: str, annee: int, rang: int) -> str:
    return f"{departement_code}.{lettre}.{annee % 100:02d}.{rang:04d}"


def _taken(numero: str, *, exclude_pk: int | None) -> bool:
    normalise = normalise_numero(numero)
    queryset = Convention.objects.filter(parent__isnull=True, numero_normalise=normalise)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def _next_free(convention: Convention, annee: int, dernier: int) -> tuple[str, int]:
    """The first counter value after `dernier` whose number is free (legacy numbers stay)."""
    departement = _departement(convention)
    lettre = _administration_letter(convention)
    rang = dernier + 1
    numero = format_numero(departement.code, lettre, annee, rang)
    while _taken(numero, exclude_pk=convention.pk):
        rang += 1
        numero = format_numero(departement.code, lettre, annee, rang)
    return numero, rang


def convention_number_propose(*, convention: Convention, annee: int | None = None) -> str:
    """The number `convention_number_assign` would give now (no lock: a suggestion only)."""
    if convention.parent is not None:
        return convention.parent.numero
    annee = annee or timezone.localdate().year
    counter = ConventionNumberCounter.objects.filter(
        departement=_departement(convention), annee=annee
    ).first()
    numero, _ = _next_free(convention, annee, counter.dernier if counter else 0)
    return numero


def _validate_own_numero(convention: Convention, numero: str) -> str:
    numero = (numero or "").strip()
    if not numero:
        raise ValidationError({"numero": "Saisissez un numéro de convention."})
    if len(numero) > NUMERO_MAX_LENGTH:
        raise ValidationError(
            {"numero": f"Le numéro compte au plus {NUMERO_MAX_LENGTH} caractères."}
        )
    if _taken(numero, exclude_pk=convention.pk):
        raise ValidationError(
            {"numero": f"Le numéro {numero} est déjà celui d'une autre convention."}
        )
    return numero


def _assign_rang(convention: Convention, by) -> Convention:
    """R24: rang = 1 + the parent's validated avenants (from à signer on, not annulée)."""
    assert convention.parent_id is not None
    parent = Convention.objects.select_for_update().get(pk=convention.parent_id)
    if convention.rang is None:
        validated = (
            parent.avenants.exclude(pk=convention.pk)
            .exclude(rang__isnull=True)
            .exclude(statut__in=[Statut.PROJET, Statut.INSTRUCTION, Statut.CORRECTION])
            .exclude(statut=Statut.ANNULEE)
            .count()
        )
        rang = validated + 1
        # A cancelled avenant keeps its burnt rank (R33): skip it.
        while parent.avenants.filter(rang=rang).exclude(pk=convention.pk).exists():
            rang += 1
        convention.rang = rang
    convention.numero = parent.numero
    save_tracked(
        convention,
        by=by,
        reason="Numérotation de l'avenant",
        update_fields=["rang", "numero", "numero_normalise", "mis_a_jour_le"],
    )
    return convention


@transaction.atomic
def convention_number_assign(
    *,
    convention: Convention,
    numero: str | None = None,
    annee: int | None = None,
    by=None,
) -> Convention:
    """Number a convention at validation (R23) or rank an avenant (R24).

    The counter row of (département, year) is read FOR UPDATE, so two validations at the
    same moment wait for each other and get different numbers. The instructeur may give
    their own number: it passes the same uniqueness check. A convention already numbered
    keeps its number when none is given (a_signer → instruction keeps it).
    """
    if convention.is_avenant:
        return _assign_rang(convention, by)
    if numero is None and convention.numero:
        return convention
    if numero is not None:
        convention.numero = _validate_own_numero(convention, numero)
    else:
        annee = annee or timezone.localdate().year
        counter, _ = ConventionNumberCounter.objects.get_or_create(
            departement=_departement(convention), annee=annee
        )
        counter = ConventionNumberCounter.objects.select_for_update().get(pk=counter.pk)
        convention.numero, counter.dernier = _next_free(convention, annee, counter.dernier)
        counter.save(update_fields=["dernier"])
    save_tracked(
        convention,
        by=by,
        reason="Numérotation de la convention",
        update_fields=["numero", "numero_normalise", "mis_a_jour_le"],
    )
    return convention
