import csv
import io
import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from lms.training.models import QuizAttempt, QuizAttemptGrant
from tests.training.helpers import answer_quiz, modules, quiz_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(client, mentor, make_user):
    from lms.accounts.roles import Role

    first = modules()[0]
    client.force_login(mentor)
    answer_quiz(client, quiz_of(first), first.slug, right=True)
    other = make_user(Role.MENTOR)
    client.force_login(other)
    answer_quiz(client, quiz_of(first), first.slug, right=False)
    client.logout()
    return mentor, other


def test_learner_progress_report_lists_mentors_by_module_and_exports_csv(
    client, coordinator, progress
):
    done, failing = progress
    client.force_login(coordinator)
    page = client.get(reverse("lms_reports:learner_progress"))
    assert page.status_code == 200
    html = page.content.decode()
    assert done.email in html and failing.email in html
    assert "1 of 3 attempts used; next attempt from " in html
    export = client.get(reverse("lms_reports:learner_progress"), {"export": "csv"})
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(export.getvalue().decode())))
    by_email = {row["Email"]: row for row in rows}
    first = modules()[0]
    assert by_email[done.email][first.title].startswith("Completed ")
    assert by_email[done.email]["Modules completed"] == "1"
    assert by_email[failing.email][first.title].startswith("1 of 3 attempts used; next attempt")
    assert "Grant" not in by_email[failing.email][first.title]  # the link is for the screen


def test_learner_progress_filters_by_completed_module(client, coordinator, progress):
    done, failing = progress
    client.force_login(coordinator)
    html = client.get(
        reverse("lms_reports:learner_progress"), {"completed_module": modules()[0].pk}
    ).content.decode()
    assert done.email in html and failing.email not in html


def test_learner_progress_finds_a_learner_by_name_or_email_and_exports_what_it_found(
    client, coordinator, progress
):
    done, failing = progress
    client.force_login(coordinator)
    url = reverse("lms_reports:learner_progress")
    page = client.get(url)
    assert 'name="q"' in page.content.decode()  # the search box is on the page
    for query in (failing.email.upper(), failing.first_name.lower(), failing.last_name[1:]):
        html = client.get(url, {"q": query}).content.decode()
        assert failing.email in html and done.email not in html, query
    rows = client.get(url, {"q": failing.email, "export": "csv"}).getvalue().decode()
    assert failing.email in rows and done.email not in rows
    # Odd searches answer with an empty list, never an error.
    for query in ("%", "_", "\\", "'; --", "x" * 300):
        assert client.get(url, {"q": query}).status_code == 200, query


def test_learner_progress_exports_xlsx(client, coordinator, progress):
    client.force_login(coordinator)
    export = client.get(reverse("lms_reports:learner_progress"), {"export": "xlsx"})
    assert export.status_code == 200
    assert export.getvalue()[:2] == b"PK"


def test_question_statistics_count_misses_and_wrong_choices(client, coordinator, progress):
    client.force_login(coordinator)
    quiz = quiz_of(modules()[0])
    export = client.get(reverse("lms_reports:question_stats"), {"quiz": quiz.pk, "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(export.getvalue().decode())))
    assert {row["Quiz"] for row in rows} == {quiz.title}
    # Two learners drew 8 questions each; one answered all right, the other all wrong.
    assert sum(int(row["Answered"]) for row in rows) == 16
    assert sum(int(row["Missed"]) for row in rows) == 8
    picked = sum(
        int(part.rsplit(": ", 1)[1])
        for row in rows
        for part in row["Wrong choices picked"].split("; ")
        if part
    )
    assert picked == 8


def test_question_statistics_show_facility_discrimination_and_flags(client, coordinator, progress):
    """One learner answered every drawn question right, the other every one wrong. A question
    both drew has facility 0.50 and discrimination 1.00 (right exactly where the rest was right);
    one only the first drew is too easy (1.00), one only the second drew too hard (0.00), and
    neither has a discrimination index (one attempt)."""
    client.force_login(coordinator)
    quiz = quiz_of(modules()[0])
    html = client.get(reverse("lms_reports:question_stats"), {"quiz": quiz.pk}).content.decode()
    assert "Facility index" in html and "Discrimination index" in html
    export = client.get(reverse("lms_reports:question_stats"), {"quiz": quiz.pk, "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(export.getvalue().decode())))
    assert rows
    for row in rows:
        answered, missed = int(row["Answered"]), int(row["Missed"])
        if answered == 2:
            assert (row["Facility index"], row["Discrimination index"]) == ("0.50", "1.00")
            assert row["Flags"] == ""
        elif answered == 1:
            expected = ("0.00", "Too hard") if missed else ("1.00", "Too easy")
            assert (row["Facility index"], row["Flags"]) == expected
            assert row["Discrimination index"] == ""
        else:
            assert row["Facility index"] == row["Discrimination index"] == row["Flags"] == ""
    assert any(int(row["Answered"]) == 2 for row in rows)


@pytest.mark.parametrize("fixture", ["editor", "mentor", "recruiter"])
def test_reports_are_for_coordinators_only(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse("lms_reports:learner_progress"))
    assert response.status_code in (302, 403)


def test_coordinator_grants_attempts_in_the_admin_and_is_recorded(client, coordinator, mentor):
    quiz = quiz_of(modules()[0])
    client.force_login(coordinator)
    url = reverse("quiz_attempt_grants:add")
    bad = client.post(url, {"user": mentor.pk, "quiz": quiz.pk, "attempts": 50, "reason": ""})
    assert bad.status_code == 200
    assert not QuizAttemptGrant.objects.exists()
    good = client.post(
        url, {"user": mentor.pk, "quiz": quiz.pk, "attempts": 2, "reason": "Missed two weeks ill"}
    )
    assert good.status_code == 302
    grant = QuizAttemptGrant.objects.get()
    assert grant.granted_by == coordinator and grant.attempts == 2
    assert grant.history.first().history_user == coordinator


def test_the_grant_message_names_it_and_links_only_to_pages_the_coordinator_may_open(
    client, coordinator, mentor
):
    quiz = quiz_of(modules()[0])
    client.force_login(coordinator)
    response = client.post(
        reverse("quiz_attempt_grants:add"),
        {"user": mentor.pk, "quiz": quiz.pk, "attempts": 2, "reason": "Missed two weeks ill"},
        follow=True,
    )
    grant = QuizAttemptGrant.objects.get()
    html = response.content.decode()
    assert "may now take" in html and "2 more times" in html
    assert reverse("quiz_attempt_grants:edit", args=[grant.pk]) not in html
    link = reverse("quiz_attempt_grants:inspect", args=[grant.pk])
    assert link in html and client.get(link).status_code == 200


def test_editors_can_build_modules_and_quizzes_in_the_admin(client, editor):
    from lms.training.models import TrackPage

    client.force_login(editor)
    track = TrackPage.objects.get()
    assert client.get(f"/admin/pages/add/lms/modulepage/{track.pk}/").status_code == 200
    module = modules()[0]
    assert client.get(f"/admin/pages/{quiz_of(module).pk}/edit/").status_code == 200


def test_progress_cells_say_not_started_or_locked_instead_of_blank(client, coordinator, progress):
    from lms.training.admin.reports import LOCKED, NOT_STARTED

    done, failing = progress
    client.force_login(coordinator)
    export = client.get(reverse("lms_reports:learner_progress"), {"export": "csv"})
    by_email = {
        row["Email"]: row for row in csv.DictReader(io.StringIO(export.getvalue().decode()))
    }
    second, last = modules()[1], modules()[-1]
    assert by_email[done.email][second.title] == NOT_STARTED  # opened by the first module
    assert by_email[failing.email][second.title] == LOCKED
    assert by_email[done.email][last.title] == LOCKED
    assert all(value != "" for row in by_email.values() for value in row.values())


def test_miss_rates_are_exported_as_numbers(client, coordinator, progress):
    from openpyxl import load_workbook

    client.force_login(coordinator)
    quiz = quiz_of(modules()[0])
    export = client.get(reverse("lms_reports:question_stats"), {"quiz": quiz.pk, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.getvalue())).active.values)
    column = list(rows[0]).index("Miss rate (%)")
    rates = [row[column] for row in rows[1:] if row[column] is not None]
    assert rates and all(isinstance(rate, (int, float)) for rate in rates)


def test_question_statistics_filter_by_module(client, coordinator, progress):
    client.force_login(coordinator)
    first, second = modules()[0], modules()[1]
    response = client.get(reverse("lms_reports:question_stats"), {"module": second.pk})
    quizzes = {row.quiz for row in response.context_data["object_list"]}
    assert quizzes == {quiz_of(second).title}
    assert quiz_of(first).title not in quizzes


# --------------------------------------------------------------- grants from the report


def _cells(html: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)
    ]


def test_a_progress_cell_shows_attempts_and_cool_down_and_grant_opens_the_form_for_them(
    client, coordinator, progress
):
    _done, failing = progress
    quiz = quiz_of(modules()[0])
    client.force_login(coordinator)
    html = client.get(reverse("lms_reports:learner_progress")).content.decode()
    assert "data-report-scroll" in html and 'role="region"' in html  # the wide table scrolls
    grant = f"{reverse('quiz_attempt_grants:add')}?user={failing.pk}&amp;quiz={quiz.pk}"
    cell = next(c for c in _cells(html) if grant in c)
    assert cell.startswith("1 of 3 attempts used; next attempt from ")
    assert re.search(r"next attempt from [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M", cell)

    form = client.get(grant.replace("&amp;", "&")).content.decode()
    assert re.search(
        rf'<option value="{failing.pk}" selected>[^<]*\({re.escape(failing.email)}\)', form
    )
    assert re.search(rf'<option value="{quiz.pk}" selected>', form)
    response = client.post(
        grant.replace("&amp;", "&"),
        {"user": failing.pk, "quiz": quiz.pk, "attempts": 1, "reason": "Lost connection"},
    )
    assert response.status_code == 302
    html = client.get(reverse("lms_reports:learner_progress")).content.decode()
    assert any(c.startswith("1 of 4 attempts used") for c in _cells(html) if grant in c)


def test_a_learner_out_of_attempts_is_shown_so_with_no_cool_down(client, coordinator, progress):
    _done, failing = progress
    quiz = quiz_of(modules()[0])
    long_ago = timezone.now() - timedelta(days=2)
    for number in (2, 3):
        QuizAttempt.objects.create(
            user=failing,
            quiz=quiz,
            number=number,
            passed=False,
            started_at=long_ago,
            submitted_at=long_ago,
        )
    QuizAttempt.objects.filter(user=failing, quiz=quiz).update(submitted_at=long_ago)
    client.force_login(coordinator)
    export = client.get(reverse("lms_reports:learner_progress"), {"export": "csv"})
    row = next(
        r
        for r in csv.DictReader(io.StringIO(export.getvalue().decode()))
        if r["Email"] == failing.email
    )
    assert row[modules()[0].title] == "3 of 3 attempts used, none left"


def test_the_grant_form_names_each_learner_with_their_email(client, coordinator, make_user):
    from lms.accounts.roles import Role

    one = make_user(
        Role.MENTOR, first_name="Jordan", last_name="Lee", email="jordan.lee@example.org"
    )
    two = make_user(Role.MENTOR, first_name="Jordan", last_name="Lee", email="jlee2@example.org")
    client.force_login(coordinator)
    form = client.get(reverse("quiz_attempt_grants:add")).content.decode()
    assert f'<option value="{one.pk}">Jordan Lee (jordan.lee@example.org)</option>' in form
    assert f'<option value="{two.pk}">Jordan Lee (jlee2@example.org)</option>' in form


def test_odd_values_in_the_grant_link_leave_the_form_to_choose(client, coordinator):
    client.force_login(coordinator)
    for query in ("?user=abc&quiz=-1", "?user=99999999999999999999&quiz=", "?user=%00"):
        response = client.get(reverse("quiz_attempt_grants:add") + query)
        assert response.status_code == 200
        picker = response.content.decode().split('name="user"', 1)[1].split("</select>", 1)[0]
        assert re.findall(r'<option value="([^"]*)" selected>', picker) == [""]
