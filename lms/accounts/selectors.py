"""Reads about accounts: who holds a role, and the invitations a coordinator has sent."""

from django.db.models import Exists, OuterRef, QuerySet

from lms.accounts.addresses import email_canonical
from lms.accounts.models import Invitation, User
from lms.accounts.roles import Role

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


def email_has_account(*, email: str) -> bool:
    """Whether this address has an account: for the coordinators' invitation page only (it says
    so); public pages never ask."""
    return User.objects.filter(email=email_canonical(email)).exists()


def users_with_role(role: Role) -> QuerySet[User]:
    """Accounts in the role's group, by email (for pickers in coordinator forms)."""
    return User.objects.filter(groups__name=role).order_by("email").distinct()
