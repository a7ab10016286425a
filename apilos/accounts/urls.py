from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/oublie/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/envoye/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/modifie/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("role/", views.switch_role, name="switch_role"),
    path("profil/", views.profile, name="profile"),
    path("bailleurs/<uuid:uuid>/", views.bailleur_detail, name="bailleur"),
    path("administrations/<uuid:uuid>/", views.administration_detail, name="administration"),
]
