"""Shared checks: every service re-checks scope and side, whatever the page showed."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from apilos.conventions.lifecycle.actors import acting_side
from apilos.conventions.selectors import convention_visible

NOT_FOUND = "Cette convention n'existe pas ou ne vous est pas accessible."


def require_side(by, convention, sides: set[str], refusal: str) -> str:
    """The acting side of `by`, if it sees the convention and is one of `sides`."""
    if by is None or not convention_visible(by, convention):
        raise ValidationError(NOT_FOUND, code="not_found")
    side = acting_side(by)
    if side not in sides:
        raise ValidationError(refusal, code="forbidden")
    return side


def clean_text(text: str | None, *, label: str, max_length: int = 5000) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"Écrivez {label} : il ne peut pas être vide.", code="required")
    if len(text) > max_length:
        raise ValidationError(
            f"{label[0].upper()}{label[1:]} compte {len(text)} caractères ; {max_length} au plus.",
            code="max_length",
        )
    return text
