"""The reminder sweep: each reminder exactly once, caught up after missed days, retried after a
failure, neutral wording, an .ics for the expiry, a digest for coordinators, bounded queries."""

import re
from datetime import date, datetime, timedelta

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest
from icalendar import Calendar

from credentials import rules
from credentials.choices import ReminderKind, SendStatus, Standing
from credentials.models import DigestSend, ReminderSend
from credentials.reminders import FORBIDDEN_WORDS, credential_reminders_sweep
from lms.accounts.roles import Role
from tests.credentials.factories import CEEntryFactory, CredentialRecordFactory

pytestmark = pytest.mark.django_db

EXPIRY = date(2027, 3, 14)
DAY_30 = EXPIRY - timedelta(days=30)  # 12 February 2027
NOON = datetime(2027, 2, 12, 12, 0, tzinfo=rules.PROGRAM_TZ)


class FailingBackend:
    """A mail backend that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("SMTP server unreachable")

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


FAILING = {"default": {"BACKEND": "tests.credentials.test_reminders.FailingBackend"}}


def sweep(day: date):
    now = datetime.combine(day, datetime.min.time(), tzinfo=rules.PROGRAM_TZ) + timedelta(hours=6)
    return credential_reminders_sweep(today=day, now=now)


def to_mentor(message, record):
    return message.to == [record.holder.email]


@pytest.fixture
def record(crs, mentor):
    return CredentialRecordFactory(holder=mentor, expiry_date=EXPIRY, number="CRS-4242")


def test_two_runs_on_the_same_day_send_each_reminder_once(record, coordinator):
    sweep(DAY_30)
    sweep(DAY_30)
    to_holder = [message for message in mail.outbox if to_mentor(message, record)]
    assert len(to_holder) == 1
    assert to_holder[0].subject == "Reminder: your credential expires on Mar 14, 2027"
    assert ReminderSend.objects.get().status == SendStatus.SENT
    digests = [message for message in mail.outbox if message.to == [coordinator.email]]
    assert len(digests) == 1


def test_a_run_after_a_missed_day_sends_the_missed_reminder_once(record):
    sweep(DAY_30 - timedelta(days=1))
    assert not mail.outbox
    # No run on DAY_30 itself.
    sweep(DAY_30 + timedelta(days=1))
    sweep(DAY_30 + timedelta(days=2))
    assert len([m for m in mail.outbox if to_mentor(m, record)]) == 1
    reminder = ReminderSend.objects.get()
    assert (reminder.kind, reminder.due_on) == (ReminderKind.DAYS_30, DAY_30)


@pytest.mark.parametrize(
    ("day", "kinds"),
    [
        # 14 March 2027: 90 days before and 3 months before are both 14 December 2026.
        (date(2026, 12, 14), {ReminderKind.DAYS_90, ReminderKind.WINDOW_OPEN}),
        (EXPIRY - timedelta(days=60), {ReminderKind.DAYS_60}),
        (EXPIRY - timedelta(days=30), {ReminderKind.DAYS_30}),
        (EXPIRY - timedelta(days=7), {ReminderKind.DAYS_7}),
        (EXPIRY + timedelta(days=1), {ReminderKind.EXPIRED}),
    ],
)
def test_each_kind_falls_due_on_its_day(record, day, kinds):
    sweep(day - timedelta(days=1))
    before = set(ReminderSend.objects.values_list("kind", flat=True))
    sweep(day)
    after = set(ReminderSend.objects.values_list("kind", flat=True))
    assert after - before == kinds


def test_window_opening_and_90_days_fall_on_different_days_for_a_31_july_expiry(crs, mentor):
    record = CredentialRecordFactory(holder=mentor, expiry_date=date(2027, 7, 31))
    sweep(date(2027, 4, 30))  # three months before
    assert set(ReminderSend.objects.values_list("kind", flat=True)) == {ReminderKind.WINDOW_OPEN}
    sweep(date(2027, 5, 2))  # 90 days before
    assert ReminderSend.objects.filter(record=record).count() == 2


def test_a_whole_cycle_of_daily_runs_sends_six_reminders_in_five_messages(record):
    day = EXPIRY - timedelta(days=120)
    while day <= EXPIRY + timedelta(days=40):
        sweep(day)
        day += timedelta(days=1)
    kinds = sorted(ReminderSend.objects.values_list("kind", flat=True))
    assert kinds == sorted(kind.value for kind in ReminderKind)
    assert set(ReminderSend.objects.values_list("status", flat=True)) == {SendStatus.SENT}
    subjects = [m.subject for m in mail.outbox if to_mentor(m, record)]
    # The 90-day reminder and the window opening fall on the same day here: one message.
    assert len(subjects) == 5
    assert subjects[-1] == "Your credential expired on Mar 14, 2027"


def test_reminders_falling_due_together_go_in_one_message(crs, mentor):
    # Added late: the 90-day and window-opening reminders, 5 days ago, are both caught up.
    record = CredentialRecordFactory(holder=mentor, expiry_date=EXPIRY)
    sweep(EXPIRY - timedelta(days=85))
    assert ReminderSend.objects.filter(record=record).count() == 2
    messages = [m for m in mail.outbox if to_mentor(m, record)]
    assert len(messages) == 1
    assert messages[0].subject == "Your credential can now be renewed (expires Mar 14, 2027)"


def test_reminders_that_went_stale_before_they_could_be_sent_are_superseded(crs, mentor):
    record = CredentialRecordFactory(holder=mentor, expiry_date=EXPIRY)
    sweep(EXPIRY + timedelta(days=1))  # the 7-day reminder is 8 days old and the date has passed
    kinds = dict(ReminderSend.objects.filter(record=record).values_list("kind", "status"))
    assert kinds == {ReminderKind.DAYS_7: SendStatus.SUPERSEDED, ReminderKind.EXPIRED: "sent"}
    assert len([m for m in mail.outbox if to_mentor(m, record)]) == 1


def test_failed_send_is_recorded_retried_next_run_and_delivered_once(record):
    with override_settings(MAILERS=FAILING):
        result = sweep(DAY_30)
    assert result.failed == 1 and not mail.outbox
    reminder = ReminderSend.objects.get()
    assert reminder.status == SendStatus.FAILED
    assert "unreachable" in reminder.last_error
    sweep(DAY_30 + timedelta(days=1))
    sweep(DAY_30 + timedelta(days=1))
    assert len([m for m in mail.outbox if to_mentor(m, record)]) == 1
    reminder.refresh_from_db()
    assert reminder.status == SendStatus.SENT and reminder.attempts == 2


def test_claim_left_by_a_run_that_died_is_sent_by_a_later_run(record):
    sweep(DAY_30 - timedelta(days=1))
    ReminderSend.objects.create(
        record=record,
        kind=ReminderKind.DAYS_30,
        expiry_date=EXPIRY,
        due_on=DAY_30,
        created_on=DAY_30,
        status=SendStatus.SENDING,
        claim_token="dead",
        claimed_at=NOON - timedelta(hours=2),
    )
    credential_reminders_sweep(today=DAY_30, now=NOON)
    assert len([m for m in mail.outbox if to_mentor(m, record)]) == 1


def test_fresh_claim_of_a_concurrent_run_is_left_alone(record):
    ReminderSend.objects.create(
        record=record,
        kind=ReminderKind.DAYS_30,
        expiry_date=EXPIRY,
        due_on=DAY_30,
        created_on=DAY_30,
        status=SendStatus.SENDING,
        claim_token="other-run",
        claimed_at=NOON - timedelta(minutes=1),
    )
    credential_reminders_sweep(today=DAY_30, now=NOON)
    assert not [m for m in mail.outbox if to_mentor(m, record)]


def test_renewal_before_a_retry_supersedes_the_old_reminder(record):
    with override_settings(MAILERS=FAILING):
        sweep(DAY_30)
    record.expiry_date = date(2029, 3, 14)
    record.save()
    sweep(DAY_30 + timedelta(days=1))
    assert not mail.outbox
    assert ReminderSend.objects.get().status == SendStatus.SUPERSEDED


@pytest.mark.parametrize("standing", [Standing.SUSPENDED, Standing.REVOKED])
def test_suspended_or_revoked_credentials_get_no_reminders(crs, mentor, standing):
    CredentialRecordFactory(holder=mentor, expiry_date=EXPIRY, standing=standing)
    sweep(DAY_30)
    assert not mail.outbox and not ReminderSend.objects.exists()


def test_reminders_go_only_to_active_accounts(crs, make_user):
    holder = make_user(Role.MENTOR, is_active=False)
    CredentialRecordFactory(holder=holder, expiry_date=EXPIRY)
    sweep(DAY_30)
    assert not mail.outbox


def test_wording_is_neutral_in_every_reminder_and_digest(crs, mentor, coordinator):
    record = CredentialRecordFactory(holder=mentor, expiry_date=EXPIRY)
    day = EXPIRY - timedelta(days=95)
    while day <= EXPIRY + timedelta(days=3):
        sweep(day)
        day += timedelta(days=1)
    assert len(mail.outbox) >= 10
    assert "Recovery" in record.credential_type.name  # the type's own name is never used
    for message in mail.outbox:
        text = " ".join(
            [message.subject, message.body]
            + [str(content) for _name, content, _type in message.attachments]
        ).lower()
        for word in FORBIDDEN_WORDS:
            assert word not in text, (word, message.subject)


def test_reminder_carries_an_ics_event_on_the_expiry_date(record):
    sweep(DAY_30)
    message = next(m for m in mail.outbox if to_mentor(m, record))
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == EXPIRY
    assert event.decoded("dtend") == EXPIRY + timedelta(days=1)
    assert str(event["summary"]) == "Credential expires"


def test_reminder_says_what_ce_is_still_needed(record, mentor):
    CEEntryFactory(holder=mentor, date=date(2026, 1, 5), hours=4, topic="ethics")
    sweep(DAY_30)
    body = next(m for m in mail.outbox if to_mentor(m, record)).body
    assert "4 of 30 hours" in body
    assert "2 ethics hours still needed by Mar 14, 2027" in body
    assert "CRS-4242" in body


def test_digest_goes_to_each_coordinator_with_the_reminders_of_the_run(crs, make_user, coordinator):
    second = make_user(Role.COORDINATOR)
    mentors = [make_user(Role.MENTOR) for _ in range(3)]
    for holder in mentors:
        CredentialRecordFactory(holder=holder, expiry_date=EXPIRY)
    make_user(Role.MENTEE)
    sweep(DAY_30)
    digests = [m for m in mail.outbox if m.subject.startswith("Credential reminders")]
    assert sorted(m.to[0] for m in digests) == sorted([coordinator.email, second.email])
    assert digests[0].subject == "Credential reminders: 3 sent on Feb 12, 2027"
    for holder in mentors:
        assert holder.email in digests[0].body or holder.get_full_name() in digests[0].body
    sweep(DAY_30)
    assert len([m for m in mail.outbox if m.subject.startswith("Credential reminders")]) == 2
    assert DigestSend.objects.filter(status=SendStatus.SENT).count() == 2


def test_failed_digest_is_retried_and_sent_once(record, coordinator):
    with override_settings(MAILERS=FAILING):
        sweep(DAY_30)
    assert DigestSend.objects.get().status == SendStatus.FAILED
    sweep(DAY_30 + timedelta(days=1))
    sweep(DAY_30 + timedelta(days=1))
    digests = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert len(digests) == 1


def test_sweep_query_count_does_not_grow_with_the_number_of_credentials(crs, make_user):
    def queries_for(count: int, day: date) -> int:
        expiry = day + timedelta(days=30)
        for _ in range(count):
            CredentialRecordFactory(expiry_date=expiry)
        with CaptureQueriesContext(connection) as captured:
            result = sweep(day)
        assert result.messages == count
        return len(captured)

    make_user(Role.COORDINATOR)
    few = queries_for(3, date(2027, 1, 4))
    many = queries_for(40, date(2027, 6, 7))
    assert few == many


def test_management_command_runs_the_same_sweep(record, capsys):
    call_command("send_credential_reminders", "--date", DAY_30.isoformat())
    call_command("send_credential_reminders", "--date", DAY_30.isoformat())
    assert len([m for m in mail.outbox if to_mentor(m, record)]) == 1
    assert "2027-02-12: 1 due, 1 messages sent" in capsys.readouterr().out


def test_management_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date"):
        call_command("send_credential_reminders", "--date", "14/03/2027")


def test_task_runs_the_sweep_with_the_immediate_backend(crs, mentor):
    from credentials.tasks import send_credential_reminders

    today = rules.local_date(datetime.now(tz=rules.PROGRAM_TZ))
    CredentialRecordFactory(holder=mentor, expiry_date=today + timedelta(days=30))
    result = send_credential_reminders.enqueue()
    assert result.status == "SUCCESSFUL"
    assert result.return_value["messages"] == 1
    assert len([m for m in mail.outbox if m.to == [mentor.email]]) == 1


def test_subjects_never_mention_the_credential_name():
    for kinds in ([ReminderKind.DAYS_90], [ReminderKind.WINDOW_OPEN], [ReminderKind.EXPIRED]):
        from credentials.reminders import reminder_subject

        subject = reminder_subject(kinds, EXPIRY)
        assert not re.search(r"recovery|addiction|treatment|CRS", subject, re.IGNORECASE)


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DB_TASKS)
def test_task_run_by_the_db_worker_sweeps_once_a_day_and_queues_nothing_itself(record):
    from django_tasks_db.models import DBTaskResult

    from credentials.tasks import send_credential_reminders

    summary = send_credential_reminders.call()
    again = send_credential_reminders.call()  # a second run the same day does nothing

    assert [run["day"] for run in summary["runs"]] == [
        rules.local_date(datetime.now(tz=rules.PROGRAM_TZ)).isoformat()
    ]
    assert set(summary["runs"][0]) >= {"today", "messages", "sent", "failed"}
    assert again["runs"] == []
    assert not DBTaskResult.objects.exists()  # the scheduler enqueues, never the task itself


class PickyBackend:
    """A mail backend that refuses mail to the addresses in `refused`, and delivers the rest."""

    refused: set[str] = set()

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & self.refused:
                raise ConnectionRefusedError("mailbox unavailable")
            mail.outbox.append(message)
        return len(messages)


PICKY = {"default": {"BACKEND": "tests.credentials.test_reminders.PickyBackend"}}


def test_digest_subject_counts_only_the_reminders_delivered(crs, make_user, coordinator):
    mentors = [make_user(Role.MENTOR) for _ in range(3)]
    for holder in mentors:
        CredentialRecordFactory(holder=holder, expiry_date=EXPIRY)
    PickyBackend.refused = {mentors[0].email}
    try:
        with override_settings(MAILERS=PICKY):
            result = sweep(DAY_30)
    finally:
        PickyBackend.refused = set()
    assert (result.sent, result.failed) == (2, 1)
    digest = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert digest.subject == "Credential reminders: 2 sent, 1 not delivered on Feb 12, 2027"
    assert digest.body.splitlines()[2].startswith("2 credential reminders went out")
    assert "1 could not be delivered yet" in digest.body


# ------------------------------------------------- retrying what the mail server refused


def _due_today(mentor):
    today = rules.local_date(datetime.now(tz=rules.PROGRAM_TZ))
    return CredentialRecordFactory(holder=mentor, expiry_date=today + timedelta(days=30))


def _retries():
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path__endswith="retry_undelivered_reminders").order_by(
            "enqueued_at"
        )
    )


@override_settings(TASKS=DB_TASKS, MAILERS=FAILING)
def test_a_sweep_the_mail_server_refused_enqueues_a_retry_minutes_later(crs, mentor):
    from django.utils import timezone

    from credentials.tasks import send_credential_reminders

    _due_today(mentor)
    before = timezone.now()
    summary = send_credential_reminders.call()
    assert summary["runs"][0]["failed"] == 1 and not mail.outbox
    [retry] = _retries()
    assert retry.args_kwargs["args"] == [1]
    delay = retry.run_after - before
    assert timedelta(minutes=9) < delay < timedelta(minutes=11)


@override_settings(TASKS=DB_TASKS)
def test_the_retry_delivers_each_refused_reminder_once_and_stops(crs, mentor):
    from credentials.tasks import retry_undelivered_reminders, send_credential_reminders

    _due_today(mentor)
    with override_settings(MAILERS=FAILING):
        send_credential_reminders.call()
    retry_undelivered_reminders.call(1)  # the mail server is back
    retry_undelivered_reminders.call(1)  # a duplicate retry finds nothing left
    assert [m.to for m in mail.outbox].count([mentor.email]) == 1
    assert ReminderSend.objects.get().status == SendStatus.SENT
    assert len(_retries()) == 1  # only the first one the sweep enqueued; none after success


@override_settings(TASKS=DB_TASKS, MAILERS=FAILING, REMINDER_RETRY_ATTEMPTS=3)
def test_retries_end_after_the_last_attempt(crs, mentor):
    from credentials.tasks import retry_undelivered_reminders

    _due_today(mentor)
    assert retry_undelivered_reminders.call(2)["attempt"] == 2
    assert [r.args_kwargs["args"] for r in _retries()] == [[3]]
    retry_undelivered_reminders.call(3)
    assert len(_retries()) == 1  # the third attempt enqueues nothing more


@override_settings(MAILERS=FAILING)
def test_a_backend_that_cannot_wait_leaves_the_retry_to_tomorrow(crs, mentor):
    from credentials.tasks import send_credential_reminders

    _due_today(mentor)
    result = send_credential_reminders.enqueue()  # the immediate backend, as in development
    assert result.status == "SUCCESSFUL"
    assert ReminderSend.objects.get().status == SendStatus.FAILED
