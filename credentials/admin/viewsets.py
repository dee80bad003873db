"""Viewsets of the credentials workspace: credential records and credential types."""

from django.urls import path

from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from credentials import rules, selectors
from credentials.admin import forms as admin_forms
from credentials.admin import views as admin_views
from credentials.models import CredentialRecord, CredentialType
from lms.common.history import SimpleHistoryViewSetMixin


def _status(record):
    return record.status(today=selectors.today_in_program()).label


def _expiry(record):
    return rules.date_in_words(record.expiry_date)


def _days_left(record):
    return admin_views.days_left(record, today=selectors.today_in_program())


def _ce_needed(record):
    return admin_views.ce_hours_needed(record, today=selectors.today_in_program())


def _credential(record):
    return record.credential_type.code.upper()


class CredentialRecordViewSet(SimpleHistoryViewSetMixin, ModelViewSet):
    model = CredentialRecord
    name = "credential_records"
    url_prefix = "credentials/records"
    menu_label = "Credential records"
    icon = "tasks"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.CredentialRecordIndexView
    inspect_view_class = admin_views.CredentialRecordInspectView
    filterset_class = admin_views.CredentialRecordFilterSet
    list_display = [
        "holder",
        Column("number", label="Number"),
        Column("credential_type", label="Credential", accessor=_credential),
        Column("expiry_date", label="Expires", accessor=_expiry, sort_key="expiry_date"),
        Column("days_left", label="Days left", accessor=_days_left),
        Column("status", label="Status", accessor=_status),
        Column("ce_needed", label="CE hours still needed", accessor=_ce_needed),
        Column("verification", label="Verification", accessor="get_verification_display"),
    ]
    list_export = list(admin_views.EXPORT_HEADINGS)
    ordering = ["expiry_date", "pk"]
    search_fields = ["holder__email", "holder__first_name", "holder__last_name", "number"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        if for_update:
            return admin_forms.CredentialRecordEditForm
        return admin_forms.CredentialRecordAddForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "action/<int:pk>/<str:action>/",
                self.construct_view(admin_views.CredentialRecordActionView),
                name="action",
            ),
        ]


class CredentialTypeViewSet(SimpleHistoryViewSetMixin, ModelViewSet):
    model = CredentialType
    name = "credential_types"
    url_prefix = "credentials/types"
    menu_label = "Credential types"
    icon = "cogs"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "name",
        "issuing_body",
        Column("renewal_cycle_months", label="Cycle (months)"),
        Column("ce_hours_required", label="CE hours"),
        Column("min_ethics_hours", label="Ethics"),
        Column("min_confidentiality_hours", label="Confidentiality"),
    ]

    def get_form_class(self, for_update=False):
        return admin_forms.CredentialTypeAdminForm


class CredentialsViewSetGroup(ViewSetGroup):
    menu_label = "Credentials"
    menu_icon = "tasks"
    menu_order = 300
    items = (CredentialRecordViewSet, CredentialTypeViewSet)
