"""A finished module enters the CE ledger with its standing with PCB, and the holder decides
what goes into their claim: the ledger, the totals and the audit packet all follow."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.urls import reverse

import pytest

from credentials import selectors
from credentials.choices import CEStanding
from credentials.models import CEEntry
from lms.training.models import TrackPage
from tests.credentials.factories import CredentialRecordFactory
from tests.tools import pdf_text
from tests.training.helpers import answer_quiz, modules, quiz_of

pytestmark = pytest.mark.django_db


def finish_first_module(client, mentor, capture):
    first = modules()[0]
    client.force_login(mentor)
    with capture(execute=True):
        answer_quiz(client, quiz_of(first), first.slug, right=True)
    return CEEntry.objects.get(holder=mentor, module_id=first.pk)


def approve(track: TrackPage, on: date) -> None:
    track.pcb_approved_title = track.title
    track.pcb_approved_hours = Decimal("5.5")
    track.pcb_approval_number = "PCB-2026-0142"
    track.pcb_approved_on = on
    track.save()


def test_a_module_of_a_track_without_pcb_approval_is_program_training(
    client, mentor, django_capture_on_commit_callbacks
):
    CredentialRecordFactory(
        holder=mentor, expiry_date=selectors.today_in_program() + timedelta(days=200)
    )
    entry = finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    assert entry.standing == CEStanding.PROGRAM_TRAINING
    assert entry.claimed
    html = client.get(reverse("credentials:mine")).content.decode()
    assert "Program training (not PCB-approved)" in html


def test_a_module_of_an_approved_track_is_pcb_approved(
    client, mentor, django_capture_on_commit_callbacks
):
    approve(TrackPage.objects.get(), on=date(2026, 1, 5))
    entry = finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    assert entry.standing == CEStanding.PCB_APPROVED


def test_an_approval_dated_after_the_completion_does_not_cover_it(
    client, mentor, django_capture_on_commit_callbacks
):
    approve(TrackPage.objects.get(), on=selectors.today_in_program() + timedelta(days=30))
    entry = finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    assert entry.standing == CEStanding.PROGRAM_TRAINING


@pytest.mark.parametrize(
    "missing", ["pcb_approved_title", "pcb_approved_hours", "pcb_approval_number"]
)
def test_an_incomplete_approval_record_covers_nothing(missing):
    track = TrackPage(title="T", pcb_approved_on=date(2026, 1, 5))
    for field in ("pcb_approved_title", "pcb_approved_hours", "pcb_approval_number"):
        setattr(track, field, "" if field == missing else ("1" if "hours" in field else "x"))
    if missing == "pcb_approved_hours":
        track.pcb_approved_hours = None
    assert not track.pcb_approval_covers(date(2026, 6, 1))
    setattr(track, missing, Decimal("1") if "hours" in missing else "x")
    assert track.pcb_approval_covers(date(2026, 6, 1))
    assert not track.pcb_approval_covers(date(2026, 1, 4))


def test_the_holder_leaves_program_training_out_of_the_claim_and_back(
    client, mentor, django_capture_on_commit_callbacks
):
    entry = finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    record = CredentialRecordFactory(
        holder=mentor, expiry_date=selectors.today_in_program() + timedelta(days=200)
    )
    claimed_total = selectors.credential_overview(record=record).progress.total
    assert claimed_total == entry.hours

    response = client.post(reverse("credentials:ce_claim", args=[entry.pk]), {"claimed": "no"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.claimed
    assert selectors.credential_overview(record=record).progress.total == 0
    assert selectors.audit_entries(record=record) == []
    page = client.get(reverse("credentials:mine")).content.decode()
    assert "Left out of your claim" in page and "Count in my claim" in page
    assert entry.history.first().history_change_reason == "Left out of the holder's claim."

    client.post(reverse("credentials:ce_claim", args=[entry.pk]), {"claimed": "yes"})
    entry.refresh_from_db()
    assert entry.claimed
    assert selectors.credential_overview(record=record).progress.total == entry.hours


@pytest.mark.parametrize("value", ["", "maybe", "YES", "0"])
def test_a_malformed_claim_is_refused_with_a_message_and_changes_nothing(
    client, mentor, django_capture_on_commit_callbacks, value
):
    entry = finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    response = client.post(reverse("credentials:ce_claim", args=[entry.pk]), {"claimed": value})
    assert response.status_code == 400
    assert "Choose whether to count the entry in your claim" in response.content.decode()
    entry.refresh_from_db()
    assert entry.claimed


def test_no_one_else_can_change_a_holders_claim(
    client, mentor, make_user, django_capture_on_commit_callbacks
):
    from lms.accounts.roles import Role

    entry = finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    client.force_login(make_user(Role.MENTOR))
    response = client.post(reverse("credentials:ce_claim", args=[entry.pk]), {"claimed": "no"})
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.claimed


def test_the_audit_packet_prints_each_entrys_standing(
    client, mentor, django_capture_on_commit_callbacks, tmp_path
):
    finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    record = CredentialRecordFactory(
        holder=mentor, expiry_date=selectors.today_in_program() + timedelta(days=200)
    )
    response = client.get(reverse("credentials:audit_packet", args=[record.pk]))
    assert response.status_code == 200
    pdf = Path(tmp_path / "packet.pdf")
    pdf.write_bytes(response.content)
    text = pdf_text(pdf)
    assert "Standing" in text
    assert "not PCB-approved" in " ".join(text.split())


def test_the_audit_packet_names_the_provider_and_how_a_modules_hours_were_worked_out(
    client, mentor, django_capture_on_commit_callbacks, tmp_path
):
    from wagtail.models import Site

    from content.models import ProgramSettings

    settings = ProgramSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Harbor Recovery Peer Program"
    settings.pcb_provider_number = "PCB-P-0777"
    settings.save()
    entry = finish_first_module(client, mentor, django_capture_on_commit_callbacks)
    record = CredentialRecordFactory(
        holder=mentor, expiry_date=selectors.today_in_program() + timedelta(days=200)
    )
    response = client.get(reverse("credentials:audit_packet", args=[record.pk]))
    assert response.status_code == 200
    pdf = Path(tmp_path / "packet.pdf")
    pdf.write_bytes(response.content)
    text = " ".join(pdf_text(pdf).split())
    assert "Harbor Recovery Peer Program, PCB provider number PCB-P-0777" in text
    note = " ".join(modules()[0].hours_note.split())
    assert entry.module_id == modules()[0].pk
    assert "How the hours of this program's modules were worked out" in text
    assert entry.title in text.split("worked out")[-1]
    # The note's own figures (words, minutes, hours) are printed with it.
    assert note.split(" = ")[-1] in text
