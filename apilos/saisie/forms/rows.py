"""One form per row of an editable table; prefix `<objet>-<uuid>` (see anchors.py)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from apilos.conventions.enums import Tableau, TypologieLogement
from apilos.conventions.models import (
    Annexe,
    LocauxCollectifs,
    Logement,
    Lot,
    Pret,
    TypeStationnement,
)
from apilos.conventions.rules.computations import annexe_loyer_max, loyer_attendu, surface_utile
from apilos.programmes.models import LogementEDD, ReferenceCadastrale

from .base import SaisieModelForm


class RowForm(SaisieModelForm):
    """A row of a table; `lots` are the convention's lots (rows of a lot choose theirs)."""

    with_financement = True

    def __init__(self, *args, lots: list[Lot] | None = None, **kwargs) -> None:
        self.lots = lots or []
        super().__init__(*args, **kwargs)

    def adjust(self) -> None:
        if not self.with_financement:
            return
        field = forms.ChoiceField(
            label="Financement",
            choices=[(lot.financement, lot.financement) for lot in self.lots],
            error_messages={
                "required": "Choisissez le financement de la ligne.",
                "invalid_choice": "Choisissez un des financements de la convention.",
            },
        )
        field.widget.attrs["class"] = "fr-select"
        field.widget.attrs["aria-describedby"] = f"{self.add_prefix('financement')}-messages"
        # Cells are laid out by the table's columns, not by the order of the fields.
        self.fields["financement"] = field
        if self.instance.pk and getattr(self.instance, "lot_id", None):
            self.initial.setdefault("financement", self.instance.lot.financement)
        elif len(self.lots) == 1:
            self.initial.setdefault("financement", self.lots[0].financement)

    def lot(self) -> Lot | None:
        chosen = self.cleaned_data.get("financement")
        return next((lot for lot in self.lots if lot.financement == chosen), None)

    def clean(self):
        data = super().clean()
        if self.with_financement and hasattr(self.instance, "lot_id"):
            lot = self.lot()
            if lot is not None:
                self.instance.lot = lot
        return data

    @property
    def uuid_str(self) -> str:
        return str(self.instance.uuid)

    @property
    def param_names(self) -> str:
        """What the row posts when it saves itself: its own inputs and the CSRF token."""
        return ",".join([*(self.add_prefix(name) for name in self.fields), "csrfmiddlewaretoken"])

    def computed(self) -> dict[str, Decimal | None]:
        """Live columns (SU, expected rent…) from what is typed; empty when not computable."""
        return {}

    def value(self, name: str):
        """The typed value of a field once cleaned, else the instance's."""
        if self.is_bound:
            cleaned = getattr(self, "cleaned_data", {})
            return cleaned.get(name)
        return getattr(self.instance, name, None)


class LogementRowForm(RowForm):
    """A row of the `su_avec_loyer` table (the only one of new conventions, R8)."""

    tableau = Tableau.SU_AVEC_LOYER

    class Meta:
        model = Logement
        fields = (
            "designation",
            "typologie",
            "surface_habitable",
            "surface_annexes",
            "surface_annexes_retenue",
            "loyer_par_m2",
            "coefficient",
            "loyer",
        )

    def adjust(self) -> None:
        super().adjust()
        order = ["designation", "typologie", "financement"]
        self.fields = {name: self.fields[name] for name in order} | {
            k: v for k, v in self.fields.items() if k not in order
        }
        self.fields["surface_habitable"].required = True
        typologie = self.fields["typologie"]
        assert isinstance(typologie, forms.ChoiceField)
        typologie.choices = [("", "—"), *self.typologies()]

    def typologies(self) -> list[tuple[str, str]]:
        """§4.5: T6 reads « T6 et plus » in the ordinary form; T7 is for foyers only."""
        return [
            (value, "T6 et plus" if value == "T6" else label)
            for value, label in TypologieLogement.choices
            if value != "T7"
        ]

    def clean(self):
        data = super().clean()
        self.instance.tableau = self.tableau
        return data

    def computed(self) -> dict[str, Decimal | None]:
        sh, sar = self.value("surface_habitable"), self.value("surface_annexes_retenue")
        su = surface_utile(sh, sar) if sh is not None else None
        lpm2, coef = self.value("loyer_par_m2"), self.value("coefficient")
        attendu = (
            loyer_attendu(su, lpm2, coef)
            if su is not None and lpm2 is not None and coef is not None
            else None
        )
        return {"surface_utile": su, "loyer_attendu": attendu}


class LogementFoyerRowForm(LogementRowForm):
    """A unit of a foyer or résidence: numéro, type, financement, SH, redevance."""

    tableau = Tableau.FOYER_RESIDENCE

    class Meta:
        model = Logement
        fields = ("designation", "typologie", "surface_habitable", "loyer")
        labels = {"designation": "Numéro du logement", "loyer": "Redevance maximale (€)"}

    def adjust(self) -> None:
        super().adjust()
        self.fields["typologie"].required = True
        self.fields["loyer"].required = True

    def typologies(self) -> list[tuple[str, str]]:
        return list(TypologieLogement.choices)

    def computed(self) -> dict[str, Decimal | None]:
        return {}


class AnnexeRowForm(RowForm):
    """An annexe outside the SU; it points to its logement by designation (R13)."""

    logement_designation = forms.CharField(
        label="Désignation du logement",
        max_length=255,
        error_messages={"required": "Saisissez la désignation du logement de cette annexe."},
    )

    class Meta:
        model = Annexe
        fields = ("typologie", "logement_designation", "surface", "loyer_unitaire", "loyer")

    def adjust(self) -> None:
        super().adjust()
        financement = self.fields["financement"]
        assert isinstance(financement, forms.ChoiceField)
        financement.required = len(self.lots) > 1
        financement.choices = [("", "—")] + [
            (lot.financement, lot.financement) for lot in self.lots
        ]
        if self.instance.pk and not self.is_bound:
            self.initial["logement_designation"] = self.instance.logement.designation
            self.initial["financement"] = self.instance.logement.lot.financement
        order = ["typologie", "logement_designation", "financement"]
        self.fields = {name: self.fields[name] for name in order} | {
            k: v for k, v in self.fields.items() if k not in order
        }

    def clean(self):
        data = super().clean() or {}
        designation = (data.get("logement_designation") or "").strip()
        if not designation:
            return data
        logements = Logement.objects.filter(
            lot__in=self.lots, designation__iexact=designation
        ).select_related("lot")
        financement = data.get("financement")
        if financement:
            logements = logements.filter(lot__financement=financement)
        found = list(logements[:2])
        if not found:
            where = f" en {financement}" if financement else ""
            self.add_error(
                "logement_designation",
                f"Aucun logement « {designation} »{where} dans cette convention : saisissez "
                "la désignation d'une ligne de l'étape Logements.",
            )
        elif len(found) > 1:
            self.add_error(
                "financement",
                f"Plusieurs logements s'appellent « {designation} » : choisissez le financement.",
            )
        else:
            self.instance.logement = found[0]
        return data

    def computed(self) -> dict[str, Decimal | None]:
        surface, unitaire = self.value("surface"), self.value("loyer_unitaire")
        maximum = annexe_loyer_max(surface, unitaire) if None not in (surface, unitaire) else None
        return {"loyer_max": maximum}


class StationnementRowForm(RowForm):
    class Meta:
        model = TypeStationnement
        fields = ("typologie", "nombre", "loyer")
        labels = {"loyer": "Loyer maximum (€ par mois et par unité)"}

    def adjust(self) -> None:
        super().adjust()
        order = ["typologie", "financement", "nombre", "loyer"]
        self.fields = {name: self.fields[name] for name in order}


class PretRowForm(RowForm):
    class Meta:
        model = Pret
        fields = ("preteur", "preteur_autre", "numero", "date_octroi", "duree", "montant")
        help_texts = {"preteur_autre": "Si « Autre/Subventions »."}


class LocauxCollectifsRowForm(RowForm):
    class Meta:
        model = LocauxCollectifs
        fields = ("type_local", "surface_habitable", "nombre")


class ProgrammeRowForm(RowForm):
    """Rows hanging from the opération (cadastre, EDD): no lot."""

    with_financement = False


class ReferenceCadastraleRowForm(ProgrammeRowForm):
    class Meta:
        model = ReferenceCadastrale
        fields = ("section", "numero", "lieudit", "surface_m2", "autre")
        labels = {"surface_m2": "Surface (m²)"}

    def clean_section(self) -> str:
        return (self.cleaned_data.get("section") or "").strip().upper()


class LogementEDDRowForm(ProgrammeRowForm):
    class Meta:
        model = LogementEDD
        fields = ("designation", "financement", "numero_lot")
