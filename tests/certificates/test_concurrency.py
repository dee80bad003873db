"""Concurrent completions issue exactly one certificate (PostgreSQL; skipped on SQLite)."""

from django.db import connection

from wagtail.models import Page

import pytest

from content.models import HomePage
from credentials.certificates import services
from credentials.models import Certificate
from lms.training.models import TrackPage, TrainingIndexPage
from tests.training.test_concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def test_simultaneous_completions_issue_exactly_one_certificate(make_user, monkeypatch):
    monkeypatch.setattr(services, "_render_later", lambda certificate: None)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="cert-race-home"))
    index = home.add_child(instance=TrainingIndexPage(title="Training", slug="training"))
    track = index.add_child(
        instance=TrackPage(title="T", slug="t", summary="S", certificate_title="T certificate")
    )
    user = make_user("Mentor")

    def issue():
        return services.certificate_issue(user=user, track=TrackPage.objects.get(pk=track.pk)).pk

    results, errors = run_together(6, issue)
    assert errors == []
    assert len(set(results)) == 1
    assert Certificate.objects.filter(holder=user).count() == 1
