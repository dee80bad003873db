"""The coordinator's board is cached (lms/mentorship/caches.py): any change the program's pages
make is seen on the very next request, and the full lists are paged."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.mentorship import selectors, services
from lms.mentorship.choices import Frequency
from lms.mentorship.models import ConcernNotification
from tests.mentorship.factories import AgreementFactory, CheckInFactory, PairingFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/program/coordinator/"


def overdue_pair(make_user, name: str, *, days_ago: int = 20):
    today = timezone.localdate()
    pairing = PairingFactory(
        mentor=make_user(Role.MENTOR, first_name=name),
        mentee=make_user(Role.MENTEE),
        paired_on=today - timedelta(days=60),
    )
    AgreementFactory(pairing=pairing, frequency=Frequency.WEEKLY)
    CheckInFactory(pairing=pairing, met_on=today - timedelta(days=days_ago))
    return pairing


def overdue_section(client) -> str:
    html = client.get(DASHBOARD).content.decode()
    return html.split('id="overdue"')[1].split('id="agreements"')[0]


def test_a_second_view_reads_nothing_from_the_database_but_the_visitor(
    client, coordinator, make_user
):
    overdue_pair(make_user, "Cachedone")
    client.force_login(coordinator)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(DASHBOARD).content.decode()
    assert "Cachedone" in html
    # Sessions and accounts come from the cache too (lms/accounts/backends.py).
    assert [q["sql"] for q in queries] == []


def test_a_check_in_logged_takes_the_pair_off_the_overdue_list_on_the_next_request(
    client, coordinator, make_user
):
    pairing = overdue_pair(make_user, "Latewk")
    client.force_login(coordinator)
    assert "Latewk" in overdue_section(client)
    CheckInFactory(pairing=pairing, met_on=timezone.localdate())
    assert "Latewk" not in overdue_section(client)


def test_an_ended_pair_leaves_the_board_on_the_next_request(client, coordinator, make_user):
    pairing = overdue_pair(make_user, "Endsnow")
    client.force_login(coordinator)
    assert "1 active pair;" in client.get(DASHBOARD).content.decode()
    pairing.ended_at = timezone.now()
    pairing.ended_on = timezone.localdate()
    pairing.end_reason = "goals_met"
    pairing.save()
    html = client.get(DASHBOARD).content.decode()
    assert "0 active pairs;" in html and "Endsnow" not in html


def test_a_resolved_concern_leaves_the_board_on_the_next_request(client, coordinator, make_user):
    pairing = overdue_pair(make_user, "Worried")
    concern = ConcernNotification.objects.create(checkin=pairing.checkins.get())
    client.force_login(coordinator)
    assert "Concerns: clinical staff asked to step in (1)" in client.get(DASHBOARD).content.decode()
    concern.resolved_at = timezone.now()
    concern.save()
    assert "Concerns: clinical staff asked to step in (0)" in client.get(DASHBOARD).content.decode()


def test_a_renamed_mentor_is_seen_on_the_next_request(client, coordinator, make_user):
    pairing = overdue_pair(make_user, "Oldname")
    client.force_login(coordinator)
    assert "Oldname" in overdue_section(client)
    pairing.mentor.first_name = "Newname"
    pairing.mentor.save()
    section = overdue_section(client)
    assert "Newname" in section and "Oldname" not in section


def test_milestones_written_in_bulk_by_the_daily_job_are_seen_on_the_next_request(
    client, coordinator, make_user
):
    overdue_pair(make_user, "Steady")
    client.force_login(coordinator)
    assert "None in the last 30 days." in client.get(DASHBOARD).content.decode()
    # 60 days paired: the 30-day milestone is due; the job writes it with bulk_create.
    assert services.milestones_record_due(today=timezone.localdate()) > 0
    assert "None in the last 30 days." not in client.get(DASHBOARD).content.decode()


def test_the_board_shows_the_most_urgent_and_links_to_the_paged_full_list(
    client, coordinator, make_user, monkeypatch
):
    monkeypatch.setattr(selectors, "BOARD_LIST_LIMIT", 2)
    for n in range(5):
        overdue_pair(make_user, f"Late{n}", days_ago=20 + n)  # Late4 is the most overdue
    client.force_login(coordinator)
    section = overdue_section(client)
    assert "Pairs overdue for a check-in (5)" in client.get(DASHBOARD).content.decode()
    assert "Late4" in section and "Late3" in section and "Late0" not in section
    full = reverse("mentorship:board_list", args=["overdue"])
    assert f'href="{full}"' in section and "See all 5" in section

    monkeypatch.setattr("lms.mentorship.views.coordinator.BOARD_PAGE_SIZE", 2)
    first = client.get(full).content.decode()
    assert "Late4" in first and "Late3" in first and "Late2" not in first
    assert "Page 1 of 3" in first
    last = client.get(full + "?page=3").content.decode()
    assert "Late0" in last and "Late1" not in last
    # A page that is not a number, or past the end: the nearest page, never an error.
    assert "Page 1 of 3" in client.get(full + "?page=x%00").content.decode()
    assert "Page 3 of 3" in client.get(full + "?page=99999999999999999999").content.decode()


def test_an_unknown_list_is_a_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("mentorship:board_list", args=["everything"])).status_code == 404
    assert client.get("/program/coordinator/pairs/OVERDUE/").status_code == 404
