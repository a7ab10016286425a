"""New versions of a convention: an avenant starts as a deep copy of the version in force."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from apilos.core.history import bulk_create_tracked, save_tracked
from apilos.files.models import PieceJointe
from apilos.programmes.models import LogementEDD, Programme, ReferenceCadastrale

from ..enums import ACHEVEE, OPEN_AVENANT, TERMINEE, DatePrecision, Statut
from ..models import (
    Annexe,
    Convention,
    LocauxCollectifs,
    Logement,
    Lot,
    Pret,
    TypeStationnement,
)
from ..models.convention import validate_avenant_types

M = TypeVar("M", bound=models.Model)
REASON = "Création d'un avenant (copie de la version en vigueur)"
NOT_COPIED = frozenset({"id", "uuid", "cree_le", "mis_a_jour_le", "cree_par"})
# Lifecycle of the new version starts afresh.
AVENANT_RESET = {
    "rang": None,
    "numero": "",
    "numero_normalise": "",
    "statut": Statut.PROJET,
    "soumis_le": None,
    "premiere_soumission_le": None,
    "valide_le": None,
    "date_signature": None,
    "date_signature_precision": DatePrecision.JOUR,
    "donnees_validees": None,
    "donnees_validees_sha256": "",
    "description_avenant": "",
    "champ_libre_avenant": "",
}


def convention_version_in_force(original: Convention) -> Convention | None:
    """The latest achevée version: the highest-ranked achevée avenant, else the original."""
    avenants = [a for a in original.avenants.all() if a.statut in ACHEVEE]
    if avenants:
        return max(avenants, key=lambda a: (a.rang or 0, a.valide_le or a.cree_le, a.pk))
    return original if original.statut in ACHEVEE else None


def _copy(instance: M, by, **overrides) -> M:
    model = type(instance)
    values = {
        field.attname: copy.deepcopy(getattr(instance, field.attname))
        for field in model._meta.concrete_fields
        if field.name not in NOT_COPIED
    }
    values.update(overrides)
    return model(**values, cree_par=by)


def _copy_rows(
    model: type[models.Model], rows: Iterable[models.Model], fk: str, mapping: dict, by
) -> dict[int, int]:
    """Copy `rows` under their parent's copy (`fk` attname → mapping); old pk → new pk."""
    rows = list(rows)
    copies = [_copy(row, by, **{fk: mapping[getattr(row, fk)]}) for row in rows]
    for copied in copies:
        if isinstance(copied, Logement):
            copied.compute_surface_utile()
    created = bulk_create_tracked(model, copies, by=by, reason=REASON)
    return {row.pk: new.pk for row, new in zip(rows, created, strict=True)}


def _copy_pieces_jointes(mappings: dict[type[models.Model], dict[int, int]], by) -> None:
    """Same stored file, new rows pointing at the copies."""
    copies: list[PieceJointe] = []
    for model, mapping in mappings.items():
        if not mapping:
            continue
        content_type = ContentType.objects.get_for_model(model)
        for piece in PieceJointe.objects.filter(
            content_type=content_type, object_id__in=list(mapping)
        ):
            copies.append(_copy(piece, by, object_id=mapping[piece.object_id]))
    PieceJointe.objects.bulk_create(copies, batch_size=1000)


def _refuse_unless_open_allowed(original: Convention) -> Convention:
    versions = [original, *original.avenants.all()]
    if any(version.statut in TERMINEE for version in versions):
        raise ValidationError(
            "Cette convention est résiliée ou dénoncée : aucun avenant ne peut être ouvert."
        )
    open_avenants = [v for v in versions[1:] if v.statut in OPEN_AVENANT]
    if open_avenants:
        raise ValidationError(
            "Un avenant est déjà en cours sur cette convention "
            f"({open_avenants[0].get_statut_display().lower()}) : terminez-le ou annulez-le "
            "avant d'en ouvrir un autre."
        )
    source = convention_version_in_force(original)
    if source is None:
        raise ValidationError(
            "La convention n'est pas encore signée : un avenant ne peut être ouvert que sur "
            "une convention signée, en cours de publication ou publiée."
        )
    return source


@transaction.atomic
def convention_new_version(
    *, convention: Convention, by, avenant_types: Iterable[str] = ()
) -> Convention:
    """Open an avenant on `convention` (or on its original, if given an avenant) (R27).

    Copies the version in force with its programme, EDD and cadastre rows, lots with their
    own prêts, stationnements and locaux collectifs, logements with their annexes, and the
    pièces jointes of all of them (new rows, same stored files).
    """
    avenant_types = list(dict.fromkeys(avenant_types))
    validate_avenant_types(avenant_types)
    # Lock the original so that two users cannot open two avenants at once.
    original = Convention.objects.select_for_update().get(pk=convention.parent_id or convention.pk)
    source = _refuse_unless_open_allowed(original)
    source_programme = source.programme

    programme = _copy(source_programme, by)
    save_tracked(programme, by=by, reason=REASON)
    mappings: dict[type[models.Model], dict[int, int]] = {
        Programme: {source_programme.pk: programme.pk}
    }
    programme_map = mappings[Programme]
    programme_children: tuple[type[models.Model], ...] = (LogementEDD, ReferenceCadastrale)
    for model in programme_children:
        rows = model._default_manager.filter(programme=source_programme).order_by("pk")
        mappings[model] = _copy_rows(model, rows, "programme_id", programme_map, by)

    avenant = _copy(
        source,
        by,
        **AVENANT_RESET,
        parent_id=original.pk,
        source_id=source.pk,
        programme_id=programme.pk,
        avenant_types=avenant_types,
    )
    save_tracked(avenant, by=by, reason=REASON)
    avenant.parents_seconde_vie.set(source.parents_seconde_vie.all())
    mappings[Convention] = {source.pk: avenant.pk}

    lots = list(Lot.objects.filter(convention=source).order_by("pk"))
    # An avenant never holds the R35 key: only live originals do.
    lot_copies = [
        _copy(lot, by, convention_id=avenant.pk, cle_operation_vivante=None) for lot in lots
    ]
    created = bulk_create_tracked(Lot, lot_copies, by=by, reason=REASON)
    lot_map = {lot.pk: new.pk for lot, new in zip(lots, created, strict=True)}
    mappings[Lot] = lot_map
    lot_children: tuple[type[models.Model], ...] = (
        Pret,
        TypeStationnement,
        LocauxCollectifs,
        Logement,
    )
    for model in lot_children:
        rows = model._default_manager.filter(lot__convention=source).order_by("pk")
        mappings[model] = _copy_rows(model, rows, "lot_id", lot_map, by)
    annexes = Annexe.objects.filter(logement__lot__convention=source).order_by("pk")
    mappings[Annexe] = _copy_rows(Annexe, annexes, "logement_id", mappings[Logement], by)

    _copy_pieces_jointes(mappings, by)
    return avenant
