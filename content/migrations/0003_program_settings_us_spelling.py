"""US spelling for the site settings: ProgrammeSettings becomes ProgramSettings (same table
contents, renamed)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("content", "0002_programme_settings")]

    operations = [
        migrations.RenameModel(old_name="ProgrammeSettings", new_name="ProgramSettings"),
        migrations.AlterModelOptions(
            name="programsettings", options={"verbose_name": "program settings"}
        ),
        migrations.AlterField(
            model_name="programsettings",
            name="name",
            field=models.CharField(
                blank=True,
                help_text="Printed on certificates as the issuer. Empty: the PROGRAM_NAME setting.",
                max_length=200,
            ),
        ),
    ]
