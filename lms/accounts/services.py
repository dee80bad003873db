"""Account writes: mentor self-registration and confirmation, password-reset mail, mentee
invitations.

Nothing here tells its caller whether an email already had an account: every path that takes an
email returns the same way either way, and the difference goes only to that mailbox. The
registration, password-reset and invitation entry points run in the task worker
(lms/accounts/tasks.py), so the request that asked does the same work, an enqueue, whoever the
address belongs to.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms.accounts.addresses import email_canonical
from lms.accounts.models import Invitation, Registration, User, new_token
from lms.accounts.roles import Role

INVITATION_UNUSABLE = (
    "This invitation link cannot be used. It may have expired or been used already. "
    "Ask the person who invited you for a new one."
)
INVITATION_ACCOUNT_EXISTS = (
    "{email} already has an account, so no invitation was sent. We mailed that address how to "
    "sign in or reset the password instead."
)
INVITATION_SENT = (
    "Invitation sent to {email}. The link in it works once, for {days} days. If it does not "
    "arrive, check the address and send a new one."
)
INVITATION_STATE_ACCOUNT_EXISTS = "Not used: this address now has an account"
INVITATION_ALREADY_OPEN = (
    "An invitation to {email} is already open, until {until}. Nothing was sent. To mail a new "
    "link, use Resend on that invitation below; to stop it, use Revoke."
)
INVITATION_HAS_ACCOUNT = (
    "{email} already has an account, so no invitation was sent. They can sign in, or use "
    '"Forgot your password?" on the sign-in page.'
)
INVITATION_NOT_OPEN = "This invitation is no longer open, so there is nothing to revoke."
INVITATION_ALREADY_USED = "This invitation was accepted: its account exists, so it is not resent."
INVITATION_REVOKED = "The invitation to {email} is revoked: its link no longer works."
INVITATION_RESENT = (
    "A new invitation is on its way to {email}. It works once, for {days} days; any earlier "
    "link to this address no longer works."
)
CONFIRMATION_INVALID = (
    "This confirmation link cannot be used. It may have expired, been replaced by a newer one, "
    "or been used already. Try signing in, or ask for a new link."
)


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    context = {"PROGRAM_NAME": settings.PROGRAM_NAME, **context}
    body = render_to_string(template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _absolute(request, path: str) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _on_site(base_url: str | None, path: str) -> str:
    """An absolute link on the site the request came to (base_url), or the configured one."""
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def user_add_role(*, user: User, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))


def _send_already_registered(
    *, email: str, base_url: str | None, subject: str = "About your sign-up request"
) -> None:
    """Tell a mailbox that already has an account how to sign in or reset its password."""
    _send(
        to=email,
        subject=subject,
        template="registration/email/already_registered.txt",
        context={
            "login_url": _on_site(base_url, reverse("login")),
            "reset_url": _on_site(base_url, reverse("password_reset")),
        },
    )


def _send_confirmation(*, registration: Registration, token: str, base_url: str | None) -> None:
    _send(
        to=registration.email,
        subject="Confirm your email address",
        template="registration/email/confirm_email.txt",
        context={
            "first_name": registration.first_name,
            "days": settings.REGISTRATION_VALID_DAYS,
            "confirm_url": _on_site(base_url, reverse("register_confirm", kwargs={"token": token})),
        },
    )


def _registration_renew(*, registration: Registration, now) -> str:
    """A fresh link for this registration; the one mailed before stops working."""
    token, registration.token_hash = new_token()
    registration.created_at = now
    registration.expires_at = now + timedelta(days=settings.REGISTRATION_VALID_DAYS)
    registration.save()
    return token


@transaction.atomic
def mentor_register(
    *, email: str, first_name: str, last_name: str, base_url: str | None = None, now=None
) -> Registration | None:
    """Record a mentor's sign-up and mail a link to choose a password; no account yet.

    A sign-up for an address that is still unconfirmed replaces the earlier one (names and
    link), so whoever can read the mailbox always wins. If the address has an account, that
    mailbox is told instead; the caller sees no difference.
    """
    now = now or timezone.now()
    email = email_canonical(email)
    if User.objects.filter(email=email).exists():
        _send_already_registered(email=email, base_url=base_url)
        return None
    registration = Registration.objects.select_for_update().filter(
        email=email
    ).first() or Registration(email=email)
    registration.first_name, registration.last_name = first_name, last_name
    token = _registration_renew(registration=registration, now=now)
    _send_confirmation(registration=registration, token=token, base_url=base_url)
    return registration


@transaction.atomic
def mentor_register_resend(*, email: str, base_url: str | None = None, now=None) -> None:
    """Send the link again: a fresh link for a pending sign-up, a reminder to an account.

    An address with neither gets nothing, and the caller cannot tell the three apart.
    """
    now = now or timezone.now()
    email = email_canonical(email)
    if User.objects.filter(email=email).exists():
        _send_already_registered(email=email, base_url=base_url)
        return
    registration = Registration.objects.usable(now=now).select_for_update().filter(email=email)
    registration = registration.first()
    if registration is not None:
        token = _registration_renew(registration=registration, now=now)
        _send_confirmation(registration=registration, token=token, base_url=base_url)


def mentor_confirm(
    *, token: str, first_name: str, last_name: str, password: str, now=None
) -> User | None:
    """Create the mentor's account with the password chosen now, from the mailbox's link.

    None if the link is unknown, replaced or expired, or the address has meanwhile got an
    account another way.
    """
    now = now or timezone.now()
    with transaction.atomic():
        found = Registration.find_usable(token, now=now)
        if found is None:
            return None
        registration = Registration.objects.select_for_update().filter(pk=found.pk).first()
        if registration is None:
            return None
        registration.delete()
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=registration.email,
                    password=password,
                    first_name=first_name,
                    last_name=last_name,
                )
        except IntegrityError:
            return None
        user_add_role(user=user, role=Role.MENTOR)
    return user


def registrations_expire(*, now=None) -> int:
    """Forget sign-ups whose link has expired; returns how many. Their addresses are free."""
    deleted, _ = Registration.objects.expired(now=now).delete()
    return deleted


def password_reset_mail(*, email: str, domain: str, use_https: bool) -> None:
    """Mail a password-reset link if the address has an active account (Django's own form)."""
    form = PasswordResetForm({"email": email_canonical(email)})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.html",
            from_email=settings.DEFAULT_FROM_EMAIL,
        )


def invitation_create(
    *, email: str, created_by: User, request=None, base_url: str | None = None, now=None
) -> str | None:
    """Create a single-use mentee invitation, mail it, and return its link (the task worker
    runs it, lms/accounts/tasks.py: the coordinator's request only enqueues).

    None when the address already has an account: no invitation is made (it could never be
    accepted), the mailbox is told how to sign in, and the coordinator's page says so
    (INVITATION_ACCOUNT_EXISTS). Coordinators see accounts anyway; the public pages stay silent.
    None too when an invitation to the address is still open: there is never a second open link
    (the coordinator's page refuses first, INVITATION_ALREADY_OPEN; this catches a double submit).
    """
    now = now or timezone.now()
    if request is not None:
        base_url = _absolute(request, "/")
    if User.objects.filter(email=email_canonical(email)).exists():
        _send_already_registered(
            email=email_canonical(email), base_url=base_url, subject="About your invitation"
        )
        return None
    if Invitation.objects.usable(now=now).filter(email=email_canonical(email)).exists():
        return None  # one open link per address: the coordinator's page warned (ALREADY_OPEN)
    token, token_hash = Invitation.new_token()
    Invitation.objects.create(
        email=email_canonical(email),
        token_hash=token_hash,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    url = _on_site(base_url, reverse("invitation_accept", kwargs={"token": token}))
    _send(
        to=email_canonical(email),
        subject=f"Your invitation to {settings.PROGRAM_NAME}",
        template="registration/email/invitation.txt",
        context={"accept_url": url, "days": settings.INVITATION_VALID_DAYS},
    )
    return url


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User, now=None) -> Invitation:
    """Stop an open invitation's link from working (kept, with the time, for the list)."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not Invitation.objects.usable(now=now).filter(pk=invitation.pk).exists():
        raise ValidationError(INVITATION_NOT_OPEN)
    invitation.revoked_at = now
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_resend_prepare(*, invitation: Invitation, by: User, now=None) -> str:
    """Before a new link is mailed to an invitation's address: refuse when it was accepted or
    the address has an account, and revoke the open link so the new one is the only one.
    Returns the address; the caller enqueues `tasks.invitation_send` for it."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise ValidationError(INVITATION_ALREADY_USED)
    if User.objects.filter(email=invitation.email).exists():
        raise ValidationError(INVITATION_HAS_ACCOUNT.format(email=invitation.email))
    Invitation.objects.usable(now=now).filter(email=invitation.email).update(revoked_at=now)
    return invitation.email


def invitation_accept(*, token: str, display_name: str, password: str, now=None) -> User | None:
    """Spend the invitation and create the mentee's account; None if it cannot be used."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.usable(now=now)
            .select_for_update()
            .filter(pk=getattr(Invitation.find_usable(token, now=now), "pk", None))
            .first()
        )
        if invitation is None:
            return None
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=invitation.email, password=password, first_name=display_name
                )
        except IntegrityError:
            # The address got an account after the invitation was sent: the invitation stays
            # unspent, and the coordinator's list says why (INVITATION_STATE_ACCOUNT_EXISTS).
            return None
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        user_add_role(user=user, role=Role.MENTEE)
    return user
