"""Demo pairing data (development only): one pair with an agreement, check-ins, feedback and
milestones; one unpaired mentee with mentors ranked for her; mentors in several states.

Runs after lms.accounts.demo and credentials.demo. Dates are relative to the first load; later loads
change nothing (profiles and the pair are made once).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lms.accounts.demo import demo_user, demo_user_without_sign_in
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common.quarters import Quarter
from lms.mentorship import applications, scoring, selectors, services
from lms.mentorship.choices import (
    ApplicationStage,
    Frequency,
    Language,
    MeetingFormat,
    MentorGender,
    PairEndReason,
    Recommendation,
    RecoveryStage,
    SupportStyle,
    TimeInRecovery,
    TimeSlot,
)
from lms.mentorship.models import (
    CheckIn,
    CheckinTopic,
    ConcernNotification,
    ExperienceArea,
    Goal,
    MenteeProfile,
    MentorApplication,
    MentorProfile,
    Pairing,
    RubricCriterion,
)
from lms.mentorship.texts import CONFIDENTIALITY_GUIDELINES
from lms.training.demo import cohort_email, demo_progress
from lms.training.models import TrackCompletion

SECOND_MENTEE = ("mentee2@example.org", "Robin", "", Role.MENTEE)
CLINICIAN = ("clinician@example.org", "Morgan", "Hale", Role.CLINICIAN)

# One applicant at each stage of selection: (email, first name, path walked, days ago applied).
S = ApplicationStage
APPLICANTS = [
    ("applicant.applied@example.org", "Avery", [], 3),
    ("applicant.interview@example.org", "Blake", [S.INTERVIEW], 12),
    ("applicant.training@example.org", "Cameron", [S.INTERVIEW, S.IN_TRAINING], 30),
    ("applicant.approved@example.org", "Drew", [S.INTERVIEW, S.IN_TRAINING, S.APPROVED], 60),
    (
        "applicant.active@example.org",
        "Emerson",
        [S.INTERVIEW, S.IN_TRAINING, S.APPROVED, S.ACTIVE],
        90,
    ),
    ("applicant.paused@example.org", "Finley", [S.INTERVIEW, S.PAUSED], 20),
    ("applicant.withdrawn@example.org", "Gray", [S.WITHDRAWN], 15),
]
MOVE_REASONS = {
    S.INTERVIEW: "Lived experience and availability fit the program; invited to talk.",
    S.IN_TRAINING: "Interview went well; starting the training track.",
    S.APPROVED: "Training completed; references contacted.",
    S.ACTIVE: "Ready to be paired.",
    S.PAUSED: "Asked to wait a few months for family reasons.",
    S.WITHDRAWN: "Applicant decided not to go ahead for now.",
}
TRAINED_MENTOR = ("taylor.mentor@example.org", "Taylor", "Brooks", Role.MENTOR)

MENTORS = {
    # email: (areas, goals, stages, formats, times, languages, gender, style, capacity, shares)
    "mentor@example.org": (
        [
            "Opioid use",
            "Medication for opioid use disorder (MOUD)",
            "Parenting and family reunification",
        ],
        [
            "Staying connected to care and appointments",
            "Building a support network",
            "Family and relationships",
        ],
        [RecoveryStage.FIRST_WEEKS, RecoveryStage.IN_TREATMENT, RecoveryStage.LEAVING],
        [MeetingFormat.IN_PERSON, MeetingFormat.VIDEO],
        [TimeSlot.WEEKDAY_EVENING, TimeSlot.WEEKEND_DAYTIME],
        [Language.ENGLISH, Language.SPANISH],
        MentorGender.WOMAN,
        SupportStyle.BOTH,
        3,
        ["experience_areas", "availability", "languages"],
    ),
    "taylor.mentor@example.org": (
        ["Alcohol use", "Returning to work or school"],
        ["Finding or keeping work", "Money and budgeting", "Healthy daily routines"],
        [RecoveryStage.LEAVING, RecoveryStage.AFTER],
        [MeetingFormat.PHONE, MeetingFormat.VIDEO],
        [TimeSlot.WEEKDAY_MORNING, TimeSlot.WEEKDAY_EVENING],
        [Language.ENGLISH],
        MentorGender.MAN,
        SupportStyle.PRACTICAL,
        2,
        ["goals", "support_style"],
    ),
    "mentor2@example.org": (
        ["Alcohol use", "Mental health alongside substance use"],
        ["Managing stress and triggers", "Healthy daily routines"],
        [RecoveryStage.IN_TREATMENT, RecoveryStage.LEAVING],
        [MeetingFormat.VIDEO],
        [TimeSlot.WEEKDAY_EVENING],
        [Language.ENGLISH],
        MentorGender.NOT_SAID,
        SupportStyle.EMOTIONAL,
        2,
        [],
    ),
    # Made by credentials.demo (active CRS, and an expired one): used when present.
    "jordan.mentor@example.org": (
        ["Alcohol use", "Justice involvement and re-entry"],
        ["Finding or keeping work", "Meeting legal or court obligations", "Stable housing"],
        [RecoveryStage.LEAVING, RecoveryStage.AFTER, RecoveryStage.RESTARTING],
        [MeetingFormat.IN_PERSON, MeetingFormat.PHONE],
        [TimeSlot.WEEKDAY_MORNING, TimeSlot.WEEKDAY_AFTERNOON],
        [Language.ENGLISH],
        MentorGender.NON_BINARY,
        SupportStyle.PRACTICAL,
        2,
        ["experience_areas"],
    ),
    "alex.mentor@example.org": (
        ["Stimulant use (cocaine, methamphetamine)", "Homelessness or unstable housing"],
        ["Stable housing", "Building a support network"],
        [RecoveryStage.AFTER],
        [MeetingFormat.IN_PERSON],
        [TimeSlot.WEEKEND_DAYTIME],
        [Language.ENGLISH, Language.SPANISH],
        MentorGender.MAN,
        SupportStyle.BOTH,
        1,
        [],
    ),
}

MENTEES = {
    # email: (areas, goals, stage, formats, times, languages, gender pref, style, shares)
    "mentee@example.org": (
        ["Opioid use", "Medication for opioid use disorder (MOUD)"],
        ["Staying connected to care and appointments", "Building a support network"],
        RecoveryStage.IN_TREATMENT,
        [MeetingFormat.IN_PERSON, MeetingFormat.VIDEO],
        [TimeSlot.WEEKDAY_EVENING],
        [Language.ENGLISH],
        "",
        SupportStyle.BOTH,
        ["goals", "availability", "languages"],
    ),
    "mentee2@example.org": (
        ["Alcohol use"],
        ["Finding or keeping work", "Managing stress and triggers", "Healthy daily routines"],
        RecoveryStage.LEAVING,
        [MeetingFormat.PHONE, MeetingFormat.VIDEO],
        [TimeSlot.WEEKDAY_MORNING, TimeSlot.WEEKDAY_EVENING],
        [Language.ENGLISH],
        "",
        SupportStyle.PRACTICAL,
        ["goals"],
    ),
}

CHECKINS = [
    # (days after pairing, minutes, format, topics, notes, mentee rating or None)
    (
        3,
        60,
        MeetingFormat.IN_PERSON,
        ["How the week went", "Goals and next steps"],
        "First meeting. Wrote our agreement together. Sam wants help keeping appointments.",
        5,
    ),
    (
        10,
        45,
        MeetingFormat.VIDEO,
        ["Coping with cravings or triggers", "Stress and emotions"],
        "Talked through a hard weekend and what helped. Agreed on a plan for evenings.",
        4,
    ),
    (
        17,
        50,
        MeetingFormat.VIDEO,
        ["Health and appointments", "Support meetings and community"],
        "Sam went to two appointments and tried a community group.",
        None,
    ),
    (
        31,
        60,
        MeetingFormat.IN_PERSON,
        ["Celebrating progress", "Family and relationships"],
        "A month together. Sam has joined a weekly group; talked about family visits.",
        None,
    ),
]


def _ids(model, names):
    return list(model.objects.filter(name__in=names).values_list("pk", flat=True))


def _mentor_profile(user, spec, *, now):
    areas, goals, stages, formats, times, languages, gender, style, capacity, shares = spec
    if MentorProfile.objects.filter(user=user).exists():
        return
    data = {
        "experience_areas": _ids(ExperienceArea, areas),
        "goals": _ids(Goal, goals),
        "stages": list(stages),
        "formats": list(formats),
        "times": list(times),
        "languages": list(languages),
        "gender": gender,
        "support_style": style,
        "capacity": capacity,
        **{f"share_{field}": True for field in shares},
    }
    services.mentor_profile_save(
        mentor=user, data=data, by=user, consent=True, reason="Demo data", now=now
    )


def _mentee_profile(user, spec, *, now):
    areas, goals, stage, formats, times, languages, gender_pref, style, shares = spec
    if MenteeProfile.objects.filter(user=user).exists():
        return
    data = {
        "experience_areas": _ids(ExperienceArea, areas),
        "goals": _ids(Goal, goals),
        "recovery_stage": stage,
        "formats": list(formats),
        "times": list(times),
        "languages": list(languages),
        "gender_preference": gender_pref,
        "support_style": style,
        **{f"share_{field}": True for field in shares},
    }
    services.mentee_profile_save(mentee=user, data=data, by=user, consent=True, now=now)


def _at(day, hour=18):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _weekly_agreement(*, pairing, on, channel_details, goals, mentee_acknowledges):
    """The pair's agreement, from the focus of the mentee's stage, to meet weekly by video:
    written by the mentor on `on` and acknowledged by both."""
    defaults = selectors.agreement_defaults(pairing=pairing)
    agreement = services.agreement_save(
        pairing=pairing,
        focus=defaults.focus,
        meeting_minutes=defaults.meeting_minutes,
        topics=defaults.topic_ids,
        frequency=Frequency.WEEKLY,
        channel=MeetingFormat.VIDEO,
        channel_details=channel_details,
        goals=goals,
        confidentiality=CONFIDENTIALITY_GUIDELINES,
        by=pairing.mentor,
        now=_at(on),
    )
    services.agreement_acknowledge(agreement=agreement, user=pairing.mentor, now=_at(on, 19))
    services.agreement_acknowledge(
        agreement=agreement, user=pairing.mentee, now=mentee_acknowledges
    )


def _demo_pair(*, mentor, mentee, coordinator, today):
    """Paired 45 days ago: agreement acknowledged by both, four check-ins (the last 14 days ago,
    so the weekly pair shows as overdue), feedback on two, the 30-day milestone and a goal met."""
    if Pairing.objects.filter(mentee=mentee).exists():
        return
    paired_on = today - timedelta(days=45)
    match = scoring.score(
        selectors.mentee_facts(profile=mentee.mentee_profile),
        selectors.mentor_facts(profiles=[mentor.mentor_profile], today=today)[0],
        selectors.weights_current(),
    )
    # Created directly rather than by pairing_confirm: it stands for a pairing made in the
    # past, and the demo mentor is qualified through the credentials app's provider.
    pairing = Pairing.objects.create(
        mentor=mentor,
        mentee=mentee,
        paired_on=paired_on,
        confirmed_at=_at(paired_on, 10),
        confirmed_by=coordinator,
        match=match.as_dict(),
    )
    first = paired_on + timedelta(days=3)
    _weekly_agreement(
        pairing=pairing,
        on=first,
        channel_details="Tuesday evenings; in person once a month",
        goals="Keep every appointment this month.\nFind one community group Sam likes.",
        mentee_acknowledges=_at(first + timedelta(days=1)),
    )
    topics = {t.name: t.pk for t in CheckinTopic.objects.all()}
    for days, minutes, meeting_format, names, notes, rating in CHECKINS:
        met_on = paired_on + timedelta(days=days)
        checkin = services.checkin_log(
            pairing=pairing,
            by=mentor,
            met_on=met_on,
            duration_minutes=minutes,
            meeting_format=meeting_format,
            topics=[topics[n] for n in names if n in topics],
            notes=notes,
            now=_at(met_on, 20),
        )
        if rating is not None:
            services.feedback_give(
                checkin=checkin,
                mentee=mentee,
                rating=rating,
                comment="Helpful, thank you." if rating == 5 else "",
                now=_at(met_on + timedelta(days=1)),
            )
    services.milestones_record_due(pairings=[pairing], today=today)
    goal_day = paired_on + timedelta(days=31)
    services.milestone_goal_met(
        pairing=pairing,
        note="Building a support network: joined a weekly community group",
        reached_on=goal_day,
        by=mentor,
        now=_at(goal_day, 21),
    )


def _serving_mentor(user, *, coordinator, now):
    """The demo's mentors were serving before selection: active, as the migration counts them
    (docs/decisions/0071)."""
    if MentorApplication.objects.filter(user=user).exists():
        return
    application = applications.application_submit(
        user=user, data={"time_in_recovery": TimeInRecovery.NOT_SAID}, now=now
    )
    MentorApplication.objects.filter(pk=application.pk).update(stage=S.ACTIVE, stage_since=now)
    application.decisions.create(
        from_stage=S.APPLIED,
        to_stage=S.ACTIVE,
        reason="Mentor before selection was recorded in the program",
        decided_by=coordinator,
        decided_by_email=getattr(coordinator, "email", ""),
        decided_at=now,
    )


def _applicants(*, password, coordinator, now):
    """One applicant at each stage, with interviews scored for those who had one."""
    criteria = list(RubricCriterion.objects.active())
    rows = []
    for index, (email, first, path, days) in enumerate(APPLICANTS):
        user = demo_user(
            email=email, first_name=first, last_name="Demo", role=Role.MENTOR, password=password
        )
        rows.append((email, "Mentor applicant"))
        if MentorApplication.objects.filter(user=user).exists() or coordinator is None:
            continue
        applied_at = now - timedelta(days=days)
        application = applications.application_submit(
            user=user,
            data={
                "time_in_recovery": list(TimeInRecovery.values)[index % 5],
                "reference_1_name": "Pat Reference",
                "reference_1_contact": "pat.reference@example.org",
            },
            profile_data={"formats": [MeetingFormat.VIDEO], "languages": [Language.ENGLISH]},
            now=applied_at,
        )
        for step, stage in enumerate(path, start=1):
            at = applied_at + timedelta(days=step * days / (len(path) + 1))
            applications.application_move(
                application=application,
                to_stage=stage,
                reason=MOVE_REASONS[stage],
                by=coordinator,
                now=at,
            )
            application.refresh_from_db()
            if stage == S.INTERVIEW and criteria:
                applications.interview_record(
                    application=application,
                    held_on=timezone.localdate(at),
                    recommendation=Recommendation.RECOMMEND
                    if len(path) > 2
                    else Recommendation.WITH_SUPPORT,
                    scores={
                        c.pk: (3 + (i + index) % 2, "Seen in the role play.")
                        for i, c in enumerate(criteria)
                    },
                    summary="Warm, clear; talked through boundaries with examples.",
                    by=coordinator,
                    now=at,
                )
    return rows


def _handled_concern(*, mentor, clinician, now):
    """A concern the mentor raised on a check-in, acted on and closed by the clinician."""
    pairing = Pairing.objects.active().filter(mentor=mentor).first()
    if pairing is None or CheckIn.objects.filter(pairing=pairing, concern=True).exists():
        return
    # Between the demo's third and fourth meetings, so the pair's latest check-in stays the same.
    met_on = pairing.paired_on + timedelta(days=24)
    checkin = services.checkin_log(
        pairing=pairing,
        by=mentor,
        met_on=met_on,
        duration_minutes=30,
        meeting_format=MeetingFormat.PHONE,
        notes="Sam sounded low and was not sleeping; asked for the clinical team to check in.",
        concern=True,
        now=_at(met_on, 21),
    )
    notification = ConcernNotification.objects.get(checkin=checkin)
    services.concern_action_record(
        notification=notification,
        by=clinician,
        note="Spoke with Sam the next morning; an appointment with the care team was moved up.",
        resolves=True,
        now=_at(met_on + timedelta(days=1), 10),
    )


def load(*, password: str) -> list[tuple[str, str]]:
    """Profiles, one pair and one unpaired mentee; returns the new accounts for the console."""
    now = timezone.now()
    today = timezone.localdate(now)
    rows = []
    for email, first, last, role in (SECOND_MENTEE, TRAINED_MENTOR):
        demo_user(email=email, first_name=first, last_name=last, role=role, password=password)
        rows.append((email, role.value))
    # Taylor has completed the whole training track, so is qualified even without a CRS record.
    taylor = User.objects.get(email=TRAINED_MENTOR[0])
    demo_progress(user=taylor)

    coordinator = User.objects.filter(email="coordinator@example.org").first()
    for email, spec in MENTORS.items():
        user = User.objects.filter(email=email).first()
        if user is not None:
            _mentor_profile(user, spec, now=now)
            _serving_mentor(user, coordinator=coordinator, now=now)
    for email, mentee_spec in MENTEES.items():
        user = User.objects.filter(email=email).first()
        if user is not None:
            _mentee_profile(user, mentee_spec, now=now)

    mentor = User.objects.filter(email="mentor@example.org").first()
    mentee = User.objects.filter(email="mentee@example.org").first()
    if mentor is not None and mentee is not None:
        _demo_pair(mentor=mentor, mentee=mentee, coordinator=coordinator, today=today)

    clinician = demo_user(
        email=CLINICIAN[0],
        first_name=CLINICIAN[1],
        last_name=CLINICIAN[2],
        role=CLINICIAN[3],
        password=password,
    )
    rows.append((CLINICIAN[0], CLINICIAN[3].value))
    if mentor is not None:
        _handled_concern(mentor=mentor, clinician=clinician, now=now)
    rows += _applicants(password=password, coordinator=coordinator, now=now)
    return rows


# --------------------------------------------------------------------------- last quarter's pairs

# Six of last quarter's cohort (lms.training.demo.load_cohort) mentored once certified: each pair
# met weekly until it ended before the quarter did, the mentee rated every other meeting, and one
# concern was raised and resolved. The mentees have first names only, and their accounts were
# closed when their pairs ended, so today's lists do not show them.
COHORT_PAIRS = [
    # (mentee's first name, end reason, days before the quarter's last day it ended)
    ("Avery", PairEndReason.GOALS_MET, 0),
    ("Blair", PairEndReason.GOALS_MET, 2),
    ("Cody", PairEndReason.MENTEE_REQUEST, 5),
    ("Devon", PairEndReason.GOALS_MET, 1),
    ("Emery", PairEndReason.NO_CONTACT, 4),
    ("Flynn", PairEndReason.CLINICAL_DECISION, 3),
]
COHORT_RATINGS = (5, 4, 5, 3, 4, 5)


def cohort_mentee_email(number: int) -> str:
    return f"cohort.mentee{number:02d}@example.org"


def _cohort_pair(*, mentor, mentee, coordinator, clinician, paired_on, ends_on, reason, index):
    pairing = Pairing.objects.create(
        mentor=mentor,
        mentee=mentee,
        paired_on=paired_on,
        confirmed_at=_at(paired_on, 10),
        confirmed_by=coordinator,
    )
    first = paired_on + timedelta(days=2)
    _weekly_agreement(
        pairing=pairing,
        on=first,
        channel_details="Weekly video call",
        goals="Keep every appointment.",
        mentee_acknowledges=_at(first, 20),
    )
    met_on, meeting = first, 0
    while met_on < ends_on:
        concern = index == 0 and meeting == 2
        checkin = services.checkin_log(
            pairing=pairing,
            by=mentor,
            met_on=met_on,
            duration_minutes=45,
            meeting_format=MeetingFormat.VIDEO,
            notes="Asked for the clinical team to check in." if concern else "Weekly check-in.",
            concern=concern,
            now=_at(met_on, 20),
        )
        if concern and clinician is not None:
            services.concern_action_record(
                notification=ConcernNotification.objects.get(checkin=checkin),
                by=clinician,
                note="Called the next morning; an appointment was moved up.",
                resolves=True,
                now=_at(met_on + timedelta(days=1), 10),
            )
        if meeting % 2 == 0:
            services.feedback_give(
                checkin=checkin,
                mentee=mentee,
                rating=COHORT_RATINGS[(index + meeting) % len(COHORT_RATINGS)],
                now=_at(met_on + timedelta(days=1)),
            )
        met_on += timedelta(days=7)
        meeting += 1
    services.milestones_record_due(pairings=[pairing], today=ends_on)
    services.pairing_end(
        pairing=pairing, reason=reason, note="", by=coordinator, now=_at(ends_on, 12)
    )


def load_cohort_pairs(*, password: str) -> list[tuple[str, str]]:
    """Last quarter's pairs: each of the cohort's first six mentors paired two days after they
    completed the track (their certificate is dated that day), through the real services at the
    days things happened. Nothing changes once the first cohort mentee exists, or when the
    cohort is not there."""
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    clinician = User.objects.filter(email=CLINICIAN[0]).first()
    if coordinator is None or User.objects.filter(email=cohort_mentee_email(1)).exists():
        return []
    quarter = Quarter.containing(timezone.localdate()).previous
    for index, (name, reason, days_before_end) in enumerate(COHORT_PAIRS):
        mentor = User.objects.filter(email=cohort_email(index + 1)).first()
        completed_at = (
            TrackCompletion.objects.filter(user=mentor)
            .order_by("completed_at")
            .values_list("completed_at", flat=True)
            .first()
        )
        if mentor is None or completed_at is None:
            return []
        mentee = demo_user_without_sign_in(
            email=cohort_mentee_email(index + 1), first_name=name, role=Role.MENTEE
        )
        _cohort_pair(
            mentor=mentor,
            mentee=mentee,
            coordinator=coordinator,
            clinician=clinician,
            paired_on=timezone.localdate(completed_at) + timedelta(days=2),
            ends_on=quarter.last_day - timedelta(days=days_before_end),
            reason=reason,
            index=index,
        )
        User.objects.filter(pk=mentee.pk).update(is_active=False)
    return [(cohort_mentee_email(1), f"Mentee, 1 of {len(COHORT_PAIRS)} in {quarter}, closed")]
