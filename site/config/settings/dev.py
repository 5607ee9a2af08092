"""`make run`: debug on, SQLite under var/, emails printed to the console."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
from .env import env_str  # noqa: E402

# A development-only key, used only while DEBUG is on; production requires SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
