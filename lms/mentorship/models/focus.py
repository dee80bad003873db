"""The program's focuses (program settings a coordinator edits in the Wagtail admin): each names
the mentee stages it is for and the meeting frequency, meeting length and check-in topics a new
agreement starts from (lms/mentorship/focus.py)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from simple_history.models import HistoricalRecords

from lms.mentorship import focus as rules
from lms.mentorship.choices import FocusKind, Frequency, RecoveryStage


class ProgramFocusQuerySet(models.QuerySet["ProgramFocus"]):
    def active(self):
        return self.filter(active=True)


class ProgramFocus(models.Model):
    """One focus of the program and the agreement defaults it brings. At most one row per kind;
    a stage belongs to at most one focus in use."""

    kind = models.CharField("focus", max_length=20, choices=FocusKind.choices, unique=True)
    stages = models.JSONField(
        "mentee stages it is for",
        default=list,
        blank=True,
        help_text="A new agreement for a mentee at one of these stages starts from this focus.",
    )
    frequency = models.CharField(
        "how often pairs meet", max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    meeting_minutes = models.PositiveSmallIntegerField(
        "meeting length (minutes)",
        default=rules.MEETING_MINUTES_DEFAULT,
        validators=[
            MinValueValidator(rules.MEETING_MINUTES_MIN),
            MaxValueValidator(rules.MEETING_MINUTES_MAX),
        ],
        help_text=rules.MINUTES_RANGE,
    )
    topics = models.ManyToManyField(
        "mentorship.CheckinTopic", related_name="+", verbose_name="check-in topics"
    )
    active = models.BooleanField(
        "in use", default=True, help_text="Untick to stop starting new agreements from it."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    history = HistoricalRecords()

    objects = ProgramFocusQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "kind"]
        verbose_name = "program focus"
        verbose_name_plural = "program focuses"
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    meeting_minutes__gte=rules.MEETING_MINUTES_MIN,
                    meeting_minutes__lte=rules.MEETING_MINUTES_MAX,
                ),
                name="mentorship_focus_minutes_in_range",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        """Known stages only, and none that another focus in use already claims."""
        super().clean()
        stages = self.stages if isinstance(self.stages, list) else []
        if any(stage not in RecoveryStage.values for stage in stages):
            raise ValidationError({"stages": "Choose stages from the list."})
        if not self.active:
            return
        others = ProgramFocus.objects.active().exclude(pk=self.pk)
        for other in others:
            for stage in stages:
                if stage in other.stages:
                    raise ValidationError(
                        {
                            "stages": rules.STAGE_TAKEN.format(
                                stage=RecoveryStage(stage).label, focus=other
                            )
                        }
                    )

    def as_defaults(self) -> rules.AgreementDefaults:
        return rules.AgreementDefaults(
            focus=self.kind,
            frequency=self.frequency,
            meeting_minutes=self.meeting_minutes,
            topic_ids=tuple(t.pk for t in self.topics.all() if t.active),
            stages=frozenset(self.stages or ()),
        )
