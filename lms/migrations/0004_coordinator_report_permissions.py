"""Coordinators read training reports and grant extra quiz attempts."""

from django.db import migrations

from lms.accounts.roles import ROLE_PERMISSIONS, Role


def grant(apps, schema_editor):
    import importlib

    roles = importlib.import_module("lms.migrations.0002_roles")
    Group = apps.get_model("auth", "Group")
    coordinator = Group.objects.get(name=Role.COORDINATOR.value)
    coordinator.permissions.set(
        [roles._permission(apps, p) for p in ROLE_PERMISSIONS[Role.COORDINATOR]]
    )


class Migration(migrations.Migration):
    dependencies = [("lms", "0003_training")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
