"""CredentialRecord.objects.with_status agrees with rules.credential_status for every record."""

from datetime import date, timedelta

import pytest

from credentials.choices import CredentialStatus, Standing
from credentials.models import CredentialRecord
from lms.accounts.models import User
from tests.credentials.factories import CredentialRecordFactory

pytestmark = pytest.mark.django_db

TODAYS = [
    date(2026, 2, 28),  # month end, non-leap February
    date(2028, 2, 29),  # leap day
    date(2026, 3, 8),  # spring-forward day
    date(2026, 11, 1),  # fall-back day
    date(2026, 8, 31),
    date(2027, 1, 1),
]


def bulk_records(crs, expiries):
    """One record (and one fresh holder) per expiry date, in two bulk inserts."""
    users = User.objects.bulk_create(
        User(email=f"holder{index}@example.org") for index in range(len(expiries))
    )
    CredentialRecord.objects.bulk_create(
        CredentialRecord(
            holder=user,
            credential_type=crs,
            number=f"N{index}",
            issue_date=expiry - timedelta(days=730),
            expiry_date=expiry,
        )
        for index, (user, expiry) in enumerate(zip(users, expiries, strict=True))
    )
    return CredentialRecord.objects.select_related("credential_type")


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_with_status_selects_exactly_the_records_rules_give_that_status(crs, today):
    # Every expiry from 200 days before to 200 days after: past grace, in grace, window, soon.
    expiries = [today + timedelta(days=offset) for offset in range(-200, 201)]
    records = list(bulk_records(crs, expiries))
    for status in CredentialStatus:
        expected = {record.pk for record in records if record.status(today=today) == status}
        actual = set(
            CredentialRecord.objects.with_status(status, today=today).values_list("pk", flat=True)
        )
        assert actual == expected, status


def test_suspended_and_revoked_filters_follow_standing_not_dates(crs):
    suspended = CredentialRecordFactory(standing=Standing.SUSPENDED, expiry_date=date(2030, 1, 1))
    revoked = CredentialRecordFactory(standing=Standing.REVOKED, expiry_date=date(2020, 1, 1))
    good = CredentialRecordFactory(expiry_date=date(2030, 1, 1))
    today = date(2026, 6, 1)
    assert list(CredentialRecord.objects.with_status("suspended", today=today)) == [suspended]
    assert list(CredentialRecord.objects.with_status("revoked", today=today)) == [revoked]
    assert list(CredentialRecord.objects.with_status("active", today=today)) == [good]


def test_expiring_within_counts_days_from_today_inclusive(crs):
    today = date(2026, 6, 1)
    inside = CredentialRecordFactory(expiry_date=today + timedelta(days=30))
    CredentialRecordFactory(expiry_date=today + timedelta(days=31))
    CredentialRecordFactory(expiry_date=today - timedelta(days=1))
    same_day = CredentialRecordFactory(expiry_date=today)
    assert set(CredentialRecord.objects.expiring_within(30, today=today)) == {inside, same_day}
