"""Reads about accounts: who holds a role, and the invitations a coordinator has sent."""

from django.db.models import QuerySet

from lms.accounts.models import Invitation, User
from lms.accounts.roles import Role

RECENT_INVITATIONS = 20


def invitations_recent(*, created_by: User) -> QuerySet[Invitation]:
    """The coordinator's latest invitations, newest first (for the invitation page)."""
    return Invitation.objects.filter(created_by=created_by).order_by("-created_at")[
        :RECENT_INVITATIONS
    ]


def users_with_role(role: Role) -> QuerySet[User]:
    """Accounts in the role's group, by email (for pickers in coordinator forms)."""
    return User.objects.filter(groups__name=role).order_by("email").distinct()
