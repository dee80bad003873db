"""The program's focus: coordinators set each focus's defaults in the admin; a new agreement
starts from the focus of the mentee's stage, and the pair can change it."""

import pytest

from lms.mentorship import focus as focus_rules
from lms.mentorship import selectors, services
from lms.mentorship.choices import FocusKind, Frequency, MeetingFormat, RecoveryStage
from lms.mentorship.models import CheckinTopic, ProgramFocus
from tests.mentorship.factories import MenteeProfileFactory, MentorProfileFactory, PairingFactory

pytestmark = pytest.mark.django_db

# The defaults shipped by migration 0005 (docs/decisions/0171).
SHIPPED = {
    RecoveryStage.FIRST_WEEKS: (FocusKind.DETOX, Frequency.WEEKLY, 30),
    RecoveryStage.RESTARTING: (FocusKind.DETOX, Frequency.WEEKLY, 30),
    RecoveryStage.IN_TREATMENT: (FocusKind.OUTPATIENT, Frequency.WEEKLY, 60),
    RecoveryStage.LEAVING: (FocusKind.REINTEGRATION, Frequency.FORTNIGHTLY, 60),
    RecoveryStage.AFTER: (FocusKind.REINTEGRATION, Frequency.FORTNIGHTLY, 60),
}


def _pair(make_user, stage="", *, shared=True):
    from lms.accounts.roles import Role

    mentor, mentee = make_user(Role.MENTOR), make_user(Role.MENTEE)
    MentorProfileFactory(user=mentor)
    MenteeProfileFactory(user=mentee, recovery_stage=stage, share_recovery_stage=shared)
    return PairingFactory(mentor=mentor, mentee=mentee)


def _topic_ids(kind):
    return set(ProgramFocus.objects.get(kind=kind).topics.values_list("pk", flat=True))


def _form_initial(client, pairing, user=None):
    from django.urls import reverse

    client.force_login(user or pairing.mentor)
    response = client.get(reverse("mentorship:agreement_edit", args=[pairing.pk]))
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


def test_the_program_ships_a_focus_for_every_stage():
    assert set(SHIPPED) == set(RecoveryStage.values)
    for focus in ProgramFocus.objects.all():
        assert focus.topics.exists()
        assert focus.meeting_minutes >= focus_rules.MEETING_MINUTES_MIN
        assert focus.meeting_minutes <= focus_rules.MEETING_MINUTES_MAX


@pytest.mark.parametrize("stage", list(SHIPPED))
def test_a_new_agreement_starts_from_the_focus_of_the_mentees_stage(client, make_user, stage):
    kind, frequency, minutes = SHIPPED[stage]
    pairing = _pair(make_user, stage)

    defaults = selectors.agreement_defaults(pairing=pairing)
    form, page = _form_initial(client, pairing)

    assert (defaults.focus, defaults.frequency, defaults.meeting_minutes) == (
        kind,
        frequency,
        minutes,
    )
    assert set(defaults.topic_ids) == _topic_ids(kind)
    assert form.initial["focus"] == kind
    assert form.initial["frequency"] == frequency
    assert form.initial["meeting_minutes"] == minutes
    assert set(form.initial["topics"]) == _topic_ids(kind)
    assert FocusKind(kind).label in page


def test_a_coordinators_change_to_a_focus_reaches_the_next_new_agreement(client, make_user):
    detox = ProgramFocus.objects.get(kind=FocusKind.DETOX)
    detox.frequency, detox.meeting_minutes = Frequency.FORTNIGHTLY, 45
    detox.save()
    housing = CheckinTopic.objects.get(name="Housing")
    detox.topics.set([housing])

    pairing = _pair(make_user, RecoveryStage.FIRST_WEEKS)
    form, _ = _form_initial(client, pairing)

    assert form.initial["frequency"] == Frequency.FORTNIGHTLY
    assert form.initial["meeting_minutes"] == 45
    assert form.initial["topics"] == [housing.pk]


@pytest.mark.parametrize("how", ["no stage given", "focus not in use", "stage of no focus"])
def test_a_stage_with_no_focus_falls_back_to_the_usual_defaults(client, make_user, how):
    stage = "" if how == "no stage given" else RecoveryStage.IN_TREATMENT
    if how == "focus not in use":
        ProgramFocus.objects.filter(kind=FocusKind.OUTPATIENT).update(active=False)
    if how == "stage of no focus":
        ProgramFocus.objects.filter(kind=FocusKind.OUTPATIENT).update(stages=[])
    pairing = _pair(make_user, stage)

    assert selectors.agreement_defaults(pairing=pairing) == focus_rules.FALLBACK
    form, page = _form_initial(client, pairing)
    assert form.initial["focus"] == ""
    assert form.initial["frequency"] == Frequency.WEEKLY
    assert form.initial["meeting_minutes"] == focus_rules.MEETING_MINUTES_DEFAULT
    assert form.initial["topics"] == []
    assert "the program's usual defaults" in page


def test_a_mentee_who_keeps_their_stage_private_is_not_given_away_by_the_focus(
    client, make_user, coordinator
):
    """The focus names the stage, so the mentor's form starts from the usual defaults when the
    mentee does not share their stage; a coordinator's form starts from the focus."""
    pairing = _pair(make_user, RecoveryStage.RESTARTING, shared=False)

    form, page = _form_initial(client, pairing)
    assert form.initial["focus"] == ""
    assert form.initial["meeting_minutes"] == focus_rules.MEETING_MINUTES_DEFAULT
    assert "Detox support</option>" in page  # offered as a choice...
    assert "selected>Detox support" not in page  # ...never preselected
    assert "A coordinator can start it from the program focus" in page

    form, page = _form_initial(client, pairing, coordinator)
    assert form.initial["focus"] == FocusKind.DETOX
    assert "this mentee's stage: Detox support" in page


def test_the_pair_can_change_the_focus_and_its_defaults(client, make_user):
    from django.urls import reverse

    pairing = _pair(make_user, RecoveryStage.FIRST_WEEKS)
    housing = CheckinTopic.objects.get(name="Housing")
    client.force_login(pairing.mentor)
    response = client.post(
        reverse("mentorship:agreement_edit", args=[pairing.pk]),
        {
            "focus": FocusKind.REINTEGRATION,
            "frequency": Frequency.MONTHLY,
            "meeting_minutes": "90",
            "channel": MeetingFormat.PHONE,
            "channel_details": "",
            "topics": [str(housing.pk)],
            "goals": "Find a place to live.",
            "confidentiality": "What we say stays between us.",
        },
    )

    assert response.status_code == 302
    agreement = pairing.current_agreement()
    assert agreement.focus == FocusKind.REINTEGRATION
    assert (agreement.frequency, agreement.meeting_minutes) == (Frequency.MONTHLY, 90)
    assert list(agreement.topics.all()) == [housing]
    page = client.get(reverse("mentorship:agreement", args=[pairing.pk])).content.decode()
    assert "Reintegration after treatment" in page and "about 90 minutes" in page
    assert "Housing" in page
    # The next version starts from this one, not from the focus again.
    form, _ = _form_initial(client, pairing)
    assert form.initial["focus"] == FocusKind.REINTEGRATION
    assert form.initial["meeting_minutes"] == 90


@pytest.mark.parametrize("minutes", ["0", "14", "181", "9999", "-5", "sixty", ""])
def test_an_agreement_with_a_meeting_length_out_of_range_is_refused_and_keeps_the_input(
    client, make_user, minutes
):
    from django.urls import reverse

    pairing = _pair(make_user, RecoveryStage.FIRST_WEEKS)
    client.force_login(pairing.mentor)
    response = client.post(
        reverse("mentorship:agreement_edit", args=[pairing.pk]),
        {
            "focus": FocusKind.DETOX,
            "frequency": Frequency.WEEKLY,
            "meeting_minutes": minutes,
            "channel": MeetingFormat.VIDEO,
            "goals": "Kept goals text",
            "confidentiality": "Kept.",
        },
    )
    assert response.status_code == 400
    assert "meeting_minutes" in response.context["form"].errors
    assert "Kept goals text" in response.content.decode()
    assert not pairing.agreements.exists()


def test_the_service_refuses_a_length_or_focus_the_program_does_not_know(make_user):
    from django.core.exceptions import ValidationError

    pairing = _pair(make_user)
    common = {
        "pairing": pairing,
        "frequency": Frequency.WEEKLY,
        "channel": MeetingFormat.VIDEO,
        "channel_details": "",
        "goals": "Goals",
        "confidentiality": "Kept.",
        "by": pairing.mentor,
    }
    with pytest.raises(ValidationError) as error:
        services.agreement_save(**common, meeting_minutes=500)
    assert error.value.message_dict == {"meeting_minutes": [focus_rules.MINUTES_RANGE]}
    with pytest.raises(ValidationError) as error:
        services.agreement_save(**common, focus="residential")
    assert error.value.message_dict == {"focus": [focus_rules.UNKNOWN_FOCUS]}
    assert not pairing.agreements.exists()


# --- Coordinators edit focuses in the Wagtail admin ------------------------------------------


def _focus_post(focus, **changes):
    data = {
        "kind": focus.kind,
        "stages": list(focus.stages),
        "frequency": focus.frequency,
        "meeting_minutes": str(focus.meeting_minutes),
        "topics": [str(pk) for pk in focus.topics.values_list("pk", flat=True)],
        "active": "on" if focus.active else "",
        "sort_order": str(focus.sort_order),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _edit_url(focus):
    return f"/admin/mentorship_program_focuses/edit/{focus.pk}/"


def test_a_coordinator_changes_a_focus_in_the_admin(client, coordinator):
    focus = ProgramFocus.objects.get(kind=FocusKind.OUTPATIENT)
    housing = CheckinTopic.objects.get(name="Housing")
    client.force_login(coordinator)
    assert client.get(_edit_url(focus)).status_code == 200

    response = client.post(
        _edit_url(focus),
        _focus_post(focus, meeting_minutes="45", frequency="fortnightly", topics=[housing.pk]),
    )

    assert response.status_code == 302
    focus.refresh_from_db()
    assert (focus.meeting_minutes, focus.frequency) == (45, Frequency.FORTNIGHTLY)
    assert list(focus.topics.all()) == [housing]
    assert focus.history.count() == 2  # the seeded version and this change


BAD_VALUES = [
    ("meeting_minutes", "0", "meeting_minutes"),
    ("meeting_minutes", "14", "meeting_minutes"),
    ("meeting_minutes", "181", "meeting_minutes"),
    ("meeting_minutes", "99999999999", "meeting_minutes"),
    ("meeting_minutes", "an hour", "meeting_minutes"),
    ("meeting_minutes", None, "meeting_minutes"),
    ("frequency", "daily", "frequency"),
    ("frequency", None, "frequency"),
    ("topics", None, "topics"),
    ("topics", ["999999"], "topics"),
    ("stages", ["detox"], "stages"),
    ("kind", "residential", "kind"),
    ("kind", "detox", "kind"),  # another focus already has it
    ("stages", ["first_weeks"], "stages"),  # the detox focus already has this stage
]


@pytest.mark.parametrize(("name", "value", "field"), BAD_VALUES)
def test_bad_values_saved_through_the_admin_form_come_back_as_field_errors(
    client, coordinator, name, value, field
):
    focus = ProgramFocus.objects.get(kind=FocusKind.OUTPATIENT)
    before = (focus.meeting_minutes, focus.frequency, list(focus.stages), focus.kind)
    client.force_login(coordinator)
    data = _focus_post(focus, **{name: value})
    if value is None:
        data.pop(name, None)

    response = client.post(_edit_url(focus), data)

    assert response.status_code == 200  # the form again, not a redirect and not a 500
    form = response.context["form"]
    assert field in form.errors, form.errors
    if value == ["first_weeks"]:
        assert "Detox support" in str(form.errors["stages"])
    if name == "topics" and value is None:
        assert form.errors["topics"] == [focus_rules.TOPIC_NEEDED]
    focus.refresh_from_db()
    assert (focus.meeting_minutes, focus.frequency, list(focus.stages), focus.kind) == before


def test_a_focus_not_in_use_gives_up_its_stages_to_another(client, coordinator):
    """A retired focus claims no stage, so another can take it."""
    client.force_login(coordinator)
    detox = ProgramFocus.objects.get(kind=FocusKind.DETOX)
    outpatient = ProgramFocus.objects.get(kind=FocusKind.OUTPATIENT)
    assert client.post(_edit_url(detox), _focus_post(detox, active="")).status_code == 302

    response = client.post(
        _edit_url(outpatient),
        _focus_post(outpatient, stages=["in_treatment", "first_weeks"]),
    )

    assert response.status_code == 302
    outpatient.refresh_from_db()
    assert outpatient.stages == ["in_treatment", "first_weeks"]


def test_coordinators_cannot_delete_a_focus_and_others_cannot_open_the_admin(
    client, coordinator, mentor
):
    focus = ProgramFocus.objects.first()
    client.force_login(coordinator)
    response = client.post(f"/admin/mentorship_program_focuses/delete/{focus.pk}/")
    assert ProgramFocus.objects.filter(pk=focus.pk).exists()
    assert response.status_code == 302
    client.force_login(mentor)
    assert client.get(_edit_url(focus)).status_code == 302
