"""Seed PCB's CRS renewal rules, with a first history row. Values are literals here: later rule
changes are data edits in the admin, with history. (Coordinator permissions are granted after
every migrate by credentials.permissions, not here.)"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

CRS = {
    "name": "Certified Recovery Specialist (CRS)",
    "code": "crs",
    "issuing_body": "Pennsylvania Certification Board (PCB)",
    "renewal_cycle_months": 24,
    "ce_hours_required": Decimal(30),
    "min_ethics_hours": Decimal(6),
    "min_confidentiality_hours": Decimal(3),
    "window_opens_months_before": 3,
    "grace_months": 6,
    "expiring_soon_days": 90,
}


def seed(apps, schema_editor):
    CredentialType = apps.get_model("credentials", "CredentialType")
    HistoricalCredentialType = apps.get_model("credentials", "HistoricalCredentialType")
    crs, created = CredentialType.objects.get_or_create(code=CRS["code"], defaults=CRS)
    if created:
        HistoricalCredentialType.objects.create(
            id=crs.pk,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason="Seeded with PCB's published CRS renewal rules.",
            **CRS,
        )


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
