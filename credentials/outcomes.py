"""The outcomes report for a quarter: training, certificates, credentials and mentoring, as counts
for a funder. No name or other identifier leaves here; every figure goes through the small-cell
rule (credentials/outcomes_rules.py) before it is shown or exported.

It reads lms's training and mentorship records (credentials may depend on lms; never the other
way round).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Min

from credentials import outcomes_rules as cells
from credentials.choices import CredentialStatus
from credentials.models import Certificate, CredentialRecord
from credentials.rules import PROGRAM_TZ
from lms.common import charts
from lms.common.quarters import Quarter
from lms.mentorship.choices import MilestoneKind, PairEndReason
from lms.mentorship.models import (
    Agreement,
    CheckIn,
    ConcernNotification,
    MeetingFeedback,
    Milestone,
    Pairing,
)
from lms.mentorship.schedule import checkin_due
from lms.training.models import ModuleCompletion, ModulePage, QuizAttempt, TrackCompletion


@dataclass
class Row:
    label: str
    value: str


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)
    bars: list[charts.Bar] = field(default_factory=list)  # counts that are shown, never hidden

    def add(self, label: str, value: str) -> None:
        self.rows.append(Row(label, value))

    def add_bar(self, label: str, count: int, shown: str) -> None:
        if shown == f"{count:,}" and count > 0:
            self.bars.append(charts.Bar(label=label, value=count, value_text=shown))

    @property
    def chart(self) -> charts.Svg | None:
        """The shown counts as bars (a hidden count has no bar: its length would tell it)."""
        if len(self.bars) < 2:
            return None
        words = "; ".join(f"{bar.label}: {bar.value_text}" for bar in self.bars)
        return charts.bar_chart(self.bars, label=f"{self.title}. {words}")


@dataclass
class OutcomesReport:
    quarter: Quarter
    sections: list[Section]

    def csv_rows(self) -> list[list[str]]:
        rows = [["Section", "Measure", "Value"]]
        for section in self.sections:
            rows += [[section.title, row.label, row.value] for row in section.rows]
        return rows


def _instant(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=PROGRAM_TZ)


def _group_section(section: Section, counts: dict[str, int], *, total_label: str | None) -> None:
    shown, total = cells.show_group(counts, with_total=total_label is not None)
    for label, value in shown.items():
        section.add(label, value)
        section.add_bar(label, counts[label], value)
    if total_label:
        section.add(total_label, total)


def _module_titles(quiz_paths: dict[int, str]) -> dict[int, str]:
    """Quiz id -> its module's title (a quiz sits right under its module in the page tree)."""
    parents = {path[: -ModulePage.steplen] for path in quiz_paths.values()}
    titles = dict(ModulePage.objects.filter(path__in=parents).values_list("path", "title"))
    return {
        quiz: titles.get(path[: -ModulePage.steplen], "Module") for quiz, path in quiz_paths.items()
    }


def _training(start: datetime, end: datetime) -> tuple[Section, Section]:
    training = Section("Training")
    first_attempts = dict(
        QuizAttempt.objects.values_list("user_id").annotate(first=Min("started_at"))
    )
    started = [user for user, first in first_attempts.items() if start <= first < end]
    training.add("Mentors who started training", cells.show_count(len(started)))
    per_module = Counter(
        ModuleCompletion.objects.filter(completed_at__gte=start, completed_at__lt=end).values_list(
            "module_id", flat=True
        )
    )
    # In course order (the page tree's), as a learner meets them.
    for module_id, title in (
        ModulePage.objects.filter(pk__in=per_module).order_by("path").values_list("pk", "title")
    ):
        count = per_module[module_id]
        training.add(f"Passed: {title}", cells.show_count(count))
        training.add_bar(title, count, cells.show_count(count))
    completed = TrackCompletion.objects.filter(completed_at__gte=start, completed_at__lt=end)
    training.add("Completed the track", cells.show_count(completed.count()))
    certified = list(
        Certificate.objects.filter(
            issued_on__gte=start.date(), issued_on__lt=end.date(), superseded_at__isnull=True
        ).values_list("holder_id", "issued_on")
    )
    training.add("Certified", cells.show_count(len({holder for holder, _ in certified})))
    days = [
        (issued - first_attempts[holder].astimezone(PROGRAM_TZ).date()).days
        for holder, issued in certified
        if holder in first_attempts
    ]
    training.add("Median days from start to certificate", cells.show_median(days, unit="days"))

    quizzes = Section("Quiz pass rates by module")
    attempts = QuizAttempt.objects.filter(
        submitted_at__gte=start, submitted_at__lt=end, passed__isnull=False
    ).values_list("quiz_id", "quiz__path", "number", "passed")
    tally: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # first n, first passed, n, p
    paths = {}
    for quiz_id, path, number, result in attempts:
        paths[quiz_id] = path
        counts = tally[quiz_id]
        if number == 1:
            counts[0] += 1
            counts[1] += int(bool(result))
        counts[2] += 1
        counts[3] += int(bool(result))
    module_of = _module_titles(paths)
    for quiz_id, (first_n, first_passed, n, n_passed) in sorted(
        tally.items(), key=lambda item: paths[item[0]]
    ):
        quizzes.add(
            module_of[quiz_id],
            f"first try {cells.show_rate(first_passed, first_n)}; "
            f"overall {cells.show_rate(n_passed, n)}",
        )
    if not tally:
        quizzes.add("Quiz attempts", "None in this quarter")
    return training, quizzes


def _certificates(first: date, last: date, end: date) -> tuple[Section, Section]:
    section = Section("Certificates")
    issued = Certificate.objects.filter(issued_on__gte=first, issued_on__lte=last).count()
    revoked = Certificate.objects.filter(
        revoked_at__gte=_instant(first), revoked_at__lt=_instant(end)
    ).count()
    expiring = Certificate.objects.filter(
        expires_on__gte=first, expires_on__lte=last, revoked_at__isnull=True
    ).count()
    section.add("Issued", cells.show_count(issued))
    section.add("Revoked", cells.show_count(revoked))
    section.add("Expiring in the quarter", cells.show_count(expiring))

    credentials = Section(f"CRS credentials by status on {last:%B %-d, %Y}")
    by_status = {
        status.label: CredentialRecord.objects.with_status(status, today=last)
        .filter(created_at__lt=_instant(end))
        .count()
        for status in CredentialStatus
    }
    _group_section(credentials, by_status, total_label="All credentials")
    return section, credentials


def _mentoring(first: date, last: date, end: date) -> list[Section]:
    pairs = Section("Pairs")
    started = Pairing.objects.filter(paired_on__gte=first, paired_on__lte=last).count()
    active_pairs = list(Pairing.objects.filter(paired_on__lte=last).exclude(ended_on__lte=last))
    pairs.add("Started", cells.show_count(started))
    pairs.add(f"Active on {last:%B %-d, %Y}", cells.show_count(len(active_pairs)))
    ended = Counter(
        Pairing.objects.filter(ended_on__gte=first, ended_on__lte=last).values_list(
            "end_reason", flat=True
        )
    )
    ended_section = Section("Pairs ended, by reason")
    _group_section(
        ended_section,
        {PairEndReason(reason).label: ended.get(reason, 0) for reason in PairEndReason.values},
        total_label="All pairs ended",
    )

    checkins = Section("Check-ins and concerns")
    met = list(
        CheckIn.objects.filter(met_on__gte=first, met_on__lte=last)
        .order_by("pairing_id", "met_on")
        .values_list("pairing_id", "met_on")
    )
    checkins.add("Check-ins held", cells.show_count(len(met)))
    gaps = [
        (later - earlier).days
        for (pair_a, earlier), (pair_b, later) in zip(met, met[1:], strict=False)
        if pair_a == pair_b
    ]
    checkins.add("Median days between check-ins", cells.show_median(gaps, unit="days"))
    ids = [pair.pk for pair in active_pairs]
    last_met = dict(
        CheckIn.objects.filter(pairing_id__in=ids, met_on__lte=last)
        .values_list("pairing_id")
        .annotate(latest=Max("met_on"))
        .values_list("pairing_id", "latest")
    )
    frequency = {}
    for pairing_id, value in (
        Agreement.objects.filter(pairing_id__in=ids, created_at__lt=_instant(end))
        .order_by("pairing_id", "version")
        .values_list("pairing_id", "frequency")
    ):
        frequency[pairing_id] = value
    overdue = sum(
        checkin_due(
            paired_on=pair.paired_on,
            last_met_on=last_met.get(pair.pk),
            frequency=frequency.get(pair.pk),
            today=last,
        ).overdue
        for pair in active_pairs
    )
    checkins.add(f"Pairs overdue for a check-in on {last:%B %-d, %Y}", cells.show_count(overdue))
    start, stop = _instant(first), _instant(end)
    raised = ConcernNotification.objects.filter(created_at__gte=start, created_at__lt=stop)
    resolved = ConcernNotification.objects.filter(resolved_at__gte=start, resolved_at__lt=stop)
    checkins.add("Concerns raised", cells.show_count(raised.count()))
    checkins.add("Concerns resolved", cells.show_count(resolved.count()))

    feedback = Section("Mentee feedback")
    ratings = list(
        MeetingFeedback.objects.filter(given_at__gte=start, given_at__lt=stop).values_list(
            "rating", flat=True
        )
    )
    feedback.add("Meetings rated", cells.show_count(len(ratings)))
    feedback.add("Average rating", cells.show_average(ratings, out_of=5))

    milestones = Section("Milestones reached")
    reached = Counter(
        Milestone.objects.filter(reached_on__gte=first, reached_on__lte=last).values_list(
            "kind", flat=True
        )
    )
    _group_section(
        milestones,
        {MilestoneKind(kind).label: reached.get(kind, 0) for kind in MilestoneKind.values},
        total_label="All milestones",
    )
    return [pairs, ended_section, checkins, feedback, milestones]


def outcomes_report(quarter: Quarter) -> OutcomesReport:
    first, last = quarter.first_day, quarter.last_day
    end = last + timedelta(days=1)
    training, quizzes = _training(_instant(first), _instant(end))
    certificates, credentials = _certificates(first, last, end)
    return OutcomesReport(
        quarter=quarter,
        sections=[training, quizzes, certificates, credentials, *_mentoring(first, last, end)],
    )
