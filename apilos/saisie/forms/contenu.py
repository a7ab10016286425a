"""Forms of the Cadastre, EDD, Financement, Logements, Annexes and Collectifs steps."""

from __future__ import annotations

import datetime

from django import forms

from apilos.conventions.enums import ANNEXES_SU, FINANCEMENTS_MIXITE
from apilos.conventions.models import Convention, Lot
from apilos.conventions.rules.duree import date_fin_for
from apilos.programmes.enums import Famille
from apilos.programmes.models import Programme

from .base import SaisieModelForm

EVIDENCE_CADASTRE = (
    "vendeur",
    "acquereur",
    "reference_notaire",
    "reference_publication_acte",
    "acte_de_propriete",
    "effet_relatif",
    "certificat_adressage",
    "reference_cadastrale",
)
EVIDENCE_EDD = ("edd_volumetrique", "edd_classique", "edd_stationnements")
EDD_TEXTS = (
    "edd_volumetrique",
    "mention_publication_edd_volumetrique",
    "edd_classique",
    "mention_publication_edd_classique",
    "edd_stationnements",
)


def _textareas(names, rows=3):
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


class CadastreForm(SaisieModelForm):
    class Meta:
        model = Programme
        fields = (
            "permis_construire",
            "date_acte_notarie",
            "date_achat",
            "date_achevement_previsible",
            "date_achevement",
            *EVIDENCE_CADASTRE,
        )
        widgets = _textareas(EVIDENCE_CADASTRE)
        help_texts = {
            "reference_cadastrale": (
                "Texte libre ; les parcelles se saisissent dans le tableau ci-dessous, ou "
                "joignez l'extrait du plan cadastral (R43)."
            ),
            "date_achevement": "La date réelle ; à défaut, la date prévisible est utilisée.",
        }


class EddForm(SaisieModelForm):
    class Meta:
        model = Programme
        fields = EDD_TEXTS
        widgets = _textareas(EDD_TEXTS, rows=4)


class FinancementForm(SaisieModelForm):
    """End year (stored 30 June or 31 December, R18), fonds propres, history."""

    annee_fin_conventionnement = forms.IntegerField(
        label="Année de fin du conventionnement",
        required=False,
        min_value=datetime.date.today().year,
        max_value=datetime.date.today().year + 99,
        help_text=(
            "Par exemple 2066. La date de fin est le 30 juin de cette année pour des logements "
            "ordinaires, le 31 décembre pour un foyer ou une résidence (R18)."
        ),
        error_messages={
            "invalid": "Saisissez une année sur 4 chiffres, par exemple 2066.",
            "min_value": "L'année de fin ne peut pas précéder l'année en cours (%(limit_value)s).",
            "max_value": "L'année de fin est au plus %(limit_value)s (99 ans, R18).",
        },
    )

    class Meta:
        model = Convention
        fields = ("annee_fin_conventionnement", "fonds_propres", "historique_financement_public")
        widgets = _textareas(("historique_financement_public",))
        help_texts = {"fonds_propres": "En euros, par exemple 150 000,00."}

    def adjust(self) -> None:
        fin = self.instance.date_fin_conventionnement
        if fin and not self.is_bound:
            self.initial["annee_fin_conventionnement"] = fin.year

    def save(self, commit=True):
        year = self.cleaned_data.get("annee_fin_conventionnement")
        self.instance.date_fin_conventionnement = (
            date_fin_for(year, self.instance.programme.famille) if year else None
        )
        return super().save(commit)


class LotForm(SaisieModelForm):
    """Base of the per-lot forms: prefixed `lot-<uuid>`, titled with the financement."""

    @property
    def legend(self) -> str:
        lot = self.instance
        return f"Financement {lot.get_financement_display()} – {lot.nb_logements} logement(s)"


class LotLogementsForm(LotForm):
    class Meta:
        model = Lot
        fields = (
            "nb_logements",
            "lgts_mixite_sociale_negocies",
            "loyer_derogatoire",
            "loyer_associations_foncieres",
            "surface_habitable_totale",
        )
        help_texts = {
            "nb_logements": "Doit être égal au nombre de lignes du tableau de ce financement (R7).",
            "lgts_mixite_sociale_negocies": "PLUS et PLUS CD uniquement.",
            "surface_habitable_totale": (
                "Au moins la somme des surfaces habitables des logements du tableau (R10)."
            ),
        }

    def adjust(self) -> None:
        if self.instance.financement not in FINANCEMENTS_MIXITE:
            self.fields.pop("lgts_mixite_sociale_negocies", None)
        famille = self.instance.convention.programme.famille
        if famille == Famille.ORDINAIRE:
            self.fields.pop("surface_habitable_totale", None)
        else:
            for name in ("loyer_derogatoire", "loyer_associations_foncieres"):
                self.fields.pop(name, None)


class LotAnnexesForm(LotForm):
    """The 11 annexes counted in the surface utile (arrêté du 9 mai 1995)."""

    class Meta:
        model = Lot
        fields = tuple(ANNEXES_SU)


class LotCollectifsForm(LotForm):
    class Meta:
        model = Lot
        fields = (
            "nb_garages_parkings",
            "surface_locaux_collectifs_residentiels",
            "dependances",
            "locaux_hors_convention",
        )
        widgets = _textareas(("dependances", "locaux_hors_convention"))
