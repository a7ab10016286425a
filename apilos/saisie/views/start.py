"""Starting a convention: the three ways in (domain.md §6, R35–R39)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from apilos.accounts.enums import Role

from ..forms.creation import CopyForm, FinancementFormSet, OperationCreationForm, SignedForm
from ..services.creation import (
    FinancementLine,
    convention_copy,
    convention_register_signed,
    operation_create,
)
from ..steps import steps_for
from .common import membership_of

CREATORS = frozenset({Role.BAILLEUR, Role.INSTRUCTEUR, Role.INSTRUCTEUR_SIGNATAIRE, Role.STAFF})


def _creator(request: HttpRequest):
    membership = membership_of(request)
    if membership is None or membership.role not in CREATORS:
        # Pages of one side of the desk do not exist for the other roles (as instruction's).
        raise Http404(
            "Seuls un bailleur ou un instructeur peuvent créer une convention : changez de rôle "
            "dans l'en-tête si vous en avez un autre."
        )
    return membership


def _apply_errors(form: BaseForm, error: ValidationError, fallback: str | None = None) -> None:
    for name, messages_ in error.message_dict.items():
        target = name if name in form.fields else fallback
        for message in messages_:
            form.add_error(target, message)


def _summary(*forms: BaseForm) -> list[dict[str, str]]:
    items = []
    for form in forms:
        for error in form.non_field_errors():
            items.append({"anchor": "contenu", "label": "Formulaire", "message": error})
        for name, errors in form.errors.items():
            if name in form.fields:
                for error in errors:
                    items.append(
                        {
                            "anchor": form[name].auto_id,
                            "label": str(form[name].label),
                            "message": error,
                        }
                    )
    return items


@login_required
def start(request: HttpRequest) -> HttpResponse:
    _creator(request)
    return render(request, "saisie/start/index.html")


@login_required
def create_operation(request: HttpRequest) -> HttpResponse:
    membership = _creator(request)
    data = request.POST if request.method == "POST" else None
    form = OperationCreationForm(data, membership=membership)
    formset = FinancementFormSet(data, prefix="fin")
    if data is not None and form.is_valid() and formset.is_valid():
        lines = [
            FinancementLine(f.cleaned_data["financement"], f.cleaned_data["nb_logements"])
            for f in formset
            if f.cleaned_data.get("financement")
        ]
        values = {k: v for k, v in form.cleaned_data.items() if k != "regroupement"}
        try:
            conventions = operation_create(
                by=request.user,
                financements=lines,
                mixte=form.cleaned_data["regroupement"] == "mixte",
                **values,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            names = ", ".join(lot.financement for c in conventions for lot in c.lots.all())
            if len(conventions) > 1:
                messages.success(
                    request,
                    f"{len(conventions)} conventions créées ({names}). Voici la première ; les "
                    "autres sont dans la liste des conventions.",
                )
            else:
                messages.success(request, f"Convention créée ({names}). Remplissez les étapes.")
            first = conventions[0]
            return redirect("saisie:step", uuid=first.uuid, slug=steps_for(first)[0].slug)
    status = 422 if data is not None else 200
    return render(
        request,
        "saisie/start/operation.html",
        {"form": form, "formset": formset, "summary": _summary(form, *formset.forms)},
        status=status,
    )


@login_required
def create_copy(request: HttpRequest) -> HttpResponse:
    membership = _creator(request)
    data = request.POST if request.method == "POST" else None
    form = CopyForm(data, membership=membership)
    if data is not None and form.is_valid():
        try:
            convention = convention_copy(
                by=request.user,
                source=form.cleaned_data["source"],
                nom=form.cleaned_data["nom"],
                numero_operation=form.cleaned_data["numero_operation"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Nouvelle convention créée à partir de la copie.")
            return redirect("saisie:recap", uuid=convention.uuid)
    return render(
        request,
        "saisie/start/copie.html",
        {"form": form, "summary": _summary(form)},
        status=422 if data is not None else 200,
    )


@login_required
def create_signed(request: HttpRequest) -> HttpResponse:
    membership = _creator(request)
    data = request.POST if request.method == "POST" else None
    form = SignedForm(data, request.FILES or None, membership=membership)
    if data is not None and form.is_valid():
        try:
            convention = convention_register_signed(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Convention signée enregistrée.")
            return redirect("conventions:detail", uuid=convention.uuid)
    return render(
        request,
        "saisie/start/signee.html",
        {"form": form, "summary": _summary(form)},
        status=422 if data is not None else 200,
    )
