"""Bulk actions on credential records, for what a coordinator does many times over: confirm
self-reported records (one reason for all, each kept in its record's history) and export the
selected records. Wagtail's own bulk-action framework: tick rows, choose the action below."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.bulk_action import BulkAction

from credentials import reminders, services
from credentials.choices import Standing, Verification
from credentials.forms import ReasonForm
from credentials.models import CredentialRecord

PERMISSION = "credentials.verify_credentialrecord"
CONFIRMED = "{count} record{s} confirmed."
REMINDED = "{count} reminder{s} sent now; each record's history notes it."
LEFT_AS_THEY_WERE = " {count} left as {they} {were}: already confirmed or revoked."


class CredentialRecordBulkAction(BulkAction):
    """Only for coordinators who may confirm records; others see the rows as not theirs."""

    models = [CredentialRecord]

    def dispatch(self, request, *args, **kwargs):
        # Refused outright, as the records list refuses them, rather than a page that counts
        # the records they may not touch (tests/security/test_access_matrix.py, BULK_ROWS).
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.request.user.has_perm(PERMISSION)

    def object_context(self, obj):
        return {
            "item": obj,
            "inspect_url": reverse("credential_records:inspect", args=[obj.pk]),
            "applies": obj.verification != Verification.CONFIRMED
            and obj.standing != Standing.REVOKED,
        }

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [i for i in object_ids if str(i).isascii() and str(i).isdigit() and len(str(i)) < 19]
        return list(model.objects.filter(pk__in=ids).select_related("holder", "credential_type"))


class ConfirmBulkAction(CredentialRecordBulkAction):
    display_name = "Confirm"
    action_type = "confirm"
    aria_label = "Confirm the selected credential records"
    template_name = "credentials/admin/bulk_confirm.html"
    action_priority = 10
    form_class = ReasonForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400  # no reason given: the form again, with what was typed
        return response

    def get_execution_context(self):
        return {"by": self.request.user, "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, by=None, reason="", **kwargs):
        done = left = 0
        for record in objects:
            try:
                services.credential_record_confirm(record=record, by=by, reason=reason)
            except ValidationError:
                left += 1  # confirmed or revoked meanwhile: refused, as one at a time would be
            else:
                done += 1
        return done, left

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = CONFIRMED.format(
            count=num_parent_objects, s="" if num_parent_objects == 1 else "s"
        )
        if num_child_objects:
            many = num_child_objects != 1
            message += LEFT_AS_THEY_WERE.format(
                count=num_child_objects,
                they="they" if many else "it",
                were="were" if many else "was",
            )
        return message


class ExportSelectedBulkAction(CredentialRecordBulkAction):
    """The selected rows as a CSV file, with the list's own columns (no confirmation step)."""

    display_name = "Export selected (CSV)"
    action_type = "export"
    aria_label = "Export the selected credential records as CSV"
    action_priority = 20

    def get(self, request, *args, **kwargs):
        objects, _refused = self.get_actionable_objects()
        ids = ",".join(str(record.pk) for record in objects) or "none"
        return redirect(reverse("credential_records:index") + f"?export=csv&selected={ids}")


class RemindBulkAction(CredentialRecordBulkAction):
    """Mail each selected holder the reminder that fits their record today, now."""

    display_name = "Send a reminder now"
    action_type = "remind"
    aria_label = "Send the selected holders a reminder now"
    template_name = "credentials/admin/bulk_remind.html"
    action_priority = 30

    def object_context(self, obj):
        return {**super().object_context(obj), "applies": obj.standing != Standing.REVOKED}

    def get_execution_context(self):
        return {"by": self.request.user}

    @classmethod
    def execute_action(cls, objects, by=None, **kwargs):
        sent = refused = 0
        for record in objects:
            try:
                reminders.credential_reminder_send_now(record=record, by=by)
            except ValidationError:
                refused += 1
            else:
                sent += 1
        return sent, refused

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = REMINDED.format(
            count=num_parent_objects, s="" if num_parent_objects == 1 else "s"
        )
        if num_child_objects:
            message += f" {num_child_objects} not sent: revoked, or the account is closed."
        return message
