"""Seed the coordinator-edited lists and the ranking weights, and let coordinators edit the lists
in the Wagtail admin (view, add, change; items are retired, never deleted)."""

from django.db import migrations
from django.utils import timezone

EXPERIENCE_AREAS = [
    "Alcohol use",
    "Opioid use",
    "Stimulant use (cocaine, methamphetamine)",
    "Cannabis use",
    "Use of more than one substance",
    "Medication for opioid use disorder (MOUD)",
    "Mental health alongside substance use",
    "Justice involvement and re-entry",
    "Parenting and family reunification",
    "Homelessness or unstable housing",
    "Military service",
    "LGBTQ+ experience",
    "Trauma",
    "Grief and loss",
    "Returning to work or school",
]
GOALS = [
    "Staying connected to care and appointments",
    "Building a support network",
    "Finding or keeping work",
    "Education or training",
    "Stable housing",
    "Family and relationships",
    "Managing stress and triggers",
    "Healthy daily routines",
    "Meeting legal or court obligations",
    "Money and budgeting",
    "Getting to community support meetings",
]
TOPICS = [
    "How the week went",
    "Coping with cravings or triggers",
    "Stress and emotions",
    "Family and relationships",
    "Work, school or money",
    "Housing",
    "Health and appointments",
    "Support meetings and community",
    "Goals and next steps",
    "Safety planning",
    "Celebrating progress",
]
WEIGHTS = {
    "shared_experience": 25,
    "goals": 20,
    "stage": 15,
    "availability": 15,
    "language": 15,
    "support_style": 10,
    "gender_preference": 10,
}
COORDINATOR_PERMISSIONS = {
    "experiencearea": ["view", "add", "change"],
    "goal": ["view", "add", "change"],
    "checkintopic": ["view", "add", "change"],
}


def seed(apps, schema_editor):
    now = timezone.now()
    for model_name, names in (
        ("ExperienceArea", EXPERIENCE_AREAS),
        ("Goal", GOALS),
        ("CheckinTopic", TOPICS),
    ):
        model = apps.get_model("mentorship", model_name)
        history = apps.get_model("mentorship", f"Historical{model_name}")
        for order, name in enumerate(names):
            item, created = model.objects.get_or_create(
                name=name, defaults={"sort_order": order * 10}
            )
            if created:
                history.objects.create(
                    id=item.pk,
                    name=item.name,
                    description="",
                    active=True,
                    sort_order=item.sort_order,
                    history_date=now,
                    history_type="+",
                    history_change_reason="Seeded list",
                )

    ScoringWeights = apps.get_model("mentorship", "ScoringWeights")
    HistoricalScoringWeights = apps.get_model("mentorship", "HistoricalScoringWeights")
    weights, created = ScoringWeights.objects.get_or_create(
        pk=1, defaults={**WEIGHTS, "updated_at": now}
    )
    if created:
        HistoricalScoringWeights.objects.create(
            id=1,
            updated_at=now,
            history_date=now,
            history_type="+",
            history_change_reason="Initial weights",
            **WEIGHTS,
        )

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    coordinator, _ = Group.objects.get_or_create(name="Coordinator")
    for model, actions in COORDINATOR_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="mentorship", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            coordinator.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("mentorship", "0001_initial"),
        # After the lms migrations that *set* the Coordinator group's permissions.
        ("lms", "0004_coordinator_report_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
