"""Forms of the instruction pages; the services re-check everything they receive."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from apilos.accounts.models import Administration
from apilos.conventions.lifecycle.table import NONE, REQUIRED, Transition
from apilos.conventions.rules.report import STEPS
from apilos.core.forms import DsfrForm as BaseDsfrForm

from .enums import TypeEvenement
from .selectors import QUEUES, SORTS


class DsfrForm(BaseDsfrForm):
    """DSFR form whose file inputs get the upload class instead of the text one."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.FileInput):
                field.widget.attrs["class"] = "fr-upload"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _date(label: str, *, initial_today: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        initial=timezone.localdate if initial_today else None,
        help_text=help_text or "Au format jj/mm/aaaa ; au plus tard aujourd'hui.",
    )


def _pdf(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text="PDF, 100 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


EXTRA_FIELDS = {
    "validate": lambda: {
        "numero": forms.CharField(
            label="Numéro de la convention",
            max_length=50,
            required=False,
            help_text="Numéro proposé ; vous pouvez le modifier. Laissez vide pour le numéro "
            "suivant du compteur.",
        )
    },
    "mark_signed": lambda: {
        "date_signature": _date(
            "Date de signature par l'État", help_text="Entre la validation et aujourd'hui."
        ),
        "fichier": _pdf("Convention signée"),
    },
    "send_spf": lambda: {"date_envoi": _date("Date d'envoi au SPF", initial_today=True)},
    "publish": lambda: {
        "date_retour": _date("Date de retour du SPF", initial_today=True),
        "reference_spf": forms.CharField(label="Référence de publication", max_length=50),
        "fichier": _pdf("Document publié"),
    },
    "spf_refused": lambda: {"date_retour": _date("Date du refus", initial_today=True)},
}


def transition_form_class(transition: Transition) -> type[DsfrForm]:
    fields = {}
    if transition.reason != NONE:
        fields["message"] = forms.CharField(
            label=transition.reason_label,
            required=transition.reason == REQUIRED,
            max_length=1000 if transition.name == "spf_refused" else 5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    fields.update(EXTRA_FIELDS.get(transition.name, dict)())
    return type(f"{transition.name.title()}Form", (DsfrForm,), fields)


def transition_form(transition: Transition, *, data=None, files=None, initial=None) -> DsfrForm:
    return transition_form_class(transition)(
        data=data, files=files, initial=initial, prefix=transition.name
    )


class CommentForm(DsfrForm):
    message = forms.CharField(
        label="Commentaire",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Dites ce qui ne va pas et ce que le bailleur doit faire.",
    )


class StepCommentForm(CommentForm):
    prefix = "etape"
    etape = forms.ChoiceField(label="Étape visée", choices=list(STEPS.items()))


class ReplyForm(DsfrForm):
    message = forms.CharField(
        label="Réponse", max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MessageForm(DsfrForm):
    prefix = "echange"
    texte = forms.CharField(
        label="Message", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    fichiers = MultipleFileField(
        label="Pièces jointes",
        required=False,
        help_text="PDF, images, DOCX, XLSX, ODT ou ODS ; 100 Mo au plus chacune, 10 au plus.",
    )

    def __init__(self, *args, private_allowed: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if private_allowed:
            self.fields["prive"] = forms.BooleanField(
                label="Note privée",
                required=False,
                help_text="Visible seulement par les personnes de l'administration.",
            )


class EvenementForm(DsfrForm):
    prefix = "evenement"
    type = forms.ChoiceField(label="Type d'événement", choices=TypeEvenement.choices)
    survenu_le = _date("Date de l'événement", initial_today=True)
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fichiers = MultipleFileField(label="Pièces jointes", required=False)


class RerouteForm(DsfrForm):
    administration = forms.ModelChoiceField(
        label="Nouvelle administration", queryset=Administration.objects.none()
    )
    message = forms.CharField(
        label="Motif (obligatoire)", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, convention=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        programme = convention.programme
        queryset = Administration.objects.exclude(pk=programme.administration_id)
        if programme.departement_id:
            queryset = queryset.filter(departements=programme.departement_id)
        self.fields["administration"].queryset = queryset.order_by("nom")


class QueueFilterForm(DsfrForm):
    recherche = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=100,
        help_text="Opération, numéro ou commune.",
    )
    bailleur = forms.ChoiceField(label="Bailleur", required=False)
    en_retard = forms.BooleanField(label="En retard seulement", required=False)
    tri = forms.ChoiceField(
        label="Trier par", required=False, choices=[(k, v[1]) for k, v in SORTS.items()]
    )
    file = forms.ChoiceField(
        required=False, choices=[(k, v[1]) for k, v in QUEUES.items()], widget=forms.HiddenInput
    )

    def __init__(self, *args, bailleurs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bailleur"].choices = [("", "Tous les bailleurs")] + [
            (str(b.uuid), b.nom) for b in bailleurs
        ]
