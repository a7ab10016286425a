from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apilos.accounts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Comptes et organisations"
