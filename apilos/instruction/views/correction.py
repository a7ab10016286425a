"""The bailleur's correction page: exactly the fields the open comments point at (R44)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from apilos.conventions.abilities import convention_abilities
from apilos.conventions.rules.report import STEPS
from apilos.conventions.targets import (
    ETAPE,
    SINGLE_OBJETS,
    commentable_fields,
    describe,
    field_for,
    instance_for,
    rows_for,
)

from ..enums import StatutCommentaire
from ..forms import DsfrForm
from ..overview import MAX_ROWS
from ..services.comments import comment_resolve
from ..services.corrections import FieldEdit, convention_fields_update
from .common import get_convention, membership_of, refuse

PREFIX = "f"
NO_ROW = "-"


def field_key(objet: str, ligne, champ: str) -> str:
    return f"{PREFIX}__{objet}__{ligne or NO_ROW}__{champ}"


def parse_key(key: str) -> FieldEdit | None:
    parts = key.split("__")
    if len(parts) != 4 or parts[0] != PREFIX:
        return None
    _, objet, ligne, champ = parts
    return FieldEdit(objet, champ, None if ligne == NO_ROW else ligne, None)


def _cells(convention, commentaire) -> list[tuple]:
    """The cells a comment opens, as (objet, ligne_uuid, champ, row); none for a whole step
    or table, which is corrected in the form's step itself."""
    target = commentaire.target
    if target.objet == ETAPE:
        return []
    if target.objet in SINGLE_OBJETS:
        if not target.champ:
            return []
        return [(target.objet, None, target.champ, instance_for(convention, target.objet))]
    if target.ligne_uuid:
        try:
            row = instance_for(convention, target.objet, target.ligne_uuid)
        except ValidationError:
            return []
        names = (
            [target.champ] if target.champ else [f.name for f in commentable_fields(target.objet)]
        )
        return [(target.objet, row.uuid, name, row) for name in names]
    if not target.champ:
        return []
    rows = rows_for(convention, target.objet)[:MAX_ROWS]
    return [(target.objet, row.uuid, target.champ, row) for row in rows]


def build_form(convention, comments, data=None):
    """One form field per editable cell, grouped by comment; the Commentaires step last."""
    fields: dict[str, forms.Field] = {}
    groups = []
    for commentaire in comments:
        keys = []
        for objet, ligne, champ, instance in _cells(convention, commentaire):
            key = field_key(objet, ligne, champ)
            if key in fields:
                continue
            model_field = field_for(objet, champ)
            formfield = model_field.formfield()
            if formfield is None:
                continue
            formfield.label = describe(objet, champ, ligne, convention)
            formfield.initial = model_field.value_from_object(instance)
            if isinstance(formfield, forms.BooleanField):
                formfield.required = False
            fields[key] = formfield
            keys.append(key)
        groups.append(
            {
                "commentaire": commentaire,
                "keys": keys,
                "etape_libelle": STEPS.get(commentaire.etape, commentaire.etape),
            }
        )
    key = field_key("convention", None, "commentaires")
    commentaires = field_for("convention", "commentaires").formfield()
    commentaires.label = "Commentaires pour l'instructeur"
    commentaires.help_text = (
        "L'étape « Commentaires » reste toujours modifiable pendant la correction."
    )
    commentaires.initial = convention.commentaires
    commentaires.widget.attrs["rows"] = 4
    fields[key] = commentaires
    form = type("CorrectionForm", (DsfrForm,), fields)(data=data)
    for group in groups:
        group["fields"] = [form[key] for key in group["keys"]]
    return form, groups, form[key]


def _open_comments(convention):
    return list(
        convention.commentaires_instruction.filter(
            statut__in=[StatutCommentaire.OUVERT, StatutCommentaire.RESOLU]
        ).select_related("cree_par")
    )


@login_required
@require_http_methods(["GET", "POST"])
def corriger(request: HttpRequest, uuid) -> HttpResponse:
    convention = get_convention(request, uuid)
    membership = membership_of(request)
    if not convention_abilities(membership, convention)["resolve_comments"]:
        return refuse(
            request,
            convention,
            "Seul le bailleur corrige une convention, quand l'administration lui a demandé des "
            "corrections.",
        )
    comments = _open_comments(convention)
    form, groups, commentaires_field = build_form(
        convention, comments, request.POST if request.method == "POST" else None
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        edits = [
            FieldEdit(e.objet, e.champ, e.ligne_uuid, request.POST.get(name))
            for name in request.POST
            if name not in form.fields and (e := parse_key(name))
        ]
        edits += [
            FieldEdit(e.objet, e.champ, e.ligne_uuid, form.data.get(name))
            for name in form.changed_data
            if (e := parse_key(name))
        ]
        resolve = set(request.POST.getlist("resoudre"))
        try:
            with transaction.atomic():
                if edits:
                    convention_fields_update(convention=convention, by=membership, edits=edits)
                for commentaire in comments:
                    if str(commentaire.uuid) in resolve and commentaire.is_open:
                        comment_resolve(commentaire=commentaire, by=membership)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                "Vos corrections sont enregistrées. Soumettez la convention à nouveau quand "
                "tout est corrigé.",
            )
            return redirect("conventions:detail", uuid=convention.uuid)
    return render(
        request,
        "instruction/correction.html",
        {
            "convention": convention,
            "form": form,
            "groups": groups,
            "commentaires_field": commentaires_field,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )
