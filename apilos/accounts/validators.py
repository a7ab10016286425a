"""SIREN / SIRET checks: digits, length and the Luhn checksum."""

from django.core.exceptions import ValidationError

# La Poste's establishments share one SIREN; most use a digit-sum rule instead of Luhn.
LA_POSTE_SIREN = "356000000"


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value: str) -> None:
    if not value.isdigit() or len(value) != 9:
        raise ValidationError(
            "Le SIREN doit compter exactement 9 chiffres, sans espace ni lettre.",
            code="siren_format",
        )
    if not luhn_ok(value):
        raise ValidationError(
            "Ce SIREN n'est pas valide : sa clé de contrôle (Luhn) est fausse. "
            "Vérifiez-le sur l'avis de situation INSEE.",
            code="siren_luhn",
        )


def validate_siret(value: str) -> None:
    if not value.isdigit() or len(value) != 14:
        raise ValidationError(
            "Le SIRET doit compter exactement 14 chiffres, sans espace ni lettre.",
            code="siret_format",
        )
    la_poste_ok = value.startswith(LA_POSTE_SIREN) and sum(int(c) for c in value) % 5 == 0
    if not (luhn_ok(value) or la_poste_ok):
        raise ValidationError(
            "Ce SIRET n'est pas valide : sa clé de contrôle (Luhn) est fausse. "
            "Vérifiez-le sur l'avis de situation INSEE.",
            code="siret_luhn",
        )
    validate_siren(value[:9])
