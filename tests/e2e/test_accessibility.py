"""axe-core (from npm, injected into each page) on every public, mentee, mentor and recruiter
template, in each state: 0 violations of the WCAG 2.2 A and AA rules. The admin is out of scope.

Each state is checked at 360 px and at 1280 px wide, with the layout checks of layout.js (no
sideways scrolling, no split words, no covered controls, tap targets of 24 px or more) and a
screenshot of each width in tests/e2e/artifacts/.
"""

import json
from pathlib import Path

import pytest

from tests.e2e import layout
from tests.e2e.conftest import RESULTS, sign_in
from tests.e2e.training import MODULE_SLUGS, answer_current_quiz

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
TRACK = "/training/peer-mentor-foundations"
MODULE = f"{TRACK}/peer-mentor-role"
CHECKED: list[dict] = []


def axe(page, label: str) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    CHECKED.append(
        {
            "state": label,
            "url": page.url,
            "violations": len(violations),
            "passes": len(result["passes"]),
        }
    )
    return violations


def check(page, label, *, admin: bool = False):
    """axe and the layout checks at each width; the page is left at 1280 x 900. `admin`: one
    of our pages inside the Wagtail admin, whose chrome the focus and tap checks leave out."""
    failures = {}
    # A click on a link returns once the navigation starts: on a busy machine the checks could
    # otherwise run on a document that is being replaced.
    page.wait_for_load_state()
    for width, height in layout.WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        problems = layout.layout_problems(page, chrome=layout.WAGTAIL_CHROME if admin else None)
        shot = layout.screenshot(page, label, width)
        layout.CHECKED.append(
            {
                "state": label,
                "width": width,
                "url": page.url,
                "problems": problems,
                "screenshot": shot.name,
                "weight": layout.page_weight(page),
            }
        )
        violations = axe(page, f"{label} @ {width}px")
        if violations:
            failures[f"axe @ {width}px"] = violations
        if problems and not layout.SURVEY:
            failures[f"layout @ {width}px"] = problems
    assert failures == {}, json.dumps(failures, indent=1)


@pytest.fixture(scope="module", autouse=True)
def _summary():
    yield
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "axe-summary.json").write_text(json.dumps(CHECKED, indent=1))
    total = sum(c["violations"] for c in CHECKED)
    print(f"\naxe-core: {len(CHECKED)} page states checked, {total} violations")
    layout.write_summary()


ANONYMOUS = [
    ("home", "/"),
    ("sign in", "/accounts/login/"),
    ("register", "/accounts/register/"),
    ("password reset", "/accounts/password_reset/"),
    ("search results", "/search/?q=mentor"),
    ("training index", "/training/"),
    ("track, signed out", f"{TRACK}/"),
    ("module, signed out", f"{MODULE}/"),
    ("not found", "/no-such-page/"),
]


@pytest.mark.parametrize(("label", "path"), ANONYMOUS, ids=[a[0] for a in ANONYMOUS])
def test_public_pages(page, server, label, path):
    page.goto(server["url"] + path)
    check(page, label)


def test_form_error_states(page, server):
    page.goto(server["url"] + "/accounts/login/")
    page.fill("#id_username", "nobody@example.org")
    page.fill("#id_password", "wrong-password")
    page.click("main button[type=submit]")
    check(page, "sign in, failed")
    page.goto(server["url"] + "/accounts/register/")
    page.fill("#id_email", "not-an-email")
    page.click("main button[type=submit]")
    check(page, "register, errors")


def test_mentor_pages(page, server):
    sign_in(page, server["url"], "mentor@example.org")
    for label, path in [
        ("dashboard", "/training/dashboard/"),
        ("track", f"{TRACK}/"),
        ("module", f"{MODULE}/"),
        ("lesson", f"{MODULE}/what-peer-support-is/"),
        ("account", "/accounts/password_change/"),
    ]:
        page.goto(server["url"] + path)
        check(page, f"mentor: {label}")
    response = page.goto(server["url"] + f"{TRACK}/coping-strategies/coping-strategies-quiz/")
    assert response.status == 403
    check(page, "mentor: locked module")
    page.goto(server["url"] + f"{MODULE}/peer-mentor-role-quiz/")
    check(page, "mentor: quiz")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Choose an answer" in page.content()
    check(page, "mentor: quiz with errors")
    answer_current_quiz(page, MODULE_SLUGS[0], right=False)
    check(page, "mentor: quiz result, not passed")
    page.click("text=Try again")
    answer_current_quiz(page, MODULE_SLUGS[0], right=True)
    check(page, "mentor: quiz result, passed")


def test_mentee_pages(page, server):
    sign_in(page, server["url"], "mentee@example.org")
    page.goto(server["url"] + "/resources/")
    check(page, "mentee: resources")
    for slug in ("what-a-peer-mentor-is", "confidentiality", "if-you-are-in-crisis"):
        page.goto(server["url"] + f"/resources/{slug}/")
        check(page, f"mentee: {slug}")


def test_recruiter_pages(page, server):
    sign_in(page, server["url"], "recruiter@example.org")
    check(page, "recruiter: landing")
