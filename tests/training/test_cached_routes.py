"""Training pages are routed from the cached structure (lms/training/views/pages.py serve): the
page in one query, with Wagtail's page privacy and every change seen on the next request."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from lms.accounts.roles import Role
from lms.training.models import LessonPage
from tests.training.helpers import answer_quiz, modules, quiz_of

pytestmark = pytest.mark.django_db


def first_lesson():
    return LessonPage.objects.live().order_by("path").first()


def test_a_lesson_is_served_with_one_query_once_cached(client, mentor):
    client.force_login(mentor)
    lesson = first_lesson()
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_restriction_added_to_the_track_is_applied_on_the_next_request(client, mentor):
    client.force_login(mentor)
    lesson = first_lesson()
    assert client.get(lesson.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=lesson.get_parent().get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=Role.MENTEE)])
    assert client.get(lesson.url).status_code == 403
    restriction.groups.add(Group.objects.get(name=Role.MENTOR))
    assert client.get(lesson.url).status_code == 200
    restriction.delete()
    assert client.get(lesson.url).status_code == 200


def test_a_restriction_on_the_site_root_is_applied_on_the_next_request(client):
    lesson = first_lesson()
    assert client.get(lesson.url).status_code in (200, 302)  # anonymous: gated by the training
    PageViewRestriction.objects.create(
        page=lesson.get_ancestors().get(depth=2), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(lesson.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_renamed_lesson_moves_to_its_new_address_on_the_next_request(client, mentor):
    client.force_login(mentor)
    lesson = first_lesson()
    old = lesson.url
    assert client.get(old).status_code == 200
    lesson.slug = "a-new-address"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(lesson.url).status_code == 200


def test_a_new_lesson_is_served_on_the_next_request(client, mentor):
    client.force_login(mentor)
    module = modules()[0]
    client.get(first_lesson().url)
    lesson = LessonPage(title="Added today", slug="added-today", body=[])
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    assert "Added today" in client.get(lesson.url).content.decode()


def test_addresses_the_structure_does_not_know_are_routed_by_wagtail(client, mentor):
    client.force_login(mentor)
    assert client.get("/training/").status_code == 200
    assert client.get("/training/no-such-track/").status_code == 404
    assert client.get("/training/no-such-track/deeper/").status_code == 404
    lesson = first_lesson()
    assert client.get(lesson.url.rstrip("/")).status_code == 301  # the slash is added
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_the_dashboard_shows_a_failed_attempt_on_the_next_request(client, mentor):
    client.force_login(mentor)
    first = modules()[0]
    assert "Not taken" in client.get("/training/dashboard/").content.decode()
    answer_quiz(client, quiz_of(first), first.slug, right=False)
    assert "not passed (1 attempt)" in client.get("/training/dashboard/").content.decode()
