"""Reads about accounts: who holds a role, and the invitations a coordinator has sent."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import dateformat, timezone

from lms.accounts.addresses import email_canonical
from lms.accounts.models import Invitation, User
from lms.accounts.roles import Role
from lms.accounts.services import INVITATION_STATE_ACCOUNT_EXISTS

RECENT_INVITATIONS = 20


def invitations_recent(*, created_by: User) -> QuerySet[Invitation]:
    """The coordinator's latest invitations, newest first (for the invitation page), each with
    `account_exists`: its address has an account, so it cannot be accepted."""
    has_account = User.objects.filter(email__iexact=OuterRef("email"))
    return (
        Invitation.objects.filter(created_by=created_by)
        .annotate(account_exists=Exists(has_account))
        .order_by("-created_at")[:RECENT_INVITATIONS]
    )


def invitations_all() -> QuerySet[Invitation]:
    """Every invitation, newest first, with who sent it and `account_exists` (as above): the
    coordinators' list in the admin, where any coordinator may revoke or resend."""
    has_account = User.objects.filter(email__iexact=OuterRef("email"))
    return (
        Invitation.objects.select_related("created_by")
        .annotate(account_exists=Exists(has_account))
        .order_by("-created_at", "-pk")
    )


def open_invitation_for(*, email: str, now=None) -> Invitation | None:
    """The address's open (unused, unrevoked, unexpired) invitation, if it has one."""
    return Invitation.objects.usable(now=now).filter(email=email_canonical(email)).first()


def local_day(moment) -> str:
    """A moment's day in the program's time zone, as the admin writes it (Nov 30, 2026)."""
    return dateformat.format(timezone.localtime(moment), "M j, Y")


def invitation_state(invitation: Invitation, *, now=None) -> tuple[str, str]:
    """What became of an invitation, in words that are true (a key and a label): accepted only
    when its account was made; expired once its date has passed, whatever the list last said."""
    now = now or timezone.now()
    if invitation.used_at:
        return "accepted", f"Accepted: account made {local_day(invitation.used_at)}"
    if invitation.revoked_at:
        return "revoked", f"Revoked {local_day(invitation.revoked_at)}"
    if getattr(invitation, "account_exists", False):
        return "account_exists", INVITATION_STATE_ACCOUNT_EXISTS
    if invitation.expires_at <= now:
        return "expired", f"Expired {local_day(invitation.expires_at)}"
    return "open", f"Open until {local_day(invitation.expires_at)}"


def email_has_account(*, email: str) -> bool:
    """Whether this address has an account: for the coordinators' invitation page only (it says
    so); public pages never ask."""
    return User.objects.filter(email=email_canonical(email)).exists()


def users_with_role(role: Role) -> QuerySet[User]:
    """Accounts in the role's group, by email (for pickers in coordinator forms)."""
    return User.objects.filter(groups__name=role).order_by("email").distinct()
