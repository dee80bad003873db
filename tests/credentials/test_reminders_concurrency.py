"""Two sweeps at the same moment (PostgreSQL, real concurrent transactions): still one message
per reminder. Skipped on SQLite, which serializes writers."""

import threading
from collections import Counter
from datetime import date, datetime, timedelta

from django.core import mail
from django.db import connection

import pytest

from credentials import rules
from credentials.models import ReminderSend
from credentials.reminders import credential_reminders_sweep
from lms.accounts.roles import Role
from tests.credentials.factories import CredentialRecordFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DAY = date(2027, 2, 12)
NOON = datetime(2027, 2, 12, 12, 0, tzinfo=rules.PROGRAM_TZ)


def test_concurrent_sweeps_send_each_reminder_exactly_once(make_user):
    make_user(Role.COORDINATOR)
    records = [CredentialRecordFactory(expiry_date=DAY + timedelta(days=30)) for _ in range(25)]
    barrier = threading.Barrier(3)
    errors = []

    def run():
        try:
            barrier.wait()
            credential_reminders_sweep(today=DAY, now=NOON)
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sent = Counter(message.to[0] for message in mail.outbox)
    for record in records:
        assert sent[record.holder.email] == 1
    assert ReminderSend.objects.filter(status="sent").count() == len(records)
    digests = [m for m in mail.outbox if m.subject.startswith("Credential reminders")]
    assert sum(message.body.count("CRS ") for message in digests) == len(records)
