"""Dates with sane bounds (issue 11, point 6).

A credential dated 1 January of year 1 was accepted, and afterwards /credentials/, the audit
packet, the ZIP and the admin inspect view answered 500 (`add_months` at year 0). Dates before
1900 or absurdly far ahead are now refused on every path (form, admin, service, model), with a
clear message; and whatever dates a row already holds, the pages still answer.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from credentials import rules, selectors, services
from credentials.choices import ActivityKind, CETopic
from credentials.models import CEEntry, CredentialRecord
from lms.common import datebounds
from lms.mentorship import schedule
from lms.mentorship import services as mentorship
from lms.mentorship.models import CheckIn, Milestone
from tests.credentials.conftest import PDF_BYTES
from tests.credentials.factories import CEEntryFactory, CredentialRecordFactory
from tests.mentorship.factories import PairingFactory

pytestmark = pytest.mark.django_db

YEAR_1 = date(1, 1, 1)
PAGES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SERVICES = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANY_DATE = st.dates(min_value=date.min, max_value=date.max)


def today():
    return selectors.today_in_program()


def pdf():
    return SimpleUploadedFile("certificate.pdf", PDF_BYTES, content_type="application/pdf")


# ----------------------------------------------------------------------------- the attack


def test_a_credential_dated_year_1_is_refused_with_a_clear_message(client, mentor, crs):
    client.force_login(mentor)
    response = client.post(
        reverse("credentials:record_add"),
        {"credential_type": crs.pk, "number": "CRS-1", "issue_date": "0001-01-01"},
    )
    assert response.status_code == 400
    assert datebounds.TOO_EARLY in response.context["form"].errors["issue_date"]
    assert not CredentialRecord.objects.exists()
    assert client.get(reverse("credentials:mine")).status_code == 200


def test_the_service_refuses_year_1_and_far_future_dates_for_every_caller(mentor, crs):
    with pytest.raises(ValidationError) as refused:
        services.credential_record_save(
            holder=mentor, credential_type=crs, number="CRS-1", issue_date=YEAR_1
        )
    assert refused.value.message_dict["issue_date"] == [datebounds.TOO_EARLY]
    crs.renewal_cycle_months = 600  # a type a coordinator mistyped: 50 years
    crs.save()
    far = today() + timedelta(days=366 * 40)
    with pytest.raises(ValidationError) as refused:
        services.credential_record_save(
            holder=mentor, credential_type=crs, number="CRS-1", issue_date=today(), expiry_date=far
        )
    latest = datebounds.latest_expiry(today=today())
    assert refused.value.message_dict["expiry_date"] == [datebounds.too_late(latest)]
    assert not CredentialRecord.objects.exists()


def test_the_model_refuses_out_of_range_dates_in_full_clean(mentor, crs):
    record = CredentialRecord(
        holder=mentor, credential_type=crs, number="X1", issue_date=YEAR_1, expiry_date=date.max
    )
    with pytest.raises(ValidationError) as refused:
        record.full_clean(exclude=["evidence"])
    assert set(refused.value.message_dict) >= {"issue_date", "expiry_date"}
    entry = CEEntry(
        holder=mentor, title="T", organization="O", date=YEAR_1, hours=Decimal(1), topic="general"
    )
    with pytest.raises(ValidationError) as refused:
        entry.full_clean(exclude=["certificate"])
    assert refused.value.message_dict["date"] == [datebounds.TOO_EARLY]


def test_the_admin_form_refuses_a_year_1_credential(client, coordinator, mentor, crs):
    client.force_login(coordinator)
    response = client.post(
        reverse("credential_records:add"),
        {
            "holder": mentor.pk,
            "credential_type": crs.pk,
            "number": "CRS-9",
            "issue_date": "0001-01-01",
            "expiry_date": "0003-01-01",
        },
    )
    assert response.status_code == 200
    assert datebounds.TOO_EARLY in response.content.decode()
    assert not CredentialRecord.objects.exists()


def test_a_ce_entry_dated_year_1_is_refused(client, mentor):
    client.force_login(mentor)
    data = {
        "title": "Ethics",
        "organization": "Keystone",
        "date": "0001-01-01",
        "hours": "3",
        "topic": "ethics",
        "kind": "workshop",
        "certificate": pdf(),
    }
    response = client.post(reverse("credentials:ce_add"), data)
    assert response.status_code == 400
    assert datebounds.TOO_EARLY in response.context["form"].errors["date"]
    with pytest.raises(ValidationError) as refused:
        services.ce_entry_add_external(
            holder=mentor,
            title="Ethics",
            organization="Keystone",
            date=YEAR_1,
            hours=Decimal(3),
            topic=CETopic.ETHICS,
            kind=ActivityKind.WORKSHOP,
        )
    assert refused.value.message_dict["date"] == [datebounds.TOO_EARLY]
    assert not CEEntry.objects.exists()


def test_check_ins_and_milestones_before_1900_are_refused(mentor, mentee):
    pairing = PairingFactory(mentor=mentor, mentee=mentee)
    type(pairing).objects.filter(pk=pairing.pk).update(paired_on=date(1850, 1, 1))
    pairing.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        mentorship.checkin_log(
            pairing=pairing,
            by=mentor,
            met_on=date(1899, 12, 31),
            duration_minutes=30,
            meeting_format="in_person",
        )
    assert refused.value.message_dict["met_on"] == [datebounds.TOO_EARLY]
    with pytest.raises(ValidationError) as refused:
        mentorship.milestone_goal_met(pairing=pairing, note="x", reached_on=YEAR_1, by=mentor)
    assert refused.value.message_dict["reached_on"] == [datebounds.TOO_EARLY]
    assert not CheckIn.objects.filter(pairing=pairing).exists()
    assert not Milestone.objects.filter(pairing=pairing).exists()


def test_pages_answer_for_a_year_1_credential_already_stored(client, mentor, coordinator, crs):
    record = CredentialRecordFactory(holder=mentor)
    CEEntryFactory(holder=mentor, certificate=pdf(), certificate_content_type="application/pdf")
    CredentialRecord.objects.filter(pk=record.pk).update(
        issue_date=YEAR_1, expiry_date=date(1, 3, 1)
    )
    CEEntry.objects.filter(holder=mentor).update(date=YEAR_1)
    for status, url in _pages(client, mentor, coordinator, record):
        assert status == 200, url


# ----------------------------------------------------------------------------- the whole range


def _pages(client, mentor, coordinator, record):
    client.force_login(mentor)
    for url in (
        reverse("credentials:mine"),
        reverse("credentials:audit_packet", args=[record.pk]),
        reverse("credentials:audit_certificates", args=[record.pk]),
        reverse("credentials:record_edit", args=[record.pk]),
    ):
        yield client.get(url).status_code, url
    client.force_login(coordinator)
    for url in (
        reverse("credential_records:inspect", args=[record.pk]),
        reverse("credential_records:index"),
        reverse("credential_records:action", args=[record.pk, "confirm"]),
    ):
        yield client.get(url).status_code, url


@SERVICES
@given(issue=ANY_DATE, expiry=st.one_of(st.none(), ANY_DATE), ce_date=ANY_DATE)
@example(issue=YEAR_1, expiry=None, ce_date=YEAR_1)
@example(issue=date.max, expiry=None, ce_date=date.max)
@example(issue=date(1899, 12, 31), expiry=date(1901, 12, 31), ce_date=date(1899, 12, 31))
def test_services_take_any_date_and_answer_with_a_validation_error_or_a_sane_record(
    mentor, crs, issue, expiry, ce_date
):
    try:
        record = services.credential_record_save(
            holder=mentor, credential_type=crs, number="CRS-7", issue_date=issue, expiry_date=expiry
        )
    except ValidationError as refused:
        assert set(refused.message_dict) <= {"issue_date", "expiry_date"}
    else:
        assert datebounds.EARLIEST <= record.issue_date <= today()
        assert record.expiry_date <= datebounds.latest_expiry(today=today())
        record.delete()
    try:
        entry = services.ce_entry_add_external(
            holder=mentor,
            title="T",
            organization="O",
            date=ce_date,
            hours=Decimal(1),
            topic=CETopic.GENERAL,
            kind=ActivityKind.WORKSHOP,
        )
    except ValidationError as refused:
        assert set(refused.message_dict) == {"date"}
    else:
        assert datebounds.EARLIEST <= entry.date <= today()
        entry.delete()


@SERVICES
@given(day=ANY_DATE)
def test_check_in_and_milestone_services_take_any_date(mentor, mentee, day):
    pairing = PairingFactory(mentor=mentor, mentee=mentee)
    for call in (
        lambda: mentorship.checkin_log(
            pairing=pairing, by=mentor, met_on=day, duration_minutes=30, meeting_format="video"
        ),
        lambda: mentorship.milestone_goal_met(pairing=pairing, note="x", reached_on=day, by=mentor),
    ):
        try:
            call()
        except ValidationError as refused:
            assert set(refused.message_dict) <= {"met_on", "reached_on"}
    assert all(
        datebounds.EARLIEST <= c.met_on <= today() for c in CheckIn.objects.filter(pairing=pairing)
    )
    pairing.delete()


@SERVICES
@given(day=ANY_DATE, months=st.integers(min_value=-40000, max_value=40000))
def test_date_arithmetic_never_raises_and_saturates_at_the_calendar_ends(day, months):
    shifted = rules.add_months(day, months)
    assert date.min <= shifted <= date.max
    if months >= 0:
        assert shifted >= day
    else:
        assert shifted <= day
    assert date.min <= rules.shift_days(day, months) <= date.max


@PAGES
@given(dates=st.lists(ANY_DATE, min_size=2, max_size=2, unique=True), ce_date=ANY_DATE)
@example(dates=[YEAR_1, date(1, 3, 1)], ce_date=YEAR_1)
@example(dates=[date(9999, 12, 30), date.max], ce_date=date.max)
@example(dates=[date.min, date.max], ce_date=date(1899, 12, 31))
def test_pages_never_answer_500_whatever_dates_a_row_holds(
    client, mentor, coordinator, crs, dates, ce_date
):
    issue, expiry = sorted(dates)
    record = CredentialRecordFactory(holder=mentor)
    CEEntryFactory(holder=mentor, certificate=pdf(), certificate_content_type="application/pdf")
    CredentialRecord.objects.filter(pk=record.pk).update(issue_date=issue, expiry_date=expiry)
    CEEntry.objects.filter(holder=mentor).update(date=ce_date)
    try:
        for status, url in _pages(client, mentor, coordinator, record):
            assert status == 200, (url, issue, expiry, ce_date)
    finally:
        CEEntry.objects.filter(holder=mentor).delete()
        record.delete()


@SERVICES
@given(paired_on=ANY_DATE, last=st.one_of(st.none(), ANY_DATE), today_=ANY_DATE)
@example(paired_on=date.max, last=None, today_=date.max)
@example(paired_on=date.min, last=date.max, today_=date.min)
def test_check_in_schedule_takes_any_stored_date(paired_on, last, today_):
    due = schedule.checkin_due(paired_on=paired_on, last_met_on=last, frequency=None, today=today_)
    assert due.days_overdue >= 0
    reached = schedule.day_milestones_reached(paired_on=paired_on, ended_on=None, today=today_)
    assert all(on <= today_ for on in reached.values())
