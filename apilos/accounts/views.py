"""Login, role switch, profile and the organisations' own settings pages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from .abilities import administration_abilities, bailleur_abilities
from .forms import (
    AdministrationSignatureForm,
    BailleurSignataireForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    ResetForm,
)
from .middleware import SESSION_KEY
from .models import Administration, Bailleur
from .scoping import administrations_for, bailleurs_for, get_or_404
from .services import organisation_settings_update


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    membership = get_or_404(
        request.user.memberships.filter(is_active=True), pk=request.POST.get("membership")
    )
    request.session[SESSION_KEY] = membership.pk
    messages.success(request, f"Rôle actif : {membership}.")
    return redirect("core:home")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Vos préférences sont enregistrées.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


def _organisation_page(request, obj, abilities, form_class, template):
    if not abilities["view"]:
        raise PermissionDenied
    form = form_class(request.POST or None, instance=obj) if abilities["edit"] else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            organisation_settings_update(instance=obj, data=form.cleaned_data, by=request.user)
            messages.success(request, "Les informations de signature sont enregistrées.")
            return redirect(request.path)
    return render(request, template, {"object": obj, "form": form, "abilities": abilities})


@login_required
def bailleur_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    bailleur: Bailleur = get_or_404(bailleurs_for(request.membership), uuid=uuid)
    abilities = bailleur_abilities(request.membership, bailleur)
    return _organisation_page(
        request, bailleur, abilities, BailleurSignataireForm, "accounts/bailleur_detail.html"
    )


@login_required
def administration_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    administration: Administration = get_or_404(administrations_for(request.membership), uuid=uuid)
    abilities = administration_abilities(request.membership, administration)
    return _organisation_page(
        request,
        administration,
        abilities,
        AdministrationSignatureForm,
        "accounts/administration_detail.html",
    )
