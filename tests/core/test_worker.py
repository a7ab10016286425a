"""The background worker is a real process reading the database queue."""

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import task_backends

from apilos.core.tasks import send_email

ROOT = Path(__file__).resolve().parents[2]
DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def worker_env(tmp_path: Path) -> dict[str, str]:
    """Environment pointing a separate `db_worker` process at the test database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "apilos.settings", "DEBUG": "true"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    env["EMAIL_FILE_PATH"] = str(tmp_path)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = db["NAME"]
        env.pop("DATABASE_URL", None)
    else:
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"
    return env


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_email_task_runs_in_the_real_worker(settings, tmp_path):
    """A task enqueued by the web process is executed by `manage.py db_worker`."""
    settings.TASKS = DB_BACKEND
    result = send_email.using(backend="default").enqueue(
        subject="Convention à instruire", body="Bonjour,", to=["instructeur@exemple.fr"]
    )
    assert task_backends["default"].__class__.__name__ == "DatabaseBackend"
    assert result.status == "READY"

    completed = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=worker_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr

    result.refresh()
    assert result.status == "SUCCESSFUL", result.errors
    assert result.return_value == 1
    (message_file,) = tmp_path.iterdir()
    raw = message_file.read_text().split("\n" + "-" * 79)[0]
    message = email.message_from_string(raw, policy=email.policy.default)
    assert message["Subject"] == "Convention à instruire"
    assert message["To"] == "instructeur@exemple.fr"
