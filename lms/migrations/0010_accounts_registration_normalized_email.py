"""Mentor sign-ups wait in Registration (no account until the address is proven); every stored
email gets its one normalized spelling; sign-ups of the old kind are retired.

Old sign-ups were inactive accounts that had never signed in, in the Mentor group alone, holding a
password chosen before the address was proven: they are deleted (the address may register
afresh). Where two accounts normalize to the same address, the one already spelled that way, else the
one that signed in most recently, keeps it; the other is left as it was, and reported.
Also: User.second_factor_enrolled, and SecondFactorReset, the record of a coordinator removing
someone's second factors.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models




def normalize_emails(apps, schema_editor):
    from lms.accounts.addresses import email_canonical

    User = apps.get_model("lms", "User")
    users = list(User.objects.order_by(models.F("last_login").desc(nulls_last=True), "pk"))
    # Accounts already spelled normally keep their address; the others claim theirs in turn.
    claimed = {user.email for user in users if email_canonical(user.email) == user.email}
    for user in users:
        spelling = email_canonical(user.email)
        if spelling == user.email:
            continue
        if spelling in claimed:
            print(f"\n  account {user.pk}: {spelling!r} belongs to another account; left as it was")
            continue
        claimed.add(spelling)
        User.objects.filter(pk=user.pk).update(email=spelling)


def retire_unconfirmed_accounts(apps, schema_editor):
    from django.db.models import ProtectedError

    User = apps.get_model("lms", "User")
    unconfirmed = User.objects.filter(
        is_active=False, last_login__isnull=True, is_staff=False, is_superuser=False
    )
    for user in unconfirmed:
        if list(user.groups.values_list("name", flat=True)) != ["Mentor"]:
            continue
        try:
            user.delete()
        except ProtectedError:
            pass


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('lms', '0009_track_pcb_notified_on'),
    ]

    operations = [
        migrations.RunPython(retire_unconfirmed_accounts, migrations.RunPython.noop),
        migrations.RunPython(normalize_emails, migrations.RunPython.noop),
        migrations.CreateModel(
            name='Registration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, unique=True)),
                ('first_name', models.CharField(max_length=150)),
                ('last_name', models.CharField(blank=True, max_length=150)),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField()),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='SecondFactorReset',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reset_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='second_factor_resets', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.AddField(
            model_name='user',
            name='second_factor_enrolled',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='lms_user_email_lower_unique'),
        ),
    ]
