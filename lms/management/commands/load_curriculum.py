"""Load the shipped training track from content/curriculum; safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from content.sourcefiles import SourceError
from lms.training.curriculum import curriculum_load


class Command(BaseCommand):
    help = (
        "Create or update the training track, modules, lessons and quizzes from content/curriculum."
    )

    def handle(self, *args, **options):
        try:
            report = curriculum_load()
        except SourceError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.stdout.write(
            f"Curriculum: {report.count('created')} created, {report.count('updated')} updated, "
            f"{report.count('unchanged')} unchanged."
        )
