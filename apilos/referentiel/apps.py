from django.apps import AppConfig


class ReferentielConfig(AppConfig):
    name = "apilos.referentiel"
    default_auto_field = "django.db.models.BigAutoField"
