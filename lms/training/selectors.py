"""Reads of the learning engine. The dashboard's query count does not grow with the number of
modules or attempts: every list is fetched in one query and joined in Python."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import Page

from lms.training.access import is_training_staff, training_role_access
from lms.training.gating import (
    AVAILABLE,
    COMPLETED,
    LOCKED,
    module_blockers,
    module_state,
    track_nodes,
)
from lms.training.models import (
    LessonPage,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    QuizPage,
    TrackPage,
)


@dataclass
class ModuleRow:
    module: ModulePage
    state: str
    quiz: QuizPage | None = None
    blockers: list[ModulePage] = field(default_factory=list)
    last_score: Decimal | None = None
    last_passed: bool | None = None
    attempts: int = 0


@dataclass
class TrackProgress:
    track: TrackPage
    rows: list[ModuleRow]

    @property
    def total_hours(self) -> Decimal:
        return sum((r.module.hours for r in self.rows), Decimal(0))

    @property
    def completed_hours(self) -> Decimal:
        return sum((r.module.hours for r in self.rows if r.state == COMPLETED), Decimal(0))

    @property
    def completed_count(self) -> int:
        return sum(1 for r in self.rows if r.state == COMPLETED)

    @property
    def percent(self) -> int:
        return round(100 * self.completed_count / len(self.rows)) if self.rows else 0

    @property
    def next_step(self) -> ModuleRow | None:
        return next((r for r in self.rows if r.state == AVAILABLE), None)

    @property
    def is_complete(self) -> bool:
        return bool(self.rows) and self.completed_count == len(self.rows)


def _parent_path(page: Page) -> str:
    return page.path[: -Page.steplen]


def _last_attempts(*, user) -> dict[int, tuple[Decimal, bool, int]]:
    """quiz id -> (last score, last passed, submitted attempts), from the learner's own rows.

    One query over this learner's attempts (an index on user leads), so the cost follows the
    learner's history, not the size of the attempts table.
    """
    rows = (
        QuizAttempt.objects.filter(user=user, submitted_at__isnull=False)
        .order_by("quiz_id", "submitted_at")
        .values_list("quiz_id", "score", "passed")
    )
    result: dict[int, tuple[Decimal, bool, int]] = {}
    for quiz_id, score, passed in rows:
        count = result[quiz_id][2] + 1 if quiz_id in result else 1
        result[quiz_id] = (score, passed, count)
    return result


def learner_tracks_progress(*, user, tracks: list[TrackPage]) -> list[TrackProgress]:
    """Progress through each track, for any number of tracks and modules in five queries."""
    if not tracks:
        return []
    paths = [t.path for t in tracks]
    modules_query = Q()
    for path in paths:
        modules_query |= Q(path__startswith=path, depth=tracks[0].depth + 1)
    modules = list(
        ModulePage.objects.live()
        .filter(modules_query)
        .order_by("path")
        .only("pk", "title", "slug", "path", "depth", "url_path", "live", "hours", "ce_topic")
    )
    prerequisites: dict[int, list[int]] = defaultdict(list)
    for module_id, required_id in ModulePage.prerequisites.through.objects.filter(
        from_modulepage_id__in=[m.pk for m in modules]
    ).values_list("from_modulepage_id", "to_modulepage_id"):
        prerequisites[module_id].append(required_id)
    quiz_query = Q()
    for path in paths:
        quiz_query |= Q(path__startswith=path)
    quizzes = {
        _parent_path(quiz): quiz
        for quiz in QuizPage.objects.live()
        .filter(quiz_query)
        .only("pk", "path", "title", "url_path")
    }
    attempts = _last_attempts(user=user) if user.is_authenticated else {}
    completed = (
        set(ModuleCompletion.objects.filter(user=user).values_list("module_id", flat=True))
        if user.is_authenticated
        else set()
    )
    staff = user.is_authenticated and is_training_staff(user)
    by_track = defaultdict(list)
    for module in modules:
        by_track[_parent_path(module)].append(module)
    result = []
    for track in tracks:
        track_modules = by_track.get(track.path, [])
        nodes = track_nodes(
            [m.pk for m in track_modules],
            {m.pk: prerequisites[m.pk] for m in track_modules},
        )
        by_id = {m.pk: m for m in track_modules}
        rows = []
        for module, node in zip(track_modules, nodes, strict=True):
            quiz = quizzes.get(module.path)
            last = attempts.get(quiz.pk) if quiz is not None else None
            state = module_state(node, completed)
            if staff and state == LOCKED:
                state = AVAILABLE
            rows.append(
                ModuleRow(
                    module=module,
                    state=state,
                    quiz=quiz,
                    blockers=[by_id[b] for b in module_blockers(node, completed) if b in by_id]
                    if state == LOCKED
                    else [],
                    last_score=last[0] if last else None,
                    last_passed=last[1] if last else None,
                    attempts=last[2] if last else 0,
                )
            )
        result.append(TrackProgress(track=track, rows=rows))
    return result


def learner_dashboard(*, user) -> list[TrackProgress]:
    """Every live track with the learner's progress: the dashboard."""
    tracks = list(TrackPage.objects.live().order_by("path"))
    return learner_tracks_progress(user=user, tracks=tracks)


def learner_track_progress(*, user, track: TrackPage) -> TrackProgress:
    return learner_tracks_progress(user=user, tracks=[track])[0]


def learner_module_detail(*, user, module: ModulePage) -> dict:
    """A module's lessons and quiz with the learner's state (for the module page)."""
    from lms.training.access import module_access

    lessons = list(LessonPage.objects.child_of(module).live().order_by("path"))
    quiz = QuizPage.objects.child_of(module).live().first()
    access = module_access(user=user, module=module)
    completed = (
        user.is_authenticated and ModuleCompletion.objects.filter(user=user, module=module).exists()
    )
    return {
        "lessons": lessons,
        "quiz": quiz,
        "access": access,
        "role_access": training_role_access(user),
        "completed": completed,
    }


def lesson_navigation(*, lesson: LessonPage) -> dict:
    """The lesson's module, its neighbours and the quiz (one query for the module's pages)."""
    module = lesson.gated_module()
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    quiz_type = ContentType.objects.get_for_model(QuizPage)
    children = (
        list(
            Page.objects.child_of(module)
            .live()
            .order_by("path")
            .only("pk", "title", "path", "url_path", "depth", "content_type_id")
        )
        if module is not None
        else []
    )
    siblings = [p for p in children if p.content_type_id == lesson_type.pk]
    quiz = next((p for p in children if p.content_type_id == quiz_type.pk), None)
    index = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), 0)
    return {
        "module": module,
        "previous_lesson": siblings[index - 1] if index > 0 else None,
        "next_lesson": siblings[index + 1] if index + 1 < len(siblings) else None,
        "quiz": quiz,
        "lesson_number": index + 1,
        "lesson_count": len(siblings),
    }
