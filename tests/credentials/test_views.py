"""The holder's pages: 'My credentials', bad input as form errors, private files, audit packet."""

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

import pytest

from credentials import rules, selectors
from credentials.choices import CESource, Verification
from credentials.models import CEEntry, CredentialRecord
from credentials.uploads import UPLOAD_WRONG_TYPE
from lms.accounts.roles import Role
from tests.credentials.conftest import PDF_BYTES, PNG_BYTES
from tests.credentials.factories import CEEntryFactory, CredentialRecordFactory

pytestmark = pytest.mark.django_db


def pdf(name="certificate.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def mentor_client(client, mentor):
    client.force_login(mentor)
    return client


def today():
    return selectors.today_in_program()


def ce_data(**overrides):
    data = {
        "title": "Ethics in peer support",
        "organization": "Keystone Training Institute",
        "date": (today() - timedelta(days=10)).isoformat(),
        "hours": "6",
        "topic": "ethics",
        "kind": "workshop",
        "certificate": pdf(),
    }
    data.update(overrides)
    return data


def record_data(crs, **overrides):
    issue = today() - timedelta(days=100)
    data = {
        "credential_type": crs.pk,
        "number": "CRS-123456",
        "issue_date": issue.isoformat(),
        "expiry_date": rules.expected_expiry(issue, crs.rules()).isoformat(),
    }
    data.update(overrides)
    return data


# ----------------------------------------------------------------------------- my credentials


def test_my_credentials_shows_status_dates_progress_and_gap(mentor_client, mentor, crs):
    expiry = today() + timedelta(days=60)
    CredentialRecordFactory(holder=mentor, expiry_date=expiry, number="CRS-777")
    CEEntryFactory(holder=mentor, date=today() - timedelta(days=5), hours=4, topic="ethics")
    response = mentor_client.get(reverse("credentials:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CRS-777" in html
    assert "Renewal window open" in html
    assert rules.date_in_words(expiry) in html
    assert f"2 ethics hours still needed by {rules.date_in_words(expiry)}" in html
    # Hours by topic against the requirement as bars, the label their text equivalent.
    assert '<svg class="chart chart--bars"' in html and 'role="img"' in html
    assert "Ethics, 4 of 6 hours" in html


@pytest.mark.parametrize("role", [Role.MENTEE, Role.RECRUITER])
def test_my_credentials_is_for_mentors_only(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("credentials:mine")).status_code == 403


def test_my_credentials_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("credentials:mine"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_mentor_adds_a_credential_with_evidence_stored_privately(mentor_client, mentor, crs):
    response = mentor_client.post(
        reverse("credentials:record_add"), record_data(crs, evidence=pdf("my name.pdf"))
    )
    assert response.status_code == 302
    record = CredentialRecord.objects.get(holder=mentor)
    assert record.verification == Verification.SELF_REPORTED
    assert record.evidence_content_type == "application/pdf"
    assert record.evidence.name.startswith("credentials/evidence/")
    assert "my name" not in record.evidence.name
    assert record.evidence.storage.exists(record.evidence.name)
    history = record.history.first()
    assert history.history_user == mentor


def test_expiry_left_empty_is_one_cycle_after_issue(mentor_client, mentor, crs):
    data = record_data(crs, issue_date="2024-02-29", expiry_date="")
    mentor_client.post(reverse("credentials:record_add"), data)
    assert CredentialRecord.objects.get(holder=mentor).expiry_date == date(2026, 2, 28)


def test_holder_editing_a_confirmed_record_makes_it_self_reported_again(
    mentor_client, mentor, coordinator, crs
):
    from credentials import services

    record = CredentialRecordFactory(
        holder=mentor,
        issue_date=today() - timedelta(days=100),
        expiry_date=today() + timedelta(days=600),
    )
    services.credential_record_confirm(record=record, by=coordinator, reason="Checked register")
    data = record_data(
        crs,
        number="CRS-CORRECTED",
        issue_date=record.issue_date.isoformat(),
        expiry_date=record.expiry_date.isoformat(),
    )
    response = mentor_client.post(reverse("credentials:record_edit", args=[record.pk]), data)
    assert response.status_code == 302, response.content.decode()
    record.refresh_from_db()
    assert record.verification == Verification.SELF_REPORTED and record.confirmed_by is None


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"expiry_date": "2020-01-01", "issue_date": "2021-01-01"},
            "expiry_date",
            rules.DATES_OUT_OF_ORDER,
        ),
        (
            {"issue_date": "2099-01-01", "expiry_date": "2101-01-01"},
            "issue_date",
            rules.ISSUE_IN_FUTURE,
        ),
        ({"issue_date": "2024-02-30"}, "issue_date", "Enter a valid date."),
        ({"expiry_date": "2227-01-01"}, "expiry_date", rules.EXPIRY_TOO_FAR.format(months=27)),
        ({"number": "=HYPERLINK(1)"}, "number", "Use the number as printed"),
        ({"credential_type": "999999"}, "credential_type", "Select a valid choice"),
    ],
)
def test_credential_form_bad_input_is_a_form_error(mentor_client, crs, overrides, field, message):
    response = mentor_client.post(reverse("credentials:record_add"), record_data(crs, **overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert not CredentialRecord.objects.exists()
    assert f'id="id_{field}_error"' in response.content.decode()


def test_second_record_of_the_same_type_is_a_form_error_not_a_500(mentor_client, mentor, crs):
    CredentialRecordFactory(holder=mentor)
    response = mentor_client.post(reverse("credentials:record_add"), record_data(crs))
    assert response.status_code == 400
    assert "You already have a record of this credential" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"hours": "-1"}, "hours", rules.HOURS_NOT_POSITIVE),
        ({"hours": "0"}, "hours", rules.HOURS_NOT_POSITIVE),
        ({"hours": "100.25"}, "hours", rules.HOURS_TOO_MANY),
        ({"hours": "1e9"}, "hours", rules.HOURS_TOO_MANY),
        ({"hours": "lots"}, "hours", "Enter a number."),
        ({"hours": "NaN"}, "hours", "Enter a number."),
        ({"topic": "spirituality"}, "topic", "Choose one of the topics"),
        ({"kind": "supervision"}, "kind", rules.NOT_COUNTED["supervision"]),
        ({"kind": "case_management"}, "kind", rules.NOT_COUNTED["case_management"]),
        ({"kind": "hypnosis"}, "kind", "Choose the kind of activity"),
        ({"date": "2999-01-01"}, "date", rules.CE_DATE_IN_FUTURE),
        ({"date": "yesterday"}, "date", "Enter a valid date."),
        (
            {"certificate": pdf("fake.pdf", b"MZ\x90\x00 not really a pdf")},
            "certificate",
            UPLOAD_WRONG_TYPE,
        ),
        ({"certificate": pdf("empty.pdf", b"")}, "certificate", "The submitted file is empty."),
        ({"certificate": ""}, "certificate", "This field is required."),
    ],
)
def test_ce_form_bad_input_is_a_form_error(mentor_client, overrides, field, message):
    response = mentor_client.post(reverse("credentials:ce_add"), ce_data(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert not CEEntry.objects.exists()


@override_settings(CREDENTIALS_MAX_UPLOAD_BYTES=1024)
def test_oversized_certificate_is_a_form_error(mentor_client):
    big = pdf("big.pdf", PDF_BYTES + b"0" * 2048)
    response = mentor_client.post(reverse("credentials:ce_add"), ce_data(certificate=big))
    assert response.status_code == 400
    assert "Upload a file of at most 1.0\xa0KB" in response.context["form"].errors["certificate"][0]


def test_image_certificate_renamed_pdf_is_stored_as_what_it_is(mentor_client, mentor):
    response = mentor_client.post(
        reverse("credentials:ce_add"), ce_data(certificate=pdf("photo.pdf", PNG_BYTES))
    )
    assert response.status_code == 302
    entry = CEEntry.objects.get(holder=mentor)
    assert entry.certificate_content_type == "image/png"
    assert entry.certificate.name.endswith(".png")


def test_valid_training_is_added_to_the_ledger(mentor_client, mentor):
    response = mentor_client.post(reverse("credentials:ce_add"), ce_data())
    assert response.status_code == 302
    entry = CEEntry.objects.get(holder=mentor)
    assert entry.hours == Decimal(6) and entry.source == CESource.EXTERNAL


def test_holder_removes_their_external_entry(mentor_client, mentor):
    entry = CEEntryFactory(holder=mentor)
    response = mentor_client.post(reverse("credentials:ce_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert not CEEntry.objects.exists()


def test_another_mentor_cannot_remove_an_entry(client, make_user, mentor):
    entry = CEEntryFactory(holder=mentor)
    client.force_login(make_user(Role.MENTOR))
    assert client.post(reverse("credentials:ce_delete", args=[entry.pk])).status_code == 404
    assert CEEntry.objects.filter(pk=entry.pk).exists()


# ----------------------------------------------------------------------------- private files


@pytest.fixture
def record_with_evidence(mentor_client, mentor, crs):
    mentor_client.post(reverse("credentials:record_add"), record_data(crs, evidence=pdf()))
    return CredentialRecord.objects.get(holder=mentor)


def test_evidence_is_served_to_its_holder(mentor_client, record_with_evidence):
    response = mentor_client.get(
        reverse("credentials:record_evidence", args=[record_with_evidence.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert 'filename="credential-evidence.pdf"' in response["Content-Disposition"]


def test_evidence_is_served_to_a_coordinator(client, coordinator, record_with_evidence):
    client.force_login(coordinator)
    url = reverse("credentials:record_evidence", args=[record_with_evidence.pk])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE, Role.RECRUITER, Role.EDITOR])
def test_evidence_is_hidden_from_everyone_else(client, make_user, record_with_evidence, role):
    client.force_login(make_user(role))
    url = reverse("credentials:record_evidence", args=[record_with_evidence.pk])
    assert client.get(url).status_code == 404


def test_private_files_live_outside_media_root_and_no_media_url_serves_them(
    client, record_with_evidence, settings
):
    from pathlib import Path

    path = Path(record_with_evidence.evidence.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    leaked = client.get(settings.MEDIA_URL + record_with_evidence.evidence.name)
    assert leaked.status_code == 404


# ----------------------------------------------------------------------------- audit packet


@pytest.fixture
def audited(mentor_client, mentor, crs):
    record = CredentialRecordFactory(holder=mentor, expiry_date=today() + timedelta(days=200))
    mentor_client.post(reverse("credentials:ce_add"), ce_data(title="Ethics in peer support"))
    mentor_client.post(
        reverse("credentials:ce_add"),
        ce_data(title="Old course", date=(today() - timedelta(days=900)).isoformat()),
    )
    return record


def test_audit_packet_is_a_pdf_of_the_entries_in_the_window(mentor_client, audited):
    response = mentor_client.get(reverse("credentials:audit_packet", args=[audited.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_audit_packet_lists_what_pcb_asks_for(mentor, audited, rf):
    from django.template.loader import render_to_string

    overview = selectors.credential_overview(
        record=audited, entries=selectors.audit_entries(record=audited)
    )
    html = render_to_string(
        "credentials/audit_packet.html",
        {
            "record": audited,
            "overview": overview,
            "rows": [(line.entry, "x.pdf") for line in overview.lines],
            "generated_at": None,
        },
    )
    assert mentor.get_full_name() in html
    assert "Ethics in peer support" in html and "Keystone Training Institute" in html
    assert "Old course" not in html


def test_certificates_zip_holds_the_window_certificates(mentor_client, audited):
    response = mentor_client.get(reverse("credentials:audit_certificates", args=[audited.pk]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert len(names) == 1 and "ethics-in-peer-support" in names[0]
    assert archive.read(names[0]) == PDF_BYTES


def test_audit_packet_is_private(client, make_user, audited):
    client.force_login(make_user(Role.MENTOR))
    assert client.get(reverse("credentials:audit_packet", args=[audited.pk])).status_code == 404
    assert (
        client.get(reverse("credentials:audit_certificates", args=[audited.pk])).status_code == 404
    )
