"""US spelling of the quizzes' default contact line, in the field and in quizzes that kept it."""

from django.db import migrations, models

OLD = "Your programme coordinator can grant more attempts."
NEW = "Your program coordinator can grant more attempts."


def respell(apps, schema_editor):
    apps.get_model("lms", "QuizPage").objects.filter(contact=OLD).update(contact=NEW)


def unspell(apps, schema_editor):
    apps.get_model("lms", "QuizPage").objects.filter(contact=NEW).update(contact=OLD)


class Migration(migrations.Migration):
    dependencies = [("lms", "0004_coordinator_report_permissions")]

    operations = [
        migrations.AlterField(
            model_name="quizpage",
            name="contact",
            field=models.CharField(
                blank=True,
                default=NEW,
                help_text="Whom to contact when attempts run out.",
                max_length=300,
            ),
        ),
        migrations.RunPython(respell, unspell),
    ]
