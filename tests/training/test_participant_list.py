"""The quarterly participant list for PCB: the right rows, in PCB's column order, as CSV and
XLSX; only PCB-approved completions; bad quarters are form errors, never server errors."""

import csv
import io
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.training.admin.participants import Quarter, recent_quarters
from lms.training.models import TrackCompletion, TrackPage

pytestmark = pytest.mark.django_db

URL = "/admin/pcb-participants/"


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_default_timezone())


@pytest.fixture
def approved_track():
    track = TrackPage.objects.get()
    track.pcb_approved_title = "Peer Mentor Foundations (PCB approved)"
    track.pcb_approved_hours = Decimal("5.5")
    track.pcb_approval_number = "PCB-2026-0142"
    track.pcb_approved_on = date(2026, 7, 15)
    track.save()
    return track


@pytest.fixture
def completions(approved_track, make_user):
    people = {}
    for key, first, completed in [
        ("before_approval", "Avery", at(date(2026, 7, 10))),  # Q3, before approval: not listed
        ("q3", "Blake", at(date(2026, 9, 30), 23)),  # Q3 in New York (already Q4 in UTC)
        ("q4_early", "Casey", at(date(2026, 10, 1), 0)),
        ("q4_late", "Devon", at(date(2026, 11, 20))),
    ]:
        user = make_user(Role.MENTOR, first_name=first, last_name="Rivera")
        TrackCompletion.objects.create(
            user=user, track=approved_track, hours=Decimal("5.7"), completed_at=completed
        )
        people[key] = user
    return people


def export(client, **params):
    response = client.get(URL, {"export": "csv", **params})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.getvalue().decode())))


def test_quarters_parse_bound_and_never_run_into_the_future():
    assert Quarter.parse("2026-Q4") == Quarter(2026, 4)
    assert (Quarter(2026, 4).first_day, Quarter(2026, 4).last_day) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert Quarter(2024, 1).last_day == date(2024, 3, 31)
    assert Quarter(2026, 1).previous == Quarter(2025, 4)
    for bad in ["2026-Q5", "2026-Q0", "2026Q4", "", "２０２６-Q1", "-Q1", "2026-Q4 "]:
        with pytest.raises(ValueError):
            Quarter.parse(bad)
    quarters = recent_quarters(date(2026, 11, 30))
    assert quarters[0] == Quarter(2026, 4) and quarters[1] == Quarter(2026, 3)


def test_the_list_has_pcb_columns_in_order_and_only_approved_completions_of_the_quarter(
    client, coordinator, completions
):
    client.force_login(coordinator)
    rows = export(client, quarter="2026-Q4")
    assert rows[0] == ["Name", "Email", "Training title", "Completion date", "Hours"]
    assert rows[1:] == [
        [
            "Casey Rivera",
            completions["q4_early"].email,
            "Peer Mentor Foundations (PCB approved)",
            "2026-10-01",
            "5.5",
        ],
        [
            "Devon Rivera",
            completions["q4_late"].email,
            "Peer Mentor Foundations (PCB approved)",
            "2026-11-20",
            "5.5",
        ],
    ]
    q3 = export(client, quarter="2026-Q3")
    assert [row[0] for row in q3[1:]] == ["Blake Rivera"]  # Avery finished before approval


def test_the_list_exports_xlsx_named_for_its_quarter(client, coordinator, completions):
    client.force_login(coordinator)
    response = client.get(URL, {"export": "xlsx", "quarter": "2026-Q4"})
    assert response.status_code == 200
    assert response.getvalue()[:2] == b"PK"
    assert "pcb-participants-2026-Q4-" in response["Content-Disposition"]


def test_the_page_lists_participants_for_coordinators(client, coordinator, completions):
    client.force_login(coordinator)
    html = client.get(URL, {"quarter": "2026-Q4"}).content.decode()
    assert "Casey Rivera" in html and "Devon Rivera" in html and "Blake Rivera" not in html


@pytest.mark.parametrize("quarter", ["2999-Q1", "2026-Q9", "' OR 1=1 --", "2026-Q4\x00", "9" * 500])
def test_a_future_or_malformed_quarter_is_a_form_error_not_a_server_error(
    client, coordinator, completions, quarter
):
    client.force_login(coordinator)
    response = client.get(URL, {"quarter": quarter})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "Casey Rivera" not in response.content.decode()
    assert client.get(URL, {"quarter": quarter, "export": "csv"}).status_code == 200


def test_an_unapproved_track_has_no_participant_list(client, coordinator, make_user):
    track = TrackPage.objects.get()
    user = make_user(Role.MENTOR)
    TrackCompletion.objects.create(
        user=user, track=track, hours=Decimal("5.7"), completed_at=timezone.now()
    )
    client.force_login(coordinator)
    rows = export(client)
    assert rows == [["Name", "Email", "Training title", "Completion date", "Hours"]]


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE, Role.RECRUITER])
def test_the_list_is_for_coordinators_only(client, make_user, role, completions):
    client.force_login(make_user(role))
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 302
    assert completions["q4_late"].email.encode() not in response.content
