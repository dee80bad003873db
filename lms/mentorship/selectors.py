"""Reads of the mentorship program: candidates for a mentee, dashboards, what each side may see
of the other, and a mentee's whole record for export. Keyword-only; `today=None` is New York's.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from lms.accounts.models import User
from lms.accounts.roles import Role, user_has_role
from lms.mentorship import focus as focus_rules
from lms.mentorship import scoring, selection
from lms.mentorship.caches import BOARD_VERSION_KEY
from lms.mentorship.choices import (
    ApplicationStage,
    Frequency,
    Language,
    MeetingFormat,
    MilestoneKind,
    RecoveryStage,
    ShareableMenteeField,
    ShareableMentorField,
    TimeSlot,
)
from lms.mentorship.eligibility import qualified_mentor_ids
from lms.mentorship.models import (
    AccessLogEntry,
    Agreement,
    CheckIn,
    ConcernNotification,
    DataRequest,
    MeetingFeedback,
    MenteeProfile,
    MentorApplication,
    MentorProfile,
    Milestone,
    Pairing,
    ProgramFocus,
    ScoringWeights,
)
from lms.mentorship.models.pairs import PairingQuerySet
from lms.mentorship.schedule import CheckinDue, checkin_due
from lms.ops import versioned

COORDINATOR = "coordinator"
MENTOR = "mentor"
MENTEE = "mentee"


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def labels(values, choices) -> str:
    """'Video call, Phone call' from ['video', 'phone'], in the choices' order."""
    wanted = set(values or ())
    return ", ".join(label for value, label in choices.choices if value in wanted)


# --- Weights --------------------------------------------------------------------------------


def weights_row() -> ScoringWeights:
    row, _ = ScoringWeights.objects.get_or_create(pk=ScoringWeights.SINGLETON_ID)
    return row


def weights_current() -> scoring.Weights:
    return weights_row().as_weights()


def weights_history(*, limit: int = 20) -> list:
    return list(
        ScoringWeights.history.select_related("history_user").order_by("-history_date")[:limit]
    )


# --- Facts for scoring ----------------------------------------------------------------------


def mentee_facts(*, profile: MenteeProfile) -> scoring.MenteeFacts:
    return scoring.MenteeFacts(
        experience_areas=frozenset(a.name for a in profile.experience_areas.all()),
        goals=frozenset(g.name for g in profile.goals.all()),
        stage=profile.recovery_stage,
        formats=frozenset(profile.formats),
        times=frozenset(profile.times),
        languages=frozenset(profile.languages),
        gender_preference=profile.gender_preference,
        support_style=profile.support_style,
    )


def mentor_profiles() -> QuerySet[MentorProfile]:
    """Profiles of active accounts in the Mentor group, with their lists prefetched."""
    return (
        MentorProfile.objects.filter(user__is_active=True, user__groups__name=Role.MENTOR)
        .select_related("user")
        .prefetch_related("experience_areas", "goals")
        .distinct()
    )


def active_pair_counts(*, mentor_ids) -> dict[int, int]:
    return dict(
        Pairing.objects.active()
        .filter(mentor_id__in=list(mentor_ids))
        .values_list("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )


def pairable_mentor_ids(*, user_ids) -> set[int]:
    """The ids among `user_ids` whose application is approved or active (selection.PAIRABLE)."""
    return set(
        MentorApplication.objects.filter(
            user_id__in=list(user_ids), stage__in=selection.PAIRABLE
        ).values_list("user_id", flat=True)
    )


def mentor_facts(*, profiles, today: date | None = None) -> list[scoring.MentorFacts]:
    """Scoring facts for these profiles: qualification, capacity left, what they offer."""
    today = _today(today)
    profiles = list(profiles)
    ids = [p.user_id for p in profiles]
    qualified = qualified_mentor_ids(user_ids=ids, today=today)
    approved = pairable_mentor_ids(user_ids=ids)
    taken = active_pair_counts(mentor_ids=ids)
    return [
        scoring.MentorFacts(
            id=p.user_id,
            name=p.user.get_full_name() or p.user.email,
            experience_areas=frozenset(a.name for a in p.experience_areas.all()),
            goals=frozenset(g.name for g in p.goals.all()),
            stages=frozenset(p.stages),
            formats=frozenset(p.formats),
            times=frozenset(p.times),
            languages=frozenset(p.languages),
            gender=p.gender,
            support_style=p.support_style,
            capacity_left=p.capacity - taken.get(p.user_id, 0),
            status=p.status,
            qualified=p.user_id in qualified,
            consented=p.consented_at is not None,
            approved=p.user_id in approved,
        )
        for p in profiles
    ]


@dataclass
class Candidates:
    ranked: list[scoring.Score]
    ineligible: list[tuple[scoring.MentorFacts, list[str]]]
    weights: scoring.Weights


def mentor_candidates(*, profile: MenteeProfile, today: date | None = None) -> Candidates:
    """Eligible mentors for this mentee, best first with reasons; and the others with why not."""
    weights = weights_current()
    facts = mentor_facts(profiles=mentor_profiles(), today=today)
    mentee = mentee_facts(profile=profile)
    ineligible = [(f, problems) for f in facts if (problems := scoring.ineligibility(f))]
    return Candidates(
        ranked=scoring.rank(mentee, facts, weights), ineligible=ineligible, weights=weights
    )


# --- Program focus --------------------------------------------------------------------------


def focus_defaults() -> list[focus_rules.AgreementDefaults]:
    """The defaults of every focus in use, in the coordinators' order."""
    return [f.as_defaults() for f in ProgramFocus.objects.active().prefetch_related("topics")]


def agreement_defaults(
    *, pairing: Pairing, for_mentor: bool = False
) -> focus_rules.AgreementDefaults:
    """What a new agreement of this pair starts from: the focus of the mentee's stage, or the
    program's fallback when the mentee gave no stage or no focus in use claims it.

    `for_mentor`: the focus would tell the mentor the mentee's stage, so a mentee who keeps
    their stage from their mentor gets the fallback (a coordinator can start it from the focus)."""
    row = (
        MenteeProfile.objects.filter(user_id=pairing.mentee_id)
        .values_list("recovery_stage", "share_recovery_stage")
        .first()
    )
    stage, shared = row or ("", False)
    if for_mentor and not shared:
        stage = ""
    return focus_rules.defaults_for_stage(stage or "", focus_defaults())


# --- Who may see a pair ---------------------------------------------------------------------


def pairing_role(*, pairing: Pairing, user) -> str | None:
    """How this user relates to the pair: coordinator, its mentor, its mentee, or None."""
    if not user.is_authenticated:
        return None
    if user_has_role(user, Role.COORDINATOR):
        return COORDINATOR
    if pairing.mentor_id == user.pk and user_has_role(user, Role.MENTOR):
        return MENTOR
    if pairing.mentee_id == user.pk and user_has_role(user, Role.MENTEE):
        return MENTEE
    return None


# --- Pair status: agreement, next check-in, milestones ---------------------------------------


@dataclass
class PairStatus:
    pairing: Pairing
    agreement: Agreement | None
    last_met_on: date | None
    due: CheckinDue
    milestones: list[Milestone] = field(default_factory=list)
    checkin_count: int = 0

    @property
    def needs_acknowledgement(self) -> bool:
        return self.agreement is None or not self.agreement.fully_acknowledged


def pair_statuses(*, pairings, today: date | None = None) -> list[PairStatus]:
    """Status of each pair in a fixed number of queries, whatever the number of pairs."""
    today = _today(today)
    pairings = list(pairings)
    ids = [p.pk for p in pairings]
    latest: dict[int, Agreement] = {}
    for agreement in Agreement.objects.filter(pairing_id__in=ids).order_by("pairing_id", "version"):
        latest[agreement.pairing_id] = agreement
    met = {
        row["pairing_id"]: (row["last"], row["n"])
        for row in CheckIn.objects.filter(pairing_id__in=ids)
        .values("pairing_id")
        .annotate(last=Max("met_on"), n=Count("pk"))
    }
    milestones = defaultdict(list)
    for milestone in Milestone.objects.filter(pairing_id__in=ids).order_by("reached_on", "pk"):
        milestones[milestone.pairing_id].append(milestone)
    statuses = []
    for pairing in pairings:
        current = latest.get(pairing.pk)
        last, count = met.get(pairing.pk, (None, 0))
        due = checkin_due(
            paired_on=pairing.paired_on,
            last_met_on=last,
            frequency=current.frequency if current else None,
            today=today,
        )
        statuses.append(
            PairStatus(pairing, current, last, due, milestones[pairing.pk], checkin_count=count)
        )
    return statuses


def _pairs() -> PairingQuerySet:
    return Pairing.objects.select_related("mentor", "mentee")


UNQUALIFIED_CREDENTIAL = "Training certificate revoked, or CRS credential no longer in force"
UNQUALIFIED_SELECTION = "Selection: {stage}"


@dataclass
class UnqualifiedPair:
    """An active pair whose mentor could no longer be paired today, and why."""

    status: PairStatus
    reasons: list[str]

    @property
    def pairing(self) -> Pairing:
        return self.status.pairing


def unqualified_pairs(*, active: list[PairStatus], today: date) -> list[UnqualifiedPair]:
    """Active pairs whose mentor lost their qualification (certificate revoked, credential not
    in force) or whose application a coordinator paused or withdrew."""
    mentor_ids = {s.pairing.mentor_id for s in active}
    qualified = qualified_mentor_ids(user_ids=mentor_ids, today=today)
    aside = dict(
        MentorApplication.objects.filter(
            user_id__in=mentor_ids, stage__in=selection.ASIDE
        ).values_list("user_id", "stage")
    )
    found = []
    for status in active:
        mentor_id = status.pairing.mentor_id
        reasons = []
        if mentor_id not in qualified:
            reasons.append(UNQUALIFIED_CREDENTIAL)
        if mentor_id in aside:
            stage = ApplicationStage(aside[mentor_id]).label.lower()
            reasons.append(UNQUALIFIED_SELECTION.format(stage=stage))
        if reasons:
            found.append(UnqualifiedPair(status, reasons))
    return found


@dataclass
class CoordinatorDashboard:
    """The coordinator's board. Each list holds at most BOARD_LIST_LIMIT rows, the most urgent
    first; `totals` says how many there are in all (the full lists are paged, `board_pairs`)."""

    active: list[PairStatus]
    overdue: list[PairStatus]
    awaiting_agreement: list[PairStatus]
    open_concerns: list[ConcernNotification]
    recent_milestones: list[Milestone]
    unpaired_mentees: int
    unqualified: list[UnqualifiedPair] = field(default_factory=list)
    pairs_by_state: list[tuple[str, int]] = field(default_factory=list)
    checkins_by_week: list[tuple[date, int]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    counted_at: datetime | None = None


CHART_WEEKS = 12
PAIR_STATES = ("Up to date", "Overdue for a check-in", "Agreement not acknowledged", "Ended")
BOARD_LIST_LIMIT = 10
# The board's lists of active pairs, by what needs doing (the keys of BoardIndex.lists).
BOARD_LISTS = {
    "unqualified": "Mentors no longer qualified, still paired",
    "overdue": "Pairs overdue for a check-in",
    "awaiting_agreement": "Agreements waiting",
    "active": "Active pairs",
}
BOARD_KEY = "mentorship:board:{version}:{today}"
# A safety net only: every change the program's own pages make bumps the version at once.
BOARD_TIMEOUT = 5 * 60


def pair_state_counts(*, active: list[PairStatus]) -> list[tuple[str, int]]:
    """Pairs in each state, each pair counted once: an overdue pair is overdue whatever its
    agreement; ended pairs are counted over the program's whole history (one query)."""
    overdue = sum(1 for s in active if s.due.overdue)
    waiting = sum(1 for s in active if not s.due.overdue and s.needs_acknowledgement)
    ended = Pairing.objects.filter(ended_at__isnull=False).count()
    counts = (len(active) - overdue - waiting, overdue, waiting, ended)
    return list(zip(PAIR_STATES, counts, strict=True))


def checkins_per_week(*, today: date, weeks: int = CHART_WEEKS) -> list[tuple[date, int]]:
    """(Monday, check-ins met that week) for the last `weeks` weeks, this one included; a week
    with none is there with 0. One query, grouped by day, so it stays small."""
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    per_week: dict[date, int] = defaultdict(int)
    for row in (
        CheckIn.objects.filter(met_on__gte=first, met_on__lte=today)
        .order_by("met_on")
        .values("met_on")
        .annotate(n=Count("pk"))
    ):
        met_on = row["met_on"]
        per_week[met_on - timedelta(days=met_on.weekday())] += row["n"]
    mondays = [first + timedelta(weeks=i) for i in range(weeks)]
    return [(monday, per_week[monday]) for monday in mondays]


@dataclass
class BoardIndex:
    """What the board needs to know of every active pair, as ids and numbers (small to cache):
    each list's pair ids in the order shown, the reasons of the unqualified, the charts' counts."""

    counted_at: datetime
    lists: dict[str, list[int]]
    reasons: dict[int, list[str]]
    pairs_by_state: list[tuple[str, int]]
    checkins_by_week: list[tuple[date, int]]
    unpaired_mentees: int


def _board_index(today: date) -> BoardIndex:
    """Every active pair's state, in a fixed number of queries (the slow part: it reads every
    active pair, so it is cached, see board_index)."""
    active = pair_statuses(
        pairings=Pairing.objects.active().order_by("paired_on", "pk"), today=today
    )
    overdue = sorted(
        (s for s in active if s.due.overdue), key=lambda s: (-s.due.days_overdue, s.pairing.pk)
    )
    unqualified = unqualified_pairs(active=active, today=today)
    unpaired = (
        User.objects.filter(groups__name=Role.MENTEE, is_active=True)
        .exclude(pk__in=Pairing.objects.active().values("mentee_id"))
        .distinct()
        .count()
    )
    return BoardIndex(
        counted_at=timezone.now(),
        lists={
            "unqualified": [u.pairing.pk for u in unqualified],
            "overdue": [s.pairing.pk for s in overdue],
            "awaiting_agreement": [s.pairing.pk for s in active if s.needs_acknowledgement],
            "active": [s.pairing.pk for s in active],
        },
        reasons={u.pairing.pk: u.reasons for u in unqualified},
        pairs_by_state=pair_state_counts(active=active),
        checkins_by_week=checkins_per_week(today=today),
        unpaired_mentees=unpaired,
    )


def board_key(*, today: date) -> str:
    """The cache key of the board as of now: it changes with the day and any counted change."""
    return BOARD_KEY.format(version=versioned.current(BOARD_VERSION_KEY), today=today.isoformat())


def board_index(*, today: date | None = None) -> BoardIndex:
    """The board's index from the cache, rebuilt after any change to the program's records
    (board_changed) and at least every BOARD_TIMEOUT seconds."""
    key = board_key(today=_today(today))
    index = cache.get(key)
    if index is None:
        index = _board_index(_today(today))
        cache.set(key, index, timeout=BOARD_TIMEOUT)
    return index


def board_statuses(*, ids: list[int], today: date) -> dict[int, PairStatus]:
    """Fresh statuses of the pairs the board shows (a bounded number of them)."""
    pairs = _pairs().filter(pk__in=ids, ended_at__isnull=True)
    return {s.pairing.pk: s for s in pair_statuses(pairings=pairs, today=today)}


def board_rows(
    *, index: BoardIndex, name: str, ids: list[int], statuses: dict[int, PairStatus]
) -> list:
    """A board list's rows for `ids`, skipping a pair ended since the index was counted."""
    rows: list = [statuses[pk] for pk in ids if pk in statuses]
    if name == "unqualified":
        return [UnqualifiedPair(s, index.reasons[s.pairing.pk]) for s in rows]
    return rows


def coordinator_dashboard(*, today: date | None = None) -> CoordinatorDashboard:
    today = _today(today)
    index = board_index(today=today)
    shown = {name: ids[:BOARD_LIST_LIMIT] for name, ids in index.lists.items()}
    statuses = board_statuses(ids=sorted({pk for ids in shown.values() for pk in ids}), today=today)
    rows = {
        name: board_rows(index=index, name=name, ids=ids, statuses=statuses)
        for name, ids in shown.items()
    }
    concerns = list(
        ConcernNotification.objects.filter(resolved_at__isnull=True)
        .select_related("checkin__pairing__mentor", "checkin__pairing__mentee")
        .order_by("created_at")
    )
    milestones = list(
        Milestone.objects.filter(reached_on__gte=today - timedelta(days=30))
        .select_related("pairing__mentor", "pairing__mentee")
        .order_by("-reached_on", "-pk")[:30]
    )
    return CoordinatorDashboard(
        unqualified=rows["unqualified"],
        active=rows["active"],
        overdue=rows["overdue"],
        awaiting_agreement=rows["awaiting_agreement"],
        open_concerns=concerns,
        recent_milestones=milestones,
        unpaired_mentees=index.unpaired_mentees,
        pairs_by_state=index.pairs_by_state,
        checkins_by_week=index.checkins_by_week,
        totals={name: len(ids) for name, ids in index.lists.items()},
        counted_at=index.counted_at,
    )


# --- Lists for coordinators ------------------------------------------------------------------


@dataclass
class MenteeRow:
    user: User
    profile: MenteeProfile | None
    pairing: Pairing | None

    @property
    def consented(self) -> bool:
        return bool(self.profile and self.profile.consented_at)


def mentee_rows() -> list[MenteeRow]:
    mentees = list(
        User.objects.filter(groups__name=Role.MENTEE, is_active=True)
        .select_related("mentee_profile")
        .order_by("first_name", "email")
        .distinct()
    )
    active = {p.mentee_id: p for p in _pairs().active().filter(mentee__in=mentees)}
    return [MenteeRow(u, getattr(u, "mentee_profile", None), active.get(u.pk)) for u in mentees]


@dataclass
class MentorRow:
    user: User
    profile: MentorProfile | None
    facts: scoring.MentorFacts | None
    problems: list[str]
    active_pairs: int


def mentor_rows(*, today: date | None = None) -> list[MentorRow]:
    mentors = list(
        User.objects.filter(groups__name=Role.MENTOR, is_active=True)
        .order_by("first_name", "email")
        .distinct()
    )
    profiles = {p.user_id: p for p in mentor_profiles()}
    facts = {f.id: f for f in mentor_facts(profiles=profiles.values(), today=today)}
    taken = active_pair_counts(mentor_ids=[m.pk for m in mentors])
    rows = []
    for user in mentors:
        f = facts.get(user.pk)
        problems = scoring.ineligibility(f) if f else ["No matching profile yet"]
        rows.append(MentorRow(user, profiles.get(user.pk), f, problems, taken.get(user.pk, 0)))
    return rows


def mentee_pairings(*, mentee: User) -> list[Pairing]:
    """All of a mentee's pairs, current first, then ended ones (history)."""
    return list(_pairs().filter(mentee=mentee).order_by("ended_at", "-confirmed_at"))


def mentor_pairings(*, mentor: User) -> QuerySet[Pairing]:
    return _pairs().filter(mentor=mentor)


def active_pairing_for_mentee(*, mentee: User) -> Pairing | None:
    return _pairs().active().filter(mentee=mentee).first()


def access_log(*, mentee_id: int | None = None, limit: int = 200) -> list[AccessLogEntry]:
    entries = AccessLogEntry.objects.all()
    if mentee_id is not None:
        entries = entries.filter(mentee_id=mentee_id)
    return list(entries[:limit])


def data_requests(*, mentee: User) -> list[DataRequest]:
    return list(DataRequest.objects.filter(mentee=mentee).select_related("handled_by"))


# --- What each side may see of the other ----------------------------------------------------


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


def _mentee_values(profile: MenteeProfile) -> dict[str, str]:
    return {
        ShareableMenteeField.GOALS: _names(profile.goals.all()),
        ShareableMenteeField.EXPERIENCE: _names(profile.experience_areas.all()),
        ShareableMenteeField.STAGE: profile.get_recovery_stage_display(),
        ShareableMenteeField.AVAILABILITY: "; ".join(
            part
            for part in (labels(profile.formats, MeetingFormat), labels(profile.times, TimeSlot))
            if part
        ),
        ShareableMenteeField.LANGUAGES: labels(profile.languages, Language),
        ShareableMenteeField.SUPPORT_STYLE: profile.get_support_style_display(),
    }


def mentee_shared_fields(*, profile: MenteeProfile | None) -> list[tuple[str, str]]:
    """(label, value) for what the mentee chose to share with their mentor; nothing else, and
    nothing at all once they have withdrawn their consent."""
    if profile is None or profile.consented_at is None:
        return []
    values = _mentee_values(profile)
    return [
        (choice.label, values[choice] or "Not given")
        for choice in ShareableMenteeField
        if profile.shares(choice)
    ]


def mentee_profile_fields(*, profile: MenteeProfile) -> list[tuple[str, str, bool]]:
    """(label, value, shared with the mentor) for every answer: the coordinator's view."""
    values = _mentee_values(profile)
    rows = [
        (choice.label, values[choice] or "Not given", profile.shares(choice))
        for choice in ShareableMenteeField
    ]
    rows.append(
        (
            "Preference for the mentor's gender",
            profile.get_gender_preference_display(),
            False,
        )
    )
    return rows


def mentor_shared_fields(*, profile: MentorProfile | None) -> list[tuple[str, str]]:
    """(label, value) for what the mentor chose to show their mentee."""
    if profile is None:
        return []
    values = {
        ShareableMentorField.EXPERIENCE: _names(profile.experience_areas.all()),
        ShareableMentorField.GOALS: _names(profile.goals.all()),
        ShareableMentorField.AVAILABILITY: "; ".join(
            part
            for part in (labels(profile.formats, MeetingFormat), labels(profile.times, TimeSlot))
            if part
        ),
        ShareableMentorField.LANGUAGES: labels(profile.languages, Language),
        ShareableMentorField.SUPPORT_STYLE: profile.get_support_style_display(),
    }
    return [
        (choice.label, values[choice] or "Not given")
        for choice in ShareableMentorField
        if profile.shares(choice)
    ]


NOT_GIVEN = "Not given"


def application_profile_answers(*, profile: MentorProfile | None) -> list[tuple[str, str]]:
    """The application's answers kept on the matching profile (how and when they can meet,
    their languages), in words: never the stored codes."""
    if profile is None:
        return [("How they can meet", NOT_GIVEN), ("When", NOT_GIVEN), ("Languages", NOT_GIVEN)]
    return [
        ("How they can meet", labels(profile.formats, MeetingFormat) or NOT_GIVEN),
        ("When", labels(profile.times, TimeSlot) or NOT_GIVEN),
        ("Languages", labels(profile.languages, Language) or NOT_GIVEN),
    ]


def mentor_profile_fields(*, profile: MentorProfile) -> list[tuple[str, str]]:
    """Every answer of a mentor's profile, for coordinators."""
    return [
        ("Areas of lived experience", _names(profile.experience_areas.all())),
        ("Goals they support", _names(profile.goals.all())),
        ("Stages they support", labels(profile.stages, RecoveryStage)),
        ("Meeting formats", labels(profile.formats, MeetingFormat)),
        ("Times", labels(profile.times, TimeSlot)),
        ("Languages", labels(profile.languages, Language)),
        ("Gender", profile.get_gender_display()),
        ("Support offered", profile.get_support_style_display()),
        ("Capacity", str(profile.capacity)),
        ("Status", profile.get_status_display()),
    ]


# --- Check-ins and feedback -----------------------------------------------------------------


def pairing_checkins(*, pairing: Pairing) -> list[CheckIn]:
    return list(
        pairing.checkins.prefetch_related(
            "topics",
            Prefetch("feedback", queryset=MeetingFeedback.objects.all()),
            Prefetch("concern_notifications", queryset=ConcernNotification.objects.all()),
        )
    )


def meetings_for_feedback(*, pairing: Pairing) -> list[tuple[CheckIn, bool]]:
    """(meeting, feedback already given) for the mentee: date, format and length only."""
    meetings = list(
        pairing.checkins.only("pk", "met_on", "format", "duration_minutes", "pairing_id")
    )
    given = set(
        MeetingFeedback.objects.filter(checkin__in=meetings).values_list("checkin_id", flat=True)
    )
    return [(m, m.pk in given) for m in meetings]


def open_concern_for(*, checkin: CheckIn) -> ConcernNotification | None:
    return ConcernNotification.objects.filter(checkin=checkin).first()


# --- A mentee's whole record ----------------------------------------------------------------


def mentee_data_counts(*, mentee: User) -> dict[str, int]:
    pairings = Pairing.objects.filter(mentee=mentee)
    return {
        "profile": MenteeProfile.objects.filter(user=mentee).count(),
        "pairings": pairings.count(),
        "agreements": Agreement.objects.filter(pairing__in=pairings).count(),
        "checkins": CheckIn.objects.filter(pairing__in=pairings).count(),
        "concerns": ConcernNotification.objects.filter(checkin__pairing__in=pairings).count(),
        "feedback": MeetingFeedback.objects.filter(checkin__pairing__in=pairings).count(),
        "milestones": Milestone.objects.filter(pairing__in=pairings).count(),
    }


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def mentee_data(*, mentee: User, now=None) -> dict:
    """Everything the program holds about this mentee, as JSON-safe data, with labels."""
    profile = MenteeProfile.objects.filter(user=mentee).first()
    data: dict = {
        "exported_at": _iso(now or timezone.now()),
        "mentee": {"id": mentee.pk, "display_name": mentee.first_name, "email": mentee.email},
        "profile": None,
        "pairings": [],
        "data_requests": [],
        "access_log": [],
    }
    if profile is not None:
        data["profile"] = {
            "answers": {label: value for label, value, _ in mentee_profile_fields(profile=profile)},
            "shared_with_mentor": [c.label for c in ShareableMenteeField if profile.shares(c)],
            "consented_at": _iso(profile.consented_at),
        }
    for pairing in Pairing.objects.filter(mentee=mentee).select_related("mentor"):
        checkins = pairing_checkins(pairing=pairing)
        data["pairings"].append(
            {
                "mentor": pairing.mentor.first_name,
                "paired_on": _iso(pairing.paired_on),
                "ended_on": _iso(pairing.ended_on),
                "end_reason": pairing.get_end_reason_display() if pairing.end_reason else None,
                "end_note": pairing.end_note,
                "agreements": [
                    {
                        "version": a.version,
                        "focus": a.get_focus_display() if a.focus else None,
                        "frequency": Frequency(a.frequency).label,
                        "meeting_minutes": a.meeting_minutes,
                        "topics": [t.name for t in a.topics.all()],
                        "channel": MeetingFormat(a.channel).label,
                        "details": a.channel_details,
                        "goals": a.goals,
                        "confidentiality": a.confidentiality,
                        "mentor_acknowledged_at": _iso(a.mentor_acknowledged_at),
                        "mentee_acknowledged_at": _iso(a.mentee_acknowledged_at),
                    }
                    for a in pairing.agreements.order_by("version").prefetch_related("topics")
                ],
                "checkins": [
                    {
                        "met_on": _iso(c.met_on),
                        "duration_minutes": c.duration_minutes,
                        "format": MeetingFormat(c.format).label,
                        "topics": [t.name for t in c.topics.all()],
                        "notes": c.notes,
                        "concern": c.concern,
                        "feedback": [
                            {"rating": f.rating, "comment": f.comment} for f in c.feedback.all()
                        ],
                    }
                    for c in checkins
                ],
                "milestones": [
                    {
                        "kind": MilestoneKind(m.kind).label,
                        "reached_on": _iso(m.reached_on),
                        "note": m.note,
                    }
                    for m in pairing.milestones.order_by("reached_on")
                ],
            }
        )
    data["data_requests"] = [
        {"kind": r.get_kind_display(), "requested_on": _iso(r.requested_on)}
        for r in DataRequest.objects.filter(mentee=mentee).order_by("handled_at")
    ]
    data["access_log"] = [
        {"at": _iso(e.at), "by": e.viewer_email, "action": e.get_action_display()}
        for e in AccessLogEntry.objects.filter(mentee_id=mentee.pk).order_by("at")
    ]
    return data


def active_pairings_of(*, user: User) -> list[Pairing]:
    """The user's open pairs, as mentor or mentee (what deactivating the account would strand)."""
    return list(
        _pairs().active().filter(Q(mentor=user) | Q(mentee=user)).order_by("paired_on", "pk")
    )


# --- Clinicians -----------------------------------------------------------------------------


@dataclass
class ClinicianConcerns:
    open: list[ConcernNotification]
    handled: list[ConcernNotification]


def clinician_concerns(*, handled_limit: int = 20) -> ClinicianConcerns:
    """Open concerns (oldest first) and the last handled ones; no names are loaded."""
    base = ConcernNotification.objects.select_related("checkin")
    return ClinicianConcerns(
        open=list(base.filter(resolved_at__isnull=True).order_by("created_at", "pk")),
        handled=list(
            base.filter(resolved_at__isnull=False).order_by("-resolved_at")[:handled_limit]
        ),
    )
