"""A new mentor finishes the whole track and downloads the certificate; a recruiter verifies it
by its code; a coordinator revokes it in the admin, and the recruiter then sees it revoked."""

import re

from tests.e2e.conftest import sign_in
from tests.e2e.training import MODULE_SLUGS, TRACK, answer_current_quiz, register_and_confirm

CODE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")


def test_mentor_earns_certificate_recruiter_verifies_coordinator_revokes(new_page, server):
    url = server["url"]
    mentor = new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    register_and_confirm(mentor, server, first_name="Rowan", last_name="Ilves")

    # Every module's quiz in order; each pass opens the next module.
    for number, slug in enumerate(MODULE_SLUGS, start=1):
        response = mentor.goto(f"{url}{TRACK}/{slug}/{slug}-quiz/")
        assert response.status == 200, slug
        answer_current_quiz(mentor, slug, right=True)
        assert "Passed" in mentor.locator("main").inner_text(), slug
        if number < len(MODULE_SLUGS):
            assert mentor.get_by_role("link", name=re.compile("^Continue to ")).count() == 1
    # The last quiz's result asks for the post-training evaluation; no certificate until then.
    evaluate = mentor.get_by_role("link", name="Evaluate the training")
    assert evaluate.count() == 1
    mentor.goto(url + "/training/dashboard/")
    assert "11 of 11 modules completed" in mentor.locator("main").inner_text()
    mentor.goto(url + "/certificates/")
    assert mentor.locator("main section.card").count() == 0

    # From the certificates page too. Sent empty, the form says what is missing and keeps its
    # place; then every rating is given.
    with mentor.expect_navigation():
        mentor.get_by_role("link", name="Evaluate the training").click()
    with mentor.expect_navigation():
        mentor.get_by_role("button", name="Send my evaluation").click()
    assert mentor.get_by_role("alert").count() == 1
    groups = mentor.locator("main form fieldset")
    assert groups.count() >= 1
    for index in range(groups.count()):
        groups.nth(index).get_by_role("radio", name="4", exact=True).check()
    with mentor.expect_navigation():
        mentor.get_by_role("button", name="Send my evaluation").click()
    assert "your evaluation was received" in mentor.get_by_role("status").inner_text()

    # The certificate, issued from the evaluation, and its PDF.
    with mentor.expect_navigation():
        mentor.get_by_role("link", name="See and download your certificate").click()
    card = mentor.locator("main section.card")
    assert card.count() == 1
    assert "Rowan Ilves" in card.inner_text()
    code = card.locator("code").first.inner_text()
    assert CODE.match(code), code
    with mentor.expect_download() as download_info:
        card.get_by_role("link", name="Download the PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{code.replace('-', '')}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # A recruiter, in a browser of their own, types the code.
    recruiter = new_page(viewport={"width": 1280, "height": 900})
    sign_in(recruiter, url, "recruiter@example.org")
    recruiter.goto(url + "/verify/")
    recruiter.get_by_label("Certificate code").fill(code.lower().replace("-", " "))
    with recruiter.expect_navigation():
        recruiter.get_by_role("button", name="Check the code").click()
    assert re.search(r"/verify/[^/]+/$", recruiter.url)
    status = recruiter.get_by_role("status")
    assert status.inner_text().startswith("Valid."), status.inner_text()
    assert "Rowan Ilves" in recruiter.locator("main dl").inner_text()

    # A coordinator revokes it in the Wagtail admin.
    coordinator = new_page(viewport={"width": 1280, "height": 900})
    sign_in(coordinator, url, "coordinator@example.org")
    coordinator.goto(url + "/admin/certificates/")
    row = coordinator.get_by_role("row").filter(has_text=code)
    assert row.count() == 1
    assert "Valid" in row.inner_text()
    row.get_by_role("link", name="Revoke").click()
    coordinator.get_by_label("Public reason").select_option(label="Issued in error")
    coordinator.get_by_label("Reason (internal)").fill(
        "Quiz answers were shared between two learners; confirmed with the holder."
    )
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Review the public wording").click()
    # The confirmation step quotes what the public will read before anything changes.
    assert "issued in error" in coordinator.locator("main").inner_text().lower()
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name=re.compile(r"^Revoke certificate ")).click()
    assert coordinator.url.endswith("/admin/certificates/")
    assert f"Certificate {code} revoked." in coordinator.locator(".messages").inner_text()
    row = coordinator.get_by_role("row").filter(has_text=code)
    assert "Revoked" in row.inner_text()

    # The recruiter checks again: revoked, with the public reason only.
    recruiter.reload()
    status = recruiter.get_by_role("status")
    assert status.inner_text().startswith("Revoked."), status.inner_text()
    assert "(issued in error)" in status.inner_text()
    assert "shared between two learners" not in recruiter.content()


def test_anyone_verifies_a_downloaded_pdf(new_page, server):
    url = server["url"]
    holder = new_page(viewport={"width": 1280, "height": 900})
    sign_in(holder, url, "alex.mentor@example.org")
    holder.goto(url + "/certificates/")
    with holder.expect_download() as download_info:
        holder.locator("main section.card").first.get_by_role(
            "link", name="Download the PDF"
        ).click()
    pdf = download_info.value.path()

    recruiter = new_page(viewport={"width": 1280, "height": 900})
    sign_in(recruiter, url, "recruiter@example.org")
    recruiter.goto(url + "/verify/")
    recruiter.get_by_label("Certificate PDF").set_input_files(pdf)
    with recruiter.expect_navigation():
        recruiter.get_by_role("button", name="Check the file").click()
    assert re.search(r"/verify/[0-9a-f]{32}/$", recruiter.url), recruiter.url
    assert recruiter.get_by_role("status").inner_text().startswith("Valid.")
