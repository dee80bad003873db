"""Browser helpers for the training: register a new mentor, answer a quiz from the curriculum
source files."""

import re
import uuid

from tests.answer_key import correct_texts_from_source
from tests.e2e.conftest import last_mail_link

MODULE_SLUGS = [
    "peer-mentor-role",
    "understanding-recovery",
    "trauma-informed-care",
    "coping-strategies",
    "relapse-prevention",
    "medications-for-recovery",
    "harm-reduction",
    "confidentiality-ethics",
    "communication-checkins",
    "crisis-response",
    "self-care",
]

TRACK = "/training/peer-mentor-foundations"


def register_and_confirm(page, server, first_name="Avery", last_name="Quinn") -> str:
    """Register a new mentor account and follow the emailed link; returns the email."""
    email = f"new-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(server["url"] + "/accounts/register/")
    page.fill("#id_first_name", first_name)
    page.fill("#id_last_name", last_name)
    page.fill("#id_email", email)
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Check your email"
    link = last_mail_link(server["mail"], email, r"https?://\S+/accounts/register/confirm/\S+/")
    page.goto(link)
    assert page.locator("h1").inner_text() == "Choose your password"
    page.fill("#id_password1", "a-long-passphrase-42")
    page.fill("#id_password2", "a-long-passphrase-42")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Your email address is confirmed" in page.content()
    return email


def answer_current_quiz(
    page, module_slug: str, *, right: bool, keyboard: bool = False, submit: bool = True
):
    """Fill the open quiz form with right (or wrong) answers, then submit it (unless not)."""
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
    if not submit:
        return
    with page.expect_navigation():
        if keyboard:
            page.locator("main form button[type=submit]").focus()
            page.keyboard.press("Enter")
        else:
            page.click("main form button[type=submit]")
