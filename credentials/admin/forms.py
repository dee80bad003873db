"""Admin forms of the credentials workspace: every change carries a reason, kept in history."""

from django import forms
from django.core.exceptions import ValidationError

from wagtail.admin.forms import WagtailAdminModelForm

from credentials import rules, selectors, services
from credentials.choices import Standing
from credentials.models import CredentialRecord, CredentialType
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common.changes import note_change

CHANGE_REASON_LABEL = "Reason for this change"
CHANGE_REASON_HELP = "Kept in the history with your name and the time."


class _ReasonedForm(WagtailAdminModelForm):
    """A model form whose save records the reason in the history row (who and when come from
    the request, through simple-history's middleware)."""

    change_reason = forms.CharField(
        label=CHANGE_REASON_LABEL,
        help_text=CHANGE_REASON_HELP,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def save(self, commit=True):
        note_change(self.instance, reason=self.cleaned_data["change_reason"].strip())
        if self.for_user is not None:
            note_change(self.instance, by=self.for_user)
        return super().save(commit=commit)


class CredentialTypeAdminForm(_ReasonedForm):
    class Meta:
        model = CredentialType
        fields = [
            "name",
            "code",
            "issuing_body",
            "renewal_cycle_months",
            "ce_hours_required",
            "min_ethics_hours",
            "min_confidentiality_hours",
            "window_opens_months_before",
            "grace_months",
            "expiring_soon_days",
            "initial_training_hours",
            "application_essay_words",
        ]

    def clean(self):
        cleaned = super().clean()
        total = cleaned.get("ce_hours_required")
        ethics = cleaned.get("min_ethics_hours")
        confidentiality = cleaned.get("min_confidentiality_hours")
        if None not in (total, ethics, confidentiality) and ethics + confidentiality > total:
            self.add_error(
                "min_ethics_hours",
                "The ethics and confidentiality minimums together exceed the hours required.",
            )
        return cleaned


class _RecordDatesMixin:
    def clean(self):
        cleaned = super().clean()
        credential_type = cleaned.get("credential_type")
        issue_date, expiry_date = cleaned.get("issue_date"), cleaned.get("expiry_date")
        if credential_type and issue_date and expiry_date:
            for field, message in rules.record_dates_errors(
                issue_date=issue_date,
                expiry_date=expiry_date,
                rules=credential_type.rules(),
                today=selectors.today_in_program(),
            ).items():
                self.add_error(field, message)
        return cleaned


class CredentialRecordAddForm(_RecordDatesMixin, _ReasonedForm):
    """A coordinator records a mentor's credential (mentees are never offered)."""

    class Meta:
        model = CredentialRecord
        fields = ["holder", "credential_type", "number", "issue_date", "expiry_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = User.objects.filter(
            groups__name=Role.MENTOR, is_active=True
        ).distinct()
        self.fields["holder"].label = "Mentor"


class CredentialRecordEditForm(_RecordDatesMixin, _ReasonedForm):
    class Meta:
        model = CredentialRecord
        fields = ["credential_type", "number", "issue_date", "expiry_date"]

    def clean(self):
        if self.instance.standing == Standing.REVOKED:
            raise ValidationError(services.ALREADY_REVOKED)
        return super().clean()
