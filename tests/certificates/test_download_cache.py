"""A certificate download reads its narrow row from the shared cache (caching.download_row_*),
and any change to a certificate is seen on the very next download, through any app server."""

import hashlib

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from credentials.certificates import caching, rendering
from credentials.models import Certificate
from lms.accounts.roles import Role
from lms.training.demo import demo_progress
from lms.training.models import TrackPage
from lms.training.services import track_complete_if_done

pytestmark = pytest.mark.django_db


def download(client, pk):
    return client.get(reverse("certificates:download", args=[pk]))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def queries_of(client, pk) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = download(client, pk)
    return response.status_code, [query["sql"] for query in queries]


def test_a_repeated_download_asks_the_database_nothing(client, completed):
    client.force_login(completed.holder)
    first = download(client, completed.pk)
    assert first.status_code == 200
    assert hashlib.sha256(body(first)).hexdigest() == completed.pdf_sha256
    assert queries_of(client, completed.pk) == (200, [])


def test_someone_elses_certificate_and_no_certificate_cost_the_same(client, completed, make_user):
    """Same answer and the same work: an id tells nothing, not even by its timing."""
    client.force_login(make_user(Role.MENTOR))
    missing = completed.pk + 1000
    assert download(client, completed.pk).status_code == download(client, missing).status_code
    (theirs, their_sql), (nothing, no_sql) = (
        queries_of(client, completed.pk),
        queries_of(client, missing),
    )
    assert theirs == nothing == 404
    # Both: only the redirects middleware's look for a redirect from the address.
    assert len(their_sql) == len(no_sql)
    assert not any("credentials_certificate" in sql for sql in their_sql + no_sql)


def test_a_regenerated_pdf_is_what_the_next_download_sends(client, completed, coordinator):
    client.force_login(completed.holder)
    assert download(client, completed.pk).status_code == 200  # the row is cached
    completed.pdf.storage.delete(completed.pdf.name)
    assert download(client, completed.pk).status_code == 404  # the missing-file page
    regenerated = rendering.certificate_pdf_regenerate(certificate=completed, by=coordinator)
    response = download(client, completed.pk)
    assert response.status_code == 200
    assert body(response) == regenerated.pdf.open("rb").read()


def test_an_id_cached_as_naming_nothing_downloads_once_a_certificate_takes_it(
    client, completed, coordinator, make_user, django_capture_on_commit_callbacks
):
    next_pk = completed.pk + 1
    client.force_login(coordinator)
    assert download(client, next_pk).status_code == 404  # cached as naming no certificate
    learner = make_user(Role.MENTOR)
    with django_capture_on_commit_callbacks(execute=True):
        demo_progress(user=learner)
        track_complete_if_done(user=learner, track=TrackPage.objects.get(slug=completed.track.slug))
    issued = learner.certificates.get()
    assert issued.pk == next_pk
    rendering.certificate_render(certificate=issued)
    assert download(client, next_pk).status_code == 200


def test_a_deleted_certificate_is_gone_on_the_next_download(client, completed):
    client.force_login(completed.holder)
    assert download(client, completed.pk).status_code == 200
    Certificate.objects.filter(pk=completed.pk).delete()
    assert download(client, completed.pk).status_code == 404


def test_a_coordinator_whose_role_is_taken_away_downloads_no_more(client, completed, coordinator):
    client.force_login(coordinator)
    assert download(client, completed.pk).status_code == 200
    coordinator.groups.clear()
    assert download(client, completed.pk).status_code == 404


def test_a_row_read_before_a_change_and_stored_after_it_is_never_served(client, completed):
    """A request on another app server read the row, then the certificate changed, then that
    request stored what it had read: the version it was read under is already gone."""
    version, _ = caching.download_row_cached(completed.pk)
    stale = Certificate.objects.only("pk", "holder_id", "code", "pdf", "pdf_sha256").get(
        pk=completed.pk
    )
    completed.pdf_sha256 = "0" * 64
    completed.save(update_fields=["pdf_sha256"])
    caching.download_row_store(completed.pk, version, stale)
    assert caching.download_row_cached(completed.pk)[1] is None
