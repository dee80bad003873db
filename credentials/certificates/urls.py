"""Certificate URLs: public verification under /verify/, the holder's under /certificates/.

The JSON answer for a certificate is at /verify/<token>.json.
"""

from django.urls import include, path, re_path

from credentials.certificates import views

app_name = "certificates"

urlpatterns = [
    # Open Badges 3.0 (first: /verify/badge/ must not be read as a certificate token)
    path("", include("credentials.certificates.openbadges.urls")),
    path("verify/", views.verify, name="verify"),
    path("verify/pdf/", views.verify_pdf, name="verify_pdf"),
    path("verify/bulk/", views.bulk_verify, name="bulk"),
    re_path(r"^verify/(?P<token>[^/.]{1,64})\.json$", views.verify_token_json, name="verify_json"),
    re_path(r"^verify/(?P<token>[^/.]{1,64})/$", views.verify_token, name="verify_token"),
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/<int:pk>/public/", views.set_public, name="set_public"),
    path("certificates/<int:pk>/certificate.pdf", views.download, name="download"),
]
