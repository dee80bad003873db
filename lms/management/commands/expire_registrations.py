"""Forget mentor sign-ups whose confirmation link has expired, so their addresses are free.

The scheduler runs this daily as a task (lms/accounts/jobs.py); the command is for a hand run.
A new registration replaces an old one anyway, so an expired sign-up never blocks its address
even before this runs.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from lms.accounts.services import registrations_expire


class Command(BaseCommand):
    help = "Delete unconfirmed mentor registrations older than REGISTRATION_VALID_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Run as if it were this ISO 8601 time (with offset).")

    def handle(self, *args, now=None, **options):
        when = None
        if now:
            try:
                when = datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now: {error}") from error
            if when.tzinfo is None:
                raise CommandError("--now: give a time zone offset, e.g. 2027-01-01T00:00+00:00")
        count = registrations_expire(now=when)
        self.stdout.write(f"Expired registrations removed: {count}.")
