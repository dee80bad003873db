"""Export files of the admin lists say what they hold (issue 19): the list, the filters in force
as their chips show them, any search, and the program's day, e.g.
credentials-expiring-soon-2026-11-30.csv. Driven as a coordinator: filters, then export."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

import pytest

from credentials.choices import CredentialStatus, Verification
from lms.common.exports import LONGEST, export_filename
from tests.credentials.factories import CredentialRecordFactory

pytestmark = pytest.mark.django_db


def filename(response) -> str:
    assert response.status_code == 200
    return response["Content-Disposition"].split('filename="', 1)[1].rstrip('"')


@pytest.fixture
def coordinator_client(client, coordinator):
    CredentialRecordFactory()
    client.force_login(coordinator)
    return client


@pytest.fixture
def today() -> str:
    return timezone.localdate().isoformat()


def test_the_credential_export_names_the_status_filter(coordinator_client, today):
    url = reverse("credential_records:index")
    response = coordinator_client.get(
        url, {"status": CredentialStatus.EXPIRING_SOON, "export": "csv"}
    )
    assert filename(response) == f"credentials-expiring-soon-{today}.csv"


def test_the_credential_export_names_every_filter_and_the_search(coordinator_client, today):
    response = coordinator_client.get(
        reverse("credential_records:index"),
        {
            "status": "within_90",
            "verification": Verification.SELF_REPORTED,
            "q": "Rivera",
            "export": "xlsx",
        },
    )
    assert filename(response) == (
        f"credentials-expiring-within-90-days-self-reported-search-rivera-{today}.xlsx"
    )


def test_an_unfiltered_export_is_named_after_the_list_and_the_day(coordinator_client, today):
    response = coordinator_client.get(reverse("credential_records:index"), {"export": "csv"})
    assert filename(response) == f"credentials-{today}.csv"


def test_a_filter_value_no_form_offers_is_left_out_of_the_name(coordinator_client, today):
    response = coordinator_client.get(
        reverse("credential_records:index"), {"status": "soon", "export": "csv"}
    )
    assert filename(response) == f"credentials-{today}.csv"


def test_the_certificate_and_report_exports_name_their_filters(coordinator_client, today):
    certificates = coordinator_client.get(
        reverse("certificates_admin:index"), {"q": "6PDS-1ECG", "export": "csv"}
    )
    assert filename(certificates) == f"certificates-search-6pds-1ecg-{today}.csv"
    learners = coordinator_client.get(
        reverse("lms_reports:learner_progress"), {"attempts": "out", "export": "csv"}
    )
    assert filename(learners) == f"learner-progress-out-of-attempts-{today}.csv"
    questions = coordinator_client.get(reverse("lms_reports:question_stats"), {"export": "xlsx"})
    assert filename(questions) == f"question-statistics-{today}.xlsx"


def test_the_name_is_safe_and_bounded_whatever_was_typed():
    day = date(2026, 11, 30)
    name = export_filename("credentials", ['../../etc/passwd "x";', "x" * 500], today=day)
    assert name == "credentials-etcpasswd-x-2026-11-30"
    assert len(export_filename("c", [f"filter {i}" for i in range(100)], today=day)) <= (
        LONGEST + len("-2026-11-30")
    )
