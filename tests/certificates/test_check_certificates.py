"""`check_certificates`, run after a restore: unchanged PDFs pass, changed or missing ones fail."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

pytestmark = pytest.mark.django_db


def test_unchanged_pdfs_all_verify(completed):
    out = StringIO()
    call_command("check_certificates", stdout=out)
    assert "1 certificate PDF(s) unchanged; all verify." in out.getvalue()


def test_a_changed_or_missing_pdf_is_named(completed):
    path = completed.pdf.path
    with open(path, "ab") as handle:
        handle.write(b"\n%changed")
    with pytest.raises(CommandError, match="1 certificate"):
        call_command("check_certificates", stderr=StringIO())

    completed.pdf.storage.delete(completed.pdf.name)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("check_certificates", stderr=err)
    assert "its PDF is missing" in err.getvalue()
