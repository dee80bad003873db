"""The post-training evaluation PCB asks of an approved provider: questions editors keep on each
track, and one set of answers per learner and track, sent before the certificate is issued
(docs/decisions/0151-evaluation-before-certificate.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from lms.training.choices import EvaluationKind

PROMPT_MAX_LENGTH = 300


class TrackEvaluationQuestion(Orderable):
    """One question of a track's evaluation, edited (and reordered) with the track page.

    A track with no questions issues its certificate as soon as it is completed.
    """

    track = ParentalKey(
        "lms.TrackPage", on_delete=models.CASCADE, related_name="evaluation_questions"
    )
    prompt = models.CharField("question", max_length=PROMPT_MAX_LENGTH)
    kind = models.CharField(
        max_length=10, choices=EvaluationKind.choices, default=EvaluationKind.RATING
    )
    required = models.BooleanField(
        default=True, help_text="Learners must answer it before the evaluation can be sent."
    )

    panels = [FieldPanel("prompt"), FieldPanel("kind"), FieldPanel("required")]

    class Meta(Orderable.Meta):
        verbose_name = "evaluation question"

    def __str__(self):
        return self.prompt


class TrackEvaluation(models.Model):
    """A learner's evaluation of a track they completed: sent once, never edited.

    `answers` keeps each question as it was asked: a list of {"question": id, "prompt": text,
    "kind": "rating" | "text", "value": 1-5 | text | null}, so later edits of the questions
    never change what was answered.

    Personal data: user (only to allow one evaluation each and to release the certificate; never
    shown with the answers) and the free-text answers (shown to coordinators without any name).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="track_evaluations"
    )
    track = models.ForeignKey("lms.TrackPage", on_delete=models.PROTECT, related_name="evaluations")
    answers = models.JSONField(default=list)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "track"], name="lms_track_evaluated_once")
        ]

    def __str__(self):
        return f"Evaluation of {self.track} ({self.pk})"
