"""After a restore: every issued certificate's PDF is present and byte for byte the one issued
(its SHA-256 unchanged, or one recorded when it was regenerated), so verification by code, QR
code and PDF upload still works."""

import hashlib

from django.core.management.base import BaseCommand, CommandError

from credentials.models import Certificate


class Command(BaseCommand):
    help = "Check every certificate's PDF against its recorded SHA-256; exit 1 on any mismatch."

    def handle(self, *args, **options):
        checked, problems = 0, []
        certificates = (
            Certificate.objects.exclude(pdf_sha256="").prefetch_related("pdf_hashes").order_by("pk")
        )
        for certificate in certificates:
            try:
                with certificate.pdf.open("rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            except (OSError, ValueError):
                problems.append(f"certificate {certificate.code}: its PDF is missing")
                continue
            checked += 1
            # A PDF made again after the first went missing verifies by its own hash.
            known = {certificate.pdf_sha256, *(h.sha256 for h in certificate.pdf_hashes.all())}
            if digest not in known:
                problems.append(f"certificate {certificate.code}: its PDF has changed")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} certificate(s) would no longer verify.")
        self.stdout.write(f"{checked} certificate PDF(s) unchanged; all verify.")
