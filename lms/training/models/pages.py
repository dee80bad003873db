"""Training pages: index > track > module > lessons and one quiz. Thin: fields, tree, panels,
and reads of the page's own place in the tree.

Live training pages are served through one `on_serve_page` hook (lms/training/views/pages.py),
which decides access (lms/training/selectors.py) and adds the learner's progress. Previews
never pass through it, so they are never gated.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from modelcluster.fields import ParentalManyToManyField

from content.blocks import BodyBlock
from lms.training.blocks import QuizBlock
from lms.training.choices import CETopic, ReviewAnswers
from lms.training.page_forms import ModulePageForm, TrackPageForm
from lms.training.questions import quiz_questions
from lms.training.review import ReviewState, review_due_on, review_state


class ViewRestrictionsMemo:
    """A training page's page-privacy restrictions, read once per request (Wagtail asks twice),
    or handed over from the cached structure by the training routes (views/pages.py)."""

    def get_view_restrictions(self):
        if "_view_restrictions" not in self.__dict__:
            self.__dict__["_view_restrictions"] = list(super().get_view_restrictions())
        return self.__dict__["_view_restrictions"]


class TrainingIndexPage(Page):
    """The list of training tracks."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "training/training_index_page.html"
    parent_page_types = ["content.HomePage"]
    subpage_types = ["lms.TrackPage"]
    admin_default_ordering = "ord"  # the page tree lists children in their course order
    max_count = 1

    class Meta:
        verbose_name = "training index"

    def route(self, request, path_components):
        """Find a training page in one query by its URL path, not one query per level."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.filter(url_path=url_path, path__startswith=self.path).first()
        if page is None:
            raise Http404
        page = page.specific
        if not page.live:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tracks"] = TrackPage.objects.child_of(self).live().order_by("path")
        return context


class TrackPage(ViewRestrictionsMemo, Page):
    """An ordered series of modules that together earn a certificate of completion.

    Editors reorder modules by reordering the child pages.
    """

    summary = models.CharField(max_length=300)
    intro = RichTextField(features=["bold", "italic", "link", "ul", "ol"], blank=True)
    certificate_title = models.CharField(
        max_length=200, help_text="Printed on the certificate of completion."
    )
    certificate_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text="Months a certificate stays valid; empty for no expiry.",
    )
    pcb_approved_hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text='Only for a PCB-approved provider: "PCB Approved for N Hours".',
    )
    pcb_approved_title = models.CharField(
        max_length=200, blank=True, help_text="The exact PCB-approved title, if approved."
    )
    pcb_approval_number = models.CharField(
        "PCB approval number", max_length=50, blank=True, help_text="As on PCB's approval letter."
    )
    pcb_approved_on = models.DateField(
        "PCB approved on",
        null=True,
        blank=True,
        help_text="The date of PCB's approval: modules completed from then on are PCB-approved CE.",
    )
    pcb_notified_on = models.DateField(
        "PCB notified of a change on",
        null=True,
        blank=True,
        help_text="Once approved, the title and hours change only after PCB is told in writing: "
        "enter the date of that notice with the change. Page history keeps each one.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("certificate_title"),
                FieldPanel("certificate_months"),
            ],
            heading="Certificate",
        ),
        MultiFieldPanel(
            [
                FieldPanel("pcb_approved_title"),
                FieldPanel("pcb_approved_hours"),
                FieldPanel("pcb_approval_number"),
                FieldPanel("pcb_approved_on"),
                FieldPanel("pcb_notified_on"),
            ],
            heading="PCB approval record",
            help_text="Fill in only when PCB has approved this track. Without a complete record, "
            "finished modules enter the CE ledger as program training, not PCB-approved.",
        ),
        InlinePanel(
            "evaluation_questions",
            heading="Post-training evaluation",
            label="Question",
            help_text="Learners answer these after the last module; the certificate is issued "
            "once they have. No questions: the certificate is issued on completion.",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("intro")]
    template = "training/track_page.html"
    base_form_class = TrackPageForm
    parent_page_types = ["lms.TrainingIndexPage"]

    @classmethod
    def pcb_approved(cls) -> "models.QuerySet[TrackPage]":
        """Tracks with a complete PCB approval record (title, number, hours and date)."""
        return (
            cls.objects.exclude(pcb_approved_title="")
            .exclude(pcb_approval_number="")
            .filter(pcb_approved_hours__isnull=False, pcb_approved_on__isnull=False)
            .order_by("path")
        )

    @property
    def has_pcb_approval_record(self) -> bool:
        """A complete PCB approval record: approved title and hours, number and date."""
        return self.pcb_approved_on is not None and self.pcb_approval_covers(self.pcb_approved_on)

    def pcb_approval_covers(self, day: date) -> bool:
        """Whether the track had a complete PCB approval record on `day`."""
        return bool(
            self.pcb_approved_title
            and self.pcb_approved_hours
            and self.pcb_approval_number
            and self.pcb_approved_on is not None
            and self.pcb_approved_on <= day
        )

    subpage_types = ["lms.ModulePage"]
    admin_default_ordering = "ord"  # modules in course order, not newest first


class ModulePage(ViewRestrictionsMemo, Page):
    """A unit of training: lessons, then a quiz whose pass completes the module."""

    summary = models.CharField(max_length=300)
    objectives = models.TextField(help_text="One learning objective per line.")
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Training hours; also the continuing-education hours it can count for.",
    )
    ce_topic = models.CharField(
        "continuing-education topic",
        max_length=20,
        choices=CETopic.choices,
        default=CETopic.GENERAL,
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="unlocks",
        help_text="Modules to complete first. Empty: the module before this one in the track.",
    )
    hours_note = models.TextField(
        "how the hours are worked out",
        blank=True,
        help_text="Reading time, activities and quiz, as the curriculum loader derives them.",
    )
    # The review trail. Personal data: the reviewer's name and role, shown to learners at the
    # foot of the module (a professional sign-off, given for that purpose).
    sources = models.TextField(
        blank=True, help_text="The sources of what the module teaches, one per line."
    )
    reviewer_name = models.CharField("clinical reviewer", max_length=200, blank=True)
    reviewer_role = models.CharField(
        "reviewer's role", max_length=200, blank=True, help_text="For example: Clinical Director."
    )
    reviewed_on = models.DateField("signed off on", null=True, blank=True)
    review_due_on = models.DateField(
        "review due on",
        null=True,
        blank=True,
        help_text="Empty: one year after the sign-off.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("hours"),
        FieldPanel("hours_note", read_only=True),
        FieldPanel("ce_topic"),
        FieldPanel("prerequisites"),
        MultiFieldPanel(
            [
                FieldPanel("sources"),
                FieldPanel("reviewer_name"),
                FieldPanel("reviewer_role"),
                FieldPanel("reviewed_on"),
                FieldPanel("review_due_on"),
            ],
            heading="Sources and clinical review",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
    ]
    base_form_class = ModulePageForm
    template = "training/module_page.html"
    parent_page_types = ["lms.TrackPage"]
    subpage_types = ["lms.LessonPage", "lms.QuizPage"]
    admin_default_ordering = "ord"  # lessons in course order, then the quiz

    @property
    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    def review_state(self, today: date) -> ReviewState:
        return review_state(reviewed_on=self.reviewed_on, due_on=self.review_due_on, today=today)

    def save(self, *args, **kwargs):
        if self.reviewed_on and not self.review_due_on:
            self.review_due_on = review_due_on(self.reviewed_on)
        super().save(*args, **kwargs)

    def live_lessons(self) -> list["LessonPage"]:
        return list(LessonPage.objects.child_of(self).live().order_by("path"))

    def live_quiz(self) -> "QuizPage | None":
        return QuizPage.objects.child_of(self).live().first()

    def previous_live_module_id(self) -> int | None:
        """The live module before this one in its track (gating's default prerequisite)."""
        return (
            ModulePage.objects.sibling_of(self, inclusive=False)
            .live()
            .filter(path__lt=self.path)
            .order_by("-path")
            .values_list("pk", flat=True)
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        """Previews only: learners are served the same names from the cached structure."""
        context = super().get_context(request, *args, **kwargs)
        context["parent"] = self.get_parent()
        context["lessons"] = self.live_lessons()
        context["quiz"] = self.live_quiz()
        return context


class GatedPageMixin(ViewRestrictionsMemo):
    """A lesson or quiz: opened as its module is (see training_page_access)."""

    def gated_module(self):
        """The module this page belongs to, fetched with its sibling modules in one query, so
        that the module before it (for gating) is known too."""
        if "_gated_module" not in self.__dict__:
            parent_path = self.path[: -self.steplen]
            siblings = list(
                ModulePage.objects.filter(
                    path__startswith=parent_path[: -self.steplen], depth=self.depth - 1
                ).order_by("path")
            )
            module = next((m for m in siblings if m.path == parent_path), None)
            if module is not None:
                before = [m.pk for m in siblings if m.live and m.path < module.path]
                module.previous_module_id = before[-1] if before else None
            self.__dict__["_gated_module"] = module
        return self.__dict__["_gated_module"]


class LessonPage(GatedPageMixin, Page):
    """Reading material of a module, in blocks."""

    minutes = models.PositiveSmallIntegerField(
        default=10, validators=[MaxValueValidator(600)], help_text="Typical reading time."
    )
    body = StreamField(BodyBlock())

    content_panels = [*Page.content_panels, FieldPanel("minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    template = "training/lesson_page.html"
    parent_page_types = ["lms.ModulePage"]
    subpage_types: list[str] = []

    def get_cache_key_components(self):
        # The template caches the rendered body per page state: the live revision is part of it,
        # so a publish is seen on the next request (and the old fragment is never read again).
        return [*super().get_cache_key_components(), self.live_revision_id]

    def navigation(self) -> dict:
        """The lesson's module, its neighbors and the quiz (one query for the module's pages)."""
        module = self.gated_module()
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
        lesson_type = ContentType.objects.get_for_model(LessonPage)
        quiz_type = ContentType.objects.get_for_model(QuizPage)
        siblings = [p for p in children if p.content_type_id == lesson_type.pk]
        quiz = next((p for p in children if p.content_type_id == quiz_type.pk), None)
        index = next((i for i, s in enumerate(siblings) if s.pk == self.pk), 0)
        return {
            "module": module,
            "previous_lesson": siblings[index - 1] if index > 0 else None,
            "next_lesson": siblings[index + 1] if index + 1 < len(siblings) else None,
            "quiz": quiz,
            "lesson_number": index + 1,
            "lesson_count": len(siblings),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.navigation())
        return context


class QuizPage(GatedPageMixin, Page):
    """The module's quiz. Passing it completes the module and opens the next.

    GET shows the learner's current attempt (or their result); POST submits it. Questions are
    not indexed for search.
    """

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percent of questions right needed to pass.",
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)], help_text="0 for no limit."
    )
    cooldown_minutes = models.PositiveIntegerField(
        default=0,
        validators=[MaxValueValidator(60 * 24 * 30)],
        help_text="Minutes to wait after a failed attempt before the next.",
    )
    draw_count = models.PositiveSmallIntegerField(
        "questions per attempt",
        default=0,
        help_text="Draw this many questions from the pool for each attempt; 0 for all.",
    )
    contact = models.CharField(
        max_length=300,
        blank=True,
        default="Your program coordinator can grant more attempts.",
        help_text="Whom to contact when attempts run out.",
    )
    review_answers = models.CharField(
        "show the right answers",
        max_length=20,
        choices=ReviewAnswers.choices,
        default=ReviewAnswers.AFTER_PASSING_OR_NO_ATTEMPTS,
        help_text=(
            "Until then a result shows which questions were missed, the feedback on the "
            "learner's own choices and the lessons to review. Choose 'after passing only' when "
            "coordinators often grant extra attempts: answers seen once attempts ran out would "
            "otherwise help on the granted ones."
        ),
    )
    questions = StreamField(QuizBlock())

    ReviewAnswers = ReviewAnswers

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("cooldown_minutes"),
                FieldPanel("draw_count"),
                FieldPanel("contact"),
                FieldPanel("review_answers"),
            ],
            heading="Rules",
        ),
        FieldPanel("questions"),
    ]
    search_fields = list(Page.search_fields)
    template = "training/quiz_page.html"
    parent_page_types = ["lms.ModulePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        """Only previews render through here: every question with its correct choices marked.
        Learners are served by the quiz view, which never sends correctness before grading."""
        context = super().get_context(request, *args, **kwargs)
        context["mode"] = "preview"
        context["preview_questions"] = quiz_questions(self)
        return context
