"""URL configuration: the one place that wires content, lms and credentials together."""

from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from lms.common.views import styleguide
from lms.mentorship.views import common as mentorship_views
from lms.ops.health import healthz

# A database outage met outside a view (in the session or sign-in middleware) answers the 503
# page, not a 500 (lms/ops/outage.py).
handler500 = "lms.ops.outage.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Public verification and certificate downloads are the busiest addresses: tried first (no
    # pattern below matches /verify/, /certificates/, /openbadges/ or /.well-known/).
    path("", include("credentials.certificates.urls")),
    path("accounts/", include("lms.accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", content_views.search, name="search"),
    path("styleguide/", styleguide, name="styleguide"),
    path("training/", include("lms.training.urls")),
    path("program/", include("lms.mentorship.urls")),
    # The mentorship pages lived under the British spelling; old links and bookmarks still work.
    re_path(r"^programme/", mentorship_views.old_spelling_redirect, name="old_spelling_redirect"),
    path("credentials/", include("credentials.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
