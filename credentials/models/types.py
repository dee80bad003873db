"""Credential types: the issuing body's renewal rules kept as data that a coordinator edits."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from simple_history.models import HistoricalRecords

from credentials.rules import TypeRules


class CredentialTypeQuerySet(models.QuerySet["CredentialType"]):
    def rules_by_id(self) -> dict[int, TypeRules]:
        """Every type's rules in one query (there are a handful of types)."""
        return {credential_type.pk: credential_type.rules() for credential_type in self}


class CredentialType(models.Model):
    """A kind of credential (PCB's CRS) and its renewal rules.

    PCB changes its rules from time to time, so they live here, not in code; every change is
    kept with its author and reason (django-simple-history). No personal data.
    """

    name = models.CharField(max_length=120, unique=True)
    code = models.SlugField(
        max_length=30, unique=True, help_text="Short identifier, such as 'crs'. Never changes."
    )
    issuing_body = models.CharField(max_length=160)
    renewal_cycle_months = models.PositiveSmallIntegerField(
        default=24, validators=[MinValueValidator(1)], help_text="Months from issue to expiry."
    )
    ce_hours_required = models.DecimalField(
        "CE hours required per cycle",
        max_digits=5,
        decimal_places=2,
        default=Decimal(30),
        validators=[MinValueValidator(Decimal(0))],
    )
    min_ethics_hours = models.DecimalField(
        "minimum ethics hours",
        max_digits=5,
        decimal_places=2,
        default=Decimal(6),
        validators=[MinValueValidator(Decimal(0))],
    )
    min_confidentiality_hours = models.DecimalField(
        "minimum confidentiality hours",
        max_digits=5,
        decimal_places=2,
        default=Decimal(3),
        validators=[MinValueValidator(Decimal(0))],
    )
    window_opens_months_before = models.PositiveSmallIntegerField(
        "renewal window opens (months before expiry)", default=3
    )
    grace_months = models.PositiveSmallIntegerField(
        "grace period after expiry (months)",
        default=6,
        help_text="Months after expiry during which the credential can still be recertified.",
    )
    expiring_soon_days = models.PositiveSmallIntegerField(
        "expiring soon (days before expiry)", default=90
    )
    # The first application (../shared/DOMAIN.md, "initial training", "other initial items").
    initial_training_hours = models.DecimalField(
        "training hours for a first application",
        max_digits=5,
        decimal_places=2,
        default=Decimal(78),
        validators=[MinValueValidator(Decimal(0))],
        help_text="PCB's standardized CRS training: 78 hours (54 before 2021).",
    )
    application_essay_words = models.PositiveSmallIntegerField(
        "words in the application essay",
        default=1000,
        help_text="The essay on lived experience that a first application includes.",
    )

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = CredentialTypeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(renewal_cycle_months__gte=1),
                name="credentialtype_cycle_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    min_ethics_hours__lte=models.F("ce_hours_required")
                    - models.F("min_confidentiality_hours")
                ),
                name="credentialtype_topic_minimums_fit_total",
            ),
        ]

    def __str__(self):
        return self.name

    def rules(self) -> TypeRules:
        """The plain-data rules that credentials/rules.py works on."""
        return TypeRules(
            renewal_cycle_months=self.renewal_cycle_months,
            ce_hours_required=self.ce_hours_required,
            min_ethics_hours=self.min_ethics_hours,
            min_confidentiality_hours=self.min_confidentiality_hours,
            window_opens_months_before=self.window_opens_months_before,
            grace_months=self.grace_months,
            expiring_soon_days=self.expiring_soon_days,
        )
