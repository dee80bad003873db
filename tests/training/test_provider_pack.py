"""What an approved provider shows PCB: the provider number beside the organization (program
settings) on the participant list, certificates and audit packet, and each track's hours worked
out module by module."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse

from wagtail.models import Site

import pytest

from content.models import ProgramSettings
from lms.accounts.roles import Role
from lms.training.admin.participants import COLUMNS
from lms.training.models import ModulePage, TrackCompletion, TrackPage
from tests.training.test_participant_list import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    settings = ProgramSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Harbor Recovery Peer Program"
    settings.pcb_provider_number = " PCB-P-0777 "
    settings.save()
    return settings


@pytest.fixture
def track():
    track = TrackPage.objects.get(slug="peer-mentor-foundations")
    track.pcb_approved_title = "Peer Mentor Foundations (PCB approved)"
    track.pcb_approved_hours = Decimal("5.5")
    track.pcb_approval_number = "PCB-2026-0142"
    track.pcb_approved_on = date(2026, 7, 15)
    track.save()
    return track


def test_the_provider_number_is_trimmed_and_empty_without_settings(provider):
    assert ProgramSettings.provider_number() == "PCB-P-0777"
    provider.delete()
    assert ProgramSettings.provider_number() == ""


def test_the_participant_list_keeps_pcbs_columns_and_names_the_file_with_the_number(
    client, coordinator, provider, track, make_user
):
    person = make_user(Role.MENTOR, first_name="Blake", last_name="Rivera")
    TrackCompletion.objects.create(
        user=person, track=track, hours=Decimal("5.7"), completed_at=at(date(2026, 10, 2))
    )
    client.force_login(coordinator)
    response = client.get(
        "/admin/pcb-participants/", {"export": "csv", "quarter": "2026-Q4", "track": track.pk}
    )
    assert response.status_code == 200
    assert (
        'filename="pcb-participants-provider-pcb-p-0777-2026-Q4-peer-mentor-foundations.csv"'
        in response["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == [label for _, label in COLUMNS]  # no extra column
    assert rows[1][0] == "Blake Rivera"
    page = client.get("/admin/pcb-participants/").content.decode()
    assert "PCB provider number PCB-P-0777" in page


def test_each_track_shows_how_its_hours_were_worked_out(client, coordinator, provider, track):
    client.force_login(coordinator)
    response = client.get(reverse("provider_pack", kwargs={"track_id": track.pk}))
    assert response.status_code == 200
    content = response.content.decode()
    modules = list(ModulePage.objects.child_of(track).live().order_by("path"))
    assert modules
    for module in modules:
        assert module.title in content
        assert module.hours_note  # the curriculum loader writes one for every shipped module
        assert module.hours_note.replace("'", "&#x27;") in content
    total = sum(m.hours for m in modules)
    assert f'Track total</th><td data-label="Hours">{total.normalize():f}' in content
    assert "Harbor Recovery Peer Program, PCB provider number PCB-P-0777" in content
    assert "PCB-2026-0142" in content


def test_the_index_lists_every_track_for_coordinators(client, coordinator, track):
    client.force_login(coordinator)
    content = client.get(reverse("provider_pack_index")).content.decode()
    assert reverse("provider_pack", kwargs={"track_id": track.pk}) in content
    assert "No PCB provider number is set" in content


def test_an_unknown_track_is_a_404_for_coordinators(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("provider_pack", kwargs={"track_id": 999999})).status_code == 404
