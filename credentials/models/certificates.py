"""Certificates of completion and what surrounds them: the holder's printed name, recruiter
lookups and the rate-limit log of public lookups."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from simple_history.models import HistoricalRecords

from credentials.uploads import private_storage


class RevocationCategory(models.TextChoices):
    """The only part of a revocation reason that the public page shows."""

    ISSUED_IN_ERROR = "issued_in_error", "Issued in error"
    REQUIREMENTS_NOT_MET = "requirements_not_met", "Requirements not met"
    HOLDER_REQUEST = "holder_request", "At the holder's request"
    OTHER = "other", "Other"


class CertificateStatus(models.TextChoices):
    """A certificate's standing on a date, and the two answers verification may give instead:
    the holder does not share it, or no certificate has that code."""

    VALID = "valid", "Valid"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"
    SUPERSEDED = "superseded", "Superseded"
    NOT_AVAILABLE = "not_available", "Not available"
    NOT_FOUND = "not_found", "Not found"


class CertificateQuerySet(models.QuerySet):
    def for_holder(self, user):
        return self.filter(holder=user)


class Certificate(models.Model):
    """A certificate of completion of a training track, issued once per learner and version.

    Personal data: holder_name (printed on the PDF and, while public_verification is on, shown
    on the public verification page), holder (never shown publicly).
    """

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    track = models.ForeignKey("lms.TrackPage", on_delete=models.PROTECT, related_name="+")
    track_version = models.PositiveIntegerField(
        help_text="The track page revision completed; one certificate per learner and version."
    )
    completion = models.ForeignKey(
        "lms.TrackCompletion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    module_revisions = models.JSONField(default=dict)
    title = models.CharField(max_length=200)
    holder_name = models.CharField("name as printed", max_length=500)
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    pcb_approved_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    pcb_approved_title = models.CharField(max_length=200, blank=True)

    token = models.CharField(max_length=32, unique=True, editable=False)
    code = models.CharField(max_length=16, unique=True, editable=False)

    public_verification = models.BooleanField(
        default=True, help_text="The holder's consent to show this certificate when verified."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_reason = models.TextField(blank=True, help_text="Internal; never shown publicly.")
    revocation_category = models.CharField(
        max_length=30, choices=RevocationCategory.choices, blank=True
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )

    openbadge_status_index = models.PositiveIntegerField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="This certificate's bit in the Open Badges status list; drawn once, never "
        "reused.",
    )

    pdf = models.FileField(
        storage=private_storage,
        upload_to="certificates/",
        blank=True,
        editable=False,
    )
    pdf_sha256 = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    rendered_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()
    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "track", "track_version"],
                condition=Q(superseded_at__isnull=True, revoked_at__isnull=True),
                name="certificate_one_current_per_version",
            ),
        ]

    def __str__(self):
        return f"{self.title} for {self.holder_name} ({self.formatted_code})"

    def get_absolute_url(self):
        return reverse("certificates:verify_token", kwargs={"token": self.token})

    def status_on(self, today: date) -> CertificateStatus:
        """Valid, expired, revoked or superseded on the given date."""
        if self.revoked_at:
            return CertificateStatus.REVOKED
        if self.superseded_at:
            return CertificateStatus.SUPERSEDED
        if self.expires_on and today > self.expires_on:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @property
    def formatted_code(self) -> str:
        from credentials.certificates.codes import format_code

        return format_code(self.code)


class CertificatePdfHash(models.Model):
    """The SHA-256 of a PDF made again for a certificate whose file went missing.

    The certificate keeps its first hash (pdf_sha256) and every regenerated file's hash is added
    here, so a download made before the file was lost and one made after both verify by upload.
    A table rather than a list on the certificate: looked up by index, on SQLite as well.
    """

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="pdf_hashes"
    )
    sha256 = models.CharField(max_length=64, db_index=True)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "sha256"], name="certificatepdfhash_once_per_certificate"
            )
        ]

    def __str__(self):
        return f"{self.sha256[:12]}… for certificate {self.certificate_id}"


class CertificateName(models.Model):
    """How the holder wants their name printed on certificates not yet issued.

    Personal data: name, printed on certificates issued after it is set.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificate_name"
    )
    name = models.CharField("name as printed", max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self):
        return self.name


class RecruiterLookup(models.Model):
    """A signed-in recruiter checked a certificate: who, when, which, and what they saw."""

    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, null=True, blank=True, related_name="lookups"
    )
    typed = models.CharField(max_length=40, help_text="What was entered, truncated.")
    status_shown = models.CharField(max_length=20)
    looked_up_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-looked_up_at"]

    def __str__(self):
        return f"{self.recruiter} checked {self.typed} ({self.status_shown})"
