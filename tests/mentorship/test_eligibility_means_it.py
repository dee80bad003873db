"""Eligibility that means it: a mentor is offered to mentees only with a training certificate
that is not revoked, or a confirmed CRS credential in force. Revoking the certificate or
suspending the credential takes them off the candidates at once, and the coordinator sees the
pairs they still have."""

from datetime import timedelta

from django.utils import timezone

import pytest

from credentials.certificates import services as certificate_services
from credentials.choices import Verification
from credentials.models import CredentialRecord
from lms.accounts.roles import Role
from lms.mentorship.scoring import NOT_QUALIFIED
from lms.mentorship.selectors import coordinator_dashboard, mentor_candidates
from tests.credentials.factories import CredentialRecordFactory
from tests.mentorship.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    PairingFactory,
    complete_training,
)

pytestmark = pytest.mark.django_db


def candidates_of(profile):
    found = mentor_candidates(profile=profile)
    return (
        {score.mentor.id for score in found.ranked},
        {facts.id: problems for facts, problems in found.ineligible},
    )


@pytest.fixture
def taylor(make_user):
    mentor = make_user(Role.MENTOR, first_name="Taylor")
    MentorProfileFactory(user=mentor)
    return mentor


def test_a_mentor_whose_only_certificate_is_revoked_is_no_candidate(taylor, coordinator):
    complete_training(taylor)
    mentee = MenteeProfileFactory()
    ranked, _ = candidates_of(mentee)
    assert taylor.pk in ranked

    certificate = taylor.certificates.get()
    certificate_services.certificate_revoke(
        certificate=certificate,
        by=coordinator,
        reason="Misconduct found.",
        category="requirements_not_met",
    )

    ranked, ineligible = candidates_of(mentee)
    assert taylor.pk not in ranked
    assert NOT_QUALIFIED in ineligible[taylor.pk]
    # ...for every mentee, not only this one.
    assert taylor.pk not in candidates_of(MenteeProfileFactory())[0]


def test_a_completed_track_without_a_certificate_does_not_qualify(taylor):
    from decimal import Decimal

    from lms.training.models import TrackCompletion, TrackPage

    TrackCompletion.objects.create(
        user=taylor,
        track=TrackPage.objects.live().first(),
        hours=Decimal("10.0"),
        completed_at=timezone.now() - timedelta(days=3),
    )
    assert taylor.pk not in candidates_of(MenteeProfileFactory())[0]


def test_a_reissued_certificate_keeps_the_mentor_qualified(taylor, coordinator):
    complete_training(taylor)
    old = taylor.certificates.get()
    certificate_services.certificate_reissue(
        certificate=old, by=coordinator, holder_name="Taylor Brooks", reason="Name change."
    )
    assert taylor.pk in candidates_of(MenteeProfileFactory())[0]


@pytest.mark.parametrize("status", ["suspend", "revoke"])
def test_a_crs_holder_whose_credential_is_suspended_or_revoked_is_no_candidate(
    taylor, coordinator, status
):
    from credentials import services as credential_services

    record = CredentialRecordFactory(
        holder=taylor, expiry_date=timezone.localdate() + timedelta(days=400)
    )
    credential_services.credential_record_confirm(record=record, by=coordinator, reason="Seen.")
    assert CredentialRecord.objects.get(pk=record.pk).verification == Verification.CONFIRMED
    mentee = MenteeProfileFactory()
    assert taylor.pk in candidates_of(mentee)[0]

    action = getattr(credential_services, f"credential_record_{status}")
    action(record=CredentialRecord.objects.get(pk=record.pk), by=coordinator, reason="PCB notice.")

    assert taylor.pk not in candidates_of(mentee)[0]


def test_a_self_reported_crs_credential_does_not_qualify_until_confirmed(taylor):
    CredentialRecordFactory(holder=taylor, expiry_date=timezone.localdate() + timedelta(days=400))
    assert taylor.pk not in candidates_of(MenteeProfileFactory())[0]


def test_the_coordinator_sees_the_pairs_of_a_mentor_no_longer_qualified(
    taylor, coordinator, mentee
):
    complete_training(taylor)
    MenteeProfileFactory(user=mentee)
    pairing = PairingFactory(mentor=taylor, mentee=mentee)
    assert coordinator_dashboard().unqualified == []

    certificate_services.certificate_revoke(
        certificate=taylor.certificates.get(),
        by=coordinator,
        reason="Misconduct found.",
        category="requirements_not_met",
    )

    board = coordinator_dashboard()
    assert [status.pairing.pk for status in board.unqualified] == [pairing.pk]


def test_the_dashboard_page_lists_them_with_a_link_to_the_pair(client, taylor, coordinator, mentee):
    from django.urls import reverse

    complete_training(taylor)
    MenteeProfileFactory(user=mentee)
    pairing = PairingFactory(mentor=taylor, mentee=mentee)
    certificate_services.certificate_revoke(
        certificate=taylor.certificates.get(),
        by=coordinator,
        reason="Misconduct found.",
        category="requirements_not_met",
    )
    client.force_login(coordinator)
    html = client.get(reverse("mentorship:coordinator_dashboard")).content.decode()
    assert "Mentors no longer qualified, still paired (1)" in html
    assert reverse("mentorship:pair_detail", args=[pairing.pk]) in html


@pytest.mark.parametrize("stage", ["paused", "withdrawn"])
def test_a_mentor_paused_or_withdrawn_in_selection_is_listed_with_their_pairs(
    client, taylor, coordinator, mentee, stage
):
    from django.urls import reverse

    from lms.mentorship import applications
    from lms.mentorship.selectors import UNQUALIFIED_SELECTION

    complete_training(taylor)  # qualified: only the selection decision takes them off
    MenteeProfileFactory(user=mentee)
    pairing = PairingFactory(mentor=taylor, mentee=mentee)
    assert coordinator_dashboard().unqualified == []

    applications.application_move(
        application=taylor.mentor_application,
        to_stage=stage,
        reason="Asked for a break.",
        by=coordinator,
    )

    board = coordinator_dashboard()
    assert [row.pairing.pk for row in board.unqualified] == [pairing.pk]
    assert board.unqualified[0].reasons == [UNQUALIFIED_SELECTION.format(stage=stage)]
    assert taylor.pk not in candidates_of(MenteeProfileFactory())[0]
    client.force_login(coordinator)
    html = client.get(reverse("mentorship:coordinator_dashboard")).content.decode()
    assert "Mentors no longer qualified, still paired (1)" in html
    assert f"Selection: {stage}" in html
    assert reverse("mentorship:pair_detail", args=[pairing.pk]) in html


def test_a_paired_mentor_resumed_from_pause_leaves_the_list(taylor, coordinator, mentee):
    from lms.mentorship import applications

    complete_training(taylor)
    MenteeProfileFactory(user=mentee)
    PairingFactory(mentor=taylor, mentee=mentee)
    for stage in ("paused", "active"):
        applications.application_move(
            application=taylor.mentor_application, to_stage=stage, reason="Break.", by=coordinator
        )
    assert coordinator_dashboard().unqualified == []


def test_a_mentor_both_unqualified_and_paused_is_listed_once_with_both_reasons(
    taylor, coordinator, mentee
):
    from lms.mentorship import applications
    from lms.mentorship.selectors import UNQUALIFIED_CREDENTIAL, UNQUALIFIED_SELECTION

    MenteeProfileFactory(user=mentee)
    pairing = PairingFactory(mentor=taylor, mentee=mentee)  # no certificate, no credential
    applications.application_move(
        application=taylor.mentor_application, to_stage="paused", reason="Break.", by=coordinator
    )
    [row] = coordinator_dashboard().unqualified
    assert row.pairing.pk == pairing.pk
    assert row.reasons == [UNQUALIFIED_CREDENTIAL, UNQUALIFIED_SELECTION.format(stage="paused")]


def test_pausing_a_paired_mentor_tells_the_coordinator_about_their_pairs(
    client, taylor, coordinator, mentee
):
    from django.urls import reverse

    complete_training(taylor)
    MenteeProfileFactory(user=mentee)
    PairingFactory(mentor=taylor, mentee=mentee)
    client.force_login(coordinator)
    url = reverse("mentorship:application_detail", args=[taylor.mentor_application.pk])
    response = client.post(url, {"to_stage": "paused", "reason": "Asked for a break."}, follow=True)
    assert "still has 1 active pair(s)" in response.content.decode()
