"""Everything `make run` needs after migrating: content, curriculum and, in dev, demo data."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the shipped site content and curriculum, then the demo data where enabled."

    def handle(self, *args, **options):
        call_command("load_content", stdout=self.stdout)
        call_command("load_curriculum", stdout=self.stdout)
        if settings.DEMO_DATA_ENABLED:
            call_command("load_demo", stdout=self.stdout)
