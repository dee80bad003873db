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
