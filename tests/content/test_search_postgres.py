"""Site search on PostgreSQL: Wagtail's database backend uses PostgreSQL full-text search there
(stemmed English, ranked). Skipped on SQLite; .ci/run runs the suite on PostgreSQL too."""

from django.db import connection

import pytest

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db,
]

CRISIS_URL = "/resources/if-you-are-in-crisis/"


def test_search_uses_postgresql_full_text_search():
    from wagtail.search.backends import get_search_backend

    assert type(get_search_backend()).__name__ == "PostgresSearchBackend"


def test_search_matches_other_forms_of_a_word_and_keeps_privacy(client, site_content, mentee):
    # The crisis page says "snoring"; English stemming finds it from "snores".
    assert CRISIS_URL not in client.get("/search/", {"q": "snores"}).content.decode()
    client.force_login(mentee)

    html = client.get("/search/", {"q": "snores"}).content.decode()

    assert CRISIS_URL in html
