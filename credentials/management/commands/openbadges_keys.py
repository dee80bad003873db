"""Manage the Open Badges signing keys: list them, create the first, or rotate.

    python manage.py openbadges_keys            # list the published keys
    python manage.py openbadges_keys --init     # make the first key if there is none
    python manage.py openbadges_keys --rotate   # new signing key; the old one is retired

A retired key stays published (its signatures keep verifying); its private half is deleted.
"""

from django.core.management.base import BaseCommand, CommandError

from credentials.certificates.openbadges import keys, selectors


class Command(BaseCommand):
    help = "List, create or rotate the Open Badges signing keys (kept in OPENBADGES_KEY_DIR)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--init", action="store_true", help="Create the first key if none.")
        group.add_argument("--rotate", action="store_true", help="Make a new signing key.")

    def handle(self, *args, init=False, rotate=False, **options):
        directory = keys.key_dir()
        try:
            if rotate:
                kid, retired = keys.rotate(directory)
                self.stdout.write(f"New signing key {kid}.")
                if retired:
                    self.stdout.write(f"Retired {retired}: still published, private key deleted.")
            elif init:
                self.stdout.write(f"Signing key {keys.ensure_active(directory)}.")
            published = keys.published_keys(directory)
        except (keys.KeyStoreError, OSError) as error:
            raise CommandError(f"Key directory {directory}: {error}") from error
        active = keys.active_kid(directory)
        self.stdout.write(f"Key directory: {directory}")
        if not published:
            self.stdout.write("No keys yet. Run with --init to create the first one.")
        for key in published:
            state = "active" if key.kid == active else f"retired {key.retired}"
            self.stdout.write(f"  {key.kid}  created {key.created}  {state}")
        self.stdout.write(f"Published at {selectors.jwks_url()}")
