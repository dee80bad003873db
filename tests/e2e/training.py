"""Browser helpers for the training: answer a quiz from the curriculum source files."""

import re

from tests.answer_key import correct_texts_from_source

MODULE_SLUGS = [
    "peer-mentor-role",
    "coping-strategies",
    "relapse-prevention",
    "confidentiality-ethics",
    "communication-checkins",
    "crisis-response",
    "self-care",
]


def answer_current_quiz(page, module_slug: str, *, right: bool, keyboard: bool = False):
    """Fill the open quiz form with right (or wrong) answers, then submit it."""
    key = correct_texts_from_source(module_slug)
    for fieldset in page.locator("main form fieldset").all():
        legend = fieldset.locator("legend").inner_text()
        text = re.sub(r"^\d+\.\s*", "", legend).replace("(choose all that apply)", "").strip()
        correct = key[text]
        labels = fieldset.locator("label.choice").all()
        wanted = [lab for lab in labels if (lab.inner_text().strip() in correct) == right]
        if not right:
            wanted = wanted[:1]
        for label in wanted:
            box = label.locator("input")
            if keyboard:
                box.focus()
                page.keyboard.press("Space")
            else:
                box.check()
    with page.expect_navigation():
        if keyboard:
            page.locator("main form button[type=submit]").focus()
            page.keyboard.press("Enter")
        else:
            page.click("main form button[type=submit]")
