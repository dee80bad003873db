"""Load the shipped home page and mentee resources; safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from content.loader import content_load
from content.sourcefiles import SourceError


class Command(BaseCommand):
    help = "Create or update the home page and mentee resources from content/ files."

    def handle(self, *args, **options):
        try:
            report = content_load()
        except SourceError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(
            f"Site content: {report.count('created')} created, {report.count('updated')} updated, "
            f"{report.count('unchanged')} unchanged."
        )
