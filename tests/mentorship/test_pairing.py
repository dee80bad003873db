"""Pairing through the coordinator's pages: ranked candidates with reasons, confirming, ending."""

import re

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

import pytest

from lms.accounts.roles import Role
from lms.mentorship import services
from lms.mentorship.choices import (
    GenderPreference,
    Language,
    MeetingFormat,
    MentorGender,
    MentorStatus,
    PairEndReason,
    RecoveryStage,
    SupportStyle,
    TimeSlot,
)
from lms.mentorship.models import ExperienceArea, Goal, Pairing, ScoringWeights
from lms.mentorship.notices import FORBIDDEN_WORDS
from tests.mentorship.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    PairingFactory,
    complete_training,
)

pytestmark = pytest.mark.django_db


def _items(model, *names):
    return [model.objects.get(name=n) for n in names]


def _mentor(make_user, name, *, trained=True, areas=(), goals=(), **fields):
    user = make_user(Role.MENTOR, first_name=name)
    profile = MentorProfileFactory(user=user, **fields)
    profile.experience_areas.set(_items(ExperienceArea, *areas))
    profile.goals.set(_items(Goal, *goals))
    if trained:
        complete_training(user)
    return user


@pytest.fixture
def prepared(make_user):
    """The same prepared set as the pure tests, as database profiles (seeded list names)."""
    mentee = make_user(Role.MENTEE, first_name="Dana")
    profile = MenteeProfileFactory(
        user=mentee,
        recovery_stage=RecoveryStage.IN_TREATMENT,
        formats=[MeetingFormat.VIDEO, MeetingFormat.IN_PERSON],
        times=[TimeSlot.WEEKDAY_EVENING, TimeSlot.WEEKEND_DAYTIME],
        languages=[Language.SPANISH],
        gender_preference=GenderPreference.WOMAN,
        support_style=SupportStyle.EMOTIONAL,
    )
    profile.experience_areas.set(_items(ExperienceArea, "Opioid use", "Trauma"))
    profile.goals.set(
        _items(Goal, "Finding or keeping work", "Stable housing", "Money and budgeting")
    )
    ideal = {
        "areas": ("Opioid use", "Trauma", "Alcohol use"),
        "goals": ("Finding or keeping work", "Stable housing", "Money and budgeting"),
        "stages": [RecoveryStage.IN_TREATMENT],
        "formats": [MeetingFormat.VIDEO],
        "times": [TimeSlot.WEEKDAY_EVENING, TimeSlot.WEEKEND_DAYTIME],
        "languages": [Language.SPANISH, Language.ENGLISH],
        "gender": MentorGender.WOMAN,
        "support_style": SupportStyle.BOTH,
        "capacity": 1,
    }
    mentors = {
        "Ideal": _mentor(make_user, "Ideal", **ideal),
        "Good": _mentor(
            make_user,
            "Good",
            goals=("Finding or keeping work", "Stable housing"),
            stages=[RecoveryStage.IN_TREATMENT],
            formats=[MeetingFormat.IN_PERSON],
            times=[],
            languages=[Language.SPANISH],
            gender=MentorGender.WOMAN,
            support_style=SupportStyle.EMOTIONAL,
            capacity=2,
        ),
        "Weak": _mentor(
            make_user,
            "Weak",
            areas=("Opioid use",),
            goals=("Finding or keeping work",),
            formats=[MeetingFormat.PHONE],
            times=[TimeSlot.WEEKDAY_EVENING],
            languages=[Language.ENGLISH],
            gender=MentorGender.MAN,
            support_style=SupportStyle.PRACTICAL,
            capacity=3,
        ),
        "Paused": _mentor(make_user, "Paused", **{**ideal, "status": MentorStatus.PAUSED}),
        "Untrained": _mentor(make_user, "Untrained", trained=False, **ideal),
        "Full": _mentor(make_user, "Full", **ideal),
    }
    PairingFactory(mentor=mentors["Full"], mentee=make_user(Role.MENTEE))  # capacity 1, taken
    return mentee, mentors


def test_coordinator_page_ranks_the_prepared_profiles_with_reasons(client, coordinator, prepared):
    mentee, _ = prepared
    client.force_login(coordinator)

    html = client.get(reverse("mentorship:mentee_detail", args=[mentee.pk])).content.decode()

    ranked = re.findall(
        r'<h4>\d+\. <a href="[^"]+">(\w+) [^<]*</a> <span class="badge badge--ok">(\d+)%', html
    )
    assert ranked == [("Ideal", "100"), ("Good", "64"), ("Weak", "21")]
    assert "Opioid use, Trauma (2 of 2 areas of experience)." in html
    assert "Finding or keeping work, Stable housing (2 of 3 goals)." in html
    assert "Mentee asked for a woman; this mentor is not." in html
    not_eligible = html.split("Not eligible now")[1]
    assert re.search(r"Paused [^<]+</a>: Paused", not_eligible)
    assert re.search(r"Full [^<]+</a>: No capacity left", not_eligible)
    assert re.search(r"Untrained [^<]+</a>: Not yet qualified", not_eligible)


def test_weights_changed_on_the_page_are_kept_with_history_and_reorder_the_ranking(
    client, coordinator, prepared
):
    mentee, _ = prepared
    client.force_login(coordinator)
    values = dict.fromkeys(("goals", "stage", "availability", "language"), 0)
    values |= {"shared_experience": 10, "support_style": 0, "gender_preference": 0}

    response = client.post(reverse("mentorship:weights"), {**values, "reason": "Experience only"})

    assert response.status_code == 302
    assert ScoringWeights.objects.get().shared_experience == 10
    latest = ScoringWeights.history.first()
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "Experience only"
    html = client.get(reverse("mentorship:mentee_detail", args=[mentee.pk])).content.decode()
    ranked = re.findall(r'<h4>\d+\. <a href="[^"]+">(\w+) [^<]*</a>', html)
    assert ranked == ["Ideal", "Weak", "Good"]


def test_weights_form_refuses_out_of_range_values_and_keeps_them(client, coordinator):
    client.force_login(coordinator)
    data = dict.fromkeys(("shared_experience", "goals", "stage", "availability"), 10)
    data |= {"language": 500, "support_style": "lots", "gender_preference": 5, "reason": "x"}

    response = client.post(reverse("mentorship:weights"), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="500"' in html and 'value="lots"' in html
    assert "Ensure this value is less than or equal to 100." in html


def test_confirming_a_pair_tells_both_in_neutral_words(
    client, coordinator, prepared, django_capture_on_commit_callbacks
):
    mentee, mentors = prepared
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mentorship:pair_confirm", args=[mentee.pk]), {"mentor": mentors["Ideal"].pk}
        )

    pairing = Pairing.objects.get(mentee=mentee)
    assert response.status_code == 302
    assert response.url == reverse("mentorship:pair_detail", args=[pairing.pk])
    assert pairing.mentor == mentors["Ideal"] and pairing.confirmed_by == coordinator
    assert pairing.match["percent"] == 100
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee.email, mentors["Ideal"].email])
    for message in mail.outbox:
        text = f"{message.subject} {message.body}".lower()
        assert not [word for word in FORBIDDEN_WORDS if word in text]
        assert mentee.first_name not in message.body or message.to == [mentee.email]


def test_confirming_an_ineligible_mentor_is_refused_with_the_reason(client, coordinator, prepared):
    mentee, mentors = prepared
    client.force_login(coordinator)

    response = client.post(
        reverse("mentorship:pair_confirm", args=[mentee.pk]), {"mentor": mentors["Paused"].pk}
    )

    assert response.status_code == 400
    assert "This mentor cannot take a mentee now: paused." in response.content.decode()
    assert not Pairing.objects.filter(mentee=mentee).exists()


@pytest.mark.parametrize("mentor_value", ["", "abc", "999999"])
def test_confirm_with_a_bad_mentor_value_is_a_400_not_a_500(
    client, coordinator, prepared, mentor_value
):
    mentee, _ = prepared
    client.force_login(coordinator)

    response = client.post(
        reverse("mentorship:pair_confirm", args=[mentee.pk]), {"mentor": mentor_value}
    )

    assert response.status_code == 400
    assert "Choose a mentor from the ranked list." in response.content.decode()


def test_a_mentee_cannot_have_two_active_mentors(coordinator, prepared):
    mentee, mentors = prepared
    services.pairing_confirm(mentee=mentee, mentor=mentors["Ideal"], by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.pairing_confirm(mentee=mentee, mentor=mentors["Good"], by=coordinator)

    assert error.value.messages == [services.ALREADY_PAIRED]


def test_a_mentee_who_has_not_consented_cannot_be_paired(coordinator, prepared):
    mentee, mentors = prepared
    mentee.mentee_profile.consented_at = None
    mentee.mentee_profile.save()

    with pytest.raises(ValidationError) as error:
        services.pairing_confirm(mentee=mentee, mentor=mentors["Ideal"], by=coordinator)

    assert error.value.messages == [services.MENTEE_NOT_CONSENTED]


def test_the_last_place_is_taken_and_the_mentor_drops_out_of_the_ranking(
    client, coordinator, prepared, make_user
):
    mentee, mentors = prepared
    services.pairing_confirm(mentee=mentee, mentor=mentors["Ideal"], by=coordinator)
    other = make_user(Role.MENTEE)
    MenteeProfileFactory(user=other)

    with pytest.raises(ValidationError) as error:
        services.pairing_confirm(mentee=other, mentor=mentors["Ideal"], by=coordinator)

    assert "no capacity left" in error.value.messages[0]


def test_ending_a_pair_keeps_it_with_its_reason_and_frees_the_mentee(
    client, coordinator, prepared, django_capture_on_commit_callbacks
):
    mentee, mentors = prepared
    pairing = services.pairing_confirm(mentee=mentee, mentor=mentors["Ideal"], by=coordinator)
    client.force_login(coordinator)
    url = reverse("mentorship:pair_end", args=[pairing.pk])

    refused = client.post(url, {"reason": PairEndReason.OTHER, "note": ""})
    with django_capture_on_commit_callbacks(execute=True):
        ended = client.post(url, {"reason": PairEndReason.MENTEE_REQUEST, "note": "Moving away"})

    assert refused.status_code == 400
    assert escape(services.END_NOTE_NEEDED) in refused.content.decode()
    assert ended.status_code == 302
    pairing.refresh_from_db()
    assert pairing.end_reason == PairEndReason.MENTEE_REQUEST and pairing.ended_on is not None
    assert [h.history_type for h in pairing.history.order_by("history_date")] == ["+", "~"]
    assert len(mail.outbox) == 2
    new = services.pairing_confirm(mentee=mentee, mentor=mentors["Good"], by=coordinator)
    assert Pairing.objects.filter(mentee=mentee).count() == 2 and new.is_active
