"""Files on evidence fields (cadastre extract, acte, EDD…) through PieceJointe (R46)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from apilos.conventions.models import Convention
from apilos.files.models import PieceJointe
from apilos.files.services import pieces_jointes_for

from .steps import Step


@dataclass
class Evidence:
    champ: str
    label: str
    owner: models.Model
    pieces: list[PieceJointe]


def owner_of(convention: Convention, step: Step) -> models.Model:
    return convention if step.evidence_objet == "convention" else convention.programme


def evidence_for(convention: Convention, step: Step) -> list[Evidence]:
    if not step.evidence:
        return []
    owner = owner_of(convention, step)
    pieces: dict[str, list[PieceJointe]] = {}
    for piece in pieces_jointes_for(owner).filter(champ__in=step.evidence).order_by("cree_le"):
        pieces.setdefault(piece.champ, []).append(piece)
    meta = type(owner)._meta
    return [
        Evidence(
            champ=champ,
            label=str(meta.get_field(champ).verbose_name).capitalize(),
            owner=owner,
            pieces=pieces.get(champ, []),
        )
        for champ in step.evidence
    ]
