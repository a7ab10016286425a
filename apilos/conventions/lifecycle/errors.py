"""The refusal every lifecycle service raises, whatever the client sent."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class TransitionRefused(ValidationError):
    """A transition that may not happen now; each message says what is wrong and how to fix it."""

    def __init__(self, messages: str | list[str], *, transition: str = "") -> None:
        super().__init__(messages, code="transition_refusee")
        self.transition = transition
