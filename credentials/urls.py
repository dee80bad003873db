"""Credential and certificate URLs (mounted at the site root by lms/urls.py)."""

from django.urls import path

from credentials import application_views, outcomes_views, supervision_views, views

app_name = "credentials"

urlpatterns = [
    path("credentials/", views.my_credentials, name="mine"),
    path("credentials/add/", views.record_edit, name="record_add"),
    path("credentials/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("credentials/<int:pk>/evidence/", views.record_evidence, name="record_evidence"),
    path("credentials/<int:pk>/audit-packet.pdf", views.audit_packet_pdf, name="audit_packet"),
    path(
        "credentials/<int:pk>/certificates.zip",
        views.audit_certificates_zip,
        name="audit_certificates",
    ),
    path("credentials/ce/add/", views.ce_entry_add, name="ce_add"),
    path("credentials/ce/<int:pk>/certificate/", views.ce_certificate, name="ce_certificate"),
    path("credentials/ce/<int:pk>/delete/", views.ce_entry_delete, name="ce_delete"),
    path("credentials/ce/<int:pk>/claim/", views.ce_entry_claim, name="ce_claim"),
    path(
        "credentials/crs-application/",
        application_views.crs_application,
        name="crs_application",
    ),
    path(
        "credentials/crs-application/essay.txt",
        application_views.crs_application_essay,
        name="crs_application_essay",
    ),
    path(
        "credentials/crs-application/<int:pk>/<str:kind>/",
        application_views.crs_application_file,
        name="crs_application_file",
    ),
    path(
        "credentials/crs-application/cohort/",
        application_views.crs_application_cohort,
        name="crs_application_cohort",
    ),
    path("credentials/outcomes/", outcomes_views.outcomes_report, name="outcomes"),
    path(
        "credentials/outcomes.csv",
        outcomes_views.outcomes_report,
        {"fmt": "csv"},
        name="outcomes_csv",
    ),
    path(
        "credentials/outcomes.pdf",
        outcomes_views.outcomes_report,
        {"fmt": "pdf"},
        name="outcomes_pdf",
    ),
    path("credentials/supervision/", supervision_views.supervision_log, name="supervision"),
    path(
        "credentials/supervision/log.csv",
        supervision_views.supervision_export,
        {"fmt": "csv"},
        name="supervision_csv",
    ),
    path(
        "credentials/supervision/log.pdf",
        supervision_views.supervision_export,
        {"fmt": "pdf"},
        name="supervision_pdf",
    ),
    path(
        "credentials/supervision/review/",
        supervision_views.supervision_review,
        name="supervision_review",
    ),
    path(
        "credentials/supervision/<int:pk>/decide/",
        supervision_views.supervision_decide,
        name="supervision_decide",
    ),
]
