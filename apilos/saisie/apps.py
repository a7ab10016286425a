from django.apps import AppConfig


class SaisieConfig(AppConfig):
    name = "apilos.saisie"
    verbose_name = "Saisie des conventions"
    default_auto_field = "django.db.models.BigAutoField"
