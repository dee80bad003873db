"""A PCB-approved track's title and hours change only after PCB is told in writing: the page
editor refuses the change without a new "PCB notified" date and keeps what the editor typed."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from lms.training.models import TrackPage
from lms.training.page_forms import (
    PCB_NOT_NOTIFIED,
    PCB_NOTICE_IN_FUTURE,
    PCB_NOTICE_NEEDED,
    PCB_NOTICE_NOT_NEW,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_track():
    track = TrackPage.objects.get()
    track.pcb_approved_title = "Peer Mentor Foundations"
    track.pcb_approved_hours = Decimal("5.5")
    track.pcb_approval_number = "PCB-2026-0142"
    track.pcb_approved_on = date(2026, 1, 5)
    track.save_revision().publish()
    track.refresh_from_db()
    return track


def _edit_data(track: TrackPage, **changes) -> dict:
    intro_widget = TrackPage.get_edit_handler().get_form_class()().fields["intro"].widget
    fields = {
        "title": track.title,
        "slug": track.slug,
        "summary": track.summary,
        "intro": intro_widget.format_value(track.intro),
        "certificate_title": track.certificate_title,
        "certificate_months": track.certificate_months or "",
        "pcb_approved_title": track.pcb_approved_title,
        "pcb_approved_hours": str(track.pcb_approved_hours or ""),
        "pcb_approval_number": track.pcb_approval_number,
        "pcb_approved_on": track.pcb_approved_on.isoformat() if track.pcb_approved_on else "",
        "pcb_notified_on": track.pcb_notified_on.isoformat() if track.pcb_notified_on else "",
        "comments": inline_formset([]),
        "evaluation_questions": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)


def _post(client, track, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[track.pk])
    return client.post(url, _edit_data(track, **{"action-publish": "1", **changes}))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Peer Mentor Foundations II"),
        ("pcb_approved_title", "Peer Mentor Basics"),
        ("pcb_approved_hours", "7.0"),
    ],
)
def test_changing_an_approved_tracks_title_or_hours_without_notice_is_refused(
    client, editor, approved_track, field, value
):
    client.force_login(editor)
    before = approved_track.revisions.count()
    response = _post(client, approved_track, **{field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [PCB_NOT_NOTIFIED]
    assert form.errors["pcb_notified_on"] == [PCB_NOTICE_NEEDED]
    assert form[field].value() == value  # what the editor typed is kept
    assert approved_track.revisions.count() == before
    assert getattr(TrackPage.objects.get(pk=approved_track.pk), field) == getattr(
        approved_track, field
    )


def test_a_change_with_the_date_pcb_was_notified_saves_and_history_keeps_it(
    client, editor, approved_track
):
    client.force_login(editor)
    notified = timezone.localdate() - timedelta(days=2)
    response = _post(
        client, approved_track, pcb_approved_hours="7.0", pcb_notified_on=notified.isoformat()
    )
    assert response.status_code == 302
    track = TrackPage.objects.get(pk=approved_track.pk).get_latest_revision_as_object()
    assert (track.pcb_approved_hours, track.pcb_notified_on) == (Decimal("7.0"), notified)
    revision = TrackPage.objects.get(pk=approved_track.pk).get_latest_revision()
    assert revision.content["pcb_notified_on"] == notified.isoformat()
    assert revision.content["pcb_approved_hours"] == "7.0"


def test_a_notice_date_in_the_future_or_reused_is_refused(client, editor, approved_track):
    client.force_login(editor)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _post(client, approved_track, title="Renamed", pcb_notified_on=tomorrow.isoformat())
    assert response.context["form"].errors["pcb_notified_on"] == [PCB_NOTICE_IN_FUTURE]

    earlier = timezone.localdate() - timedelta(days=10)
    approved_track.pcb_notified_on = earlier
    approved_track.save_revision().publish()
    approved_track.refresh_from_db()
    response = _post(client, approved_track, title="Renamed", pcb_notified_on=earlier.isoformat())
    assert response.context["form"].errors["pcb_notified_on"] == [PCB_NOTICE_NOT_NEW]


def test_other_fields_of_an_approved_track_change_freely(client, editor, approved_track):
    client.force_login(editor)
    response = _post(client, approved_track, summary="A clearer summary.")
    assert response.status_code == 302


def test_a_track_without_an_approval_record_is_not_locked(client, editor):
    client.force_login(editor)
    track = TrackPage.objects.get()
    assert not track.has_pcb_approval_record
    response = _post(client, track, title="Peer Mentor Foundations (2027)")
    assert response.status_code == 302


def test_editors_add_evaluation_questions_to_an_approved_track_without_a_notice(
    client, editor, approved_track
):
    """The evaluation form is not part of what PCB approved by title and hours, so editing it
    needs no "PCB notified" date; the questions go through the page's revisions and review."""
    client.force_login(editor)
    questions = inline_formset(
        [
            {"prompt": "The training met its objectives.", "kind": "rating", "required": "on"},
            {"prompt": "What would you change?", "kind": "text"},
        ]
    )
    response = _post(client, approved_track, evaluation_questions=questions)
    assert response.status_code == 302, response.content.decode()[:2000]
    track = TrackPage.objects.get(pk=approved_track.pk).get_latest_revision_as_object()
    assert [(q.prompt, q.kind, q.required) for q in track.evaluation_questions.all()] == [
        ("The training met its objectives.", "rating", True),
        ("What would you change?", "text", False),
    ]
