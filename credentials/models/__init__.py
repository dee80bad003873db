"""Credentials models, one module per concern (certificates will be added alongside)."""

from .certificates import (
    Certificate,
    CertificateName,
    RecruiterLookup,
    RevocationCategory,
    VerificationAttempt,
)
from .ledger import CEEntry
from .records import CredentialRecord, CredentialRecordQuerySet
from .reminders import CoordinatorDigest, DigestSend, ReminderSend
from .supervision import SupervisionSession
from .types import CredentialType

__all__ = [
    "CEEntry",
    "Certificate",
    "CertificateName",
    "RecruiterLookup",
    "RevocationCategory",
    "VerificationAttempt",
    "CoordinatorDigest",
    "CredentialRecord",
    "CredentialRecordQuerySet",
    "CredentialType",
    "DigestSend",
    "ReminderSend",
    "SupervisionSession",
]
