"""Pairs and everything they record: the weights that ranked them, agreements (versioned),
check-ins, concerns raised, feedback and milestones.

Personal data: all of it concerns a mentee (42 CFR Part 2). Check-in notes are read by the pair's
mentor and coordinators only; feedback by coordinators only. None of it reaches a public page.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from simple_history.models import HistoricalRecords

from lms.common import datebounds
from lms.mentorship import focus as focus_rules
from lms.mentorship import scoring
from lms.mentorship.choices import (
    FocusKind,
    Frequency,
    MeetingFormat,
    MilestoneKind,
    PairEndReason,
)

MAX_WEIGHT = 100


class ScoringWeights(models.Model):
    """The one row of weights the ranking uses; coordinators change it, history keeps each
    version with who changed it and why."""

    SINGLETON_ID = 1

    shared_experience = models.PositiveSmallIntegerField(
        default=scoring.DEFAULT_WEIGHTS.shared_experience,
        validators=[MaxValueValidator(MAX_WEIGHT)],
    )
    goals = models.PositiveSmallIntegerField(
        default=scoring.DEFAULT_WEIGHTS.goals, validators=[MaxValueValidator(MAX_WEIGHT)]
    )
    stage = models.PositiveSmallIntegerField(
        default=scoring.DEFAULT_WEIGHTS.stage, validators=[MaxValueValidator(MAX_WEIGHT)]
    )
    availability = models.PositiveSmallIntegerField(
        default=scoring.DEFAULT_WEIGHTS.availability, validators=[MaxValueValidator(MAX_WEIGHT)]
    )
    language = models.PositiveSmallIntegerField(
        default=scoring.DEFAULT_WEIGHTS.language, validators=[MaxValueValidator(MAX_WEIGHT)]
    )
    support_style = models.PositiveSmallIntegerField(
        default=scoring.DEFAULT_WEIGHTS.support_style, validators=[MaxValueValidator(MAX_WEIGHT)]
    )
    gender_preference = models.PositiveSmallIntegerField(
        "mentor gender preference",
        default=scoring.DEFAULT_WEIGHTS.gender_preference,
        validators=[MaxValueValidator(MAX_WEIGHT)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "scoring weights"
        verbose_name_plural = "scoring weights"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="mentorship_weights_single_row"),
            models.CheckConstraint(
                condition=Q(shared_experience__lte=MAX_WEIGHT)
                & Q(goals__lte=MAX_WEIGHT)
                & Q(stage__lte=MAX_WEIGHT)
                & Q(availability__lte=MAX_WEIGHT)
                & Q(language__lte=MAX_WEIGHT)
                & Q(support_style__lte=MAX_WEIGHT)
                & Q(gender_preference__lte=MAX_WEIGHT),
                name="mentorship_weights_at_most_100",
            ),
        ]

    def __str__(self):
        return "Scoring weights"

    def as_weights(self) -> scoring.Weights:
        return scoring.Weights(**{name: getattr(self, name) for name in scoring.Criterion.ALL})


class PairingQuerySet(models.QuerySet["Pairing"]):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def ended(self):
        return self.filter(ended_at__isnull=False)


class Pairing(models.Model):
    """A mentor and a mentee paired by a coordinator, until ended with a reason.

    Ended pairs are kept (the history of who was paired with whom, and why it ended). The match
    score and reasons at confirmation are kept too, so later profile edits do not rewrite why.
    """

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentoring_pairs"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_pairs"
    )
    paired_on = models.DateField(help_text="New York date; check-ins and milestones count from it.")
    confirmed_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    match = models.JSONField(default=dict, blank=True)

    ended_at = models.DateTimeField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=PairEndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(ended_at__isnull=True),
                name="mentorship_one_active_pair_per_mentee",
                violation_error_message="This mentee already has a mentor.",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="mentorship_pair_of_two_people"
            ),
            models.CheckConstraint(
                condition=(
                    Q(ended_at__isnull=True, ended_on__isnull=True, end_reason="")
                    | (Q(ended_at__isnull=False, ended_on__isnull=False) & ~Q(end_reason=""))
                ),
                name="mentorship_ended_pair_has_reason",
            ),
        ]

    def __str__(self):
        return f"Pair #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def current_agreement(self):
        return self.agreements.order_by("-version").first()


class Agreement(models.Model):
    """One version of a pair's expectations. A change is a new version, which both the mentor
    and the mentee acknowledge again; earlier versions stay as they were acknowledged."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField()
    frequency = models.CharField(
        "how often we meet", max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    channel = models.CharField(
        "how we meet", max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.VIDEO
    )
    channel_details = models.CharField(
        "details", max_length=200, blank=True, help_text="For example: a usual day, or a place."
    )
    focus = models.CharField(
        "focus of our pairing",
        max_length=20,
        choices=FocusKind.choices,
        blank=True,
        help_text="The program focus it started from; blank for no particular focus.",
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        "how long we meet (minutes)",
        default=focus_rules.MEETING_MINUTES_DEFAULT,
        validators=[
            MinValueValidator(focus_rules.MEETING_MINUTES_MIN),
            MaxValueValidator(focus_rules.MEETING_MINUTES_MAX),
        ],
    )
    topics = models.ManyToManyField(
        "mentorship.CheckinTopic",
        blank=True,
        related_name="+",
        verbose_name="what our check-ins cover",
    )
    goals = models.TextField("goals of our pairing")
    confidentiality = models.TextField("confidentiality guidelines")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    mentor_acknowledged_at = models.DateTimeField(null=True, blank=True)
    mentee_acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pairing", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "version"], name="mentorship_agreement_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="mentorship_agreement_version_positive"
            ),
            models.CheckConstraint(
                condition=Q(
                    meeting_minutes__gte=focus_rules.MEETING_MINUTES_MIN,
                    meeting_minutes__lte=focus_rules.MEETING_MINUTES_MAX,
                ),
                name="mentorship_agreement_minutes_in_range",
            ),
        ]

    def __str__(self):
        return f"Agreement v{self.version} of pair #{self.pairing_id}"

    @property
    def fully_acknowledged(self) -> bool:
        return bool(self.mentor_acknowledged_at and self.mentee_acknowledged_at)


class CheckIn(models.Model):
    """A meeting the mentor logs. Notes are for the mentor and coordinators only; `concern` asks
    clinical staff to step in and notifies the coordinators (ConcernNotification)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="checkins")
    met_on = models.DateField("date of the meeting")
    duration_minutes = models.PositiveSmallIntegerField(
        "duration (minutes)", validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    format = models.CharField(max_length=20, choices=MeetingFormat.choices)
    topics = models.ManyToManyField("mentorship.CheckinTopic", blank=True, related_name="+")
    notes = models.TextField(blank=True)
    concern = models.BooleanField("concern: ask clinical staff to step in", default=False)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-met_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="mentorship_checkin_duration_5_to_480",
            ),
        ]
        indexes = [models.Index(fields=["pairing", "met_on"])]

    def __str__(self):
        return f"Check-in of pair #{self.pairing_id} on {self.met_on}"

    def clean(self):
        """A meeting before 1900 or in the future is refused, whatever path saves it."""
        super().clean()
        if self.met_on and (
            message := datebounds.date_bounds_error(self.met_on, latest=timezone.localdate())
        ):
            raise ValidationError({"met_on": message})


class ConcernNotification(models.Model):
    """The coordinators were told about a check-in's concern: one row per check-in, ever.

    The row is made in the same transaction as the flag is seen; the mail goes out after commit
    (lms/mentorship/tasks.py), and `sent_at` keeps a retried task from sending twice.
    """

    checkin = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, related_name="concern_notifications"
    )
    created_at = models.DateTimeField(default=timezone.now)
    recipients = models.JSONField(default=list, help_text="Coordinator user ids.")
    sent_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution_note = models.TextField(blank=True)
    escalated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When every coordinator was told again that it is still open (once, ever).",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkin"], name="mentorship_one_concern_notification_per_checkin"
            ),
        ]

    def __str__(self):
        return f"Concern on check-in #{self.checkin_id}"


class ConcernAction(models.Model):
    """What a clinician or coordinator did about a concern, in their words: kept, never edited."""

    notification = models.ForeignKey(
        ConcernNotification, on_delete=models.CASCADE, related_name="actions"
    )
    note = models.TextField(max_length=2000)
    resolves = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="mentorship_concern_action_note"),
        ]

    def __str__(self):
        return f"Action on concern #{self.notification_id}"


class MeetingFeedback(models.Model):
    """The mentee's view of one meeting: 1 to 5 and an optional comment, for coordinators only."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(fields=["checkin"], name="mentorship_one_feedback_per_meeting"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="mentorship_feedback_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Feedback on check-in #{self.checkin_id}"


class Milestone(models.Model):
    """A milestone a pair reached: 30, 60 or 90 days together (recorded once each) or a goal
    met (as many as there are, each with a note saying which)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=20, choices=MilestoneKind.choices)
    reached_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reached_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "kind"],
                condition=~Q(kind=MilestoneKind.GOAL_MET),
                name="mentorship_day_milestone_once",
            ),
            models.CheckConstraint(
                condition=~Q(kind=MilestoneKind.GOAL_MET) | ~Q(note=""),
                name="mentorship_goal_milestone_says_which",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} (pair #{self.pairing_id})"

    def clean(self):
        """A milestone before 1900 or in the future is refused, whatever path saves it."""
        super().clean()
        if self.reached_on and (
            message := datebounds.date_bounds_error(self.reached_on, latest=timezone.localdate())
        ):
            raise ValidationError({"reached_on": message})
