"""People and how they arrive: the user model (email is the login), mentor registrations waiting
for their address to be proven, and mentee invitations."""

import hashlib
import secrets
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from lms.accounts.addresses import email_canonical


class UserManager(BaseUserManager):
    """Creates users keyed by the normalized email (lms.accounts.addresses)."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = email_canonical(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{self.model.USERNAME_FIELD: email_canonical(username or "")})


class User(AbstractUser):
    """An account. Email is the login; there is no username.

    Personal data: email, first_name, last_name. None of them appears on a public page, except
    the name a mentor chooses to print on a certificate (held by the certificate, not here).
    A mentee account holds first_name (a display name) and email, nothing more.
    """

    # Email is the login: AbstractUser's username field is removed, and the manager keys on email.
    username = None  # type: ignore[assignment]  # removing an inherited field, as Django documents
    email = models.EmailField("email address", unique=True)
    # Kept by lms.accounts.factors, so the second-factor check costs no query per request.
    second_factor_enrolled = models.BooleanField(default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]  # email-keyed manager

    class Meta:
        ordering = ["email"]
        constraints = [
            # `email` holds only the normalized spelling (save() and the manager normalize, the
            # 0010 migration normalized older rows); this also holds for writes that skip save().
            models.UniqueConstraint(Lower("email"), name="lms_user_email_lower_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = email_canonical(self.email)
        super().save(*args, **kwargs)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh (token, hash) pair: the token goes in the link, the hash in the database."""
    token = secrets.token_urlsafe(32)
    return token, _token_hash(token)


class RegistrationQuerySet(models.QuerySet):
    def usable(self, *, now=None):
        return self.filter(expires_at__gt=now or timezone.now())

    def expired(self, *, now=None):
        return self.filter(expires_at__lte=now or timezone.now())


class Registration(models.Model):
    """A mentor's sign-up waiting for its address to be proven: no account exists until then.

    The password is chosen on the confirmation page, so nobody who cannot read the mailbox ever
    sets it. One row per address: a new registration replaces the row and voids its link. Only
    the SHA-256 of the link's token is stored.
    Personal data: email, first_name, last_name; never shown on any page but the confirmation.
    """

    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Registration for {self.email}"

    @classmethod
    def find_usable(cls, token: str, *, now=None):
        return cls.objects.usable(now=now).filter(token_hash=_token_hash(token)).first()


class InvitationQuerySet(models.QuerySet):
    def usable(self, *, now=None):
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """A single-use, expiring link with which a coordinator lets one mentee create an account.

    Only the SHA-256 of the token is stored, so a database leak yields no usable link.
    Personal data: email (the invited mentee's), never shown outside the coordinator's pages.
    """

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email}"

    new_token = staticmethod(new_token)

    @classmethod
    def find_usable(cls, token: str, *, now=None):
        return cls.objects.usable(now=now).filter(token_hash=_token_hash(token)).first()


class SecondFactorReset(models.Model):
    """A coordinator removed someone's second factors (phone and recovery codes lost), and why:
    the record stays when the factors are gone.

    Personal data: the reason, which a coordinator writes; shown only on the reset page.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="second_factor_resets"
    )
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Second factors of {self.user} reset"
