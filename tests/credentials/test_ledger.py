"""The CE ledger: module completions become entries once, refusals, the gap on a real ledger."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from wagtail.models import Page

import pytest

from credentials import rules, selectors, services
from credentials.choices import ActivityKind, CESource, CETopic
from credentials.models import CEEntry
from lms.training.signals import module_completed
from tests.credentials.factories import CEEntryFactory, CredentialRecordFactory

pytestmark = pytest.mark.django_db

NY = rules.PROGRAM_TZ


@pytest.fixture
def module_page(db):
    root = Page.get_first_root_node()
    return root.add_child(instance=Page(title="Confidentiality and ethics in peer work", slug="m1"))


def send_completion(user, module, *, at=None, hours="2.5", topic="ethics"):
    module_completed.send(
        sender=None,
        completion=None,
        user=user,
        module=module,
        hours=Decimal(hours),
        ce_topic=topic,
        completed_at=at or datetime(2026, 4, 2, 23, 30, tzinfo=NY),
    )


def test_module_completion_signal_adds_one_ce_entry_with_hours_and_topic(mentor, module_page):
    send_completion(mentor, module_page)
    entry = CEEntry.objects.get(holder=mentor)
    assert entry.source == CESource.PLATFORM_MODULE
    assert entry.module_id == module_page.pk
    assert entry.title == module_page.title
    assert entry.hours == Decimal("2.5")
    assert entry.topic == CETopic.ETHICS
    assert entry.date == date(2026, 4, 2)  # the New York date, though UTC is already 3 April


def test_repeated_completion_signal_is_idempotent_per_user_and_module(mentor, module_page):
    send_completion(mentor, module_page)
    send_completion(mentor, module_page, hours="4", topic="general")
    assert CEEntry.objects.filter(holder=mentor).count() == 1
    assert CEEntry.objects.get(holder=mentor).hours == Decimal("2.5")


def test_two_people_completing_the_same_module_get_an_entry_each(make_user, module_page):
    from lms.accounts.roles import Role

    first, second = make_user(Role.MENTOR), make_user(Role.MENTOR)
    send_completion(first, module_page)
    send_completion(second, module_page)
    assert CEEntry.objects.filter(module=module_page).count() == 2


def test_module_entry_survives_the_module_page_being_deleted(mentor, module_page):
    send_completion(mentor, module_page)
    module_page.delete()
    entry = CEEntry.objects.get(holder=mentor)
    assert entry.module_id is None and entry.title


@pytest.mark.parametrize(
    "kind",
    [
        ActivityKind.SUPERVISION,
        ActivityKind.STAFF_MEETING,
        ActivityKind.ROUNDS,
        ActivityKind.CASE_MANAGEMENT,
    ],
)
def test_service_refuses_kinds_pcb_does_not_count_with_the_reason(mentor, kind):
    with pytest.raises(ValidationError) as caught:
        services.ce_entry_add_external(
            holder=mentor,
            title="Weekly session",
            organization="Agency",
            date=date(2026, 1, 5),
            hours=Decimal(1),
            topic="general",
            kind=kind,
            now=datetime(2026, 2, 1, tzinfo=NY),
        )
    assert caught.value.message_dict["kind"] == [rules.NOT_COUNTED[kind]]
    assert not CEEntry.objects.exists()


def test_gap_on_a_prepared_ledger_in_words(mentor, crs):
    record = CredentialRecordFactory(
        holder=mentor, issue_date=date(2025, 3, 14), expiry_date=date(2027, 3, 14)
    )
    for day, hours, topic in [
        (date(2025, 6, 1), 12, "general"),
        (date(2025, 9, 1), 4, "ethics"),
        (date(2026, 1, 20), 3, "confidentiality"),
        (date(2026, 4, 2), Decimal("1.5"), "general"),
        (date(2024, 12, 31), 10, "ethics"),
    ]:
        CEEntryFactory(holder=mentor, date=day, hours=hours, topic=topic)
    overview = selectors.credential_overview(record=record, today=date(2026, 5, 1))
    assert overview.progress.gap_words == [
        "2 ethics hours still needed by Mar 14, 2027",
        "7.5 more hours on any topic still needed by Mar 14, 2027",
    ]
    outside = [line for line in overview.lines if not line.counted]
    assert [line.entry.date for line in outside] == [date(2024, 12, 31)]
    assert len(overview.lines) == 5  # shown, though one is not counted


def test_holders_ledgers_are_separate(make_user, crs):
    from lms.accounts.roles import Role

    first, second = make_user(Role.MENTOR), make_user(Role.MENTOR)
    record = CredentialRecordFactory(holder=first)
    CEEntryFactory(holder=second, date=date(2026, 1, 1), hours=30, topic="general")
    overview = selectors.credential_overview(record=record, today=date(2026, 5, 1))
    assert overview.progress.total == 0 and overview.lines == []


def test_passing_a_module_quiz_on_the_platform_adds_its_ce_entry(
    client, mentor, django_capture_on_commit_callbacks
):
    from tests.training.helpers import answer_quiz, modules, quiz_of

    first = modules()[0]
    client.force_login(mentor)
    with django_capture_on_commit_callbacks(execute=True):
        answer_quiz(client, quiz_of(first), first.slug, right=True)
    entry = CEEntry.objects.get(holder=mentor)
    assert (entry.module_id, entry.hours, entry.topic) == (first.pk, first.hours, first.ce_topic)
    assert entry.source == CESource.PLATFORM_MODULE
