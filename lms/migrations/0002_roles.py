"""Create the five role groups with least-privilege permissions and route page review to
coordinators. Wagtail's sample groups (Editors, Moderators) are replaced by ours."""

from django.db import migrations

from lms.accounts.roles import ROLE_PAGE_PERMISSIONS, ROLE_PERMISSIONS, Role

COLLECTION_PERMISSIONS = {
    Role.EDITOR: ["add_image", "change_image", "choose_image",
                  "add_document", "change_document", "choose_document"],
    Role.COORDINATOR: ["add_image", "change_image", "choose_image",
                       "add_document", "change_document", "choose_document"],
}


def _permission(apps, dotted: str):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, codename = dotted.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None:
        # Model permissions are normally made after migrations; make the ones we need now.
        action, model = codename.split("_", 1)
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename,
            defaults={"name": f"Can {action} {model}"},
        )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    groups = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.set([_permission(apps, p) for p in ROLE_PERMISSIONS[role]])
        groups[role] = group

    root = Page.objects.filter(depth=1).first()
    for role, codenames in ROLE_PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[role], page=root,
                permission=_permission(apps, f"wagtailcore.{codename}"),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    for role, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role], collection=root_collection,
                permission=_permission(apps, f"{app}.{codename}"),
            )

    # Review: every page submitted goes to the coordinators for approval.
    for task in GroupApprovalTask.objects.all():
        task.groups.set([groups[Role.COORDINATOR]])
        task.name = "Coordinator approval"
        task.save()
    for workflow in Workflow.objects.all():
        workflow.name = "Review by a coordinator"
        workflow.save()
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
