"""URL configuration: the one place that wires content, lms and credentials together."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from lms.forms import EmailAuthenticationForm
from lms.views import accounts, training

account_patterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("register/", accounts.register, name="register"),
    path("register/done/", accounts.register_done, name="register_done"),
    path("register/confirm/<uidb64>/<token>/", accounts.register_confirm, name="register_confirm"),
    path("invitations/new/", accounts.invitation_new, name="invitation_new"),
    path("invitation/<str:token>/", accounts.invitation_accept, name="invitation_accept"),
    path("home/", accounts.home_redirect, name="home-redirect"),
    path("", include("django.contrib.auth.urls")),
]

urlpatterns = [
    path("accounts/", include(account_patterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", content_views.search, name="search"),
    path("training/dashboard/", training.dashboard, name="training_dashboard"),
    path("programme/", include("lms.mentorship.urls")),
    path("", include("credentials.urls")),
    path("", include("credentials.certificates.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
