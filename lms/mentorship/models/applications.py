"""Mentor applications and their selection: where each stands, every decision with its author
and reason, and interviews scored on the coordinators' rubric.

Personal data: time in recovery (a range, never a date) and the optional private details imply
the applicant's own history. Only the applicant and coordinators see them; no mentee, clinician,
recruiter or public page ever does. References hold a name and a way to reach them, nothing
more. No simple-history copy of the application (docs/decisions/0071): the decisions table is
the history, and it holds no personal details.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lms.mentorship.choices import ApplicationStage, Recommendation, TimeInRecovery


class MentorApplication(models.Model):
    """One person's application to mentor, and the stage it has reached."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_application"
    )
    time_in_recovery = models.CharField(max_length=20, choices=TimeInRecovery.choices)
    private_details = models.TextField(
        "anything you would like the program to know (optional)",
        blank=True,
        max_length=2000,
        help_text="Seen only by you and the program's coordinators.",
    )
    reference_1_name = models.CharField("first reference: name", max_length=120, blank=True)
    reference_1_contact = models.CharField(
        "first reference: phone or email", max_length=120, blank=True
    )
    reference_2_name = models.CharField("second reference: name", max_length=120, blank=True)
    reference_2_contact = models.CharField(
        "second reference: phone or email", max_length=120, blank=True
    )
    stage = models.CharField(
        max_length=20, choices=ApplicationStage.choices, default=ApplicationStage.APPLIED
    )
    paused_from = models.CharField(
        max_length=20, choices=ApplicationStage.choices, blank=True, help_text="Where to resume."
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    stage_since = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When it reached its current stage."
    )

    class Meta:
        ordering = ["stage_since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=ApplicationStage.values),
                name="mentorship_application_stage_known",
            ),
        ]

    def __str__(self):
        return f"Mentor application #{self.pk}"

    @property
    def references(self) -> list[tuple[str, str]]:
        pairs = [
            (self.reference_1_name, self.reference_1_contact),
            (self.reference_2_name, self.reference_2_contact),
        ]
        return [(name, contact) for name, contact in pairs if name or contact]


class ApplicationDecision(models.Model):
    """One move of an application, by a coordinator, with the reason: never edited or deleted."""

    application = models.ForeignKey(
        MentorApplication, on_delete=models.CASCADE, related_name="decisions"
    )
    from_stage = models.CharField(max_length=20, choices=ApplicationStage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=ApplicationStage.choices)
    reason = models.CharField(max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by_email = models.EmailField(blank=True, help_text="Kept if the account is removed.")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="mentorship_decision_has_reason"),
        ]

    def __str__(self):
        return f"{self.from_stage or 'new'} -> {self.to_stage} (application #{self.application_id})"


class Interview(models.Model):
    """A selection interview: the rubric's scores and an overall recommendation."""

    application = models.ForeignKey(
        MentorApplication, on_delete=models.CASCADE, related_name="interviews"
    )
    held_on = models.DateField()
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices)
    summary = models.TextField(blank=True, max_length=2000)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Interview #{self.pk} (application #{self.application_id})"


class InterviewScore(models.Model):
    """One criterion of the rubric, scored 1 to 4 with a note."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "mentorship.RubricCriterion", on_delete=models.PROTECT, related_name="+"
    )
    criterion_name = models.CharField(max_length=80, help_text="As it was named when scored.")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["interview", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "criterion"], name="mentorship_one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=4), name="mentorship_interview_score_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.criterion_name}: {self.score}"
