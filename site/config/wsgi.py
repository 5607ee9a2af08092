"""WSGI entry point: `gunicorn config.wsgi` with `site/` on the path (or the installed wheel)."""

import os
import sys
from pathlib import Path

_source_root = Path(__file__).resolve().parents[1]
if (_source_root / "config").is_dir() and str(_source_root) not in sys.path:
    sys.path.insert(0, str(_source_root))

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
