"""Keep the R35 key of the lots in step with their programme's numéro d'opération."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from apilos.programmes.models import Programme


@receiver(post_save, sender=Programme, dispatch_uid="conventions_programme_r35_key")
def programme_saved(sender, instance: Programme, created: bool, **kwargs) -> None:
    if created:
        return
    for convention in instance.conventions.all():
        convention.lots.update(cle_operation_vivante=convention.cle_operation_vivante())
