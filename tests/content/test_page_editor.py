"""Saving through the Wagtail page editor: a block with invalid data is a field error on the
form (200, the page not saved), never a server error; previews may be framed by the admin only.

Once, every block rule raised a class Wagtail 8 no longer has, so these saves answered 500 and
autosave stopped. The invalid values below are keyed by block name and checked against the
stream blocks' own children, so a new block type without a case here fails the test.
"""

# ruff: noqa: E501 - the invalid cases are tables, one case per line

from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from content.blocks import BodyBlock
from lms.training.blocks import QuizBlock
from lms.training.grading import SHAPE_MULTIPLE, SHAPE_SINGLE
from lms.training.models import LessonPage, QuizPage

pytestmark = pytest.mark.django_db

PHONE_ERROR = "Enter a phone number"
ALT_ERROR = "Describe the image, or mark it as decorative."
REQUIRED = "This field is required."
# Blocks that have no invalid input: the editor turns any rich text, even none, into a paragraph.
ALWAYS_VALID = {"text"}


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def image(db):
    return Image.objects.create(title="Two chairs", file=get_test_image_file())


# Publish (a publisher) or submit for review (an editor): since Wagtail 7 a draft may be saved
# with required fields left empty, and they are checked when the page goes on from there.
PUBLISH = {"action-publish": "action-publish", "action-submit": "action-submit"}


def lesson_data(lesson, body):
    return nested_form_data(
        {
            **PUBLISH,
            "title": lesson.title,
            "slug": lesson.slug,
            "minutes": lesson.minutes,
            "body": streamfield(body),
        }
    )


def quiz_data(quiz, questions):
    return nested_form_data(
        {
            **PUBLISH,
            "title": quiz.title,
            "slug": quiz.slug,
            "intro": rich_text("<p>Answer each question.</p>"),
            "pass_mark": quiz.pass_mark,
            "max_attempts": quiz.max_attempts,
            "cooldown_minutes": quiz.cooldown_minutes,
            "draw_count": 0,
            "contact": quiz.contact,
            "review_answers": quiz.review_answers,
            "questions": streamfield(questions),
        }
    )


def choices(*marks):
    return streamfield(
        [
            ("item", {"text": f"Choice {n}", "correct": "on" if mark else "", "feedback": "Why."})
            for n, mark in enumerate(marks)
        ]
    )


def question(kind, *marks, text="Which is right?"):
    return ("question", {"kind": kind, "text": text, "lesson": "", "choices": choices(*marks)})


def invalid_body_blocks(image):
    """(case name, block name, invalid value, the message the editor must see)."""
    return [
        ("callout without title", "callout", {"title": "", "text": rich_text("<p>x</p>")}, REQUIRED),
        ("callout title too long", "callout", {"title": "x" * 121, "text": rich_text("<p>x</p>")}, "at most 120"),
        ("key points, none", "key_points", {"points": streamfield([])}, "minimum"),
        ("key point empty", "key_points", {"points": streamfield([("item", "")])}, REQUIRED),
        ("reflection without prompt", "reflection", {"prompt": ""}, REQUIRED),
        ("crisis lines without title", "local_crisis_lines", {"title": "", "fallback": rich_text("<p>Call 988.</p>")}, REQUIRED),
        ("image without alt text", "image", {"image": image.pk, "alt_text": "", "decorative": "", "caption": ""}, ALT_ERROR),
        ("image missing", "image", {"image": "", "alt_text": "Two chairs", "decorative": "", "caption": ""}, REQUIRED),
        ("document missing", "document", {"document": "", "description": "A form"}, REQUIRED),
        ("video without address", "video", {"video": "", "transcript": rich_text("")}, REQUIRED),
        ("section without heading", "section", {"heading": "", "text": rich_text("<p>x</p>")}, REQUIRED),
    ]  # fmt: skip


INVALID_QUESTIONS = [
    ("single choice, two correct", question("single", True, True, False), SHAPE_SINGLE.format(correct=2)),
    ("single choice, none correct", question("single", False, False), SHAPE_SINGLE.format(correct=0)),
    ("multiple, none correct", question("multiple", False, False, False), SHAPE_MULTIPLE),
    ("true/false with three choices", question("truefalse", True, False, False), "true/false question has the choices"),
    ("one choice only", question("single", True), "minimum"),
    ("no question text", question("single", True, False, text=""), REQUIRED),
]  # fmt: skip


def _message_shown(response, message: str) -> bool:
    """Wagtail hands block errors to its editor as JSON inside the page: look in either form."""
    html = response.content.decode()
    return message.lower() in html.lower().replace("\\u0027", "'").replace("&#x27;", "'")


def test_every_body_block_type_has_an_invalid_case(image):
    covered = {block for _case, block, _value, _message in invalid_body_blocks(image)}
    assert covered | ALWAYS_VALID == set(BodyBlock().child_blocks)


def test_every_quiz_block_type_has_an_invalid_case():
    assert {q[1][0] for q in INVALID_QUESTIONS} == set(QuizBlock().child_blocks)


@pytest.mark.parametrize("index", range(11))
def test_saving_a_lesson_with_an_invalid_block_shows_a_field_error(editor_client, image, index):
    case, block, value, message = invalid_body_blocks(image)[index]
    lesson = LessonPage.objects.live().order_by("path").first()
    before = lesson.latest_revision_id
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]), lesson_data(lesson, [(block, value)])
    )
    assert response.status_code == 200, case
    assert "could not be saved" in response.content.decode(), case
    assert _message_shown(response, message), f"{case}: {message!r} not shown"
    lesson.refresh_from_db()
    assert lesson.latest_revision_id == before


def test_the_invalid_body_cases_are_all_run(image):
    assert len(invalid_body_blocks(image)) == 11  # the parametrize range above


@pytest.mark.parametrize(("case", "item", "message"), INVALID_QUESTIONS)
def test_saving_a_quiz_with_an_invalid_question_shows_a_field_error(
    editor_client, case, item, message
):
    quiz = QuizPage.objects.live().order_by("path").first()
    before = quiz.latest_revision_id
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[quiz.pk]), quiz_data(quiz, [item])
    )
    assert response.status_code == 200, case
    assert "could not be saved" in response.content.decode(), case
    assert _message_shown(response, message), f"{case}: {message!r} not shown"
    quiz.refresh_from_db()
    assert quiz.latest_revision_id == before


def test_a_valid_quiz_and_lesson_save_through_the_editor(editor_client, image):
    quiz = QuizPage.objects.live().order_by("path").first()
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[quiz.pk]),
        quiz_data(quiz, [question("single", True, False), question("multiple", True, True)]),
    )
    assert response.status_code == 302
    lesson = LessonPage.objects.live().order_by("path").first()
    body = [("image", {"image": image.pk, "alt_text": "", "decorative": "on", "caption": ""})]
    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]), lesson_data(lesson, body)
    )
    assert response.status_code == 302


# ----------------------------------------------------------------------------- preview


def test_the_editor_preview_renders_the_page_and_may_be_framed_by_the_admin_only(editor_client):
    lesson = LessonPage.objects.live().order_by("path").first()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    body = [("text", rich_text("<p>A sentence only the preview shows.</p>"))]
    posted = editor_client.post(url, lesson_data(lesson, body))
    assert posted.status_code == 200 and posted.json()["is_valid"]

    response = editor_client.get(url)

    assert response.status_code == 200
    assert "A sentence only the preview shows." in response.content.decode()
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_admin_pages_other_than_previews_may_not_be_framed(editor_client):
    lesson = LessonPage.objects.live().order_by("path").first()
    for url in ("/admin/", reverse("wagtailadmin_pages:edit", args=[lesson.pk])):
        response = editor_client.get(url)
        assert response.status_code == 200
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_the_public_page_may_not_be_framed(client):
    response = client.get("/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
