"""The cached training structure and completion sets: a publish, unpublish, move or pass is seen
on the very next request (lms/training/caches.py)."""

import pytest

from lms.training.models import LessonPage, ModulePage
from tests.training.helpers import answer_quiz, modules, quiz_of

pytestmark = pytest.mark.django_db


def dashboard_titles(client) -> list[str]:
    html = client.get("/training/dashboard/").content.decode()
    return [m.title for m in ModulePage.objects.all() if m.title in html]


def test_a_published_lesson_body_is_seen_on_the_next_request(client, mentor):
    client.force_login(mentor)
    lesson = LessonPage.objects.live().order_by("path").first()
    assert client.get(lesson.url).status_code == 200  # the body is now cached
    lesson.body = [{"type": "text", "value": "<p>Freshly published wording</p>"}]
    lesson.save_revision().publish()
    assert "Freshly published wording" in client.get(lesson.url).content.decode()


def test_a_published_module_title_is_seen_on_the_next_request(client, mentor):
    client.force_login(mentor)
    first = modules()[0]
    client.get("/training/dashboard/")
    client.get(first.url)
    first.title = "A title published just now"
    first.save_revision().publish()
    assert "A title published just now" in client.get("/training/dashboard/").content.decode()
    lesson = LessonPage.objects.child_of(first).live().first()
    assert "A title published just now" in client.get(lesson.url).content.decode()


def test_an_unpublished_module_leaves_the_dashboard_on_the_next_request(client, mentor):
    client.force_login(mentor)
    second = modules()[1]
    assert second.title in client.get("/training/dashboard/").content.decode()
    second.unpublish()
    assert second.title not in client.get("/training/dashboard/").content.decode()


def test_a_moved_module_changes_the_order_and_the_gating_on_the_next_request(client, mentor):
    client.force_login(mentor)
    first, second, third = modules()[:3]
    lesson_of_third = LessonPage.objects.child_of(third).live().first()
    assert client.get(lesson_of_third.url).status_code == 403
    client.get("/training/dashboard/")
    # The third module moves to the front of its track: it now has no module before it.
    ModulePage.objects.get(pk=third.pk).move(first, pos="left")
    html = client.get("/training/dashboard/").content.decode()
    assert html.index(third.title) < html.index(first.title) < html.index(second.title)
    assert client.get(lesson_of_third.url).status_code == 200


def test_a_pass_opens_the_next_module_on_the_next_request(client, mentor):
    client.force_login(mentor)
    first, second = modules()[:2]
    lesson_of_second = LessonPage.objects.child_of(second).live().first()
    assert client.get(lesson_of_second.url).status_code == 403  # cached: first not completed
    response = answer_quiz(client, quiz_of(first), first.slug, right=True)
    assert response.status_code == 303
    assert client.get(lesson_of_second.url).status_code == 200
    assert client.get(second.url).context["access"].allowed


def test_another_learners_pass_does_not_open_anything_for_this_one(client, mentor, make_user):
    from lms.accounts.roles import Role

    other = make_user(Role.MENTOR)
    first, second = modules()[:2]
    lesson_of_second = LessonPage.objects.child_of(second).live().first()
    client.force_login(mentor)
    assert client.get(lesson_of_second.url).status_code == 403
    client.force_login(other)
    answer_quiz(client, quiz_of(first), first.slug, right=True)
    assert client.get(lesson_of_second.url).status_code == 200
    client.force_login(mentor)
    assert client.get(lesson_of_second.url).status_code == 403


def test_crisis_lines_saved_in_the_settings_show_in_a_cached_lesson_on_the_next_request(
    client, mentor
):
    from wagtail.models import Site

    from content.models import ProgramSettings

    client.force_login(mentor)
    lesson = LessonPage.objects.live().order_by("path").first()
    lesson.body = [
        {"type": "local_crisis_lines", "value": {"title": "Local help", "fallback": "<p>Ask.</p>"}}
    ]
    lesson.save_revision().publish()
    assert "Dauphin County Crisis" not in client.get(lesson.url).content.decode()  # now cached
    settings = ProgramSettings.for_site(Site.objects.get(is_default_site=True))
    settings.crisis_lines = [
        {
            "type": "line",
            "value": {
                "area": "Dauphin",
                "name": "Dauphin County Crisis",
                "phone": "(717) 555-0142",
                "hours": "",
            },
        }
    ]
    settings.save()
    assert "Dauphin County Crisis" in client.get(lesson.url).content.decode()
