"""The "today" panel on the admin home: each count is right on seeded data and links to a list
that shows exactly those records."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from credentials import selectors as credential_selectors
from credentials.choices import Verification
from lms.mentorship import services as mentorship
from lms.mentorship.choices import ApplicationStage
from lms.training.models import QuizAttempt, QuizAttemptGrant, QuizPage
from tests.credentials.factories import CredentialRecordFactory
from tests.factories import UserFactory
from tests.mentorship.factories import CheckInFactory, PairingFactory, approve_mentor

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<a href="([^"]+)" data-today="([^"]+)"><strong>(\d+)</strong>')


def panel(client) -> dict[str, tuple[int, str]]:
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return {
        label: (int(count), url.replace("&amp;", "&")) for url, label, count in ROW.findall(html)
    }


def _fail(user, quiz, number):
    now = timezone.now()
    QuizAttempt.objects.create(
        user=user, quiz=quiz, number=number, passed=False, started_at=now, submitted_at=now
    )


@pytest.fixture
def seeded(coordinator):
    today = credential_selectors.today_in_program()
    for days in (10, 80):  # within 90 days
        CredentialRecordFactory(
            expiry_date=today + timedelta(days=days),
            verification=Verification.CONFIRMED,
            confirmed_at=timezone.now(),
        )
    CredentialRecordFactory(expiry_date=today + timedelta(days=200))  # self-reported, not expiring
    CredentialRecordFactory(expiry_date=today + timedelta(days=300))  # self-reported
    quiz = QuizPage.objects.live().order_by("path").first()
    quiz.max_attempts = 2
    quiz.save()
    out, granted, trying = (UserFactory(role="Mentor") for _ in range(3))
    for learner in (out, granted):
        _fail(learner, quiz, 1)
        _fail(learner, quiz, 2)
    QuizAttemptGrant.objects.create(
        user=granted, quiz=quiz, reason="Lost connection", granted_by=coordinator
    )
    _fail(trying, quiz, 1)
    overdue = PairingFactory(paired_on=timezone.localdate() - timedelta(days=90))
    CheckInFactory(pairing=overdue, met_on=timezone.localdate() - timedelta(days=80))
    concern = CheckInFactory(concern=True, notes="Worried", met_on=timezone.localdate())
    mentorship.concern_notify(checkin=concern)
    waiting = [
        approve_mentor(UserFactory(role="Mentor"), stage=stage)
        for stage in (
            ApplicationStage.APPLIED,
            ApplicationStage.APPLIED,
            ApplicationStage.INTERVIEW,
        )
    ]
    for stage in (ApplicationStage.IN_TRAINING, ApplicationStage.PAUSED):
        approve_mentor(UserFactory(role="Mentor"), stage=stage)  # waiting on others, not on us
    return {"out": out, "waiting": waiting}


def test_coordinator_sees_todays_counts_each_linking_to_its_list(client, coordinator, seeded):
    client.force_login(coordinator)
    rows = panel(client)

    assert {label: count for label, (count, _url) in rows.items()} == {
        "credentials expiring within 90 days": 2,
        "self-reported records awaiting confirmation": 2,
        "learners out of quiz attempts": 1,
        "pages awaiting your review": 0,
        "pairs overdue for a check-in": 1,
        "open concerns": 1,
        "applicants waiting": 3,
    }
    for label in (
        "credentials expiring within 90 days",
        "self-reported records awaiting confirmation",
        "learners out of quiz attempts",
    ):
        count, url = rows[label]
        response = client.get(url)
        assert response.status_code == 200, label
        assert len(response.context_data["object_list"]) == count, label
    learners = client.get(rows["learners out of quiz attempts"][1]).context_data["object_list"]
    assert [learner.pk for learner in learners] == [seeded["out"].pk]
    for label in ("pairs overdue for a check-in", "open concerns", "pages awaiting your review"):
        assert client.get(rows[label][1]).status_code == 200, label
    board = client.get(rows["open concerns"][1]).content.decode()
    assert 'id="concerns"' in board and 'id="overdue"' in board
    applicants = client.get(rows["applicants waiting"][1])
    assert applicants.status_code == 200
    listed = [item for column in applicants.context_data["columns"] for item in column.applications]
    assert {item.pk for item in listed} == {item.pk for item in seeded["waiting"]}
    assert "Show every stage" in applicants.content.decode()


def test_editor_sees_drafts_reviews_and_modules_due(client, editor):
    client.force_login(editor)
    rows = panel(client)

    assert set(rows) == {
        "pages awaiting your review",
        "of your pages with unpublished changes",
        "pages in review",
        "modules due for a clinical review",
    }
    count, url = rows["modules due for a clinical review"]
    response = client.get(url)
    assert response.status_code == 200
    assert response.context_data["paginator"].count == count
    for label, (_count, url) in rows.items():
        assert client.get(url).status_code == 200, label


def test_a_draft_saved_by_the_editor_is_counted(client, editor):
    client.force_login(editor)
    quiz = QuizPage.objects.live().order_by("path").first()
    before = panel(client)["of your pages with unpublished changes"][0]
    quiz.save_revision(user=editor)
    assert panel(client)["of your pages with unpublished changes"][0] == before + 1


def test_no_panel_for_a_mentor_with_admin_access_refused(client, mentor):
    client.force_login(mentor)
    assert panel(client) == {}
