"""The continuing-education ledger: one row per training a person did."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from simple_history.models import HistoricalRecords

from credentials import rules
from credentials.choices import ActivityKind, CESource, CEStanding, CETopic
from credentials.uploads import certificate_upload_to, private_storage


class CEEntry(models.Model):
    """A continuing-education entry: what PCB asks each record to show (the person's name, via
    holder; title, date, hours, organization) plus topic and where it came from.

    A platform module's entry is made once per person and module from lms's `module_completed`
    signal; the module is kept as a plain wagtailcore Page so credentials never imports lms pages.
    Personal data: holder, certificate. Never on a public page.
    """

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ce_entries"
    )
    title = models.CharField("training title", max_length=200)
    organization = models.CharField(max_length=200)
    date = models.DateField(help_text="The day the training was completed.")
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    topic = models.CharField(max_length=20, choices=CETopic.choices, default=CETopic.GENERAL)
    kind = models.CharField(
        "kind of activity",
        max_length=20,
        choices=ActivityKind.choices,
        default=ActivityKind.TRAINING,
    )
    source = models.CharField(max_length=20, choices=CESource.choices, default=CESource.EXTERNAL)
    standing = models.CharField(
        max_length=20,
        choices=CEStanding.choices,
        default=CEStanding.EXTERNAL,
        help_text="PCB-approved, program training (not PCB-approved) or external.",
    )
    claimed = models.BooleanField(
        "counted in my claim",
        default=True,
        help_text="The holder may leave an entry out of the hours they claim from PCB.",
    )
    module = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The platform module completed, for entries made from a module completion.",
    )
    certificate = models.FileField(
        storage=private_storage, upload_to=certificate_upload_to, blank=True, max_length=200
    )
    certificate_content_type = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = "CE entry"
        verbose_name_plural = "CE entries"
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "module"],
                condition=models.Q(module__isnull=False),
                name="ceentry_once_per_holder_module",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=rules.MAX_HOURS_PER_ENTRY),
                name="ceentry_hours_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(topic__in=CETopic.values), name="ceentry_known_topic"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[kind.value for kind in rules.COUNTING_KINDS]),
                name="ceentry_counting_kind_only",
            ),
        ]
        indexes = [models.Index(fields=["holder", "date"])]

    def __str__(self):
        return f"{self.title} ({rules.hours_in_words(self.hours)} h, {self.date:%Y-%m-%d})"

    def clean(self):
        """A date in the future or before 1900 is refused, whatever path saves the entry."""
        super().clean()
        if self.date and (
            message := rules.ce_date_error(self.date, today=rules.local_date(timezone.now()))
        ):
            raise ValidationError({"date": message})

    def as_item(self) -> rules.CEItem:
        return rules.CEItem(date=self.date, hours=Decimal(self.hours), topic=self.topic)

    @property
    def standing_badge(self) -> str:
        badges = {CEStanding.PCB_APPROVED.value: "ok", CEStanding.PROGRAM_TRAINING.value: "warn"}
        return badges.get(self.standing, "muted")
