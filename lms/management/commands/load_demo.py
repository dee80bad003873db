"""Create the demo accounts and demo records (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Create one demo account per role (and demo records), with DEMO_PASSWORD."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ENABLED:
            raise CommandError("Demo data is disabled in these settings (production?).")
        password = settings.DEMO_PASSWORD
        rows = []
        with transaction.atomic():
            for dotted in settings.DEMO_LOADERS:
                rows += import_string(dotted)(password=password) or []
        self.stdout.write("Demo accounts (password from DEMO_PASSWORD):")
        for email, role in rows:
            self.stdout.write(f"  {role:<12} {email}")
        # Summaries run after the commit, when what the loaders set in motion (certificates
        # issued on commit, say) exists.
        for dotted in settings.DEMO_SUMMARIES:
            for line in import_string(dotted)():
                self.stdout.write(line)
