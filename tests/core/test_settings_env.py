"""Settings come from the environment and fail loudly on bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD = {
    "DEBUG": "false",
    "SECRET_KEY": "q8-Zr3vN_x1Lm0pT5wYc2Hs9GdKe7UfBjA4oRiQn6VtXlM_yWbSuPaCz",
    "ALLOWED_HOSTS": "apilos.example.gouv.fr",
    "DJANGO_SETTINGS_MODULE": "apilos.settings",
}


def manage(*args, **env):
    skip = {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in skip}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "peut-être", "DEBUG"),
        ("AXES_FAILURE_LIMIT", "beaucoup", "AXES_FAILURE_LIMIT"),
        ("SECRET_KEY", "court", "SECRET_KEY"),
        ("ALLOWED_HOSTS", "", "ALLOWED_HOSTS"),
        ("DATABASE_URL", "nimportequoi://", "DATABASE_URL"),
    ],
)
def test_bad_value_stops_startup_naming_the_variable(variable, value, message):
    """A wrong environment value stops start-up with a message naming the variable."""
    result = manage("check", **{**PROD, variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_deploy_check():
    """`manage.py check --deploy` is clean with production settings."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PROD)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
