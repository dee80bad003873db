"""Demo accounts for local use: one per role and a superuser, all with DEMO_PASSWORD.

Never loaded by production settings (DEMO_DATA_ENABLED is False there).
"""

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.accounts.services import user_add_role

DEMO_ACCOUNTS = [
    ("mentor@example.org", "Morgan", "Reyes", Role.MENTOR),
    ("mentor2@example.org", "Jordan", "Lee", Role.MENTOR),
    ("mentee@example.org", "Sam", "", Role.MENTEE),
    ("recruiter@example.org", "Riley", "Chen", Role.RECRUITER),
    ("editor@example.org", "Eden", "Okafor", Role.EDITOR),
    ("coordinator@example.org", "Casey", "Novak", Role.COORDINATOR),
]
DEMO_SUPERUSER = "admin@example.org"


def demo_user(*, email: str, first_name: str, last_name: str, role: str | None, password: str):
    """Create the account once; later runs only keep its password and role in step."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first_name, "last_name": last_name, "is_active": True},
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    if role is not None:
        user_add_role(user=user, role=role)
    return user


def demo_user_without_sign_in(*, email: str, first_name: str, last_name: str = "", role: str):
    """A demo account that stands for someone in the records (a past cohort) and cannot sign
    in: no usable password."""
    user = User(email=email, first_name=first_name, last_name=last_name, is_active=True)
    user.set_unusable_password()
    user.save()
    user_add_role(user=user, role=role)
    return user


def load(*, password: str) -> list[tuple[str, str]]:
    """Create the demo accounts; returns (email, role) pairs for the console."""
    rows = []
    for email, first, last, role in DEMO_ACCOUNTS:
        demo_user(email=email, first_name=first, last_name=last, role=role, password=password)
        rows.append((email, role.value))
    admin, created = User.objects.get_or_create(
        email=DEMO_SUPERUSER,
        defaults={"first_name": "Admin", "is_staff": True, "is_superuser": True},
    )
    if created or not admin.check_password(password):
        admin.set_password(password)
        admin.save()
    rows.append((DEMO_SUPERUSER, "Superuser"))
    return rows
