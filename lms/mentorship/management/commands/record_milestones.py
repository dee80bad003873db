"""Record the 30/60/90-day milestones every pair has reached (idempotent; run daily)."""

from django.core.management.base import BaseCommand

from lms.mentorship.services import milestones_record_due


class Command(BaseCommand):
    help = "Record the 30, 60 and 90-day milestones that pairs have reached. Safe to rerun."

    def handle(self, *args, **options):
        count = milestones_record_due()
        self.stdout.write(f"{count} milestone(s) recorded.")
