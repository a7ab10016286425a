"""Form base that gives every widget its DSFR class and links errors to fields."""

from django import forms

UNSTYLED_WIDGETS = (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)


class DsfrFormMixin:
    """Adds DSFR classes; after validation, points inputs at their error messages."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[misc]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, UNSTYLED_WIDGETS):
                continue
            css = "fr-select" if isinstance(widget, forms.Select) else "fr-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-messages"  # type: ignore[index]
                widget.attrs["aria-invalid"] = "true"


class DsfrForm(DsfrFormMixin, forms.Form):
    pass


class DsfrModelForm(DsfrFormMixin, forms.ModelForm):
    pass
