"""A new mentor registers, confirms, reads, fails a quiz, passes it, and moves on."""

import re

from tests.e2e.conftest import sign_in
from tests.e2e.training import MODULE_SLUGS, answer_current_quiz, register_and_confirm


def test_new_mentor_registers_fails_then_passes_module_one_and_module_two_opens(page, server):
    register_and_confirm(page, server)
    assert page.url.endswith("/training/dashboard/")
    page.click("text=The peer mentor role and boundaries")
    page.click("main ol li a >> nth=0")
    assert page.locator("main h1").count() == 1
    lesson_url = page.url
    # Module 2 is locked before module 1's quiz is passed.
    locked = page.goto(
        server["url"]
        + "/training/peer-mentor-foundations/understanding-recovery/understanding-recovery-quiz/"
    )
    assert locked.status == 403
    assert "is not open yet" in page.content()
    page.goto(lesson_url)
    while page.locator("a.button", has_text="Next:").count():
        page.click("a.button >> text=Next:")
    page.click("a.button >> text=Take the quiz")
    answer_current_quiz(page, MODULE_SLUGS[0], right=False)
    assert "Not passed yet" in page.content()
    assert page.locator("text=Review before your next try").count() == 1
    page.click("text=Try again")
    answer_current_quiz(page, MODULE_SLUGS[0], right=True)
    assert "Passed" in page.content()
    page.click("text=Continue to Recovery, recovery capital and advocacy")
    assert page.locator("h1").inner_text() == "Recovery, recovery capital and advocacy"
    opened = page.goto(
        server["url"]
        + "/training/peer-mentor-foundations/understanding-recovery/understanding-recovery-quiz/"
    )
    assert opened.status == 200
    page.goto(server["url"] + "/training/dashboard/")
    assert re.search(r"1 of 11 modules completed", page.content())


def test_demo_mentor_signs_in_and_sees_every_module_state(page, server):
    sign_in(page, server["url"], "mentor2@example.org")
    page.goto(server["url"] + "/training/dashboard/")
    text = page.locator("main").inner_text()
    assert "Completed" in text and "Open" in text and "Locked" in text
