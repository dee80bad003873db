"""The credentials permissions coordinators hold, granted after every `migrate`.

lms's role migrations reset the Coordinator group to ROLE_PERMISSIONS (lms.accounts.roles)
with `.set()`, which would drop these if granted in a credentials migration that happened to
run first; a post_migrate handler runs after all of them (see docs/decisions/0012).
"""

COORDINATOR_PERMISSIONS = {
    "credentialrecord": ["view", "add", "change", "verify"],
    "credentialtype": ["view", "change"],
    "ceentry": ["view"],
    "certificate": ["view", "change"],
    "recruiterlookup": ["view"],
}
PERMISSION_NAMES = {
    "verify_credentialrecord": "Can confirm, suspend or revoke credential records",
}


def coordinator_permission_codenames() -> list[str]:
    """'credentials.view_credentialrecord', ... (the strings ROLE_PERMISSIONS uses)."""
    return [
        f"credentials.{action}_{model}"
        for model, actions in COORDINATOR_PERMISSIONS.items()
        for action in actions
    ]


def grant_coordinator_permissions(*, using="default", apps=None, **kwargs) -> None:
    """Add the credentials permissions to the Coordinator group (idempotent, adds only)."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    group = Group.objects.using(using).filter(name="Coordinator").first()
    if group is None:
        return
    permissions = []
    for model, actions in COORDINATOR_PERMISSIONS.items():
        content_type, _ = ContentType.objects.using(using).get_or_create(
            app_label="credentials", model=model
        )
        for action in actions:
            codename = f"{action}_{model}"
            permission, _ = Permission.objects.using(using).get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": PERMISSION_NAMES.get(codename, f"Can {action} {model}")},
            )
            permissions.append(permission)
    group.permissions.add(*permissions)
