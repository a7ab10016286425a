from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_geography(sender, using="default", **kwargs) -> None:
    """Reload régions and départements when a flush emptied them (e.g. between tests)."""
    from .loaders import load_geography
    from .models import Departement, Region

    if not Departement.objects.using(using).exists():
        load_geography(Region, Departement)


class ReferentielConfig(AppConfig):
    name = "apilos.referentiel"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Référentiel"

    def ready(self) -> None:
        post_migrate.connect(ensure_geography, sender=self)
