"""The final document is produced by the real worker process, then e-mailed."""

import email
import email.policy
import hashlib
import subprocess
import sys

import pytest
from django_tasks import task_backends

from apilos.documents.models import DocumentGenere
from apilos.documents.tasks import generate_final_document
from tests.core.test_worker import DB_BACKEND, ROOT, worker_env
from tests.documents.conftest import valider


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_document_final_par_le_worker(dossier, people, settings, tmp_path):
    """`generate_final_document` queued at validation runs in `db_worker`: the PDF is stored
    with its SHA-256 and the bailleur receives it."""
    settings.TASKS = DB_BACKEND
    valider(dossier)
    result = generate_final_document.using(backend="default").enqueue(
        convention_uuid=str(dossier.uuid)
    )
    assert task_backends["default"].__class__.__name__ == "DatabaseBackend"
    mails = tmp_path / "mails"
    mails.mkdir()
    env = {**worker_env(mails), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}

    completed = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, completed.stderr

    result.refresh()
    assert result.status == "SUCCESSFUL", result.errors
    document = DocumentGenere.objects.get(convention=dossier, definitif=True)
    assert result.return_value == f"{document.nom} ({document.sha256[:12]})"
    contenu = document.fichier.read()
    assert hashlib.sha256(contenu).hexdigest() == document.sha256
    assert document.donnees_validees_sha256 == dossier.donnees_validees_sha256

    (message_file,) = mails.iterdir()
    raw = message_file.read_text().split("\n" + "-" * 79)[0]
    message = email.message_from_string(raw, policy=email.policy.default)
    assert message["To"] == people["bailleur"].user.email
    (piece,) = list(message.iter_attachments())
    assert hashlib.sha256(piece.get_content()).hexdigest() == document.sha256
