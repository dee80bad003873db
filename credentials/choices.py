"""Every enumerated value of the credentials app, as TextChoices (stored values never change)."""

from django.db import models

# One definition for both apps: the values module_completed (lms.training.signals) sends as
# `ce_topic`.
from lms.training.choices import CETopic

__all__ = [
    "ActivityKind",
    "CESource",
    "CETopic",
    "CredentialStatus",
    "ReminderKind",
    "SendStatus",
    "Standing",
    "Verification",
]


class CredentialStatus(models.TextChoices):
    """Where a credential stands on a date; see credentials/rules.py for the precedence."""

    ACTIVE = "active", "Active"
    EXPIRING_SOON = "expiring_soon", "Expiring soon"
    RENEWAL_WINDOW_OPEN = "renewal_window_open", "Renewal window open"
    EXPIRED_IN_GRACE = "expired_in_grace", "Expired, can still recertify"
    LAPSED = "lapsed", "Lapsed, must re-apply"
    SUSPENDED = "suspended", "Suspended"
    REVOKED = "revoked", "Revoked"


class Standing(models.TextChoices):
    """A coordinator's decision on a record; anything but GOOD overrides the dates."""

    GOOD = "good", "In good standing"
    SUSPENDED = "suspended", "Suspended"
    REVOKED = "revoked", "Revoked"


class Verification(models.TextChoices):
    SELF_REPORTED = "self_reported", "Self-reported"
    CONFIRMED = "confirmed", "Confirmed by a coordinator"


class CESource(models.TextChoices):
    PLATFORM_MODULE = "platform_module", "Module completed on this platform"
    EXTERNAL = "external", "External training"


class CEStanding(models.TextChoices):
    """How a CE entry stands with PCB. A platform module is PCB-approved only when its track had a
    PCB approval record on the day it was completed; otherwise it is program training, which PCB
    may accept as a relevant training by a treatment provider but which is not PCB-approved.
    An external training's standing is whatever its provider says, so it is shown as entered."""

    PCB_APPROVED = "pcb_approved", "PCB-approved"
    PROGRAM_TRAINING = "program_training", "Program training (not PCB-approved)"
    EXTERNAL = "external", "External training (check its provider's PCB approval)"


class ActivityKind(models.TextChoices):
    """What kind of activity a CE entry was. The last four are offered so that they can be
    refused with the reason (PCB does not count them); the database refuses them too."""

    TRAINING = "training", "Training"
    WORKSHOP = "workshop", "Workshop"
    CONFERENCE = "conference", "Conference"
    COLLEGE_COURSE = "college_course", "College course"
    ONLINE_COURSE = "online_course", "Online course"
    SUPERVISION = "supervision", "Supervision"
    STAFF_MEETING = "staff_meeting", "Staff meeting"
    ROUNDS = "rounds", "Rounds"
    CASE_MANAGEMENT = "case_management", "Case management"


class ReminderKind(models.TextChoices):
    DAYS_90 = "days_90", "90 days before expiry"
    WINDOW_OPEN = "window_open", "Renewal window opens"
    DAYS_60 = "days_60", "60 days before expiry"
    DAYS_30 = "days_30", "30 days before expiry"
    DAYS_7 = "days_7", "7 days before expiry"
    EXPIRED = "expired", "On expiry"


class SendStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, will be retried"
    SUPERSEDED = "superseded", "No longer relevant"


class SupervisionState(models.TextChoices):
    PENDING = "pending", "Waiting for the supervisor"
    CONFIRMED = "confirmed", "Confirmed by the supervisor"
    DECLINED = "declined", "Declined by the supervisor"


class EducationKind(models.TextChoices):
    """What proves the education a first CRS application needs."""

    DIPLOMA = "diploma", "High-school diploma"
    GED = "ged", "GED"
    DISCHARGE = "discharge", "Military discharge papers (veterans)"


class StepState(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
