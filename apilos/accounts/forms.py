from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.template import loader

from apilos.core.forms import DsfrFormMixin, DsfrModelForm
from apilos.core.tasks import send_email

from .models import Administration, Bailleur, User


class LoginForm(DsfrFormMixin, AuthenticationForm):
    error_messages = {
        # Same message whether or not the account exists (no account enumeration).
        "invalid_login": (
            "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie ; "
            "après plusieurs échecs, la connexion est bloquée quelques minutes."
        ),
        "inactive": (
            "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie ; "
            "après plusieurs échecs, la connexion est bloquée quelques minutes."
        ),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Adresse e-mail"
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "type": "email"})
        self.fields["password"].label = "Mot de passe"


class ResetForm(DsfrFormMixin, PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        # Sent by the worker: the page answers at once whether or not the account exists.
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email])


class NewPasswordForm(DsfrFormMixin, SetPasswordForm):
    pass


class ProfileForm(DsfrModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preference_notification"]


class BailleurSignataireForm(DsfrModelForm):
    class Meta:
        model = Bailleur
        fields = [
            "signataire_nom",
            "signataire_fonction",
            "signataire_date_deliberation",
            "signataire_bloc",
        ]
        widgets = {
            "signataire_date_deliberation": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "signataire_bloc": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"signataire_date_deliberation": "Format attendu : jj/mm/aaaa."}


class AdministrationSignatureForm(DsfrModelForm):
    class Meta:
        model = Administration
        fields = [
            "ville_signature",
            "nb_exemplaires",
            "bloc_signature",
            "signataire_nom",
            "signataire_fonction",
        ]
        widgets = {"bloc_signature": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"nb_exemplaires": "Entre 1 et 10 originaux papier (3 par défaut)."}
