"""Forms of the Attribution, Variantes, Commentaires and avenant steps."""

from __future__ import annotations

from django import forms

from apilos.conventions.enums import AvenantType
from apilos.conventions.models import Convention

from .base import SaisieModelForm

INCLUSIF_TEXTS = (
    "attribution_inclusif_conditions_specifiques",
    "attribution_inclusif_conditions_admission",
    "attribution_inclusif_modalites_attribution",
    "attribution_inclusif_partenariats",
    "attribution_inclusif_activites",
)
COMMON_TEXTS = (
    "attribution_modalites_reservations",
    "attribution_modalites_choix_personnes",
    "attribution_prestations_integrees",
    "attribution_prestations_facultatives",
)


def _textareas(names, rows=3):
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


class AttributionFoyerForm(SaisieModelForm):
    """R11: the type, its flags or texts, the préfecture reservation and the modalités."""

    # Groups shown as fieldsets, in this order: (legend, fields).
    groups = (
        ("Public accueilli", ("attribution_type",)),
        (
            "Personnes âgées",
            (
                "attribution_agees_autonomie",
                "attribution_agees_ehpad",
                "attribution_agees_desorientees",
                "attribution_agees_petite_unite",
                "attribution_agees_autre",
                "attribution_agees_autre_detail",
            ),
        ),
        (
            "Personnes handicapées",
            (
                "attribution_handicapes_foyer",
                "attribution_handicapes_foyer_de_vie",
                "attribution_handicapes_foyer_medicalise",
                "attribution_handicapes_autre",
                "attribution_handicapes_autre_detail",
            ),
        ),
        ("Habitat inclusif", INCLUSIF_TEXTS),
        ("Réservation et modalités", ("attribution_reservation_prefectorale_pct", *COMMON_TEXTS)),
    )

    class Meta:
        model = Convention
        fields = (
            "attribution_type",
            "attribution_agees_autonomie",
            "attribution_agees_ehpad",
            "attribution_agees_desorientees",
            "attribution_agees_petite_unite",
            "attribution_agees_autre",
            "attribution_agees_autre_detail",
            "attribution_handicapes_foyer",
            "attribution_handicapes_foyer_de_vie",
            "attribution_handicapes_foyer_medicalise",
            "attribution_handicapes_autre",
            "attribution_handicapes_autre_detail",
            *INCLUSIF_TEXTS,
            "attribution_reservation_prefectorale_pct",
            *COMMON_TEXTS,
        )
        widgets = {
            **_textareas((*INCLUSIF_TEXTS, *COMMON_TEXTS)),
            "attribution_type": forms.RadioSelect,
        }
        help_texts = {
            "attribution_reservation_prefectorale_pct": "Un entier de 0 à 100.",
            "attribution_agees_autre_detail": "Obligatoire si « autre » est coché.",
            "attribution_handicapes_autre_detail": "Obligatoire si « autre » est coché.",
        }

    def adjust(self) -> None:
        field = self.fields["attribution_type"]
        field.choices = [c for c in field.choices if c[0]]
        field.required = False


class AttributionResidenceForm(SaisieModelForm):
    groups = (
        (
            "Type de résidence",
            (
                "attribution_residence_sociale_ordinaire",
                "attribution_pension_de_famille",
                "attribution_residence_accueil",
            ),
        ),
        ("Réservation et modalités", ("attribution_reservation_prefectorale_pct", *COMMON_TEXTS)),
    )

    class Meta:
        model = Convention
        fields = (
            "attribution_residence_sociale_ordinaire",
            "attribution_pension_de_famille",
            "attribution_residence_accueil",
            "attribution_reservation_prefectorale_pct",
            *COMMON_TEXTS,
        )
        widgets = _textareas(COMMON_TEXTS)
        help_texts = {"attribution_reservation_prefectorale_pct": "Un entier de 0 à 100."}


class VariantesForm(SaisieModelForm):
    """R12: at least one variante; variante 2 needs its travaux."""

    class Meta:
        model = Convention
        fields = (
            "foyer_variante_1",
            "foyer_variante_2",
            "foyer_variante_2_travaux",
            "foyer_variante_2_nb_annees",
            "foyer_variante_2_nb_tranches",
            "foyer_variante_3",
        )
        widgets = _textareas(("foyer_variante_2_travaux",))
        labels = {
            "foyer_variante_1": "Variante 1 : logements-foyers existants, sans travaux",
            "foyer_variante_2": "Variante 2 : logements-foyers existants, avec travaux",
            "foyer_variante_3": "Variante 3 : logements-foyers neufs ou acquis-améliorés",
        }
        help_texts = {"foyer_variante_2_travaux": "Obligatoire avec la variante 2 (R12)."}


class CommentairesForm(SaisieModelForm):
    class Meta:
        model = Convention
        fields = ("commentaires",)
        widgets = _textareas(("commentaires",), rows=6)
        labels = {"commentaires": "Note pour l'instructeur"}
        help_texts = {"commentaires": "Tout ce que l'instructeur doit savoir ; joignez vos pièces."}


class AvenantTypesForm(SaisieModelForm):
    avenant_types = forms.MultipleChoiceField(
        label="Ce que l'avenant modifie",
        choices=AvenantType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Seuls les champs des types cochés sont modifiables. Une dénonciation ou une "
            "résiliation ne se combine avec aucun autre type."
        ),
    )

    class Meta:
        model = Convention
        fields = ("avenant_types", "description_avenant")
        widgets = _textareas(("description_avenant",))


class ChampLibreForm(SaisieModelForm):
    class Meta:
        model = Convention
        fields = ("champ_libre_avenant",)
        widgets = _textareas(("champ_libre_avenant",), rows=8)


class DenonciationForm(SaisieModelForm):
    class Meta:
        model = Convention
        fields = ("date_denonciation", "date_notification_denonciation", "motif_denonciation")
        widgets = _textareas(("motif_denonciation",))


class ResiliationForm(SaisieModelForm):
    class Meta:
        model = Convention
        fields = ("date_resiliation", "motif_resiliation")
        widgets = _textareas(("motif_resiliation",))
