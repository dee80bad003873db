from .accounts import Invitation, User, UserManager

__all__ = ["Invitation", "User", "UserManager"]
