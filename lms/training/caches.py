"""Caches of the training's reads: the tree's shape, which changes only when an editor publishes,
and each learner's completed modules, which change only when they pass a quiz.

Both sit in Django's cache (Redis shared by every app server in production, the local memory
cache otherwise) behind a version number rather than being deleted: a request that read the
database just before a publish or a pass stores its answer under the old version, which nobody
reads again, so a stale entry can never outlive the change.

- The structure version is bumped on page_published, page_unpublished, post_page_move and the
  deletion of a page (connect_signals below): any page, since a move or an unpublish above a
  track changes which modules are live; and on saving the program settings, whose crisis lines
  appear in cached lesson bodies. Cost: the next request rebuilds the snapshot in five queries.
- A learner's completion version is bumped when a pass records a completion (after commit).
  Cost: that learner's next request reads their completions in one query.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import ProgramSettings
from lms.training import grading
from lms.training.models import (
    LessonPage,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    QuizPage,
    TrackPage,
)
from lms.training.questions import questions_from_stream

STRUCTURE_VERSION_KEY = "training:structure:version"
STRUCTURE_KEY = "training:structure:{version}"
COMPLETED_VERSION_KEY = "training:completed:version:{user_id}"
COMPLETED_KEY = "training:completed:{user_id}:{version}"
REVISION_QUESTIONS_KEY = "training:revision-questions:{revision_id}"
# Long enough to outlive any quiet spell; old versions simply expire.
TIMEOUT = 60 * 60 * 24


@dataclass
class TrainingStructure:
    """Every live track's live modules in order, with what gating and navigation need."""

    version: int
    tracks: list[TrackPage] = field(default_factory=list)
    track_module_ids: dict[str, list[int]] = field(default_factory=dict)  # track path -> ids
    modules: dict[int, ModulePage] = field(default_factory=dict)
    module_by_path: dict[str, int] = field(default_factory=dict)
    previous: dict[int, int | None] = field(default_factory=dict)
    prerequisites: dict[int, tuple[int, ...]] = field(default_factory=dict)
    quiz: dict[int, QuizPage] = field(default_factory=dict)  # module id -> live quiz
    lessons: dict[int, list[LessonPage]] = field(default_factory=dict)  # module id -> lessons

    def module_for_child(self, page: Page) -> ModulePage | None:
        """The live module a lesson or quiz sits in (None when it is not live)."""
        module_id = self.module_by_path.get(page.path[: -page.steplen])
        return self.modules.get(module_id) if module_id is not None else None


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        # A cleared or evicted cache starts a fresh number, never one already used.
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return int(version) if version is not None else 0  # no cache at all: nothing to invalidate


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there (cleared or evicted): any fresh number will do
        cache.set(key, time.time_ns(), timeout=None)


def _bump_now_and_after_commit(key: str) -> None:
    # Now, so nothing cached before the change is read again; and once more after the commit,
    # so an entry rebuilt from the database before the commit (a concurrent request) is dropped.
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def structure_changed(**kwargs) -> None:
    """Signal handler: a publish, unpublish, move or deletion of a page."""
    _bump_now_and_after_commit(STRUCTURE_VERSION_KEY)


_PAGE_FIELDS = ("pk", "title", "path", "depth", "url_path", "live", "content_type_id", "locale_id")


def connect_signals() -> None:
    """Bump the structure version on every change to the published tree (from AppConfig.ready)."""
    page_published.connect(structure_changed, dispatch_uid="training-structure-published")
    page_unpublished.connect(structure_changed, dispatch_uid="training-structure-unpublished")
    post_page_move.connect(structure_changed, dispatch_uid="training-structure-moved")
    post_delete.connect(_page_deleted, dispatch_uid="training-structure-deleted")
    # Cached lesson bodies show the program's crisis lines (a setting, not a page): they vary on
    # the structure version, so a change to the settings is seen on the next request too.
    post_save.connect(
        structure_changed, sender=ProgramSettings, dispatch_uid="training-structure-settings"
    )


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        structure_changed()


def _build_structure(version: int) -> TrainingStructure:
    """Five queries: live tracks, their live modules, prerequisites, live lessons and quizzes."""
    structure = TrainingStructure(version=version)
    tracks = list(TrackPage.objects.live().order_by("path"))
    structure.tracks = tracks
    if not tracks:
        return structure
    track_paths = {track.path for track in tracks}
    depth = tracks[0].depth + 1
    for module in (
        ModulePage.objects.live()
        .filter(depth=depth)
        .order_by("path")
        .only(*_PAGE_FIELDS, "slug", "hours", "ce_topic")
    ):
        track_path = module.path[: -module.steplen]
        if track_path not in track_paths:
            continue
        ids = structure.track_module_ids.setdefault(track_path, [])
        structure.previous[module.pk] = ids[-1] if ids else None
        ids.append(module.pk)
        structure.modules[module.pk] = module
        structure.module_by_path[module.path] = module.pk
    prerequisites: dict[int, list[int]] = defaultdict(list)
    for module_id, required_id in (
        ModulePage.prerequisites.through.objects.filter(
            from_modulepage_id__in=list(structure.modules)
        )
        .order_by("pk")
        .values_list("from_modulepage_id", "to_modulepage_id")
    ):
        prerequisites[module_id].append(required_id)
    structure.prerequisites = {m: tuple(ids) for m, ids in prerequisites.items()}
    for quiz in (
        QuizPage.objects.live().filter(depth=depth + 1).order_by("path").only(*_PAGE_FIELDS)
    ):
        module_id = structure.module_by_path.get(quiz.path[: -quiz.steplen])
        if module_id is not None and module_id not in structure.quiz:
            structure.quiz[module_id] = quiz
    for lesson in (
        LessonPage.objects.live()
        .filter(depth=depth + 1)
        .order_by("path")
        .only(*_PAGE_FIELDS, "minutes")
    ):
        module_id = structure.module_by_path.get(lesson.path[: -lesson.steplen])
        if module_id is not None:
            structure.lessons.setdefault(module_id, []).append(lesson)
    return structure


# This process's copy of the snapshot, so a request costs one cache read (the version) rather
# than unpickling the whole tree each time. Readers never modify it.
_local: dict[str, TrainingStructure] = {}


def training_structure() -> TrainingStructure:
    """The cached snapshot of the live training tree (rebuilt after any publish)."""
    version = _version(STRUCTURE_VERSION_KEY)
    local = _local.get("structure")
    if local is not None and local.version == version:
        return local
    key = STRUCTURE_KEY.format(version=version)
    structure = cache.get(key)
    if structure is None:
        structure = _build_structure(version)
        cache.set(key, structure, timeout=TIMEOUT)
    _local["structure"] = structure
    return structure


def learner_completed_ids(user) -> frozenset[int]:
    """The ids of the modules this learner has completed (cached until their next pass)."""
    if not user.is_authenticated:
        return frozenset()
    memo = getattr(user, "_completed_module_ids", None)
    if memo is not None:
        return memo
    version = _version(COMPLETED_VERSION_KEY.format(user_id=user.pk))
    key = COMPLETED_KEY.format(user_id=user.pk, version=version)
    completed = cache.get(key)
    if completed is None:
        completed = frozenset(
            ModuleCompletion.objects.filter(user=user).values_list("module_id", flat=True)
        )
        cache.set(key, completed, timeout=TIMEOUT)
    user._completed_module_ids = completed
    return completed


def learner_completions_changed(user) -> None:
    """Called by the pass service: the learner's next request reads their completions afresh."""
    user._completed_module_ids = None
    _bump_now_and_after_commit(COMPLETED_VERSION_KEY.format(user_id=user.pk))


def revision_questions(attempt: QuizAttempt) -> list[grading.Question]:
    """The questions of the quiz revision an attempt was taken against, cached: a revision never
    changes, so the entry needs no invalidation (only the attempt's draw order is applied)."""
    if attempt.revision_id is None:
        return questions_from_stream(list(attempt.quiz.questions.raw_data))
    key = REVISION_QUESTIONS_KEY.format(revision_id=attempt.revision_id)
    questions = cache.get(key)
    if questions is None:
        revision = attempt.revision
        quiz = revision.as_object() if revision is not None else attempt.quiz
        questions = questions_from_stream(list(quiz.questions.raw_data))
        cache.set(key, questions, timeout=TIMEOUT)
    return questions
