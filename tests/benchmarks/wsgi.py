"""WSGI entry for the benchmark server (bench settings)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
application = get_wsgi_application()
