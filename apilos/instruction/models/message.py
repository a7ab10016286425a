"""The exchange thread of a convention; private notes stay inside the administration."""

from django.db import models

from .base import TEXT_M, ActorModel


class Message(ActorModel):
    convention = models.ForeignKey(
        "conventions.Convention", on_delete=models.CASCADE, related_name="messages"
    )
    texte = models.TextField("message", max_length=TEXT_M)
    prive = models.BooleanField(
        "note privée",
        default=False,
        help_text="Visible seulement par les personnes de l'administration.",
    )

    class Meta:
        ordering = ["cree_le", "pk"]
        verbose_name = "message"
        indexes = [models.Index(fields=["convention", "cree_le"], name="message_conv_date")]

    def __str__(self) -> str:
        return self.texte[:60]
