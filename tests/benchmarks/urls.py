"""The site's URLs plus a bare view: the ceiling any Django page can reach on this machine."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import handler500  # noqa: F401 - a database outage answers 503 here too
from lms.urls import urlpatterns as site_patterns


def bare(request):
    """A few bytes, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site_patterns]
