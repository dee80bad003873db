"""Account writes: mentor self-registration and confirmation, mentee invitations.

Nothing here tells its caller whether an email already had an account: every path that takes an
email returns the same way either way, and the difference goes only to that mailbox.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from lms.accounts.models import Invitation, User
from lms.accounts.roles import Role
from lms.accounts.tokens import account_activation_token

INVITATION_UNUSABLE = (
    "This invitation link cannot be used. It may have expired or been used already. "
    "Ask the person who invited you for a new one."
)
INVITATION_ACCOUNT_EXISTS = (
    "{email} already has an account, so no invitation was sent. We mailed that address how to "
    "sign in or reset the password instead."
)
INVITATION_STATE_ACCOUNT_EXISTS = "Not used: this address now has an account"
CONFIRMATION_INVALID = (
    "This confirmation link cannot be used. It may have expired or been used already. "
    "Try signing in, or register again to get a new link."
)


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    context = {"PROGRAM_NAME": settings.PROGRAM_NAME, **context}
    body = render_to_string(template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _absolute(request, path: str) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_account_exists(*, to: str, subject: str, request) -> None:
    """Tell a mailbox that already has an account how to sign in or reset its password."""
    _send(
        to=to,
        subject=subject,
        template="registration/email/already_registered.txt",
        context={
            "login_url": _absolute(request, reverse("login")),
            "reset_url": _absolute(request, reverse("password_reset")),
        },
    )


def user_add_role(*, user: User, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))


@transaction.atomic
def mentor_register(*, email: str, first_name: str, last_name: str, password: str, request=None):
    """Create an inactive mentor account and mail a confirmation link.

    If the email already has an account, that mailbox is told instead; the caller sees no
    difference, so the registration page cannot be used to learn who has an account.
    """
    email = User.objects.normalize_email(email).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        _send_account_exists(to=email, subject="About your sign-up request", request=request)
        return None
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_active=False,
    )
    user_add_role(user=user, role=Role.MENTOR)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = account_activation_token.make_token(user)
    _send(
        to=email,
        subject="Confirm your email address",
        template="registration/email/confirm_email.txt",
        context={
            "user": user,
            "confirm_url": _absolute(
                request, reverse("register_confirm", kwargs={"uidb64": uid, "token": token})
            ),
        },
    )
    return user


def mentor_confirm(*, uidb64: str, token: str) -> User | None:
    """Activate the account the link was made for; None if the link is invalid or spent."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or not account_activation_token.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def invitation_create(*, email: str, created_by: User, request=None, now=None) -> str | None:
    """Create a single-use mentee invitation, mail it, and return its link.

    None when the address already has an account: no invitation is made (it could never be
    accepted), the mailbox is told how to sign in, and the coordinator's page says so
    (INVITATION_ACCOUNT_EXISTS). Coordinators see accounts anyway; the public pages stay silent.
    """
    now = now or timezone.now()
    if User.objects.filter(email__iexact=User.objects.normalize_email(email)).exists():
        _send_account_exists(to=email, subject="About your invitation", request=request)
        return None
    token, token_hash = Invitation.new_token()
    Invitation.objects.create(
        email=User.objects.normalize_email(email).lower(),
        token_hash=token_hash,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    url = _absolute(request, reverse("invitation_accept", kwargs={"token": token}))
    _send(
        to=email,
        subject=f"Your invitation to {settings.PROGRAM_NAME}",
        template="registration/email/invitation.txt",
        context={"accept_url": url, "days": settings.INVITATION_VALID_DAYS},
    )
    return url


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
