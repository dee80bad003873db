"""Run the credential reminder sweep now (the same sweep as the daily task, which the scheduler,
`manage.py crontask`, enqueues)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from credentials.reminders import credential_reminders_sweep


class Command(BaseCommand):
    help = "Send due credential reminders and the coordinators' digest (safe to run repeatedly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="on",
            help="Run as if today were this New York date (YYYY-MM-DD); for catching up by hand.",
        )

    def handle(self, *args, on=None, **options):
        today = None
        if on:
            try:
                today = date.fromisoformat(on)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        result = credential_reminders_sweep(today=today)
        self.stdout.write(
            f"{result.today}: {result.due} due, {result.messages} messages sent "
            f"({result.sent} reminders), {result.failed} failed (retried next run), "
            f"{result.superseded} no longer relevant; digests sent {result.digests_sent}, "
            f"failed {result.digests_failed}."
        )
