"""Coordinator reports in the Wagtail admin: learners by modules, and per-question statistics.

Both are Wagtail report views, so they filter and export to CSV and XLSX like the built-in ones.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common.exports import FilteredExportNameMixin
from lms.training import selectors
from lms.training.gating import ModuleNode, ModuleState, module_state, track_nodes
from lms.training.itemanalysis import item_statistics
from lms.training.models import (
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    QuizAttemptGrant,
    QuizPage,
)
from lms.training.questions import quiz_questions

NOT_STARTED = "Not started"
LOCKED = "Locked"
GRANT = "Grant"


@dataclass(frozen=True)
class ProgressCell:
    """One learner's state in one module: the words (all an export gets) and, on screen, a link
    that opens the grant form for this learner and this quiz."""

    text: str
    grant_url: str = ""

    def __str__(self) -> str:
        return self.text


class ProgressColumn(Column):
    cell_template_name = "training/admin/progress_cell.html"


def attempts_text(*, used: int, allowed: int | None, next_from=None) -> str:
    """ "2 of 3 attempts used", "3 of 3 attempts used, none left", "1 failed attempt" (no limit),
    with "; next attempt from Nov 30, 2026, 3:05 PM" while a cool-down runs."""
    if allowed is None:
        text = f"{used} failed attempt{'s' if used != 1 else ''}"
    else:
        text = f"{used} of {allowed} attempts used"
        if used >= allowed:
            text += ", none left"
    if next_from is not None and (allowed is None or used < allowed):
        moment = localtime(next_from)
        text += (
            f"; next attempt from {date_format(moment, 'M j, Y')}, {date_format(moment, 'g:i A')}"
        )
    return text


PREREQ_FROM, PREREQ_TO = "from_modulepage_id", "to_modulepage_id"


class LearnerProgressFilterSet(WagtailFilterSet):
    email = django_filters.CharFilter(label="Email contains", lookup_expr="icontains")
    completed_module = django_filters.ModelChoiceFilter(
        label="Has completed",
        queryset=ModulePage.objects.live().order_by("path"),
        method="filter_completed",
    )
    not_completed_module = django_filters.ModelChoiceFilter(
        label="Has not completed",
        queryset=ModulePage.objects.live().order_by("path"),
        method="filter_not_completed",
    )

    attempts = django_filters.ChoiceFilter(
        label="Attempts",
        choices=[("out", "Out of attempts")],
        method="filter_attempts",
        empty_label="Any",
    )

    class Meta:
        model = User
        fields = ["email"]

    def filter_attempts(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.learners_out_of_attempts()) if value else queryset

    def filter_completed(self, queryset, name, value):
        return queryset.filter(module_completions__module=value) if value else queryset

    def filter_not_completed(self, queryset, name, value):
        return queryset.exclude(module_completions__module=value) if value else queryset


class LearnerProgressReport(FilteredExportNameMixin, ReportView):
    """One row per mentor, one column per module: when it was completed, or attempts so far."""

    page_title = "Learner progress"
    results_template_name = "common/admin/scrolling_results.html"
    header_icon = "user"
    index_url_name = "lms_reports:learner_progress"
    index_results_url_name = "lms_reports:learner_progress_results"
    filterset_class = LearnerProgressFilterSet
    permission_policy = ModelPermissionPolicy(ModuleCompletion)
    permission_required = "view"
    paginate_by = 50
    # Find a learner by name or email among many (the ORM's icontains: User is not indexed).
    is_searchable = True
    search_fields = ["email", "first_name", "last_name"]
    search_backend_name = ""

    export_basename = "learner-progress"

    def modules(self):
        if not hasattr(self, "_modules"):
            self._modules = list(
                ModulePage.objects.live().order_by("path").only("pk", "title", "path")
            )
        return self._modules

    def module_nodes(self) -> dict[int, ModuleNode]:
        """Each module's place in its track's gating (the module before, prerequisites)."""
        modules = self.modules()
        prerequisites: defaultdict[int, list[int]] = defaultdict(list)
        for module_id, required_id in ModulePage.prerequisites.through.objects.filter(
            **{f"{PREREQ_FROM}__in": [m.pk for m in modules]}
        ).values_list(PREREQ_FROM, PREREQ_TO):
            prerequisites[module_id].append(required_id)
        by_track = defaultdict(list)
        for module in modules:
            by_track[module.path[: -ModulePage.steplen]].append(module.pk)
        required: dict[int, Sequence[int]] = dict(prerequisites)
        return {node.id: node for ids in by_track.values() for node in track_nodes(ids, required)}

    @property
    def columns(self):
        return [
            Column("email", label="Email"),
            Column("name", label="Name"),
            Column("modules_completed", label="Modules completed"),
            Column("hours_completed", label="Hours"),
            *[ProgressColumn(f"module_{m.pk}", label=m.title) for m in self.modules()],
        ]

    @property
    def list_export(self):
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: column.label for column in self.columns}

    def get_filtered_queryset(self):
        return self.search_queryset(super().get_filtered_queryset())

    def get_queryset(self):
        mentors = Group.objects.get(name=Role.MENTOR).pk
        return (
            User.objects.filter(groups=mentors)
            .annotate(
                modules_completed=Count("module_completions", distinct=True),
                hours_completed=Sum("module_completions__hours"),
            )
            .order_by("email")
        )

    def decorate_paginated_queryset(self, object_list):
        users = list(object_list)
        ids = [u.pk for u in users]
        done = {
            (c["user_id"], c["module_id"]): c["completed_at"]
            for c in ModuleCompletion.objects.filter(user_id__in=ids).values(
                "user_id", "module_id", "completed_at"
            )
        }
        tries = {
            (a["user_id"], a["quiz__path"][: -QuizPage.steplen]): (a["n"], a["last"])
            for a in QuizAttempt.objects.filter(user_id__in=ids, submitted_at__isnull=False)
            .values("user_id", "quiz__path")
            .annotate(n=Count("pk"), last=Max("submitted_at"))
        }
        quizzes = {
            quiz.path[: -QuizPage.steplen]: quiz
            for quiz in QuizPage.objects.live().only(
                "pk", "path", "max_attempts", "cooldown_minutes"
            )
        }
        granted = {
            (g["user_id"], g["quiz_id"]): g["n"]
            for g in QuizAttemptGrant.objects.filter(user_id__in=ids)
            .values("user_id", "quiz_id")
            .annotate(n=Sum("attempts"))
        }
        now = timezone.now()
        add_grant = reverse("quiz_attempt_grants:add")
        nodes = self.module_nodes()
        for user in users:
            user.name = user.get_full_name()
            user.hours_completed = user.hours_completed or 0
            completed = {module_id for (user_id, module_id) in done if user_id == user.pk}
            for module in self.modules():
                when = done.get((user.pk, module.pk))
                count, last = tries.get((user.pk, module.path), (0, None))
                quiz = quizzes.get(module.path)
                if when:
                    value = ProgressCell(f"Completed {date_format(localtime(when), 'M j, Y')}")
                elif count and quiz is not None:
                    allowed = None
                    if quiz.max_attempts:
                        allowed = quiz.max_attempts + granted.get((user.pk, quiz.pk), 0)
                    cooling = quiz.cooldown_minutes and last + timedelta(
                        minutes=quiz.cooldown_minutes
                    )
                    value = ProgressCell(
                        attempts_text(
                            used=count,
                            allowed=allowed,
                            next_from=cooling if cooling and cooling > now else None,
                        ),
                        grant_url=f"{add_grant}?user={user.pk}&quiz={quiz.pk}"
                        if allowed is not None
                        else "",
                    )
                elif module_state(nodes[module.pk], completed) == ModuleState.LOCKED:
                    value = ProgressCell(LOCKED)
                else:
                    value = ProgressCell(NOT_STARTED)
                setattr(user, f"module_{module.pk}", value)
        return users


@dataclass
class QuestionStat:
    quiz: str
    question: str
    shown: int
    answered_wrong: int
    miss_rate: float | None  # percent, a number so that it sorts in a spreadsheet
    facility: str
    discrimination: str
    flags: str
    wrong_choices: str


class QuizFilterSet(WagtailFilterSet):
    module = django_filters.ModelChoiceFilter(
        queryset=ModulePage.objects.live().order_by("path"),
        method="filter_module",
        label="Module",
    )
    quiz = django_filters.ModelChoiceFilter(
        queryset=QuizPage.objects.live().order_by("path"), method="filter_quiz", label="Quiz"
    )

    class Meta:
        model = QuizPage
        fields: list[str] = []

    def filter_module(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path) if value else queryset

    def filter_quiz(self, queryset, name, value):
        return queryset.filter(pk=value.pk) if value else queryset


class QuestionStatsReport(FilteredExportNameMixin, ReportView):
    """How often each question is missed, how often each wrong choice is picked, and the item
    analysis (facility and discrimination indexes, with flags) of lms.training.itemanalysis."""

    page_title = "Quiz question statistics"
    results_template_name = "common/admin/scrolling_results.html"
    header_icon = "help"
    index_url_name = "lms_reports:question_stats"
    index_results_url_name = "lms_reports:question_stats_results"
    filterset_class = QuizFilterSet
    permission_policy = ModelPermissionPolicy(ModuleCompletion)
    permission_required = "view"
    paginate_by = 100
    columns = [
        Column("quiz", label="Quiz"),
        Column("question", label="Question"),
        Column("shown", label="Answered"),
        Column("answered_wrong", label="Missed"),
        Column("miss_rate", label="Miss rate (%)"),
        Column("facility", label="Facility index"),
        Column("discrimination", label="Discrimination index"),
        Column("flags", label="Flags"),
        Column("wrong_choices", label="Wrong choices picked"),
    ]
    list_export = [c.name for c in columns]
    export_headings = {c.name: c.label for c in columns}

    export_basename = "question-statistics"

    def get_queryset(self):
        return QuizPage.objects.live().order_by("path")

    def get_filtered_queryset(self):
        return question_stats(quizzes=list(super().get_filtered_queryset()))


def _index(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def question_stats(*, quizzes: list[QuizPage]) -> list[QuestionStat]:
    """Statistics from every submitted attempt of the given quizzes (one query per quiz)."""
    rows = []
    for quiz in quizzes:
        questions = quiz_questions(quiz)
        shown: Counter = Counter()
        wrong: Counter = Counter()
        picked: Counter = Counter()
        outcomes: list[dict[str, bool]] = []  # per attempt: {question id: answered right}
        for answers in QuizAttempt.objects.filter(
            quiz=quiz, submitted_at__isnull=False
        ).values_list("answers", flat=True):
            outcome = {}
            for question in questions:
                if question.id not in answers:
                    continue
                selected = set(answers[question.id])
                shown[question.id] += 1
                outcome[question.id] = selected == set(question.correct_ids)
                if not outcome[question.id]:
                    wrong[question.id] += 1
                for choice in question.choices:
                    if choice.id in selected and not choice.correct:
                        picked[choice.id] += 1
            outcomes.append(outcome)
        analysis = {
            item.question_id: item
            for item in item_statistics(outcomes, [question.id for question in questions])
        }
        for question in questions:
            count = shown[question.id]
            item = analysis[question.id]
            rows.append(
                QuestionStat(
                    quiz=quiz.title,
                    question=question.text,
                    shown=count,
                    answered_wrong=wrong[question.id],
                    miss_rate=round(100 * wrong[question.id] / count, 1) if count else None,
                    facility=_index(item.facility),
                    discrimination=_index(item.discrimination),
                    flags="; ".join(flag.label for flag in item.flags),
                    wrong_choices="; ".join(
                        f"{c.text}: {picked[c.id]}"
                        for c in question.choices
                        if not c.correct and picked[c.id]
                    ),
                )
            )
    return rows
