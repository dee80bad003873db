"""The roles, as Django groups, and the permissions each holds (least privilege)."""

from django.db import models


class Role(models.TextChoices):
    MENTOR = "Mentor"
    MENTEE = "Mentee"
    RECRUITER = "Recruiter"
    EDITOR = "Editor"
    COORDINATOR = "Coordinator"
    CLINICIAN = "Clinician"


# Model permissions per role, as "app_label.codename". Page permissions (Wagtail's tree-based
# ones) are granted separately, in the roles data migration.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.MENTOR: [],
    Role.MENTEE: [],
    Role.RECRUITER: [],
    # Clinicians hold no model permissions: their few program pages check the role themselves.
    Role.CLINICIAN: [],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    Role.COORDINATOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "lms.add_invitation",
        "lms.view_invitation",
        "lms.view_modulecompletion",
        "lms.view_quizattempt",
        "lms.add_quizattemptgrant",
        "lms.view_quizattemptgrant",
        # Credentials and certificates (strings only: lms never imports credentials).
        "credentials.view_credentialrecord",
        "credentials.add_credentialrecord",
        "credentials.change_credentialrecord",
        "credentials.verify_credentialrecord",
        "credentials.view_credentialtype",
        "credentials.change_credentialtype",
        "credentials.view_ceentry",
        "credentials.view_certificate",
        "credentials.change_certificate",
        "credentials.view_recruiterlookup",
        *[
            f"mentorship.{action}_{model}"
            for model in ("experiencearea", "goal", "checkintopic")
            for action in ("view", "add", "change")
        ],
    ],
}

# Wagtail page permissions on the root of the tree: editors draft and submit for review,
# coordinators also publish (they moderate).
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: ["add_page", "change_page", "lock_page"],
    Role.COORDINATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

STAFF_ROLES = (Role.EDITOR, Role.COORDINATOR)


def user_has_role(user, role: str) -> bool:
    """True when the user belongs to the role's group (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache
