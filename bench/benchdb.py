"""Shared start-up of the bench scripts: Django on a throwaway SQLite database.

Importing this module sets the environment (temporary SQLite file and media folder, DEBUG)
and calls django.setup(); `migrate()` creates the tables; `cleanup()` removes the folder.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory(prefix="apilos-bench-")
os.environ["SQLITE_PATH"] = str(Path(TMP.name) / "bench.sqlite3")
os.environ["MEDIA_ROOT"] = str(Path(TMP.name) / "media")
os.environ["DATABASE_URL"] = ""  # an empty value wins over a .env file: SQLite
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apilos.settings")

import django  # noqa: E402

django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def cleanup() -> None:
    from django.db import connection

    connection.close()
    TMP.cleanup()
