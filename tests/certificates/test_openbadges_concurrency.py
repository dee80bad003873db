"""Status-list indices under concurrency: unique across certificates, drawn once per certificate
(PostgreSQL; skipped on SQLite, where select_for_update does nothing)."""

import threading

from django.db import connection

from wagtail.models import Page

import pytest

from content.models import HomePage
from credentials.certificates import services as certificate_services
from credentials.certificates.openbadges import services
from credentials.models import Certificate
from lms.models import TrackPage, TrainingIndexPage
from tests.lms.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


@pytest.fixture
def certificates(make_user, monkeypatch):
    monkeypatch.setattr(certificate_services, "_render_later", lambda certificate: None)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="badge-race-home"))
    index = home.add_child(instance=TrainingIndexPage(title="Training", slug="training"))
    track = index.add_child(
        instance=TrackPage(title="T", slug="t", summary="S", certificate_title="T certificate")
    )
    return [
        certificate_services.certificate_issue(user=make_user("Mentor"), track=track)
        for _ in range(6)
    ]


def test_six_certificates_drawing_the_same_index_at_once_end_up_with_six_different_ones(
    certificates, monkeypatch
):
    seen = threading.local()

    def draw(n):  # every thread's first draw is 5: five of them must be refused and redraw
        if not getattr(seen, "drawn", False):
            seen.drawn = True
            return 5
        return services.secrets.SystemRandom().randrange(n)

    monkeypatch.setattr(services.secrets, "randbelow", draw)
    queue = list(certificates)
    lock = threading.Lock()

    def allocate():
        with lock:
            certificate = queue.pop()
        return services.openbadge_status_index_allocate(
            certificate=Certificate.objects.get(pk=certificate.pk)
        )

    results, errors = run_together(6, allocate)
    assert errors == []
    assert len(set(results)) == 6 and 5 in results
    stored = Certificate.objects.filter(pk__in=[c.pk for c in certificates])
    assert sorted(stored.values_list("openbadge_status_index", flat=True)) == sorted(results)


def test_one_certificate_allocated_six_times_at_once_keeps_one_index(certificates):
    certificate = certificates[0]

    def allocate():
        return services.openbadge_status_index_allocate(
            certificate=Certificate.objects.get(pk=certificate.pk)
        )

    results, errors = run_together(6, allocate)
    assert errors == []
    assert len(set(results)) == 1
    assert Certificate.objects.get(pk=certificate.pk).openbadge_status_index == results[0]
