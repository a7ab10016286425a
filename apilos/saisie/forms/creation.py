"""Forms that start a convention (domain.md R35–R39)."""

from __future__ import annotations

from django import forms

from apilos.accounts.enums import BAILLEUR_ROLES, Role
from apilos.accounts.models import Administration, Bailleur, Membership
from apilos.accounts.scoping import bailleurs_for
from apilos.conventions.enums import FINANCEMENTS_LOT, Financement
from apilos.conventions.models import Convention
from apilos.conventions.selectors import conventions_for
from apilos.programmes.enums import TypeHabitat

from ..services.creation import NATURES_CREATION
from .base import SaisieForm

FINANCEMENT_CHOICES = [("", "— Choisir —")] + [
    (f.value, f.label) for f in Financement if f in FINANCEMENTS_LOT or f == Financement.PLAI_ADP
]
REGROUPEMENT_CHOICES = [
    (
        "separees",
        "Une convention par financement (le plus courant) : chaque convention est instruite, "
        "signée et modifiée par avenant séparément.",
    ),
    (
        "mixte",
        "Une seule convention mixte pour tous les financements : un seul document, une seule "
        "instruction et une seule signature ; les financements ne pourront plus être séparés "
        "une fois un avenant signé (R34).",
    ),
]


def bailleur_choices(membership: Membership | None):
    if membership is not None and membership.role in BAILLEUR_ROLES:
        return bailleurs_for(membership).order_by("nom")
    return Bailleur.objects.order_by("nom")


def administration_choices(membership: Membership | None):
    if membership is not None and membership.administration_id:
        return Administration.objects.filter(pk=membership.administration_id)
    return Administration.objects.order_by("nom")


class _OperationFields(SaisieForm):
    """Who and where: the fields shared by a new opération and a signed convention."""

    bailleur = forms.ModelChoiceField(label="Bailleur", queryset=Bailleur.objects.none())
    administration = forms.ModelChoiceField(
        label="Administration instructrice",
        queryset=Administration.objects.none(),
        help_text="La DDT(M) ou le délégataire des aides à la pierre de la commune.",
    )
    nom = forms.CharField(
        label="Nom de l'opération",
        max_length=255,
        help_text="Sans le financement, par exemple « Résidence Les Tilleuls ».",
    )
    numero_operation = forms.CharField(
        label="Numéro d'opération",
        max_length=255,
        help_text="Le numéro SIAP, par exemple 20221000003.",
    )
    nature_logement = forms.ChoiceField(label="Nature des logements", choices=NATURES_CREATION)
    code_postal = forms.RegexField(
        label="Code postal",
        regex=r"^\d{5}$",
        error_messages={
            "invalid": "Le code postal compte exactement 5 chiffres, par exemple 33000."
        },
    )
    ville = forms.CharField(label="Commune", max_length=255)
    code_insee_commune = forms.RegexField(
        label="Code INSEE de la commune",
        regex=r"^(\d{5}|2[ABab]\d{3})$",
        help_text="5 caractères, par exemple 33063 (Bordeaux) ou 2A004 (Ajaccio).",
        error_messages={
            "invalid": "Le code INSEE compte 5 caractères, par exemple 33063 ou 2A004."
        },
    )

    def __init__(self, *args, membership: Membership | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bailleur"].queryset = bailleur_choices(membership)
        self.fields["administration"].queryset = administration_choices(membership)
        for name in ("bailleur", "administration"):
            queryset = self.fields[name].queryset
            if queryset.count() == 1:
                self.fields[name].initial = queryset.first()


class OperationCreationForm(_OperationFields):
    type_habitat = forms.ChoiceField(label="Type d'habitat", choices=TypeHabitat.choices)
    adresse = forms.CharField(
        label="Adresse", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )
    regroupement = forms.ChoiceField(
        label="Plusieurs financements : une ou plusieurs conventions ?",
        choices=REGROUPEMENT_CHOICES,
        initial="separees",
        widget=forms.RadioSelect,
        help_text="Sans effet avec un seul financement.",
    )


class FinancementLineForm(SaisieForm):
    financement = forms.ChoiceField(
        label="Financement", choices=FINANCEMENT_CHOICES, required=False
    )
    nb_logements = forms.IntegerField(
        label="Nombre de logements",
        min_value=1,
        max_value=100_000,
        required=False,
        error_messages={"min_value": "Au moins 1 logement."},
    )

    def clean(self):
        data = super().clean()
        if data.get("financement") and not data.get("nb_logements"):
            self.add_error("nb_logements", "Indiquez le nombre de logements de ce financement.")
        if data.get("nb_logements") and not data.get("financement"):
            self.add_error("financement", "Choisissez le financement de ces logements.")
        return data


FinancementFormSet = forms.formset_factory(FinancementLineForm, extra=4, max_num=12)


class CopyForm(SaisieForm):
    source = forms.ModelChoiceField(
        label="Convention à reprendre",
        queryset=Convention.objects.none(),
        help_text="Ses tableaux (logements, annexes, stationnements, prêts…) sont recopiés.",
    )
    nom = forms.CharField(label="Nom de la nouvelle opération", max_length=255)
    numero_operation = forms.CharField(label="Numéro de la nouvelle opération", max_length=255)

    def __init__(self, *args, membership: Membership | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = conventions_for(membership).filter(parent__isnull=True)
        if membership is not None and membership.role == Role.BAILLEUR:
            queryset = queryset.filter(programme__bailleur_id=membership.bailleur_id)
        self.fields["source"].queryset = queryset.order_by("programme__nom")
        self.fields["source"].label_from_instance = lambda c: (
            f"{c.programme.nom} – {c.numero or c.get_statut_display()} "
            f"({', '.join(lot.financement for lot in c.lots.all())})"
        )


class SignedForm(_OperationFields):
    numero = forms.CharField(label="Numéro de la convention", max_length=50)
    financement = forms.ChoiceField(label="Financement", choices=FINANCEMENT_CHOICES)
    nb_logements = forms.IntegerField(label="Nombre de logements", min_value=1)
    date_signature = forms.DateField(
        label="Date de signature",
        required=False,
        help_text="Si vous ne connaissez que l'année, laissez vide et indiquez l'année ci-dessous.",
    )
    annee_signature = forms.IntegerField(
        label="Année de signature (si la date exacte est inconnue)",
        required=False,
        min_value=1977,
    )
    fichier = forms.FileField(
        label="Convention signée (PDF)", help_text="Le scan de l'exemplaire signé, 100 Mo au plus."
    )
