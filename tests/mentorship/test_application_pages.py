"""The application pages: the applicant applies and sees where they stand (and only their own);
private details reach coordinators only; coordinators move applications and score interviews."""

from django.urls import reverse
from django.utils import timezone

import pytest

from credentials import services as credential_services
from lms.accounts.roles import Role
from lms.mentorship.choices import ApplicationStage as S
from lms.mentorship.choices import TimeInRecovery
from lms.mentorship.models import MentorApplication, MentorProfile, RubricCriterion
from tests.credentials.factories import CredentialRecordFactory

pytestmark = pytest.mark.django_db

APPLY = {
    "time_in_recovery": TimeInRecovery.M18_TO_3Y,
    "private_details": "Something only coordinators should read",
    "formats": ["video"],
    "times": ["weekday_evening"],
    "languages": ["en", "es"],
    "reference_1_name": "Dana Reyes",
    "reference_1_contact": "dana@example.org",
}


@pytest.fixture
def applied(client, mentor):
    client.force_login(mentor)
    response = client.post(reverse("mentorship:application"), APPLY)
    assert response.status_code == 302
    return MentorApplication.objects.get(user=mentor)


def test_a_date_for_time_in_recovery_is_refused(client, mentor):
    client.force_login(mentor)
    response = client.post(
        reverse("mentorship:application"), {**APPLY, "time_in_recovery": "2019-03-04"}
    )
    assert response.status_code == 400
    assert not MentorApplication.objects.exists()


def test_half_a_reference_is_refused(client, mentor):
    client.force_login(mentor)
    response = client.post(reverse("mentorship:application"), {**APPLY, "reference_1_contact": ""})
    assert response.status_code == 400
    assert b"Give both the name" in response.content


def test_applying_feeds_the_matching_profile(applied, mentor):
    profile = MentorProfile.objects.get(user=mentor)
    assert profile.languages == ["en", "es"]
    assert profile.times == ["weekday_evening"]
    assert profile.consented_at is None  # applying is not agreeing to be matched
    assert applied.stage == S.APPLIED
    assert applied.references == [("Dana Reyes", "dana@example.org")]


def test_the_applicant_sees_where_they_stand_and_the_crs_state(
    client, applied, mentor, coordinator
):
    response = client.get(reverse("mentorship:application"))
    assert b"Applied" in response.content
    assert b"No CRS credential yet" in response.content
    unconfirmed = CredentialRecordFactory(holder=mentor)
    assert b"No CRS credential yet" in client.get(reverse("mentorship:application")).content
    credential_services.credential_record_confirm(
        record=unconfirmed, by=coordinator, reason="Seen."
    )
    response = client.get(reverse("mentorship:application"))
    assert b"CRS credential in force" in response.content


def test_once_past_applied_the_answers_cannot_be_changed(client, applied, coordinator):
    MentorApplication.objects.filter(pk=applied.pk).update(stage=S.INTERVIEW)
    response = client.post(reverse("mentorship:application"), {**APPLY, "languages": ["fr"]})
    assert response.status_code == 400
    assert b"can be changed only while" in response.content
    assert MentorProfile.objects.get(user=applied.user).languages == ["en", "es"]


def test_private_details_reach_coordinators_and_nobody_else(
    client, applied, coordinator, make_user
):
    client.force_login(coordinator)
    url = reverse("mentorship:application_detail", args=[applied.pk])
    assert b"Something only coordinators should read" in client.get(url).content
    for role in (Role.MENTOR, Role.MENTEE, Role.RECRUITER, Role.EDITOR, Role.CLINICIAN):
        client.force_login(make_user(role))
        response = client.get(url)
        assert response.status_code == 403
        assert b"Something only coordinators" not in response.content
        # Another mentor's own application page shows their own (none), never this one.
        assert (
            b"Something only coordinators"
            not in client.get(reverse("mentorship:application")).content
        )


def test_a_coordinator_moves_an_application_with_a_reason(client, applied, coordinator):
    client.force_login(coordinator)
    url = reverse("mentorship:application_detail", args=[applied.pk])
    assert client.post(url, {"to_stage": S.INTERVIEW, "reason": ""}).status_code == 400
    assert client.post(url, {"to_stage": S.ACTIVE, "reason": "skip"}).status_code == 400
    assert client.post(url, {"to_stage": "x" * 500, "reason": "y"}).status_code == 400
    response = client.post(url, {"to_stage": S.INTERVIEW, "reason": "Good answers"})
    assert response.status_code == 302
    decision = applied.decisions.order_by("-decided_at", "-pk").first()
    assert (decision.to_stage, decision.reason, decision.decided_by) == (
        S.INTERVIEW,
        "Good answers",
        coordinator,
    )
    board = client.get(reverse("mentorship:application_board"))
    assert board.status_code == 200


def test_a_coordinator_records_an_interview_on_the_rubric(client, applied, coordinator):
    MentorApplication.objects.filter(pk=applied.pk).update(stage=S.INTERVIEW)
    client.force_login(coordinator)
    url = reverse("mentorship:interview_new", args=[applied.pk])
    assert client.get(url).status_code == 200
    data = {"held_on": timezone.localdate().isoformat(), "recommendation": "recommend"}
    for criterion in RubricCriterion.objects.active():
        data[f"score_{criterion.pk}"] = "3"
        data[f"note_{criterion.pk}"] = "ok"
    bad = {**data, f"score_{RubricCriterion.objects.first().pk}": "5"}
    assert client.post(url, bad).status_code == 400
    assert client.post(url, data).status_code == 302
    assert applied.interviews.get().scores.count() == 5


def test_the_application_shows_words_not_stored_codes(client, applied, coordinator):
    """Availability and languages read "Video call", "Weekday evenings", "English, Spanish",
    never "video", "weekday_evening", "en"."""
    client.force_login(coordinator)
    response = client.get(reverse("mentorship:application_detail", args=[applied.pk]))
    html = response.content.decode()

    answers = dict(response.context["profile_answers"])
    assert answers == {
        "How they can meet": "Video call",
        "When": "Weekday evenings",
        "Languages": "English, Spanish",
    }
    for label in ("Video call", "Weekday evenings", "English, Spanish", "18 months to 3 years"):
        assert label in html
    for code in ("weekday_evening", "<dd>en", "en, es", "video;", "18m_3y"):
        assert code not in html
    board = client.get(reverse("mentorship:application_board")).content.decode()
    assert "weekday_evening" not in board and "18m_3y" not in board


def test_an_application_without_profile_answers_says_not_given(client, applied, coordinator):
    MentorProfile.objects.filter(user=applied.user).update(formats=[], times=[], languages=[])
    client.force_login(coordinator)
    html = client.get(reverse("mentorship:application_detail", args=[applied.pk])).content.decode()
    assert html.count("Not given") == 3
    assert "–" not in html.split("<h2>Answers</h2>")[1].split("<h2>Decide</h2>")[0]


def test_the_board_filtered_by_stage_shows_only_those_stages(client, applied, coordinator):
    client.force_login(coordinator)
    url = reverse("mentorship:application_board")
    response = client.get(url, {"stage": [S.INTERVIEW, S.APPLIED]})
    assert response.status_code == 200
    assert [c.stage for c in response.context_data["columns"]] == [S.APPLIED, S.INTERVIEW]
    assert [a.pk for a in response.context_data["columns"][0].applications] == [applied.pk]
    assert "Applicants waiting for a coordinator" in response.content.decode()


def test_an_unknown_stage_on_the_board_is_refused_with_every_stage_shown(
    client, applied, coordinator
):
    client.force_login(coordinator)
    response = client.get(reverse("mentorship:application_board"), {"stage": "soon"})
    assert response.status_code == 400
    assert "There is no stage called soon" in response.content.decode()
    assert len(response.context_data["columns"]) == len(S.values)
