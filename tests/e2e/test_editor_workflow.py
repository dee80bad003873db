"""An editor writes a new module with a quiz in the Wagtail admin and submits both for review;
a coordinator approves them from the dashboard; a mentor then sees the module in the track.

The new module changes the track for everyone (12 modules instead of 11), so this test runs last
(see conftest.py) and the coordinator takes the module down again at the end.
"""

import re

import pytest

from tests.e2e.conftest import sign_in

TITLE = "Working with a mentee's family"
QUIZ_TITLE = "Working with a mentee's family: quiz"
SUBMIT = "Submit to Review by a coordinator"
CHOICES = [
    (
        "Ask your mentee what, if anything, they want shared",
        True,
        "Right: your mentee decides what their family hears from you.",
    ),
    (
        "Tell her how your mentee is doing",
        False,
        "Not this: it breaks your mentee's confidentiality, however kindly meant.",
    ),
]

pytestmark = pytest.mark.changes_curriculum


def submit_for_review(page):
    """The workflow's submit action sits in the footer's "More actions" menu."""
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        footer.get_by_role("button", name=SUBMIT).click()
    assert "submitted for moderation" in page.locator(".messages").inner_text()


def test_editor_adds_a_module_with_a_quiz_coordinator_approves_mentor_sees_it(new_page, server):
    url = server["url"]
    editor = new_page(viewport={"width": 1280, "height": 900})
    sign_in(editor, url, "editor@example.org")

    # Find the track in the page explorer and add a module under it.
    editor.goto(url + "/admin/pages/")
    editor.get_by_role("link", name="Explore child pages of 'Peer mentorship").click()
    editor.get_by_role("link", name="Explore child pages of 'Training'").click()
    editor.get_by_role("link", name="Explore child pages of 'Peer Mentor Foundations'").click()
    editor.get_by_role("link", name="Add child page").click()
    editor.wait_for_url(re.compile(r"/admin/pages/add/lms/modulepage/\d+/"))
    editor.get_by_role("textbox", name="Title*").fill(TITLE)
    editor.get_by_role("textbox", name="Summary*").fill(
        "How to respond when a mentee's family gets in touch, and what to keep private."
    )
    editor.get_by_role("textbox", name="Objectives*").fill(
        "Ask the mentee before sharing anything\nKnow when to involve the coordinator"
    )
    editor.get_by_role("spinbutton", name="Hours*").fill("1.5")
    submit_for_review(editor)

    # Back in the track's listing: add the module's quiz.
    row = editor.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("button", name=f"More options for '{TITLE}'").click()
    row.get_by_role("link", name="Add child page").click()
    editor.get_by_role("link", name="Quiz page", exact=True).click()
    editor.wait_for_url(re.compile(r"/admin/pages/add/lms/quizpage/\d+/"))
    editor.get_by_role("textbox", name="Title*").fill(QUIZ_TITLE)
    questions = editor.locator("#panel-child-content-questions-section")
    # One block type: "Insert a block" adds a question at once, with one empty choice.
    questions.get_by_role("button", name="Insert a block").click()
    question = questions.locator("[data-streamfield-child]").first
    assert question.get_by_role("combobox", name="Kind*").input_value() == "single"
    question.get_by_role("textbox", name="Text*").first.fill(
        "Your mentee's sister calls you to ask how your mentee is doing. What do you do first?"
    )
    choices = question.locator("[data-contentpath=choices]")
    choices.get_by_role("button", name="Add").last.click()
    items = choices.locator("[data-streamfield-child]")
    assert items.count() == len(CHOICES)
    for item, (text, correct, feedback) in zip(items.all(), CHOICES, strict=True):
        item.get_by_role("textbox", name="Text*").fill(text)
        item.get_by_role("checkbox", name="Correct").set_checked(correct)
        item.get_by_role("textbox", name="Feedback*").fill(feedback)
    submit_for_review(editor)

    # Nothing is live yet: a mentor does not see the module.
    mentor = new_page(viewport={"width": 1280, "height": 900})
    sign_in(mentor, url, "mentor2@example.org")
    mentor.goto(url + "/training/dashboard/")
    assert TITLE not in mentor.locator("main").inner_text()

    # The coordinator approves both from the dashboard's "Awaiting your review" panel.
    coordinator = new_page(viewport={"width": 1280, "height": 900})
    sign_in(coordinator, url, "coordinator@example.org")
    coordinator.goto(url + "/admin/")
    for title in (TITLE, QUIZ_TITLE):
        panel = coordinator.locator("#awaiting-review-section")
        row = panel.get_by_role("row").filter(
            has=coordinator.get_by_role("link", name=title, exact=True)
        )
        assert row.count() == 1, title
        row.get_by_role("button", name="Actions").click()
        with coordinator.expect_navigation():
            row.get_by_role("button", name="Approve", exact=True).click()
    assert coordinator.locator("#awaiting-review-section").count() == 0

    # The mentor now sees it on the dashboard, as the track's twelfth module, locked.
    mentor.goto(url + "/training/dashboard/")
    row = mentor.get_by_role("row").filter(has_text=TITLE)
    assert row.count() == 1
    assert "Locked" in row.inner_text()
    assert "1.5" in row.inner_text()
    assert "of 12 modules completed" in mentor.locator("main").inner_text()

    # The coordinator takes the module (and its quiz) down again, leaving the track as it was.
    coordinator.goto(url + "/admin/pages/")
    coordinator.get_by_role("link", name="Explore child pages of 'Peer mentorship").click()
    coordinator.get_by_role("link", name="Explore child pages of 'Training'").click()
    coordinator.get_by_role("link", name="Explore child pages of 'Peer Mentor Foundations'").click()
    coordinator.get_by_role("button", name=f"More options for '{TITLE}'").click()
    coordinator.get_by_role("link", name="Unpublish", exact=True).click()
    coordinator.get_by_role("checkbox", name="Unpublish this too").check()
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Yes, unpublish it").click()
    mentor.goto(url + "/training/dashboard/")
    assert TITLE not in mentor.locator("main").inner_text()
    assert "of 11 modules completed" in mentor.locator("main").inner_text()
