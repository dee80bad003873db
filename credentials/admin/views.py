"""The coordinator workspace in the Wagtail admin: filters, export and reasoned actions."""

from collections import OrderedDict
from decimal import Decimal

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, MenuItem

import django_filters

from credentials import rules, selectors, services
from credentials.choices import CredentialStatus, Standing, Verification
from credentials.forms import ReasonForm
from credentials.models import CredentialRecord
from lms.common.exports import FilteredExportNameMixin
from lms.common.forms import form_add_service_error
from lms.common.listing import RowOpensInspectMixin

# "within_N" (not "expiring_N"): a status value, "expiring_soon", already starts that way.
EXPIRY_WINDOWS = {"within_30": 30, "within_60": 60, "within_90": 90}
STATUS_FILTER_CHOICES = [
    *((key, f"Expiring within {days} days") for key, days in EXPIRY_WINDOWS.items()),
    *CredentialStatus.choices,
]


# ----------------------------------------------------------------------------- listing


class CredentialRecordFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_FILTER_CHOICES, method="filter_status", empty_label="Any"
    )
    verification = django_filters.ChoiceFilter(
        label="Verification", choices=Verification.choices, empty_label="Any"
    )

    class Meta:
        model = CredentialRecord
        fields = ["status", "verification", "credential_type"]

    def filter_status(self, queryset, name, value):
        today = selectors.today_in_program()
        if value in EXPIRY_WINDOWS:
            return queryset.expiring_within(EXPIRY_WINDOWS[value], today=today)
        return queryset.with_status(value, today=today)


def days_left(record: CredentialRecord, *, today) -> int:
    """Days until the expiry date (negative once it has passed), as a number that sorts."""
    return (record.expiry_date - today).days


def ce_hours_needed(record: CredentialRecord, *, today) -> Decimal:
    """Continuing-education hours the holder still needs for the renewal, in all topics."""
    return selectors.credential_overview(record=record, today=today).progress.missing_total


def _csv_safe(value):
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


EXPORT_HEADINGS = OrderedDict(
    [
        ("holder", "Holder"),
        ("email", "Email"),
        ("credential", "Credential"),
        ("number", "Number"),
        ("issue_date", "Issue date"),
        ("expiry_date", "Expiry date"),
        ("days_left", "Days left"),
        ("status", "Status"),
        ("ce_hours_needed", "CE hours still needed"),
        ("verification", "Verification"),
        ("confirmed_by", "Confirmed by"),
        ("confirmed_at", "Confirmed at"),
        ("standing_reason", "Suspension or revocation reason"),
    ]
)


class CredentialRecordIndexView(RowOpensInspectMixin, FilteredExportNameMixin, IndexView):
    """All credential records with status filters and CSV/XLSX export (named after the filters:
    credentials-expiring-soon-2026-11-30.csv)."""

    export_basename = "credentials"
    template_name = "credentials/admin/record_index.html"

    @cached_property
    def selected_ids(self) -> list[int] | None:
        """`?selected=1,2,3` (from the "Export selected" bulk action): only those records."""
        raw = self.request.GET.get("selected")
        if raw is None:
            return None
        parts = raw.split(",")[:1000]
        return [int(p) for p in parts if p.isascii() and p.isdigit() and len(p) < 19]

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="credentialrecord"),
            *super().columns,
        ]

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        kwargs.setdefault(
            "get_title_id", lambda record: f"credentialrecord_{quote(record.pk)}_title"
        )
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_filename(self) -> str:
        name = super().get_filename()
        if self.selected_ids is not None:
            name = name.replace(self.export_basename, f"{self.export_basename}-selected", 1)
        return name

    @cached_property
    def today(self):
        return selectors.today_in_program()

    def get_base_queryset(self):
        queryset = (
            super().get_base_queryset().select_related("holder", "credential_type", "confirmed_by")
        )
        if self.selected_ids is not None:
            queryset = queryset.filter(pk__in=self.selected_ids)
        return queryset

    def to_row_dict(self, item):
        confirmed_at = item.confirmed_at
        if confirmed_at is not None:
            confirmed_at = confirmed_at.astimezone(rules.PROGRAM_TZ).replace(tzinfo=None)
        row = OrderedDict(
            [
                ("holder", item.holder.get_full_name()),
                ("email", item.holder.email),
                ("credential", item.credential_type.name),
                ("number", item.number),
                ("issue_date", item.issue_date),
                ("expiry_date", item.expiry_date),
                ("days_left", days_left(item, today=self.today)),
                ("status", item.status(today=self.today).label),
                ("ce_hours_needed", ce_hours_needed(item, today=self.today)),
                ("verification", item.get_verification_display()),
                ("confirmed_by", str(item.confirmed_by) if item.confirmed_by else ""),
                ("confirmed_at", confirmed_at),
                ("standing_reason", item.standing_reason),
            ]
        )
        if self.request.GET.get("export") == self.FORMAT_CSV:
            row = OrderedDict((key, _csv_safe(value)) for key, value in row.items())
        return row

    def get_heading(self, queryset, field):
        return EXPORT_HEADINGS.get(field, field)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (action, label, icon) in enumerate(ACTION_BUTTONS, start=40):
            if action_applies(action, instance) and self.request.user.has_perm(
                "credentials.verify_credentialrecord"
            ):
                buttons.append(
                    MenuItem(
                        label,
                        url=reverse("credential_records:action", args=(quote(instance.pk), action)),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        buttons.append(
            MenuItem(
                "History",
                url=reverse("credential_records:history", args=(quote(instance.pk),)),
                icon_name="history",
                priority=90,
            )
        )
        return buttons


class CredentialRecordInspectView(InspectView):
    """A record's status, key dates and CE progress, as the coordinator checks them."""

    template_name = "credentials/admin/record_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = selectors.credential_overview(record=self.object)
        context["actions"] = [
            (reverse("credential_records:action", args=(quote(self.object.pk), action)), label)
            for action, label, _icon in ACTION_BUTTONS
            if action_applies(action, self.object)
            and self.request.user.has_perm("credentials.verify_credentialrecord")
        ]
        context["history_url"] = reverse("credential_records:history", args=(self.object.pk,))
        return context

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                "History",
                url=reverse("credential_records:history", args=(quote(self.object.pk),)),
                icon_name="history",
                priority=40,
            ),
        ]


# ----------------------------------------------------------------------------- actions

ACTIONS = {
    "confirm": ("Confirm", services.credential_record_confirm, "confirmed"),
    "suspend": ("Suspend", services.credential_record_suspend, "suspended"),
    "revoke": ("Revoke", services.credential_record_revoke, "revoked"),
    "reinstate": ("Reinstate", services.credential_record_reinstate, "reinstated"),
}
ACTION_DOES_NOT_APPLY = "{action} does not apply to this record as it stands; nothing was changed."
ACTION_BUTTONS = [
    ("confirm", "Confirm", "circle-check"),
    ("suspend", "Suspend", "warning"),
    ("reinstate", "Reinstate", "rotate"),
    ("revoke", "Revoke", "circle-xmark"),
]


def action_applies(action: str, record: CredentialRecord) -> bool:
    if record.standing == Standing.REVOKED:
        return False
    if action == "confirm":
        return record.verification != Verification.CONFIRMED
    if action == "suspend":
        return record.standing == Standing.GOOD
    if action == "reinstate":
        return record.standing == Standing.SUSPENDED
    return action == "revoke"


class CredentialRecordActionView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, suspend, revoke or reinstate a record; each needs a reason, kept in history."""

    template_name = "credentials/admin/action_form.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, pk=None, action=None, **kwargs):
        if action not in ACTIONS:
            raise PermissionDenied
        if not request.user.has_perm("credentials.verify_credentialrecord"):
            raise PermissionDenied
        self.action = action
        self.object = get_object_or_404(
            CredentialRecord.objects.select_related("holder", "credential_type"), pk=pk
        )
        # Bound on every POST, an empty one too: a refusal is then added to a validated form
        # (an unbound form has no cleaned_data, and add_error raised: a 500 the fuzz found).
        self.form = ReasonForm(request.POST if request.method == "POST" else None)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{ACTIONS[self.action][0]} credential record"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("credential_records:index"), "label": "Credential records"},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "form": self.form,
                "action": self.action,
                "action_label": ACTIONS[self.action][0],
                "applies": action_applies(self.action, self.object),
                "status": self.object.status(today=selectors.today_in_program()),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        label, service, past = ACTIONS[self.action]
        if not action_applies(self.action, self.object):
            self.form.is_valid()
            self.form.add_error(None, ACTION_DOES_NOT_APPLY.format(action=label))
        elif self.form.is_valid():
            try:
                service(
                    record=self.object, by=request.user, reason=self.form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form_add_service_error(self.form, error)
            else:
                messages.success(
                    request,
                    f"{self.object.holder.get_full_name() or self.object.holder.email}'s "
                    f"{self.object.credential_type.code.upper()} record {self.object.number} "
                    f"{past}.",
                )
                return redirect("credential_records:index")
        return self.render_to_response(self.get_context_data(), status=400)
