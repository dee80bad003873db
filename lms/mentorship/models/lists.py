"""The lists a coordinator edits (in the Wagtail admin): areas of lived experience, goals and
check-in topics. An item is retired (not active) rather than deleted, so past records keep it."""

from django.db import models

from simple_history.models import HistoricalRecords


class ListItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class ListItem(models.Model):
    """One entry of a coordinator-edited list."""

    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(
        default=True, help_text="Untick to stop offering it; records that use it keep it."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    history = HistoricalRecords(inherit=True)

    objects = ListItemQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ExperienceArea(ListItem):
    """An area of lived experience a mentor can share (e.g. opioid use, parenting, re-entry)."""

    class Meta(ListItem.Meta):
        verbose_name = "area of lived experience"
        verbose_name_plural = "areas of lived experience"


class Goal(ListItem):
    """A goal a mentee may have and a mentor may support (e.g. finding work, housing)."""

    class Meta(ListItem.Meta):
        verbose_name = "goal"


class CheckinTopic(ListItem):
    """A topic a check-in can cover (e.g. coping with triggers, work, family)."""

    class Meta(ListItem.Meta):
        verbose_name = "check-in topic"


class RubricCriterion(ListItem):
    """A communication skill the mentor interview scores 1 to 4 (e.g. active listening).

    Coordinators edit the list; an interview keeps the criterion's name with each score, so a
    later rename does not rewrite what an interviewer scored."""

    class Meta(ListItem.Meta):
        verbose_name = "interview rubric criterion"
        verbose_name_plural = "interview rubric criteria"
