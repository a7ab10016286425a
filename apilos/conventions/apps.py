from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "apilos.conventions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401
