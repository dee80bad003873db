"""Matching profiles: minimal, consented, and with an explicit choice of what the other side sees.

Personal data: everything in MenteeProfile is substance-use-disorder patient information
(42 CFR Part 2): coordinators see it; a paired mentor sees only the fields whose share_* flag the
mentee set; nothing here ever appears on a public page or to a recruiter. MentorProfile's lived
experience implies the mentor's own history: the mentee sees only what the mentor shares.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from simple_history.models import HistoricalRecords

from lms.mentorship.choices import (
    GenderPreference,
    MentorGender,
    MentorStatus,
    RecoveryStage,
    ShareableMenteeField,
    ShareableMentorField,
    SupportStyle,
)

MAX_CAPACITY = 10


class MentorProfile(models.Model):
    """What a mentor offers for matching, how many mentees they can take, and whether they are
    taking any now. Edited by the mentor and by coordinators (who pause and set capacity)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    experience_areas = models.ManyToManyField(
        "mentorship.ExperienceArea",
        blank=True,
        related_name="mentors",
        verbose_name="areas of lived experience",
    )
    goals = models.ManyToManyField(
        "mentorship.Goal", blank=True, related_name="mentors", verbose_name="goals I can support"
    )
    stages = models.JSONField(
        "stages I can support", default=list, blank=True, help_text="RecoveryStage values."
    )
    formats = models.JSONField("meeting formats", default=list, blank=True)
    times = models.JSONField("times I can meet", default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    gender = models.CharField(max_length=20, choices=MentorGender.choices, blank=True)
    support_style = models.CharField(
        max_length=20, choices=SupportStyle.choices, default=SupportStyle.BOTH
    )
    capacity = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(MAX_CAPACITY)],
        help_text="How many mentees at a time.",
    )
    status = models.CharField(
        max_length=20, choices=MentorStatus.choices, default=MentorStatus.ACTIVE
    )

    share_experience_areas = models.BooleanField(default=False)
    share_goals = models.BooleanField(default=False)
    share_availability = models.BooleanField(default=False)
    share_languages = models.BooleanField(default=False)
    share_support_style = models.BooleanField(default=False)

    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When the mentor agreed to be matched with this profile."
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[experience_areas, goals])

    class Meta:
        ordering = ["user__first_name", "user__email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__lte=MAX_CAPACITY),
                name="mentorship_mentor_capacity_at_most_10",
            ),
        ]

    def __str__(self):
        return f"Mentor profile of {self.user}"

    def shares(self, field: str) -> bool:
        return getattr(self, f"share_{ShareableMentorField(field).value}")


class MenteeProfile(models.Model):
    """What a mentee asks for in a mentor, and what of it they let their mentor see.

    No simple-history here on purpose (docs/decisions/0021): copies would outlive a deletion
    request; the access log records every edit instead.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_profile"
    )
    goals = models.ManyToManyField(
        "mentorship.Goal", blank=True, related_name="mentees", verbose_name="goals"
    )
    experience_areas = models.ManyToManyField(
        "mentorship.ExperienceArea",
        blank=True,
        related_name="mentees",
        verbose_name="experiences I'd like my mentor to share",
    )
    recovery_stage = models.CharField(
        "stage", max_length=20, choices=RecoveryStage.choices, blank=True
    )
    formats = models.JSONField("preferred meeting formats", default=list, blank=True)
    times = models.JSONField("preferred times", default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    gender_preference = models.CharField(
        "preference for the mentor's gender",
        max_length=20,
        choices=GenderPreference.choices,
        blank=True,
    )
    support_style = models.CharField(
        "preferred support", max_length=20, choices=SupportStyle.choices, default=SupportStyle.BOTH
    )

    share_goals = models.BooleanField(default=False)
    share_experience_areas = models.BooleanField(default=False)
    share_recovery_stage = models.BooleanField(default=False)
    share_availability = models.BooleanField(default=False)
    share_languages = models.BooleanField(default=False)
    share_support_style = models.BooleanField(default=False)

    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When the mentee agreed to this use of their answers."
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__first_name", "user__email"]

    def __str__(self):
        return f"Mentee profile #{self.pk}"

    def shares(self, field: str) -> bool:
        return getattr(self, f"share_{ShareableMenteeField(field).value}")
