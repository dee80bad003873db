"""A phone-sized screen with no sideways scrolling, and a flow done only with the keyboard."""

from tests.e2e.conftest import DEMO_PASSWORD
from tests.e2e.training import MODULE_SLUGS, answer_current_quiz, register_and_confirm

PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/register/",
    "/accounts/password_reset/",
    "/search/?q=mentor",
    "/training/",
    "/training/dashboard/",
    "/training/peer-mentor-foundations/",
    "/training/peer-mentor-foundations/peer-mentor-role/",
    "/training/peer-mentor-foundations/peer-mentor-role/what-peer-support-is/",
    "/training/peer-mentor-foundations/peer-mentor-role/peer-mentor-role-quiz/",
]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_pages_fit_a_360_pixel_screen(new_page, server):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    for path in PAGES[:5]:
        page.goto(server["url"] + path)
        assert no_horizontal_scroll(page), path
    # A mentor of its own: the demo mentors' quiz states change as other tests run.
    register_and_confirm(page, server)
    assert no_horizontal_scroll(page)
    for path in PAGES[5:]:
        page.goto(server["url"] + path)
        assert no_horizontal_scroll(page), path
    answer_current_quiz(page, MODULE_SLUGS[0], right=False)
    assert no_horizontal_scroll(page)


def test_sign_in_and_take_a_quiz_by_keyboard_alone(page, server):
    page.goto(server["url"] + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    # Reach "Sign in" in the header by tabbing, and follow it with Enter.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Sign in":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/**")
    # The email field takes focus by itself (autofocus). Chromium may apply autofocus after the
    # load event on a busy machine, so wait for it rather than type into nothing.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_username'")
    page.keyboard.type("mentor2@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/training/dashboard/")
    # Tab to the next step link and open it.
    for _ in range(40):
        page.keyboard.press("Tab")
        # The demo mentor passed modules 1-3 and failed module 4's quiz.
        if page.evaluate("document.activeElement.textContent").strip() == "Coping strategies":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement.textContent").strip()
        if text in ("Take the quiz", "See your quiz result"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answer_current_quiz(page, MODULE_SLUGS[3], right=True, keyboard=True)
    assert "Passed" in page.content()
    # Focus is always visible: the next focused element has an outline.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
