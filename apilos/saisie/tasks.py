"""Background work of the guided entry (run by `manage.py db_worker`): large imports."""

from __future__ import annotations

from django_tasks import task

from apilos.accounts.models import Membership, User

from .models import ImportJob, ImportStatut


@task()
def import_read_task(*, job_id: int) -> None:
    """Read a large spreadsheet and prepare its preview."""
    from .services.imports import import_read

    job = ImportJob.objects.select_related("convention").get(pk=job_id)
    if job.statut == ImportStatut.ANNULE:
        return
    try:
        import_read(job)
    except Exception as error:  # the job page must say it failed, whatever happened
        job.statut = ImportStatut.ECHEC
        job.etape = "Échec de la lecture"
        job.message = (
            f"Le fichier n'a pas pu être lu ({type(error).__name__}). "
            "Réessayez ou écrivez au support."
        )
        job.save(update_fields=["statut", "etape", "message", "mis_a_jour_le"])
        raise


@task()
def import_confirm_task(*, job_id: int, membership_id: int | None, user_id: int | None) -> None:
    """Save a large confirmed import, all rows or none."""
    from .services.imports import run_confirm

    job = ImportJob.objects.select_related("convention").get(pk=job_id)
    membership = (
        Membership.objects.select_related("user").filter(pk=membership_id).first()
        if membership_id is not None
        else None
    )
    user = User.objects.filter(pk=user_id).first() if user_id is not None else None
    try:
        run_confirm(job, membership, user)
    except Exception as error:
        job.statut = ImportStatut.ECHEC
        job.etape = "Échec de l'enregistrement : rien n'a été enregistré"
        job.message = (
            f"Erreur inattendue ({type(error).__name__}). Réessayez ou écrivez au support."
        )
        job.save(update_fields=["statut", "etape", "message", "mis_a_jour_le"])
        raise
