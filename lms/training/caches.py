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

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import ProgramSettings
from lms.ops.versioned import bump_now_and_after_commit, current
from lms.training import grading
from lms.training.models import (
    LessonPage,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    QuizPage,
    TrackCompletion,
    TrackEvaluation,
    TrackPage,
)
from lms.training.questions import questions_from_stream

STRUCTURE_VERSION_KEY = "training:structure:version"
# The layout of the snapshot: change it with the dataclass, so no process unpickles an old one.
STRUCTURE_KEY = "training:structure:2:{version}"
COMPLETED_VERSION_KEY = "training:completed:version:{user_id}"
COMPLETED_KEY = "training:completed:{user_id}:{version}"
ATTEMPTS_VERSION_KEY = "training:attempts:version"
# Everything a learner's dashboard shows of them: attempts, completions, evaluations.
PROGRESS_VERSION_KEY = "training:progress:version:{user_id}"
MODULE_RATES_KEY = "training:pass-rates:{structure}:{attempts}"
# Pass rates are a program statistic: rebuilt after any attempt is saved or deleted, and at
# least this often (a safety net for writes that send no signals).
PASS_RATES_TIMEOUT = 5 * 60
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
    # The address each live training page is served at (one site only) -> its class and id.
    routes: dict[str, tuple[type[Page], int]] = field(default_factory=dict)
    site: Site | None = None  # the only site, when routes are known
    site_root_paths: list = field(default_factory=list)  # Wagtail's, for page URLs
    # Page-privacy restrictions on the training index, its ancestors and the pages below it:
    # (path of the page restricted, the restriction with its groups).
    restrictions: list[tuple[str, PageViewRestriction]] = field(default_factory=list)

    def view_restrictions(self, page: Page) -> list[PageViewRestriction]:
        """What Wagtail's page.get_view_restrictions() answers for a live training page."""
        return [r for path, r in self.restrictions if page.path.startswith(path)]

    def module_for_child(self, page: Page) -> ModulePage | None:
        """The live module a lesson or quiz sits in (None when it is not live)."""
        module_id = self.module_by_path.get(page.path[: -page.steplen])
        return self.modules.get(module_id) if module_id is not None else None


def structure_changed(**kwargs) -> None:
    """Signal handler: a publish, unpublish, move or deletion of a page."""
    bump_now_and_after_commit(STRUCTURE_VERSION_KEY)


_PAGE_FIELDS = (
    "pk",
    "title",
    "path",
    "depth",
    "url_path",
    "live",
    "content_type_id",
    "locale_id",
    "alias_of_id",
)


def connect_signals() -> None:
    """Bump the structure version on every change to the published tree (from AppConfig.ready)."""
    page_published.connect(structure_changed, dispatch_uid="training-structure-published")
    page_unpublished.connect(structure_changed, dispatch_uid="training-structure-unpublished")
    post_page_move.connect(structure_changed, dispatch_uid="training-structure-moved")
    post_delete.connect(_page_deleted, dispatch_uid="training-structure-deleted")
    # Page privacy, cached with the structure.
    for signal, action in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            structure_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"training-structure-restriction-{action}",
        )
    m2m_changed.connect(
        structure_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="training-structure-restriction-groups",
    )
    # The addresses pages are served at depend on the site and its root page.
    post_save.connect(structure_changed, sender=Site, dispatch_uid="training-structure-site")
    post_delete.connect(
        structure_changed, sender=Site, dispatch_uid="training-structure-site-deleted"
    )
    post_save.connect(attempts_changed, sender=QuizAttempt, dispatch_uid="training-attempt-saved")
    post_delete.connect(
        attempts_changed, sender=QuizAttempt, dispatch_uid="training-attempt-deleted"
    )
    for model in (QuizAttempt, ModuleCompletion, TrackCompletion, TrackEvaluation):
        uid = f"training-progress-{model._meta.model_name}"
        post_save.connect(learner_progress_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(learner_progress_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    # Cached lesson bodies show the program's crisis lines (a setting, not a page): they vary on
    # the structure version, so a change to the settings is seen on the next request too.
    post_save.connect(
        structure_changed, sender=ProgramSettings, dispatch_uid="training-structure-settings"
    )


def attempts_changed(**kwargs) -> None:
    """Signal handler: an attempt was started, submitted or deleted (pass rates count them)."""
    bump_now_and_after_commit(ATTEMPTS_VERSION_KEY)


def learner_progress_changed(sender, instance, **kwargs) -> None:
    """Signal handler: one of a learner's attempts, completions or evaluations changed."""
    bump_now_and_after_commit(PROGRESS_VERSION_KEY.format(user_id=instance.user_id))


def learner_progress_key(user) -> str:
    """The cache key of what the learner's dashboard shows: it changes with their next attempt,
    completion or evaluation, and with any publish."""
    progress = current(PROGRESS_VERSION_KEY.format(user_id=user.pk))
    return f"{user.pk}:{progress}:{current(STRUCTURE_VERSION_KEY)}"


def pass_rates_key() -> str:
    """The cache key of the current pass rates: it changes with the next attempt or publish."""
    return MODULE_RATES_KEY.format(
        structure=current(STRUCTURE_VERSION_KEY), attempts=current(ATTEMPTS_VERSION_KEY)
    )


def cached_pass_rates(build):
    """`build()` (the program's quiz pass rates), cached until the next attempt or publish."""
    key = pass_rates_key()
    rates = cache.get(key)
    if rates is None:
        rates = build()
        cache.set(key, rates, timeout=PASS_RATES_TIMEOUT)
    return rates


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        structure_changed()


def _build_structure(version: int) -> TrainingStructure:
    """About ten queries: live tracks, their modules, prerequisites, lessons, quizzes, routes."""
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
    structure.routes = _routes(structure)
    return structure


def _routes(structure: TrainingStructure) -> dict[str, tuple[type[Page], int]]:
    """Served address -> (class, id) of every live track, module, lesson and quiz, when the
    installation has one site (with several, which site answers depends on the host name, and
    Wagtail's own routing decides); and the page-privacy restrictions that apply to them."""
    sites = list(Site.objects.select_related("root_page")[:2])
    if len(sites) != 1 or not sites[0].is_default_site:
        return {}
    structure.site = site = sites[0]
    structure.site_root_paths = Site.get_site_root_paths()
    root = site.root_page.url_path
    pages: list[Page] = [*structure.tracks, *structure.modules.values(), *structure.quiz.values()]
    pages += [lesson for lessons in structure.lessons.values() for lesson in lessons]
    if any(page.alias_of_id for page in pages):
        return {}  # an alias takes its source's restrictions: Wagtail's routing decides
    index = Page.objects.get(path=structure.tracks[0].path[: -structure.tracks[0].steplen])
    above = [("", r) for r in index.get_view_restrictions().prefetch_related("groups")]
    below = (
        PageViewRestriction.objects.filter(page__path__startswith=index.path)
        .exclude(page=index)
        .select_related("page")
        .prefetch_related("groups")
    )
    structure.restrictions = above + [(r.page.path, r) for r in below]
    return {
        page.url_path[len(root) - 1 :]: (type(page), page.pk)
        for page in pages
        if page.url_path.startswith(root)
    }


# This process's copy of the snapshot, so a request costs one cache read (the version) rather
# than unpickling the whole tree each time. Readers never modify it.
_local: dict[str, TrainingStructure] = {}


def training_structure() -> TrainingStructure:
    """The cached snapshot of the live training tree (rebuilt after any publish)."""
    version = current(STRUCTURE_VERSION_KEY)
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
    version = current(COMPLETED_VERSION_KEY.format(user_id=user.pk))
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
    bump_now_and_after_commit(COMPLETED_VERSION_KEY.format(user_id=user.pk))


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
