"""Reads of the learning engine: who may open what, and each learner's progress.

Access is decided here and only here: the role (mentors and staff train), then the gating rules
of lms/training/gating.py over the learner's completed modules. The dashboard's query count does
not grow with the number of modules or attempts: every list is fetched in one query and joined
in Python.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from wagtail.models import Page

from lms.accounts.roles import STAFF_ROLES, Role, user_has_role
from lms.common import charts
from lms.training.caches import cached_pass_rates, learner_completed_ids, training_structure
from lms.training.evaluation import EvaluationSummary, summarize
from lms.training.gating import ModuleNode, ModuleState, module_blockers, module_state, track_nodes
from lms.training.models import (
    LessonPage,
    ModulePage,
    QuizAttempt,
    QuizAttemptGrant,
    QuizPage,
    TrackCompletion,
    TrackEvaluation,
    TrackPage,
)
from lms.training.review import DUE_SOON_DAYS, ReviewState

TRAINING_FOR_MENTORS = "The training is for mentors. Ask the program if you think you need it."
MODULE_LOCKED = "This part of the training opens when you complete the modules listed below."


@dataclass
class Access:
    allowed: bool
    login_required: bool = False
    message: str = ""
    blockers: list[ModulePage] = field(default_factory=list)


def is_training_staff(user) -> bool:
    return user.is_superuser or any(user_has_role(user, role) for role in STAFF_ROLES)


def training_role_access(user) -> Access:
    """Role check alone: mentors and staff may use the training."""
    if not user.is_authenticated:
        return Access(allowed=False, login_required=True)
    if is_training_staff(user) or user_has_role(user, Role.MENTOR):
        return Access(allowed=True)
    return Access(allowed=False, message=TRAINING_FOR_MENTORS)


def module_access(*, user, module: ModulePage) -> Access:
    """Whether the module's lessons and quiz are open to this user, and what blocks them.

    A live module's place in its track comes from the cached structure and the learner's
    completions from their cached set (lms/training/caches.py); a module that is not live
    (reached only by a preview or a stale link) is read from the database.
    """
    access = training_role_access(user)
    if not access.allowed or is_training_staff(user):
        return access
    structure = training_structure()
    if module.pk in structure.modules:
        previous = structure.previous[module.pk]
        prerequisite_ids = structure.prerequisites.get(module.pk, ())
    else:
        prerequisite_ids = tuple(module.prerequisites.values_list("pk", flat=True))
        previous = getattr(module, "previous_module_id", None)
        if not prerequisite_ids and not hasattr(module, "previous_module_id"):
            previous = module.previous_live_module_id()
    node = ModuleNode(id=module.pk, previous_id=previous, prerequisite_ids=prerequisite_ids)
    blocker_ids = module_blockers(node, learner_completed_ids(user))
    if not blocker_ids:
        return Access(allowed=True)
    blockers = sorted(
        (structure.modules[pk] for pk in blocker_ids if pk in structure.modules),
        key=lambda m: m.path,
    )
    if len(blockers) < len(blocker_ids):
        blockers = list(ModulePage.objects.filter(pk__in=blocker_ids).order_by("path"))
    return Access(allowed=False, message=MODULE_LOCKED, blockers=blockers)


def gated_module(page: LessonPage | QuizPage) -> ModulePage | None:
    """The module a lesson or quiz belongs to: from the cached structure when it is live."""
    module = training_structure().module_for_child(page)
    return module if module is not None else page.gated_module()


def training_page_access(*, user, page: Page) -> Access:
    """Access to any training page. The index, tracks and modules are open to everyone (a
    module's page says what is locked); a lesson or quiz is open as its module is."""
    if not isinstance(page, LessonPage | QuizPage):
        return Access(allowed=True)
    access = training_role_access(user)
    if not access.allowed or is_training_staff(user):
        return access
    cached = getattr(page, "_module_access", None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    module = gated_module(page)
    result = module_access(user=user, module=module) if module else Access(allowed=True)
    page._module_access = (user.pk, result)
    return result


def lesson_navigation(lesson: LessonPage) -> dict:
    """The lesson's module, its neighbors and the quiz, from the cached structure (a lesson
    outside it, as in a preview, is read from the database by the page itself)."""
    structure = training_structure()
    module = structure.module_for_child(lesson)
    if module is None:
        return {**lesson.navigation(), "body_version": structure.version}
    siblings = structure.lessons.get(module.pk, [])
    index = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), 0)
    return {
        "module": module,
        "previous_lesson": siblings[index - 1] if index > 0 else None,
        "next_lesson": siblings[index + 1] if index + 1 < len(siblings) else None,
        "quiz": structure.quiz.get(module.pk),
        "lesson_number": index + 1,
        "lesson_count": len(siblings),
        # The cached body varies on it too (it changes with the program settings).
        "body_version": structure.version,
    }


def module_contents(module: ModulePage) -> dict:
    """A module's track, live lessons and quiz, from the cached structure when it is live."""
    structure = training_structure()
    if module.pk not in structure.modules:
        return {
            "parent": module.get_parent(),
            "lessons": module.live_lessons(),
            "quiz": module.live_quiz(),
        }
    track_path = module.path[: -module.steplen]
    return {
        "parent": next((t for t in structure.tracks if t.path == track_path), None),
        "lessons": structure.lessons.get(module.pk, []),
        "quiz": structure.quiz.get(module.pk),
    }


@dataclass
class ModuleRow:
    module: ModulePage
    state: ModuleState
    quiz: QuizPage | None = None
    blockers: list[ModulePage] = field(default_factory=list)
    last_score: Decimal | None = None
    last_passed: bool | None = None
    attempts: int = 0


@dataclass
class TrackProgress:
    track: TrackPage
    rows: list[ModuleRow]
    evaluation_pending: bool = False

    @property
    def total_hours(self) -> Decimal:
        return sum((r.module.hours for r in self.rows), Decimal(0))

    @property
    def completed_hours(self) -> Decimal:
        done = (r.module.hours for r in self.rows if r.state == ModuleState.COMPLETED)
        return sum(done, Decimal(0))

    @property
    def completed_count(self) -> int:
        return sum(1 for r in self.rows if r.state == ModuleState.COMPLETED)

    @property
    def percent(self) -> int:
        return round(100 * self.completed_count / len(self.rows)) if self.rows else 0

    @property
    def next_step(self) -> ModuleRow | None:
        return next((r for r in self.rows if r.state == ModuleState.AVAILABLE), None)

    @property
    def is_complete(self) -> bool:
        return bool(self.rows) and self.completed_count == len(self.rows)

    @property
    def ring(self) -> charts.Svg:
        """The share of modules completed as a ring; its label says it in words."""
        done, total = self.completed_count, len(self.rows)
        return charts.progress_ring(
            done=done,
            total=total,
            label=f"{self.percent}% of {self.track.title} completed: {done} of {total} modules",
        )


def _parent_path(page: Page) -> str:
    return page.path[: -Page.steplen]


def _last_attempts(*, user) -> dict[int, tuple[Decimal | None, bool | None, int]]:
    """quiz id -> (last score, last passed, submitted attempts), from the learner's own rows.

    One query over this learner's attempts (an index on user leads), so the cost follows the
    learner's history, not the size of the attempts table.
    """
    rows = (
        QuizAttempt.objects.filter(user=user, submitted_at__isnull=False)
        .order_by("quiz_id", "submitted_at")
        .values_list("quiz_id", "score", "passed")
    )
    result: dict[int, tuple[Decimal | None, bool | None, int]] = {}
    for quiz_id, score, passed in rows:
        count = result[quiz_id][2] + 1 if quiz_id in result else 1
        result[quiz_id] = (score, passed, count)
    return result


def learner_tracks_progress(*, user, tracks: list[TrackPage]) -> list[TrackProgress]:
    """Progress through each track: the structure and completions come from the cache, so one
    query (the learner's attempts) whatever the number of tracks, modules and attempts."""
    if not tracks:
        return []
    structure = training_structure()
    attempts = _last_attempts(user=user) if user.is_authenticated else {}
    completed = learner_completed_ids(user)
    staff = user.is_authenticated and is_training_staff(user)
    pending = evaluations_pending(user=user) if completed else set()
    result = []
    for track in tracks:
        track_modules = [
            structure.modules[pk] for pk in structure.track_module_ids.get(track.path, [])
        ]
        nodes = track_nodes(
            [m.pk for m in track_modules],
            {m.pk: structure.prerequisites.get(m.pk, ()) for m in track_modules},
        )
        by_id = {m.pk: m for m in track_modules}
        rows = []
        for module, node in zip(track_modules, nodes, strict=True):
            quiz = structure.quiz.get(module.pk)
            last = attempts.get(quiz.pk) if quiz is not None else None
            state = module_state(node, completed, staff=staff)
            rows.append(
                ModuleRow(
                    module=module,
                    state=state,
                    quiz=quiz,
                    blockers=[by_id[b] for b in module_blockers(node, completed) if b in by_id]
                    if state == ModuleState.LOCKED
                    else [],
                    last_score=last[0] if last else None,
                    last_passed=last[1] if last else None,
                    attempts=last[2] if last else 0,
                )
            )
        result.append(TrackProgress(track=track, rows=rows, evaluation_pending=track.pk in pending))
    return result


def learner_dashboard(*, user) -> list[TrackProgress]:
    """Every live track with the learner's progress: the dashboard."""
    return learner_tracks_progress(user=user, tracks=training_structure().tracks)


def learner_track_progress(*, user, track: TrackPage) -> TrackProgress:
    return learner_tracks_progress(user=user, tracks=[track])[0]


def learner_module_state(*, user, module: ModulePage) -> dict:
    """The learner's standing in one module: whether it is open and whether it is completed."""
    completed = module.pk in learner_completed_ids(user)
    return {
        "access": module_access(user=user, module=module),
        "role_access": training_role_access(user),
        "completed": completed,
    }


def modules_by_review_state(
    queryset: QuerySet[ModulePage], *, states: list[ReviewState], today: date
) -> QuerySet[ModulePage]:
    """The modules whose clinical review is in one of `states` on `today` (see review.py)."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    conditions = {
        ReviewState.MISSING: Q(reviewed_on__isnull=True) | Q(review_due_on__isnull=True),
        ReviewState.LAPSED: Q(review_due_on__lte=today),
        ReviewState.DUE_SOON: Q(review_due_on__gt=today, review_due_on__lte=soon),
        ReviewState.CURRENT: Q(reviewed_on__isnull=False, review_due_on__gt=soon),
    }
    wanted = Q(pk__in=[])
    for state in states:
        wanted |= conditions[state]
    return queryset.filter(wanted)


def learners_out_of_attempts() -> set[int]:
    """Ids of learners who have used every attempt of a limited quiz they have not passed, extra
    attempts granted included: the people waiting for a coordinator's grant (three queries)."""
    limits = dict(QuizPage.objects.filter(max_attempts__gt=0).values_list("pk", "max_attempts"))
    if not limits:
        return set()
    granted = {
        (row["user_id"], row["quiz_id"]): row["n"]
        for row in QuizAttemptGrant.objects.filter(quiz_id__in=limits)
        .values("user_id", "quiz_id")
        .annotate(n=Sum("attempts"))
    }
    used = (
        QuizAttempt.objects.filter(quiz_id__in=limits, submitted_at__isnull=False)
        .values("user_id", "quiz_id")
        .annotate(n=Count("pk"), passes=Count("pk", filter=Q(passed=True)))
    )
    return {
        row["user_id"]
        for row in used
        if not row["passes"]
        and row["n"] >= limits[row["quiz_id"]] + granted.get((row["user_id"], row["quiz_id"]), 0)
    }


@dataclass(frozen=True)
class ModulePassRate:
    """Of the learners who submitted a module's quiz, how many have passed it."""

    module: ModulePage
    takers: int
    passers: int

    @property
    def percent(self) -> int:
        return round(100 * self.passers / self.takers) if self.takers else 0


def quiz_pass_rates() -> list[ModulePassRate]:
    """Each live module with a quiz, in curriculum order, with its pass rate among learners who
    took the quiz (learners, not attempts: a retake is not a second failure). From the cache
    until the next attempt or publish (caches.cached_pass_rates)."""
    return cached_pass_rates(_quiz_pass_rates)


def _quiz_pass_rates() -> list[ModulePassRate]:
    """Three queries, whatever the number of modules or attempts."""
    quizzes = {
        _parent_path(quiz): quiz.pk
        for quiz in QuizPage.objects.live().only("pk", "path").order_by("path")
    }
    counts = {
        row["quiz_id"]: (row["takers"], row["passers"])
        for row in QuizAttempt.objects.filter(submitted_at__isnull=False)
        .values("quiz_id")
        .annotate(
            takers=Count("user_id", distinct=True),
            passers=Count("user_id", filter=Q(passed=True), distinct=True),
        )
    }
    modules = ModulePage.objects.live().filter(path__in=quizzes).only("pk", "title", "path")
    rates = []
    for module in modules.order_by("path"):
        takers, passers = counts.get(quizzes[module.path], (0, 0))
        rates.append(ModulePassRate(module=module, takers=takers, passers=passers))
    return rates


# ----------------------------------------------------------------------------- evaluations


def evaluations_pending(*, user) -> set[int]:
    """Ids of the tracks whose certificate waits for this learner's evaluation."""
    if not user.is_authenticated:
        return set()
    return set(
        TrackCompletion.objects.filter(user=user, evaluation_required=True)
        .exclude(track__evaluations__user=user)
        .values_list("track_id", flat=True)
    )


def evaluation_counts(*, tracks) -> dict[int, int]:
    """track id -> evaluations received."""
    return dict(
        TrackEvaluation.objects.filter(track__in=tracks)
        .values("track_id")
        .annotate(n=Count("pk"))
        .values_list("track_id", "n")
    )


def evaluation_outstanding(*, completion: TrackCompletion) -> bool:
    """Whether the certificate for this completion still waits for the learner's evaluation."""
    return (
        completion.evaluation_required
        and not TrackEvaluation.objects.filter(
            user_id=completion.user_id, track_id=completion.track_id
        ).exists()
    )


def track_evaluation_summary(*, track: TrackPage) -> EvaluationSummary:
    """Every evaluation of the track summed up (lms.training.evaluation.summarize): counts,
    averages and free-text answers, with no name, email or date attached."""
    order = list(
        track.evaluation_questions.order_by("sort_order", "pk").values_list("pk", flat=True)
    )
    answers = (
        TrackEvaluation.objects.filter(track=track).order_by("pk").values_list("answers", flat=True)
    )
    return summarize(answers, order=order)


@dataclass(frozen=True)
class ModuleHours:
    module: ModulePage
    hours: Decimal
    derivation: str  # the curriculum loader's note, or "" for a module an editor wrote by hand


@dataclass(frozen=True)
class TrackHours:
    """How a track's hours were worked out, module by module (for coordinators and PCB)."""

    track: TrackPage
    modules: list[ModuleHours]

    @property
    def total(self) -> Decimal:
        return sum((m.hours for m in self.modules), Decimal(0))


def track_hours_derivation(*, track: TrackPage) -> TrackHours:
    """The track's live modules in order, each with its hours and how they were derived."""
    modules = ModulePage.objects.child_of(track).live().order_by("path")
    return TrackHours(
        track=track,
        modules=[ModuleHours(module=m, hours=m.hours, derivation=m.hours_note) for m in modules],
    )


def module_hours_notes(*, module_ids) -> dict[int, str]:
    """module page id -> how its hours were derived, for the modules that have a note."""
    return dict(
        ModulePage.objects.filter(pk__in=list(module_ids))
        .exclude(hours_note="")
        .values_list("pk", "hours_note")
    )
