"""Form bases of the guided entry: DSFR widgets, French numbers, ids from the anchors."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format

from apilos.core.forms import DsfrFormMixin

_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_fr_decimal(raw: str) -> Decimal | None:
    """'1 234,56', '1234.56', '45,5 €', '12 m²' → Decimal; '' → None; ValueError otherwise."""
    text = _SPACES.sub("", str(raw)).replace("€", "").replace("m²", "").replace("m2", "")
    if not text:
        return None
    if text.count(",") == 1 and "." in text and text.index(".") < text.index(","):
        text = text.replace(".", "")  # 1.234,56
    text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not value.is_finite():
        raise ValueError(raw)
    return value


def fr_decimal(value: Decimal | int | None, places: int = 2) -> str:
    """A number the French way for an input: '1234,5' → '1 234,50' (no unit)."""
    if value is None or value == "":
        return ""
    return number_format(Decimal(value), places, use_l10n=True, force_grouping=True)


class FrDecimalField(forms.DecimalField):
    """A decimal typed the French way (comma, spaces, € and m² accepted), shown the same way."""

    widget = forms.TextInput

    def __init__(self, *args, example: str = "45,50", **kwargs) -> None:
        self.example = example
        super().__init__(*args, **kwargs)
        self.error_messages["invalid"] = f"Saisissez un nombre, par exemple {example}."
        self.error_messages["max_digits"] = (
            "Ce nombre est trop grand : %(max)s chiffres au plus, virgule comprise."
        )
        self.error_messages["max_decimal_places"] = (
            "Saisissez au plus %(max)s chiffres après la virgule."
        )
        self.error_messages["max_whole_digits"] = (
            "Ce nombre est trop grand : %(max)s chiffres au plus avant la virgule."
        )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs["inputmode"] = "decimal"
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_fr_decimal(value)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return fr_decimal(value, self.decimal_places if self.decimal_places is not None else 2)
        return value


class FrDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def french_dates(form: forms.BaseForm) -> None:
    """Date inputs as native date pickers, with a French message for a bad date."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = FrDateInput(attrs=field.widget.attrs)
            field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
            field.error_messages["invalid"] = "Saisissez une date valide, par exemple 27/11/2026."


def as_fr_decimal(field: forms.DecimalField) -> FrDecimalField:
    """The same decimal field, typed and shown the French way."""
    fr = FrDecimalField(
        required=field.required,
        label=field.label,
        help_text=field.help_text,
        initial=field.initial,
        max_digits=field.max_digits,
        decimal_places=field.decimal_places,
        disabled=field.disabled,
    )
    fr.widget.attrs.update({k: v for k, v in field.widget.attrs.items() if k not in {"step"}})
    fr.widget.attrs["inputmode"] = "decimal"
    fr.error_messages.update({k: v for k, v in field.error_messages.items() if k in {"required"}})
    return fr


class SaisieFormMixin(DsfrFormMixin):
    """Ids follow the finding addresses (see anchors.py); every input is described by its
    (possibly empty) messages container, so autosave can fill it without re-rendering."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        french_dates(self)  # type: ignore[arg-type]
        for name, field in list(self.fields.items()):  # type: ignore[attr-defined]
            if isinstance(field, forms.DecimalField) and not isinstance(field, FrDecimalField):
                self.fields[name] = as_fr_decimal(field)  # type: ignore[attr-defined]
        for name in self.fields:  # type: ignore[attr-defined]
            widget = self.fields[name].widget  # type: ignore[attr-defined]
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            widget.attrs["aria-describedby"] = f"{self[name].auto_id}-messages"  # type: ignore[index]


class SaisieForm(SaisieFormMixin, forms.Form):
    pass


class SaisieModelForm(SaisieFormMixin, forms.ModelForm):
    """A step form on one model instance; `convention` and `membership` tune its fields."""

    def __init__(self, *args, convention=None, membership=None, **kwargs) -> None:
        self.convention = convention
        self.membership = membership
        super().__init__(*args, **kwargs)
        self.adjust()

    def adjust(self) -> None:
        """Hook: drop or tune fields for this convention and role."""
