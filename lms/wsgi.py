"""WSGI entry point (gunicorn lms.wsgi).

deploy/stack.sh runs gunicorn with --preload: the master imports the app once and each worker
is a fork of it, ready at once. Nothing opened while importing may be shared by the forks, so
database connections and the cache's connection pools are closed here, before any fork; each
worker opens its own on its first request.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
application = get_wsgi_application()


def _close_inherited_connections() -> None:
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()


_close_inherited_connections()
