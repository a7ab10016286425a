from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "apilos.programmes"
    default_auto_field = "django.db.models.BigAutoField"
