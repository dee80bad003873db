"""US spelling: a CE entry's `organisation` becomes `organization` (and in its history)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("credentials", "0004_certificate_openbadge_status_index")]

    operations = [
        migrations.RenameField(
            model_name="ceentry", old_name="organisation", new_name="organization"
        ),
        migrations.RenameField(
            model_name="historicalceentry", old_name="organisation", new_name="organization"
        ),
    ]
