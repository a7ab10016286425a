from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "apilos.files"
    verbose_name = "pièces jointes"
    default_auto_field = "django.db.models.BigAutoField"
