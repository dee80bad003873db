"""The page tree in the admin follows the course (issue 19): a track's modules and a module's
lessons are listed in the order learners take them, not newest first, and a lesson added in the
editor lands before the module's quiz rather than after it."""

import re

from django.urls import reverse

from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from lms.training.models import LessonPage, ModulePage, QuizPage, TrackPage

pytestmark = pytest.mark.django_db


def listed_ids(client, parent) -> list[int]:
    """The child pages in the explorer's listing of `parent`, top to bottom."""
    html = client.get(reverse("wagtailadmin_explore", args=[parent.pk])).content.decode()
    ids = [int(i) for i in re.findall(r'href="/admin/pages/(\d+)/edit/"', html)]
    seen: list[int] = []
    for page_id in ids:
        if page_id != parent.pk and page_id not in seen:
            seen.append(page_id)
    return seen


def course_order(parent) -> list[int]:
    return list(parent.get_children().order_by("path").values_list("pk", flat=True))


@pytest.fixture
def module():
    return ModulePage.objects.live().order_by("path").first()


def test_a_tracks_modules_are_listed_in_course_order_even_after_an_edit(editor, client):
    client.force_login(editor)
    track = TrackPage.objects.live().order_by("path").first()
    first = track.get_children().order_by("path").first().specific
    first.save_revision(user=editor)  # the newest revision no longer brings a module to the top
    last = track.get_children().order_by("path").last().specific
    last.save_revision(user=editor)
    assert len(course_order(track)) > 2
    assert listed_ids(client, track) == course_order(track)


def test_a_modules_lessons_are_listed_before_its_quiz(editor, client, module):
    client.force_login(editor)
    module.get_children().order_by("path").first().specific.save_revision(user=editor)
    listed = listed_ids(client, module)
    assert listed == course_order(module)
    assert listed[-1] == QuizPage.objects.child_of(module).get().pk


def test_a_lesson_added_in_the_editor_lands_before_the_modules_quiz(editor, client, module):
    client.force_login(editor)
    quiz = QuizPage.objects.child_of(module).get()
    before = course_order(module)
    assert before[-1] == quiz.pk
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["lms", "lessonpage", module.pk]),
        nested_form_data(
            {
                "title": "Asking for help",
                "slug": "asking-for-help",
                "minutes": 10,
                "body": streamfield([("text", rich_text("<p>Who to call.</p>"))]),
            }
        ),
    )
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="asking-for-help")
    assert course_order(module) == [*before[:-1], lesson.pk, quiz.pk]
    assert listed_ids(client, module) == course_order(module)
    assert PageLogEntry.objects.filter(page=lesson, action="wagtail.reorder").exists()
