"""Credential URLs, mounted under /credentials/ by lms/urls.py."""

from django.urls import path

from credentials import application_views, outcomes_views, supervision_views, views

app_name = "credentials"

urlpatterns = [
    path("", views.my_credentials, name="mine"),
    path("add/", views.record_edit, name="record_add"),
    path("<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("<int:pk>/evidence/", views.record_evidence, name="record_evidence"),
    path("<int:pk>/audit-packet.pdf", views.audit_packet_pdf, name="audit_packet"),
    path(
        "<int:pk>/certificates.zip",
        views.audit_certificates_zip,
        name="audit_certificates",
    ),
    path("ce/add/", views.ce_entry_add, name="ce_add"),
    path("ce/<int:pk>/certificate/", views.ce_certificate, name="ce_certificate"),
    path("ce/<int:pk>/delete/", views.ce_entry_delete, name="ce_delete"),
    path("ce/<int:pk>/claim/", views.ce_entry_claim, name="ce_claim"),
    path(
        "crs-application/",
        application_views.crs_application,
        name="crs_application",
    ),
    path(
        "crs-application/essay.txt",
        application_views.crs_application_essay,
        name="crs_application_essay",
    ),
    path(
        "crs-application/<int:pk>/<str:kind>/",
        application_views.crs_application_file,
        name="crs_application_file",
    ),
    path(
        "crs-application/cohort/",
        application_views.crs_application_cohort,
        name="crs_application_cohort",
    ),
    path("outcomes/", outcomes_views.outcomes_report, name="outcomes"),
    path(
        "outcomes.csv",
        outcomes_views.outcomes_report,
        {"fmt": "csv"},
        name="outcomes_csv",
    ),
    path(
        "outcomes.pdf",
        outcomes_views.outcomes_report,
        {"fmt": "pdf"},
        name="outcomes_pdf",
    ),
    path("supervision/", supervision_views.supervision_log, name="supervision"),
    path(
        "supervision/log.csv",
        supervision_views.supervision_export,
        {"fmt": "csv"},
        name="supervision_csv",
    ),
    path(
        "supervision/log.pdf",
        supervision_views.supervision_export,
        {"fmt": "pdf"},
        name="supervision_pdf",
    ),
    path(
        "supervision/review/",
        supervision_views.supervision_review,
        name="supervision_review",
    ),
    path(
        "supervision/<int:pk>/decide/",
        supervision_views.supervision_decide,
        name="supervision_decide",
    ),
]
