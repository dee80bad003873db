"""Certificates through faults: the public verification page never touches the session and
answers from the shared cache while the database is away; a missing PDF is a friendly 404, is
reported to the coordinators, and can be regenerated without breaking earlier downloads."""

import hashlib
from io import StringIO

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from credentials.models import MissingFileReport
from lms.common.files import private_file_missing
from tests.ops.test_outage import database_down

pytestmark = pytest.mark.django_db

CACHED_DB = "lms.ops.sessions"  # production's


@override_settings(SESSION_ENGINE=CACHED_DB)
def test_verification_never_reads_or_sets_a_session(completed):
    client = Client()
    with CaptureQueriesContext(connection) as miss:
        first = client.get(completed.get_absolute_url())
    assert first.status_code == 200
    assert not [q["sql"] for q in miss if "django_session" in q["sql"]]
    assert "sessionid" not in first.cookies
    with CaptureQueriesContext(connection) as hit:
        second = client.get(completed.get_absolute_url())
    assert second.status_code == 200 and second.content == first.content
    assert len(hit) == 0, [q["sql"] for q in hit]  # a cache hit needs no database at all
    assert "sessionid" not in second.cookies and "Set-Cookie" not in second.headers


@override_settings(SESSION_ENGINE=CACHED_DB)
def test_verification_answers_from_the_cache_while_the_database_is_away(completed):
    client = Client()
    answer = client.get(completed.get_absolute_url())
    assert answer.status_code == 200
    with database_down():
        again = client.get(completed.get_absolute_url())
        other = Client(raise_request_exception=False).get("/verify/" + "1" * 32 + "/")
    assert again.status_code == 200 and again.content == answer.content
    assert other.status_code == 503  # not cached: the static page, not a 500


# ----------------------------------------------------------------------------- missing files


def _delete_pdf(certificate) -> bytes:
    """Remove the stored PDF (a restore that missed it); return the bytes the holder had."""
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    certificate.pdf.storage.delete(certificate.pdf.name)
    return data


def _digest_for(coordinator, today):
    from credentials.reminders import credential_reminders_sweep

    mail.outbox.clear()
    credential_reminders_sweep(today=today)
    return [m for m in mail.outbox if m.to == [coordinator.email]]


@pytest.mark.parametrize("accel", ["", "/_private/"])
def test_a_missing_pdf_is_a_friendly_404_logged_and_reported_to_coordinators(
    client, completed, coordinator, settings, caplog, accel
):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = accel
    name = completed.pdf.name
    _delete_pdf(completed)
    client.force_login(completed.holder)
    url = reverse("certificates:download", args=[completed.pk])
    responses = [client.get(url) for _ in range(3)]
    assert {r.status_code for r in responses} == {404}
    html = responses[0].content.decode()
    assert "This file can&#x27;t be opened right now" in html or "can't be opened" in html
    assert "coordinators have been told" in html
    assert "X-Accel-Redirect" not in responses[0]
    errors = [r for r in caplog.records if r.name == "lms.files" and r.levelname == "ERROR"]
    assert len(errors) == 3 and name in errors[0].getMessage()
    report = MissingFileReport.objects.get()  # one report, however often it is asked for
    assert report.times == 3 and report.name == name
    assert completed.formatted_code in report.label and completed.holder_name not in report.label

    digests = _digest_for(coordinator, completed.issued_on)
    assert len(digests) == 1
    assert "1 file missing" in digests[0].subject
    assert report.label in digests[0].body and "Regenerate PDF" in digests[0].body
    assert _digest_for(coordinator, completed.issued_on) == []  # reported once

    client.get(url)  # asked for again after the digest: reported again
    assert MissingFileReport.objects.filter(digest__isnull=True).count() == 1


def test_a_coordinator_regenerates_a_missing_pdf_and_both_copies_verify(
    client, completed, coordinator
):
    first_hash = completed.pdf_sha256
    old_copy = _delete_pdf(completed)
    client.force_login(completed.holder)
    missing = client.get(reverse("certificates:download", args=[completed.pk]))
    assert missing.status_code == 404  # and reported
    client.force_login(coordinator)
    index = client.get(reverse("certificates_admin:index")).content.decode()
    url = reverse("certificates_admin:action", args=[completed.pk, "regenerate"])
    assert url in index
    page = client.get(url)
    assert page.status_code == 200 and "missing from storage" in page.content.decode()
    done = client.post(url)
    assert done.status_code == 302
    completed.refresh_from_db()
    assert completed.pdf_sha256 == first_hash  # the original stays verifiable
    with completed.pdf.open("rb") as handle:
        new_copy = handle.read()
    new_hash = hashlib.sha256(new_copy).hexdigest()
    if new_hash != first_hash:
        assert list(completed.pdf_hashes.values_list("sha256", flat=True)) == [new_hash]
        assert completed.pdf_hashes.get().added_by == coordinator
    for copy in (old_copy, new_copy):
        upload = SimpleUploadedFile("certificate.pdf", copy, content_type="application/pdf")
        answer = Client().post(reverse("certificates:verify_pdf"), {"file": upload})
        assert answer.status_code == 302 and answer["Location"] == completed.get_absolute_url()
    out = StringIO()
    call_command("check_certificates", stdout=out)
    assert "all verify" in out.getvalue()
    assert MissingFileReport.objects.get().restored_at is not None

    client.force_login(completed.holder)
    assert client.get(reverse("certificates:download", args=[completed.pk])).status_code == 200

    client.force_login(coordinator)
    again = client.post(url)  # the file is there now: nothing to do, said plainly
    assert again.status_code == 400
    assert "nothing to regenerate" in again.content.decode()


def test_only_coordinators_regenerate(client, completed, make_user):
    _delete_pdf(completed)
    url = reverse("certificates_admin:action", args=[completed.pk, "regenerate"])
    for role in ("Mentor", "Editor", "Recruiter"):
        client.force_login(make_user(role))
        assert client.post(url).status_code in (302, 403)
    completed.refresh_from_db()
    assert not completed.pdf.storage.exists(completed.pdf.name)


def test_every_private_download_answers_the_same_page_for_a_missing_file(rf, settings, caplog):
    from django.core.files.storage import storages

    from lms.common.files import private_file_response

    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    private_file_missing.connect(listener)
    try:
        for accel in ("", "/_private/"):
            settings.PRIVATE_MEDIA_ACCEL_PREFIX = accel
            request = rf.get("/some/file")
            request.user = AnonymousUser()
            response = private_file_response(
                storages["private"],
                "credentials/evidence/gone.pdf",
                content_type="application/pdf",
                filename="evidence.pdf",
                headers={},
                request=request,
                label="Evidence of credential record 7",
            )
            assert response.status_code == 404
            assert "coordinators have been told" in response.render().content.decode()
    finally:
        private_file_missing.disconnect(listener)
    assert [r["name"] for r in received] == ["credentials/evidence/gone.pdf"] * 2
    assert MissingFileReport.objects.get().label == "Evidence of credential record 7"
