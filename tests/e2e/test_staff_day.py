"""A coordinator's and an editor's working day in the Wagtail admin, as they click through it.

The coordinator starts from the admin home's "Today" panel: every count opens its list, the
expiring credentials are exported, and a certificate is revoked through the step that shows the
public wording first. Then the records awaiting confirmation are confirmed in bulk (ticked, one
reason), a learner is granted an extra quiz attempt from the progress report, and a mentee is
invited from the admin menu. The admin, deactivating a paired mentor, sees the pairs first.
The editor saves a quiz with two right answers to a one-answer question (a field error, not a
server error) and looks at a lesson in the editor's preview panel.
No answer of 500 or more is allowed anywhere on the way. Screenshots are kept in
tests/e2e/artifacts/staff-day-*.png.
"""

import re
import subprocess
import sys

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, last_mail_link, sign_in

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
WIDE = {"width": 1280, "height": 900}


def _shell(server, code: str) -> str:
    command = [sys.executable, "manage.py", "shell", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env=server["env"], check=True, capture_output=True)
    return result.stdout.decode().strip().splitlines()[-1]


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"staff-day-{name}.png", full_page=True)


def _watch_for_server_errors(page) -> list[tuple[int, str]]:
    errors: list[tuple[int, str]] = []
    page.on("response", lambda r: errors.append((r.status, r.url)) if r.status >= 500 else None)
    return errors


def test_a_coordinators_day_from_the_today_panel(new_page, server):
    url = server["url"]
    page = new_page(viewport=WIDE)
    errors = _watch_for_server_errors(page)
    sign_in(page, url, "coordinator@example.org")

    page.goto(url + "/admin/")
    today = page.locator("#today")
    expect(today).to_be_visible()
    items = [
        (link.get_attribute("data-today"), link.get_attribute("href"))
        for link in today.locator("a[data-today]").all()
    ]
    labels = [label for label, _ in items]
    for expected in (
        "credentials expiring within 90 days",
        "self-reported records awaiting confirmation",
    ):
        assert expected in labels, labels
    _shot(page, "coordinator-home")

    # Each count opens its list, filtered as the count says.
    for label, href in items:
        page.goto(url + "/admin/")
        with page.expect_navigation():
            page.locator(f'#today a[data-today="{label}"]').click()
        assert page.url.endswith(href), (label, page.url, href)
        expect(page.locator("h1")).to_be_visible()

    # The expiring credentials, exported as they are filtered.
    page.goto(url + "/admin/")
    with page.expect_navigation():
        page.locator('#today a[data-today="credentials expiring within 90 days"]').click()
    _shot(page, "coordinator-expiring")
    # "Download CSV" sits in the header's "More" menu; the file is named after the filter.
    page.locator("header").get_by_role(
        "button", name=re.compile("More|Actions", re.I)
    ).first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert "expiring" in download.value.suggested_filename, download.value.suggested_filename
    header = download.value.path().read_text(encoding="utf-8-sig").splitlines()[0]
    assert "Holder" in header or "holder" in header, header

    # Revoke a certificate: the public wording is shown before anything changes.
    pk, code = _shell(
        server,
        "from django.db import transaction; from lms.accounts.models import User; "
        "from lms.training.models import TrackPage; "
        "from credentials.certificates.services import certificate_issue; "
        "user = User.objects.create_user(email=f'day-{User.objects.count()}@example.org', "
        "first_name='Day', last_name='Holder'); "
        "track = TrackPage.objects.live().first(); "
        "c = transaction.atomic()(lambda: certificate_issue(user=user, track=track))(); "
        "print(c.pk, c.formatted_code)",
    ).split()
    page.goto(url + f"/admin/certificates/?q={code}")  # the code as printed, with dashes
    row = page.get_by_role("row").filter(has_text=code)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=re.compile("Revoke")).first.click()
    expect(page.locator("h1")).to_contain_text("Revoke certificate")
    category = page.get_by_label("Public reason")
    assert category.input_value() == ""  # nothing is pre-selected
    category.select_option(index=1)
    page.get_by_label("Reason (internal)").fill("Issued to the wrong person by mistake.")
    page.get_by_role("button", name="Review the public wording").click()
    wording = page.locator("#public-wording")
    expect(wording).to_contain_text("Once revoked, anyone who checks this certificate reads")
    _shot(page, "coordinator-revoke-confirm")
    assert (
        _shell(
            server,
            f"from credentials.models import Certificate; "
            f"print(Certificate.objects.get(pk={pk}).revoked_at)",
        )
        == "None"
    )
    with page.expect_navigation():
        page.get_by_role("button", name=f"Revoke certificate {code}").click()
    expect(page.locator(".messages")).to_contain_text(f"Certificate {code} revoked")
    _shot(page, "coordinator-revoked")

    assert errors == [], errors


def test_a_coordinator_confirms_in_bulk_grants_an_attempt_and_invites_a_mentee(new_page, server):
    url = server["url"]
    page = new_page(viewport=WIDE)
    errors = _watch_for_server_errors(page)
    sign_in(page, url, "coordinator@example.org")
    waiting = "from credentials.models import CredentialRecord; from credentials.choices import "
    waiting += "Verification; print(CredentialRecord.objects.filter("
    waiting += "verification=Verification.SELF_REPORTED).count())"
    before = int(_shell(server, waiting))
    assert before >= 1

    # Confirm in bulk: tick every row of the filtered list, one reason for all.
    page.goto(url + "/admin/")
    with page.expect_navigation():
        page.locator('#today a[data-today="self-reported records awaiting confirmation"]').click()
    page.locator("[data-bulk-action-select-all-checkbox]").first.check()
    with page.expect_navigation():
        page.get_by_role("link", name="Confirm the selected credential records").click()
    expect(page.locator("h1")).to_contain_text("Confirm credential records")
    _shot(page, "coordinator-bulk-confirm")
    # No reason: the browser holds the form (the server answers 400 without one), nothing changes.
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Confirm credential records")
    assert int(_shell(server, waiting)) == before
    page.get_by_label("Reason").fill("Checked each number in the PCB register.")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(re.compile(r"\d+ records? confirmed"))
    assert int(_shell(server, waiting)) < before

    # An extra quiz attempt, from the learner's cell in the progress report: a learner of this
    # test's own, who passed three modules and failed the fourth once (other tests move the
    # demo learners on).
    learner = _shell(
        server,
        "import time; from lms.accounts.models import User; from lms.accounts.roles import Role; "
        "from lms.accounts.services import user_add_role; "
        "from lms.training.demo import demo_progress; "
        "u = User.objects.create_user(email=f'grant-day-{time.time_ns()}@example.org', "
        "first_name='Grant', last_name='Day'); user_add_role(user=u, role=Role.MENTOR); "
        "demo_progress(user=u, passed=3, failed=1); print(u.email)",
    )
    page.goto(url + "/admin/")
    page.get_by_role("button", name=re.compile("Reports", re.I)).first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Learner progress").click()
    # Among many learners, the coordinator searches for the one who asked.
    search = page.locator("main, header").get_by_role("textbox", name=re.compile("Search"))
    search.first.fill(learner)
    search.first.press("Enter")
    expect(page).to_have_url(re.compile(r"q=grant-day"))
    expect(page.get_by_role("row").filter(has_text="alex.mentor@example.org")).to_have_count(0)
    grant = page.get_by_role("link", name=re.compile(rf"^Grant {re.escape(learner)} more attempts"))
    expect(grant).to_have_count(1)
    with page.expect_navigation():
        grant.click()
    assert learner in page.get_by_label("Learner").locator("option:checked").inner_text()
    page.get_by_label("Extra attempts").fill("1")
    page.get_by_label("Reason").fill("Asked for one more try after a review session.")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^(Create|Save)")).first.click()
    expect(page.locator(".messages")).to_be_visible()
    _shot(page, "coordinator-grant")
    grants = "from lms.training.models import QuizAttemptGrant; "
    grants += f"print(QuizAttemptGrant.objects.filter(user__email='{learner}').count())"
    assert _shell(server, grants) == "1"

    # A mentee invited from the admin menu; the link in the mail opens the account form.
    page.goto(url + "/admin/")
    with page.expect_navigation():
        page.get_by_role("link", name="Invitations").first.click()
    page.get_by_label("Mentee's email").fill("day-mentee@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".messages")).to_contain_text("Invitation sent to day-mentee@example.org")
    # The invitation is made and mailed by the task worker (on the stack, a moment later).
    link = last_mail_link(
        server["mail"], "day-mentee@example.org", r"https?://\S+/accounts/invitation/\S+/"
    )
    page.reload()
    row = page.get_by_role("row").filter(has_text="day-mentee@example.org")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Open until")
    _shot(page, "coordinator-invited")
    mentee = new_page(viewport=WIDE)
    mentee.goto(link)
    expect(mentee.get_by_label("Name to show")).to_be_visible()

    assert errors == [], errors


def test_deactivating_a_paired_mentor_shows_the_pairs_first(new_page, server):
    url = server["url"]
    page = new_page(viewport=WIDE)
    errors = _watch_for_server_errors(page)
    sign_in(page, url, "admin@example.org")
    mentor = _shell(
        server,
        "from lms.accounts.models import User; "
        "print(User.objects.get(email='mentor@example.org').pk)",
    )
    page.goto(url + f"/admin/users/edit/{mentor}/")
    # Opening the form already warns that the account is in an active pair.
    expect(page.locator(".messages")).to_contain_text("active pair")
    page.get_by_role("tab", name="Account").click()
    page.get_by_label("Active", exact=True).uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").first.click()
    expect(page.locator("h1")).to_contain_text("Deactivate")
    # One row per active pair (other tests may have paired this mentor again).
    reassign = page.get_by_role("link", name="Find the mentee another mentor")
    expect(reassign.first).to_be_visible()
    expect(page.get_by_role("link", name="End this pair")).to_have_count(reassign.count())
    expect(page.locator("main tbody tr")).to_have_count(reassign.count())
    _shot(page, "admin-deactivate-confirm")
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the account").click()
    active = "from lms.accounts.models import User; "
    active += "print(User.objects.get(email='mentor@example.org').is_active)"
    assert _shell(server, active) == "True"  # nothing changed until "Deactivate anyway"

    assert errors == [], errors


def test_an_editors_day_field_errors_and_the_preview_panel(new_page, server):
    url = server["url"]
    page = new_page(viewport=WIDE)
    errors = _watch_for_server_errors(page)
    sign_in(page, url, "editor@example.org")
    quiz, lesson, lesson_title = _shell(
        server,
        "from lms.training.models import LessonPage, QuizPage; "
        "q = QuizPage.objects.live().order_by('path').first(); "
        "lesson = LessonPage.objects.live().order_by('path').first(); "
        "print(q.pk, lesson.pk, lesson.title.replace(' ', '_'))",
    ).split()
    lesson_title = lesson_title.replace("_", " ")

    # Two right answers to a one-answer question: the editor is told on the question.
    page.goto(url + f"/admin/pages/{quiz}/edit/")
    questions = page.locator("#panel-child-content-questions-section")
    question = questions.locator("[data-streamfield-child]").first
    expect(question.get_by_role("combobox", name="Kind*")).to_have_value("single")
    boxes = question.locator("[data-contentpath=choices]").get_by_role("checkbox", name="Correct")
    for index in range(boxes.count()):
        boxes.nth(index).set_checked(index < 2)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    expect(page.get_by_text(re.compile("needs exactly one correct choice"))).to_be_visible()
    _shot(page, "editor-quiz-field-error")

    # The preview panel shows the lesson inside the editor.
    page.goto(url + f"/admin/pages/{lesson}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_contain_text(lesson_title, timeout=30_000)
    _shot(page, "editor-preview")

    assert errors == [], errors
