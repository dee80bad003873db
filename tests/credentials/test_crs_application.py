"""The CRS application checklist: a prospective mentor works through PCB's six requirements and
ends with a CRS credential record; coordinators see the steps only; bad input keeps what was
typed. The attacks first: another person's uploads, the essay leaking, dates out of range."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from credentials import application as service
from credentials import application_rules as steps_rules
from credentials import rules, selectors
from credentials.choices import CESource, EducationKind, StepState
from credentials.models import CredentialRecord, CrsApplication
from credentials.uploads import UPLOAD_WRONG_TYPE
from lms.common.datebounds import TOO_EARLY
from tests.credentials.conftest import PDF_BYTES
from tests.credentials.factories import CEEntryFactory, CredentialRecordFactory

pytestmark = pytest.mark.django_db

URL = "/credentials/crs-application/"
ESSAY = "I was twenty-two when I first asked for help, and I didn't know what recovery meant. "


def today():
    return selectors.today_in_program()


def pdf(name="proof.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def post(client, step, **data):
    return client.post(URL, {"step": step, **data})


def states(user):
    application = service.application_for(user)
    return {step.key: step.state for step in service.application_steps(application)}


@pytest.fixture
def signed_in(client, mentor, crs):
    client.force_login(mentor)
    return client


# ----------------------------------------------------------------------------- pure rules


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("One", 1),
        ("don't stop — well-being matters", 4),
        ("  spaces\n\nand\tlines  ", 3),
        ("Año nuevo, café", 3),
        ("1,000 words", 3),
        ("— - –", 0),
    ],
)
def test_words_are_counted_as_a_reader_counts_them(text, words):
    assert steps_rules.essay_word_count(text) == words


def _facts(**overrides):
    values = {
        "education_kind": "",
        "has_education_proof": False,
        "training_hours": Decimal(0),
        "training_hours_required": Decimal(78),
        "essay_words": 0,
        "essay_words_required": 1000,
        "has_release": False,
        "fee_paid_on": None,
        "exam_registered_on": None,
        "exam_passed_on": None,
    }
    return steps_rules.ApplicationFacts(**(values | overrides))


def test_a_new_checklist_starts_at_the_diploma_with_nothing_done():
    steps = steps_rules.application_steps(_facts())
    assert [s.key for s in steps] == ["education", "training", "essay", "release", "fee", "exam"]
    assert all(s.state == StepState.NOT_STARTED for s in steps)
    assert steps_rules.next_step_words(steps) == "Upload your diploma, GED or discharge papers."


def test_partial_work_is_in_progress_and_the_next_step_says_how_much_is_left():
    steps = steps_rules.application_steps(
        _facts(
            education_kind=EducationKind.GED,
            has_education_proof=True,
            training_hours=Decimal("40.5"),
            essay_words=999,
            exam_registered_on=date(2026, 10, 1),
        )
    )
    by_key = {s.key: s for s in steps}
    assert by_key["education"].state == StepState.DONE
    assert by_key["training"].state == StepState.IN_PROGRESS
    assert by_key["training"].detail == "40.5 of 78 hours."
    assert by_key["essay"].state == StepState.IN_PROGRESS
    assert by_key["essay"].detail == "999 of 1,000 words."
    assert by_key["exam"].state == StepState.IN_PROGRESS
    assert steps_rules.next_step_words(steps) == "Complete 37.5 more hours of CRS training."


# ----------------------------------------------------------------------------- the journey


def test_a_prospective_mentor_works_through_the_checklist_to_a_crs_credential(signed_in, mentor):
    assert signed_in.get(URL).status_code == 200
    assert set(states(mentor).values()) == {StepState.NOT_STARTED}

    response = signed_in.post(
        URL, {"step": "education", "education_kind": "diploma", "proof": pdf()}
    )
    assert response.status_code == 302
    # Training: modules completed here count by themselves, outside ones with a certificate.
    CEEntryFactory(holder=mentor, source=CESource.PLATFORM_MODULE, hours=Decimal(60))
    CEEntryFactory(holder=mentor, hours=Decimal(18), certificate="credentials/x.pdf")
    CEEntryFactory(holder=mentor, hours=Decimal(50))  # no certificate: does not count
    assert service.training_hours(mentor) == Decimal(78)
    assert post(signed_in, "essay", essay=ESSAY * 70).status_code == 302
    assert signed_in.post(URL, {"step": "release", "proof": pdf()}).status_code == 302
    assert post(signed_in, "fee", fee_paid_on=(today() - timedelta(days=40))).status_code == 302
    registered, passed = today() - timedelta(days=30), today() - timedelta(days=2)
    assert (
        post(signed_in, "exam", exam_registered_on=registered, exam_passed_on=passed).status_code
        == 302
    )
    assert set(states(mentor).values()) == {StepState.DONE}
    page = signed_in.get(URL).content.decode()
    assert "6 of 6 steps done" in page
    assert "record your CRS number" in page

    response = post(signed_in, "certify", number="CRS-88231", certified_on=passed)
    assert response.status_code == 302
    assert response["Location"] == reverse("credentials:mine")
    record = CredentialRecord.objects.get(holder=mentor)
    assert record.credential_type.code == "crs"
    assert record.number == "CRS-88231"
    assert record.issue_date == passed
    assert record.expiry_date == rules.expected_expiry(passed, record.credential_type.rules())
    assert CrsApplication.objects.get(holder=mentor).credential_record == record
    # From then on it is in the renewal pathway like any credential.
    overview = selectors.credential_overview(record=record)
    assert overview.record == record
    # The application is closed: a later save is refused with a clear message.
    response = post(signed_in, "fee", fee_paid_on=today())
    assert response.status_code == 400
    assert "already your CRS credential" in response.content.decode()


def test_certifying_needs_a_passed_exam_and_a_date_on_or_after_it(signed_in, mentor):
    response = post(signed_in, "certify", number="CRS-1", certified_on=today())
    assert response.status_code == 400
    assert service.CERTIFY_BEFORE_EXAM in response.content.decode()
    post(signed_in, "exam", exam_registered_on=today() - timedelta(5), exam_passed_on=today())
    response = post(signed_in, "certify", number="CRS-1", certified_on=today() - timedelta(1))
    assert response.status_code == 400
    assert service.CERTIFIED_BEFORE_PASSING in response.content.decode()
    assert not CredentialRecord.objects.filter(holder=mentor).exists()


def test_a_mentor_who_holds_a_crs_is_told_so(signed_in, mentor, crs):
    CredentialRecordFactory(holder=mentor, credential_type=crs, number="CRS-777")
    page = signed_in.get(URL).content.decode()
    assert "You already hold a CRS credential (number CRS-777)" in page


def test_a_step_that_changes_state_moves_the_progress_clock_and_a_resave_does_not(mentor, crs):
    application = service.application_for(mentor)
    long_ago = timezone.now() - timedelta(days=90)
    CrsApplication.objects.filter(pk=application.pk).update(progressed_at=long_ago)
    application.refresh_from_db()
    service.crs_application_update(application=application, by=mentor, essay="")
    assert application.progressed_at == long_ago
    service.crs_application_update(application=application, by=mentor, essay="Day one.")
    assert application.progressed_at > long_ago


# ----------------------------------------------------------------------------- bad input


def test_an_essay_past_twenty_thousand_characters_is_refused_and_kept(signed_in, mentor):
    long = "word " * 4001  # 20,005 characters
    response = post(signed_in, "essay", essay=long)
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 20,000 characters (20,005 now)" in page
    assert long.strip() in page  # what was typed is still in the box
    assert service.application_for(mentor).essay == ""


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("photo.pdf", b"GIF89a not a pdf"), UPLOAD_WRONG_TYPE),
        (pdf("empty.pdf", b""), "The submitted file is empty."),
    ],
)
def test_wrong_or_empty_uploads_are_refused_with_a_clear_message(signed_in, upload, message):
    response = signed_in.post(URL, {"step": "release", "proof": upload})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_oversized_upload_is_refused(signed_in, settings):
    settings.CREDENTIALS_MAX_UPLOAD_BYTES = 100
    response = signed_in.post(URL, {"step": "release", "proof": pdf(content=PDF_BYTES * 5)})
    assert response.status_code == 400
    assert "Upload a file of at most 100" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"step": "fee", "fee_paid_on": "0001-01-01"}, "fee_paid_on", TOO_EARLY),
        ({"step": "fee", "fee_paid_on": "2999-01-01"}, "fee_paid_on", "no later than"),
        ({"step": "fee", "fee_paid_on": "not a date"}, "fee_paid_on", "Enter a valid date"),
        (
            {"step": "exam", "exam_registered_on": "2026-10-10", "exam_passed_on": "2026-10-01"},
            "exam_passed_on",
            service.EXAM_BEFORE_REGISTERING,
        ),
    ],
)
def test_dates_out_of_range_or_order_are_refused_and_kept(signed_in, data, field, message):
    response = signed_in.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{data[field]}"' in page  # the date typed is still there


def test_an_unknown_step_is_a_message_not_an_error(signed_in):
    response = signed_in.post(URL, {"step": "../../admin"}, follow=True)
    assert response.status_code == 200
    assert "not on the checklist" in response.content.decode()


# ----------------------------------------------------------------------------- privacy


@pytest.fixture
def uploaded(signed_in, mentor):
    signed_in.post(URL, {"step": "education", "education_kind": "ged", "proof": pdf()})
    post(signed_in, "essay", essay="A private essay about my first year.")
    return service.application_for(mentor)


def test_uploads_open_for_their_owner_and_no_one_else(client, uploaded, make_user):
    client.force_login(uploaded.holder)
    url = reverse("credentials:crs_application_file", args=[uploaded.pk, "education"])
    assert client.get(url).status_code == 200
    for role in ("Mentor", "Recruiter", "Coordinator"):
        client.force_login(make_user(role))
        assert client.get(url).status_code == 404, role  # as for a file that does not exist
    missing = reverse("credentials:crs_application_file", args=[uploaded.pk + 999, "education"])
    assert client.get(missing).status_code == 404
    assert client.get(url.replace("education", "essay")).status_code == 404


def test_a_coordinator_opens_uploads_once_the_mentor_shares_them(client, uploaded, coordinator):
    client.force_login(uploaded.holder)
    post(client, "share", share_documents="on")
    client.force_login(coordinator)
    url = reverse("credentials:crs_application_file", args=[uploaded.pk, "education"])
    assert client.get(url).status_code == 200
    assert client.get(url.replace("education", "release")).status_code == 404  # none uploaded


def test_the_essay_is_never_shown_to_coordinators_nor_kept_in_history(
    client, uploaded, coordinator
):
    client.force_login(coordinator)
    CrsApplication.objects.filter(pk=uploaded.pk).update(
        progressed_at=timezone.now() - timedelta(days=61), share_documents=True
    )
    page = client.get(reverse("credentials:crs_application_cohort")).content.decode()
    assert uploaded.holder.get_full_name() in page  # stuck for 61 days
    assert "private essay" not in page
    assert client.get(reverse("credentials:crs_application_essay")).status_code == 403
    history = uploaded.history.all()
    assert history.exists()
    assert not hasattr(history.first(), "essay")


def test_each_change_is_kept_in_history_with_who_made_it(mentor, crs):
    # Called outside a request (a task, a shell): the service itself names the author.
    application = service.application_for(mentor)
    service.crs_application_update(application=application, by=mentor, fee_paid_on=today())
    latest = CrsApplication.objects.get(holder=mentor).history.first()
    assert latest.history_user == mentor
    assert latest.history_change_reason == "Updated by the applicant"


def test_the_essay_export_is_the_writers_own(client, uploaded):
    client.force_login(uploaded.holder)
    response = client.get(reverse("credentials:crs_application_essay"))
    assert response.status_code == 200
    assert response.content.decode() == "A private essay about my first year."
    assert response["Content-Disposition"] == 'attachment; filename="crs-essay.txt"'
    assert "no-store" in response["Cache-Control"]


# ----------------------------------------------------------------------------- cohort


def test_the_cohort_counts_mentors_at_each_step_and_lists_who_is_stuck(
    client, coordinator, make_user, crs, django_assert_max_num_queries
):
    fresh, essay_writer, stuck, certified = (make_user("Mentor") for _ in range(4))
    service.application_for(fresh)
    application = service.application_for(essay_writer)
    service.crs_application_update(
        application=application, by=essay_writer, education_kind="ged", education_proof=pdf()
    )
    old = service.application_for(stuck)
    CrsApplication.objects.filter(pk=old.pk).update(
        progressed_at=timezone.now() - timedelta(days=75)
    )
    done = service.application_for(certified)
    service.crs_application_update(
        application=done,
        by=certified,
        exam_registered_on=today() - timedelta(10),
        exam_passed_on=today() - timedelta(3),
    )
    service.crs_application_certify(
        application=done, number="CRS-42", certified_on=today() - timedelta(1)
    )

    cohort = service.crs_cohort()
    assert cohort.counts["education"] == 2  # fresh, stuck
    assert cohort.counts["training"] == 1  # essay_writer moved past the diploma
    assert cohort.certified == 1
    assert [row.application.holder for row in cohort.stuck] == [stuck]
    assert cohort.stuck[0].waiting_days == 75

    for _ in range(5):  # more applications, same number of queries
        service.application_for(make_user("Mentor"))
    with django_assert_max_num_queries(4):
        service.crs_cohort()
    client.force_login(coordinator)
    page = client.get(reverse("credentials:crs_application_cohort")).content.decode()
    assert "Stuck for more than 60 days" in page


def test_only_coordinators_see_the_cohort(client, mentor):
    client.force_login(mentor)
    assert client.get(reverse("credentials:crs_application_cohort")).status_code == 403
