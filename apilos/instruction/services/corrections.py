"""Changing single fields of a convention version, behind the edit-rights lock (R44).

This is the write path of the correction page; the step forms and the import call
`assert_can_edit` the same way before they save.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from apilos.accounts.models import Membership
from apilos.conventions.abilities import assert_can_edit, editable_targets
from apilos.conventions.models import Convention
from apilos.conventions.targets import field_for, field_label, instance_for
from apilos.core.history import save_tracked


@dataclass(frozen=True)
class FieldEdit:
    objet: str
    champ: str
    ligne_uuid: UUID | str | None
    value: Any  # raw value, as posted

    @property
    def key(self) -> str:
        return f"{self.objet}:{self.ligne_uuid or ''}:{self.champ}"


def form_value(field, raw: Any) -> Any:
    """The posted value cleaned by the model field's own form field."""
    formfield = field.formfield()
    if formfield is None:
        raise ValidationError(f"« {field.verbose_name} » ne se modifie pas ici.")
    return formfield.clean(raw)


@transaction.atomic
def convention_fields_update(
    *, convention: Convention, by: Membership, edits: list[FieldEdit]
) -> int:
    """Apply every edit or none; errors come back keyed by `FieldEdit.key`.

    Each edit first passes `assert_can_edit`: a crafted change to a field outside the
    role's rights rejects the whole request and changes nothing.
    """
    convention = Convention.objects.select_for_update(of=("self",)).get(pk=convention.pk)
    targets = editable_targets(by, convention)
    for edit in edits:
        assert_can_edit(by, convention, edit.objet, edit.champ, edit.ligne_uuid, targets=targets)
    errors: dict[str, list[str]] = {}
    instances: dict[tuple[str, str], Any] = {}
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for edit in edits:
        key = (edit.objet, str(edit.ligne_uuid or ""))
        try:
            field = field_for(edit.objet, edit.champ)
            if key not in instances:
                instances[key] = instance_for(convention, edit.objet, edit.ligne_uuid)
            instance = instances[key]
            setattr(instance, field.attname, form_value(field, edit.value))
            instance.clean_fields(exclude=[f.name for f in instance._meta.fields if f != field])
        except ValidationError as exc:
            label = field_label(edit.objet, edit.champ)
            errors[edit.key] = [f"{label} : {message}" for message in exc.messages]
            continue
        names[key].add(field.name)
    if errors:
        raise ValidationError(errors)
    for key, instance in instances.items():
        instance.full_clean(
            exclude=[f.name for f in instance._meta.fields if f.name not in names[key]]
        )
        save_tracked(instance, by=by.user, reason="Correction")
    return len(edits)
