"""Enumerated values of the learning engine."""

from django.db import models


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple select"
    TRUE_FALSE = "truefalse", "True or false"


class CETopic(models.TextChoices):
    """Continuing-education topic of a module, as PCB counts hours."""

    GENERAL = "general", "General"
    ETHICS = "ethics", "Ethics"
    CONFIDENTIALITY = "confidentiality", "Confidentiality"


class ReviewAnswers(models.TextChoices):
    """When a learner's results show the right answers (like Moodle's review options).

    Before then a result shows which questions were missed, the feedback on the learner's own
    choices and the lessons to review, never which choices are right.
    """

    AFTER_PASSING_OR_NO_ATTEMPTS = "passed_or_closed", "After passing, or when no attempts remain"
    AFTER_PASSING = "passed", "After passing only"


class EvaluationKind(models.TextChoices):
    """What a question of the post-training evaluation asks for."""

    RATING = "rating", "Rating from 1 to 5"
    TEXT = "text", "Free text"
