"""Open Badges URLs, included by the certificate URLs at the site root (namespace
certificates:openbadges). The key set is at the well-known address Open Badges recommends."""

from django.urls import path, re_path

from credentials.certificates.openbadges import views

app_name = "openbadges"

urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("openbadges/issuer", views.issuer_profile, name="issuer"),
    re_path(r"^openbadges/keys/(?P<kid>[A-Za-z0-9_-]{43})$", views.public_key, name="key"),
    path("openbadges/status/<int:number>", views.status_list, name="status_list"),
    path("openbadges/status/<int:number>.jwt", views.status_list_jwt, name="status_list_jwt"),
    re_path(
        r"^openbadges/credentials/(?P<token>[^/.]{1,64})$",
        views.public_credential,
        name="credential",
    ),
    path("certificates/<int:pk>/openbadge.json", views.download_json, name="download_json"),
    path("certificates/<int:pk>/openbadge.jwt", views.download_jwt, name="download_jwt"),
    path("verify/badge/", views.verify_upload, name="verify_upload"),
]
