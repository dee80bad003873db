"""A mentor's first CRS application to PCB, step by step, until it becomes a credential record.

PCB's requirements (../shared/DOMAIN.md, "The CRS credential"): a high-school diploma or GED, the
standardized CRS training hours, a 1,000-word essay on lived experience, a notarized release, the
fee and the exam. The rules (hours, words) are data on CredentialType; the steps' states are
worked out in credentials/application_rules.py.

Personal data: everything here. The essay is private to its writer: never shown to anyone else,
never in history (only the writer's own export takes it out). Coordinators see which step each
mentor is at; the uploads only when the mentor shares them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from simple_history.models import HistoricalRecords

from credentials.choices import EducationKind
from credentials.uploads import education_upload_to, private_storage, release_upload_to

ESSAY_MAX_CHARS = 20_000


class CrsApplication(models.Model):
    holder = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crs_application"
    )
    education_kind = models.CharField(
        "education", max_length=20, choices=EducationKind.choices, blank=True
    )
    education_proof = models.FileField(
        storage=private_storage, upload_to=education_upload_to, blank=True, max_length=200
    )
    education_content_type = models.CharField(max_length=40, blank=True, editable=False)
    essay = models.TextField(blank=True, max_length=ESSAY_MAX_CHARS)
    release_proof = models.FileField(
        "notarized release",
        storage=private_storage,
        upload_to=release_upload_to,
        blank=True,
        max_length=200,
    )
    release_content_type = models.CharField(max_length=40, blank=True, editable=False)
    fee_paid_on = models.DateField("fee paid on", null=True, blank=True)
    exam_registered_on = models.DateField("registered for the exam on", null=True, blank=True)
    exam_passed_on = models.DateField("passed the exam on", null=True, blank=True)
    share_documents = models.BooleanField(
        "coordinators may open my uploads",
        default=False,
        help_text="Your diploma and release only. Your essay is never shown to anyone.",
    )
    credential_record = models.OneToOneField(
        "credentials.CredentialRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The CRS credential this application became.",
    )
    progressed_at = models.DateTimeField(
        default=timezone.now, help_text="When a step last changed state."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The essay stays out of history: a copy per save would outlive the writer's own edits.
    history = HistoricalRecords(
        excluded_fields=["essay"], history_change_reason_field=models.TextField(null=True)
    )

    class Meta:
        verbose_name = "CRS application"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exam_passed_on__isnull=True)
                | models.Q(exam_registered_on__isnull=True)
                | models.Q(exam_passed_on__gte=models.F("exam_registered_on")),
                name="crs_application_exam_passed_after_registering",
            ),
        ]

    def __str__(self):
        return f"CRS application of {self.holder}"
