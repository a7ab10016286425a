"""Test settings: the production settings with fast hashing, in-memory e-mail and
template variables that fail loudly."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("TEMPLATE_STRING_IF_INVALID", "⟦variable invalide : %s⟧")

from apilos.settings import *  # noqa: F403
from apilos.settings import BASE_DIR, DATABASES, MIDDLEWARE, STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A file, not memory: the real worker process started by a test must see the test database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("SQLITE_TEST_PATH", str(BASE_DIR / "var" / "test.sqlite3"))
    }
MIDDLEWARE = [*MIDDLEWARE, "tests.middleware.FailOnInvalidTemplateVariable"]
# Documents and attachments written by tests stay out of the development media folder.
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
