"""The credentials' rows on the admin home's "today" panel (lms/common/today.py)."""

from django.urls import reverse

from credentials import selectors
from credentials.choices import Verification
from credentials.models import CredentialRecord
from lms.common.today import TodayItem

EXPIRY_WINDOW = "within_90"  # a status filter of the record list (admin/views.py)


def credentials_today_items(request) -> list[TodayItem]:
    """Coordinators: records expiring within 90 days, self-reported records to confirm."""
    if not request.user.has_perm("credentials.verify_credentialrecord"):
        return []
    records = reverse("credential_records:index")
    today = selectors.today_in_program()
    return [
        TodayItem(
            "credentials expiring within 90 days",
            CredentialRecord.objects.expiring_within(90, today=today).count(),
            f"{records}?status={EXPIRY_WINDOW}",
            order=10,
        ),
        TodayItem(
            "self-reported records awaiting confirmation",
            CredentialRecord.objects.filter(verification=Verification.SELF_REPORTED).count(),
            f"{records}?verification={Verification.SELF_REPORTED}",
            order=20,
        ),
    ]
