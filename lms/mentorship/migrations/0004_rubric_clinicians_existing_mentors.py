"""Seed the interview rubric, create the Clinician group, let coordinators edit the rubric, and
count the mentors who were already matching as active (docs/decisions/0071): selection is new,
and the people it would otherwise drop from pairing were chosen by the program before it."""

from django.db import migrations
from django.utils import timezone

RUBRIC = [
    ("Active listening", "Reflects back what was said; lets the other person finish."),
    ("Boundaries", "Knows what a peer mentor does and does not do, and says so kindly."),
    ("Clarity", "Explains plainly; checks that they were understood."),
    ("Empathy", "Responds to feelings without judging or taking over."),
    ("Trauma-informed language", "Person-first, non-stigmatizing words; offers choice."),
]
EXISTING_REASON = "Mentor before selection was recorded in the program"


def forward(apps, schema_editor):
    now = timezone.now()
    RubricCriterion = apps.get_model("mentorship", "RubricCriterion")
    History = apps.get_model("mentorship", "HistoricalRubricCriterion")
    for order, (name, description) in enumerate(RUBRIC):
        item, created = RubricCriterion.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": order * 10}
        )
        if created:
            History.objects.create(
                id=item.pk,
                name=item.name,
                description=item.description,
                active=True,
                sort_order=item.sort_order,
                history_date=now,
                history_type="+",
                history_change_reason="Seeded rubric",
            )

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group.objects.get_or_create(name="Clinician")
    coordinator, _ = Group.objects.get_or_create(name="Coordinator")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="mentorship", model="rubriccriterion"
    )
    for action in ("view", "add", "change"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_rubriccriterion",
            defaults={"name": f"Can {action} rubric criterion"},
        )
        coordinator.permissions.add(permission)

    # Mentors who had agreed to be matched before selection existed stay pairable.
    MentorProfile = apps.get_model("mentorship", "MentorProfile")
    MentorApplication = apps.get_model("mentorship", "MentorApplication")
    ApplicationDecision = apps.get_model("mentorship", "ApplicationDecision")
    existing = MentorProfile.objects.filter(
        user__groups__name="Mentor", consented_at__isnull=False
    ).exclude(user__mentor_application__isnull=False)
    for profile in existing.select_related("user").distinct():
        application = MentorApplication.objects.create(
            user=profile.user,
            time_in_recovery="not_said",
            stage="active",
            submitted_at=now,
            stage_since=now,
        )
        ApplicationDecision.objects.create(
            application=application,
            from_stage="",
            to_stage="active",
            reason=EXISTING_REASON,
            decided_at=now,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mentorship", "0003_applications_clinicians"),
        ("lms", "0002_roles"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
