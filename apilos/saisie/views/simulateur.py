"""Rent simulator: revision of a loyer or a redevance between two dates (R26)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apilos.conventions.rules.revision import revise, select_indices, series_for
from apilos.programmes.enums import NatureLogement
from apilos.referentiel.models import Departement, IndiceEvolutionLoyer

from ..forms.base import FrDecimalField, SaisieForm


class SimulateurForm(SaisieForm):
    montant = FrDecimalField(
        label="Loyer ou redevance initial (€)",
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="Par exemple 6,45 (€/m²) ou 412,30 (€ par mois).",
    )
    nature_logement = forms.ChoiceField(
        label="Nature des logements",
        choices=[
            (v, label)
            for v, label in NatureLogement.choices
            if v
            in {
                NatureLogement.LOGEMENTS_ORDINAIRES,
                NatureLogement.RESIDENCE_SOCIALE,
                NatureLogement.RESIDENCE_ACCUEIL,
                NatureLogement.LOGEMENT_FOYER,
            }
        ],
        help_text="Loyers pour les logements ordinaires, redevances pour les foyers et résidences.",
    )
    date_initiale = forms.DateField(label="Date du montant initial")
    date_revision = forms.DateField(label="Date de révision")
    departement = forms.ModelChoiceField(
        label="Département (facultatif)",
        queryset=Departement.objects.order_by("code"),
        required=False,
        help_text="Un indice propre au département remplace l'indice national.",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_initiale"), data.get("date_revision")
        if start and end and end < start:
            self.add_error(
                "date_revision", "La date de révision doit suivre la date du montant initial."
            )
        return data


@login_required
def simulateur(request: HttpRequest) -> HttpResponse:
    form = SimulateurForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        kind, nature = series_for(data["nature_logement"])
        indices = list(
            IndiceEvolutionLoyer.objects.filter(kind=kind, nature_logement=nature).prefetch_related(
                "departements"
            )
        )
        code = data["departement"].code if data["departement"] else None
        used = select_indices(
            indices, data["date_initiale"], data["date_revision"], departement=code
        )
        montant = revise(
            data["montant"], data["date_initiale"], data["date_revision"], indices, departement=code
        )
        running = data["montant"]
        lines = []
        for indice in used:
            running = running * (1 + Decimal(indice.evolution_pct) / 100)
            lines.append({"indice": indice, "cumul": running})
        result = {
            "montant": montant,
            "lines": lines,
            "serie": "redevances" if kind == "redevance" else "loyers",
            "aucun_indice": not indices,
        }
    return render(
        request,
        "saisie/simulateur.html",
        {"form": form, "result": result, "summary": _summary(form) if request.GET else []},
        status=422 if request.GET and not form.is_valid() else 200,
    )


def _summary(form: SaisieForm) -> list[dict[str, str]]:
    return [
        {"anchor": form[name].auto_id, "label": str(form[name].label), "message": error}
        for name, errors in form.errors.items()
        if name in form.fields
        for error in errors
    ]
