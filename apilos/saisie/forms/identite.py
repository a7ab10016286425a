"""Forms of the Bailleur and Opération steps (domain.md §6)."""

from __future__ import annotations

from django import forms

from apilos.accounts.enums import Nature
from apilos.accounts.models import Administration, Bailleur
from apilos.conventions.enums import Type2Categorie
from apilos.conventions.models import Convention
from apilos.programmes.enums import Famille, TypeHabitat
from apilos.programmes.models import Programme

from .base import SaisieModelForm

GESTIONNAIRE_FIELDS = (
    "gestionnaire",
    "gestionnaire_signataire_nom",
    "gestionnaire_signataire_fonction",
    "gestionnaire_signataire_date_deliberation",
    "gestionnaire_signataire_bloc",
    "gestionnaire_info",
)
TYPE_FIELDS = ("type_convention", "type2_categories")


def is_type_1_2(convention: Convention) -> bool:
    """A bailleur neither HLM nor SEM signs Type I/II conventions (§1.1)."""
    return convention.programme.bailleur.nature not in {Nature.HLM, Nature.SEM}


class SignataireForm(SaisieModelForm):
    """Signataire, identification, Type I/II (R40, R41) and gestionnaire of the convention."""

    type2_categories = forms.TypedMultipleChoiceField(
        label="Catégories de Type II",
        choices=Type2Categorie.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Au moins une catégorie pour une convention de Type II (R40).",
    )

    class Meta:
        model = Convention
        fields = (
            "signataire_nom",
            "signataire_fonction",
            "signataire_date_deliberation",
            "signataire_bloc",
            "identification_bailleur",
            "identification_bailleur_detail",
            *TYPE_FIELDS,
            *GESTIONNAIRE_FIELDS,
        )
        widgets = {
            "signataire_bloc": forms.Textarea(attrs={"rows": 3}),
            "identification_bailleur_detail": forms.Textarea(attrs={"rows": 4}),
            "gestionnaire_signataire_bloc": forms.Textarea(attrs={"rows": 3}),
            "gestionnaire_info": forms.Textarea(attrs={"rows": 3}),
            "type_convention": forms.RadioSelect,
        }
        help_texts = {
            "identification_bailleur": (
                "À cocher pour remplacer l'identité du bailleur imprimée en page 1 par votre "
                "propre paragraphe."
            ),
            "signataire_bloc": "Texte libre imprimé sous la signature (facultatif).",
        }

    def adjust(self) -> None:
        convention = self.convention
        if convention is None:
            return
        if not is_type_1_2(convention):
            for name in TYPE_FIELDS:
                self.fields.pop(name, None)
        else:
            field = self.fields["type_convention"]
            field.choices = [c for c in field.choices if c[0]]
            field.required = False
        if convention.programme.famille == Famille.ORDINAIRE:
            for name in GESTIONNAIRE_FIELDS:
                self.fields.pop(name, None)


class ChangementBailleurForm(SaisieModelForm):
    """Change of bailleur or administration: instructeur only (§6)."""

    class Meta:
        model = Programme
        fields = ("bailleur", "administration")
        help_texts = {
            "bailleur": "Réservé à l'instruction : le nouveau bailleur verra la convention.",
            "administration": "L'administration qui instruit et signe la convention.",
        }

    def adjust(self) -> None:
        self.fields["bailleur"].queryset = Bailleur.objects.order_by("nom")
        administrations = Administration.objects.order_by("nom")
        departement = self.instance.departement_id
        if departement:
            administrations = administrations.filter(departements=departement)
        self.fields["administration"].queryset = administrations


class OperationForm(SaisieModelForm):
    """Nom, adresse, type d'habitat (applied to every lot, R42), type d'opération…"""

    type_habitat = forms.ChoiceField(
        label="Type d'habitat",
        choices=[("", "—"), *TypeHabitat.choices],
        required=False,
        help_text="S'applique à tous les financements de la convention.",
    )

    class Meta:
        model = Programme
        fields = (
            "nom",
            "numero_operation",
            "adresse",
            "code_postal",
            "ville",
            "code_insee_commune",
            "type_habitat",
            "type_operation",
            "anru",
            "anah",
            "nb_locaux_commerciaux",
            "nb_bureaux",
            "autres_locaux_hors_convention",
            "date_autorisation_hors_habitat_inclusif",
            "date_convention_location",
            "date_residence_agrement",
            "departement_residence_agrement",
            "ville_signature_residence_agrement",
        )
        widgets = {
            "adresse": forms.Textarea(attrs={"rows": 3}),
            "autres_locaux_hors_convention": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "nom": "Sans le financement, par exemple « Résidence Les Tilleuls ».",
            "adresse": "Une ligne par élément d'adresse.",
            "code_postal": "5 chiffres, par exemple 33000.",
            "code_insee_commune": "5 caractères, par exemple 33063 (Bordeaux) ou 2A004.",
            "numero_operation": "Le numéro SIAP, par exemple 20221000003.",
        }

    def adjust(self) -> None:
        convention = self.convention
        famille = self.instance.famille
        if famille != Famille.FOYER:
            self.fields.pop("date_autorisation_hors_habitat_inclusif", None)
        if famille == Famille.ORDINAIRE:
            self.fields.pop("date_convention_location", None)
        if famille != Famille.RESIDENCE:
            for name in (
                "date_residence_agrement",
                "departement_residence_agrement",
                "ville_signature_residence_agrement",
            ):
                self.fields.pop(name, None)
        if convention is not None:
            lot = convention.lots.order_by("pk").first()
            self.initial["type_habitat"] = lot.type_habitat if lot else ""
        self.fields["nom"].required = True


class AdresseConventionForm(SaisieModelForm):
    """The address printed on the convention (initialised from the opération)."""

    class Meta:
        model = Convention
        fields = ("adresse",)
        labels = {"adresse": "Adresse imprimée sur la convention"}
        widgets = {"adresse": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"adresse": "Laissée vide, l'adresse de l'opération est imprimée."}
