"""A coordinator pairs the unpaired demo mentee with the mentor ranked first for her; that
mentor signs in, logs their first check-in, and sees it on the pair's page."""

from tests.e2e.conftest import sign_in

MENTEE = "Robin"  # mentee2@example.org, unpaired in the demo data
# The demo's qualified mentors. Taylor (training certificate) ranks first for Robin unless an
# earlier flow on this server revoked Taylor's certificate, which takes Taylor off the
# candidates; then Morgan (a confirmed CRS credential) ranks first.
MENTORS = {"Taylor Brooks": "taylor.mentor@example.org", "Morgan Reyes": "mentor@example.org"}


def test_coordinator_pairs_a_mentee_and_the_mentor_logs_a_check_in(new_page, server):
    url = server["url"]
    coordinator = new_page(viewport={"width": 1280, "height": 900})
    sign_in(coordinator, url, "coordinator@example.org")
    coordinator.goto(url + "/program/coordinator/")
    coordinator.get_by_role("link", name="see mentees").click()
    row = coordinator.get_by_role("row").filter(has_text=MENTEE)
    assert "Not paired" in row.inner_text()
    row.get_by_role("link", name=MENTEE).click()
    assert coordinator.get_by_role("heading", level=1).inner_text() == MENTEE

    # The ranked candidates, best first, each with the reasons behind the score.
    candidates = coordinator.locator("ol.cards > li")
    assert candidates.count() >= 2
    first = candidates.first
    heading = first.get_by_role("heading").inner_text()
    mentor_name = next(name for name in MENTORS if name in heading)
    assert first.get_by_role("row").count() >= 5  # one row per criterion
    with coordinator.expect_navigation():
        first.get_by_role("button", name=f"Confirm pairing with {mentor_name}").click()
    assert "Paired." in coordinator.locator("main").inner_text()
    pair_url = coordinator.url
    assert "/program/pairs/" in pair_url
    title = coordinator.get_by_role("heading", level=1).inner_text()
    assert title == f"{mentor_name.split()[0]} with {MENTEE}"

    # The mentor's own pages now show the new mentee.
    mentor = new_page(viewport={"width": 1280, "height": 900})
    sign_in(mentor, url, MENTORS[mentor_name])
    mentor.goto(url + "/program/mentor/")
    card = mentor.locator("section.card").filter(
        has=mentor.get_by_role("link", name=MENTEE, exact=True)
    )
    assert card.count() == 1
    card.get_by_role("link", name="Log a check-in").click()
    assert mentor.get_by_role("heading", level=1).inner_text() == f"Log a check-in with {MENTEE}"
    # The date defaults to today.
    assert mentor.get_by_label("Date of the meeting").input_value()
    mentor.get_by_label("Duration in minutes").fill("45")
    mentor.get_by_role("group", name="How you met").get_by_label("Video call").check()
    topics = mentor.get_by_role("group", name="Topics")
    topics.get_by_label("How the week went").check()
    topics.get_by_label("Goals and next steps").check()
    mentor.get_by_label("Notes").fill("First meeting. Talked about mornings and job hunting.")
    with mentor.expect_navigation():
        mentor.get_by_role("button", name="Save check-in").click()
    assert mentor.url == pair_url
    main = mentor.locator("main").inner_text()
    assert "Check-in saved." in main
    assert "1 logged" in main
    checkins = mentor.get_by_role("heading", name="Check-ins").locator("xpath=following::ul[1]")
    assert "Video call, 45 min: How the week went, Goals and next steps" in checkins.inner_text()

    # The coordinator sees the same check-in on the pair page.
    coordinator.goto(pair_url)
    assert "1 logged" in coordinator.locator("main").inner_text()
    assert "Video call, 45 min" in coordinator.locator("main").inner_text()
