"""A learner's progress: quiz attempts, extra attempts granted, module and track completions.

Invariants live in the database: one attempt number per learner and quiz, one open attempt at a
time, one completion per learner and module or track.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from simple_history.models import HistoricalRecords


class QuizAttempt(models.Model):
    """One try at a quiz: the questions drawn, the choice order shown, answers and result.

    Created when the learner opens the quiz, submitted once. `revision` is the quiz page
    revision the attempt was taken against, so a later edit never changes a past result.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey("lms.QuizPage", on_delete=models.CASCADE, related_name="attempts")
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    number = models.PositiveSmallIntegerField()
    question_ids = models.JSONField(default=list)
    choice_order = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)
    # Choices picked so far on the open attempt, saved as the learner picks them, so that a
    # sign-out (idle timeout) loses nothing; shown again when the quiz is reopened.
    draft_answers = models.JSONField(default=dict, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "quiz", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="lms_attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="lms_one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(passed__isnull=False),
                name="lms_submitted_attempt_has_result",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "submitted_at"])]

    def __str__(self):
        return f"Attempt {self.number} by {self.user} at {self.quiz}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class QuizAttemptGrant(models.Model):
    """Extra attempts a coordinator gives a learner who ran out, with who and why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempt_grants"
    )
    quiz = models.ForeignKey("lms.QuizPage", on_delete=models.CASCADE, related_name="grants")
    attempts = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    reason = models.TextField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.attempts} more attempt(s) for {self.user} at {self.quiz}"


class ModuleCompletion(models.Model):
    """A module completed by passing its quiz; recorded once, never by a failed attempt."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_completions"
    )
    module = models.ForeignKey(
        "lms.ModulePage", on_delete=models.PROTECT, related_name="completions"
    )
    attempt = models.ForeignKey(QuizAttempt, on_delete=models.SET_NULL, null=True, related_name="+")
    quiz_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    hours = models.DecimalField(max_digits=4, decimal_places=1)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="lms_module_completed_once")
        ]

    def __str__(self):
        return f"{self.user} completed {self.module}"


class TrackCompletion(models.Model):
    """A track completed: every module in it completed. Certificates are issued from this."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="track_completions"
    )
    track = models.ForeignKey("lms.TrackPage", on_delete=models.PROTECT, related_name="completions")
    track_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    module_revisions = models.JSONField(default=dict)
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    completed_at = models.DateTimeField(default=timezone.now)
    # Fixed when the track is completed: completions from before evaluations existed, or of a
    # track without questions, never wait for one (docs/decisions/0151).
    evaluation_required = models.BooleanField(
        default=False,
        help_text="The certificate waits for the learner's evaluation: the track had evaluation "
        "questions when it was completed.",
    )

    class Meta:
        ordering = ["completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "track"], name="lms_track_completed_once")
        ]

    def __str__(self):
        return f"{self.user} completed {self.track}"
