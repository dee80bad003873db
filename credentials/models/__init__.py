"""Credentials models, one module per concern (certificates will be added alongside)."""

from .application import CrsApplication
from .certificates import (
    Certificate,
    CertificateName,
    CertificatePdfHash,
    RecruiterLookup,
    RevocationCategory,
)
from .ledger import CEEntry
from .records import CredentialRecord, CredentialRecordQuerySet
from .reminders import CoordinatorDigest, DigestSend, MissingFileReport, ReminderSend
from .supervision import SupervisionSession
from .types import CredentialType

__all__ = [
    "CEEntry",
    "Certificate",
    "CertificateName",
    "CertificatePdfHash",
    "RecruiterLookup",
    "RevocationCategory",
    "CoordinatorDigest",
    "CredentialRecord",
    "CredentialRecordQuerySet",
    "CredentialType",
    "CrsApplication",
    "DigestSend",
    "MissingFileReport",
    "ReminderSend",
    "SupervisionSession",
]
