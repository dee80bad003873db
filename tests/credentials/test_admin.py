"""The coordinator workspace: history with author and reason, reasoned actions, filters, export."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from credentials import selectors
from credentials.admin.forms import CHANGE_REASON_LABEL
from credentials.admin.views import STATUS_FILTER_CHOICES
from credentials.choices import CredentialStatus, Standing, Verification
from credentials.models import CredentialRecord, CredentialType
from lms.accounts.roles import Role
from tests.credentials.factories import CredentialRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def type_form_data(crs, **overrides):
    data = {
        "name": crs.name,
        "code": crs.code,
        "issuing_body": crs.issuing_body,
        "renewal_cycle_months": crs.renewal_cycle_months,
        "ce_hours_required": crs.ce_hours_required,
        "min_ethics_hours": crs.min_ethics_hours,
        "min_confidentiality_hours": crs.min_confidentiality_hours,
        "window_opens_months_before": crs.window_opens_months_before,
        "grace_months": crs.grace_months,
        "expiring_soon_days": crs.expiring_soon_days,
        "initial_training_hours": crs.initial_training_hours,
        "application_essay_words": crs.application_essay_words,
        "change_reason": "",
    }
    data.update(overrides)
    return data


def today():
    return selectors.today_in_program()


def test_seeded_crs_type_holds_pcb_values(crs):
    assert (crs.renewal_cycle_months, crs.window_opens_months_before, crs.grace_months) == (
        24,
        3,
        6,
    )
    assert (crs.ce_hours_required, crs.min_ethics_hours, crs.min_confidentiality_hours) == (
        Decimal(30),
        Decimal(6),
        Decimal(3),
    )
    first = crs.history.earliest()
    assert first.history_type == "+" and "PCB" in first.history_change_reason


def test_type_change_through_the_admin_leaves_history_with_author_and_reason(
    coordinator_client, coordinator, crs
):
    url = reverse("credential_types:edit", args=[crs.pk])
    response = coordinator_client.post(
        url, type_form_data(crs, ce_hours_required="32", change_reason="PCB bulletin 2027-01")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    crs.refresh_from_db()
    assert crs.ce_hours_required == Decimal(32)
    latest = crs.history.latest()
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "PCB bulletin 2027-01"
    assert latest.history_type == "~"


def test_type_change_without_a_reason_is_refused(coordinator_client, crs):
    url = reverse("credential_types:edit", args=[crs.pk])
    response = coordinator_client.post(url, type_form_data(crs, ce_hours_required="32"))
    assert response.status_code == 200
    assert "change_reason" in response.context["form"].errors
    crs.refresh_from_db()
    assert crs.ce_hours_required == Decimal(30)


def test_type_minimums_larger_than_the_total_are_a_form_error(coordinator_client, crs):
    url = reverse("credential_types:edit", args=[crs.pk])
    response = coordinator_client.post(
        url, type_form_data(crs, ce_hours_required="5", change_reason="typo test")
    )
    assert response.status_code == 200
    assert "min_ethics_hours" in response.context["form"].errors


def test_record_edit_through_the_admin_leaves_history_with_author(
    coordinator_client, coordinator, crs
):
    record = CredentialRecordFactory()
    url = reverse("credential_records:edit", args=[record.pk])
    response = coordinator_client.post(
        url,
        {
            "credential_type": crs.pk,
            "number": "CRS-FIXED",
            "issue_date": record.issue_date.isoformat(),
            "expiry_date": record.expiry_date.isoformat(),
            "change_reason": "Number corrected from PCB register",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = CredentialRecord.objects.get(pk=record.pk).history.latest()
    assert latest.history_user == coordinator
    assert latest.number == "CRS-FIXED"
    assert latest.history_change_reason == "Number corrected from PCB register"


def test_record_dates_in_the_wrong_order_are_a_form_error_in_the_admin(coordinator_client, crs):
    record = CredentialRecordFactory()
    response = coordinator_client.post(
        reverse("credential_records:edit", args=[record.pk]),
        {
            "credential_type": crs.pk,
            "number": record.number,
            "issue_date": record.expiry_date.isoformat(),
            "expiry_date": record.issue_date.isoformat(),
            "change_reason": "test",
        },
    )
    assert response.status_code == 200
    assert "expiry_date" in response.context["form"].errors


def test_history_view_shows_who_when_what_and_why(coordinator_client, coordinator):
    record = CredentialRecordFactory()
    coordinator_client.post(
        reverse("credential_records:action", args=[record.pk, "suspend"]),
        {"reason": "Complaint under review"},
    )
    response = coordinator_client.get(reverse("credential_records:history", args=[record.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert str(coordinator) in html
    assert "Complaint under review" in html
    assert "Standing: In good standing → Suspended" in html


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("confirm", "verification", Verification.CONFIRMED),
        ("suspend", "standing", Standing.SUSPENDED),
        ("revoke", "standing", Standing.REVOKED),
    ],
)
def test_actions_require_a_reason_and_record_it(
    coordinator_client, coordinator, action, field, value
):
    record = CredentialRecordFactory()
    url = reverse("credential_records:action", args=[record.pk, action])
    refused = coordinator_client.post(url, {"reason": "   "})
    assert refused.status_code == 400
    record.refresh_from_db()
    assert getattr(record, field) != value
    done = coordinator_client.post(url, {"reason": "Checked with PCB"})
    assert done.status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == value
    latest = record.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (coordinator, "Checked with PCB")


def test_confirm_records_who_and_when(coordinator_client, coordinator):
    record = CredentialRecordFactory()
    coordinator_client.post(
        reverse("credential_records:action", args=[record.pk, "confirm"]), {"reason": "Register"}
    )
    record.refresh_from_db()
    assert record.confirmed_by == coordinator and record.confirmed_at is not None


def test_revoked_record_cannot_be_reinstated_or_edited(coordinator_client):
    record = CredentialRecordFactory(standing=Standing.REVOKED)
    response = coordinator_client.post(
        reverse("credential_records:action", args=[record.pk, "reinstate"]), {"reason": "Oops"}
    )
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.standing == Standing.REVOKED


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MENTOR, Role.MENTEE])
def test_only_coordinators_reach_the_workspace_and_actions(client, make_user, role):
    record = CredentialRecordFactory()
    client.force_login(make_user(role))
    assert client.get(reverse("credential_records:index")).status_code in (302, 403)
    response = client.post(
        reverse("credential_records:action", args=[record.pk, "revoke"]), {"reason": "x"}
    )
    assert response.status_code in (302, 403)
    record.refresh_from_db()
    assert record.standing == Standing.GOOD


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("within_30", {"soon20"}),
        ("within_60", {"soon20", "soon50"}),
        ("within_90", {"soon20", "soon50", "soon80"}),
        ("expired_in_grace", {"grace"}),
        ("lapsed", {"lapsed"}),
        ("active", {"active"}),
        ("suspended", {"suspended"}),
    ],
)
def test_index_filters_by_status(coordinator_client, status, expected):
    day = today()
    for number, offset in [
        ("soon20", 20),
        ("soon50", 50),
        ("soon80", 80),
        ("grace", -30),
        ("lapsed", -300),
        ("active", 400),
    ]:
        CredentialRecordFactory(number=number, expiry_date=day + timedelta(days=offset))
    CredentialRecordFactory(
        number="suspended", expiry_date=day + timedelta(days=20), standing=Standing.SUSPENDED
    )
    response = coordinator_client.get(reverse("credential_records:index"), {"status": status})
    assert response.status_code == 200
    shown = {record.number for record in response.context["object_list"]}
    assert shown == expected


@pytest.mark.parametrize("status", [key for key, _label in STATUS_FILTER_CHOICES])
@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_every_status_filter_and_its_exports_answer_without_error(
    coordinator_client, status, export
):
    """Every option the filter offers, on screen and exported (once a 500: "expiring_soon")."""
    day = today()
    for offset in (20, 100, 400, -30, -300):
        CredentialRecordFactory(expiry_date=day + timedelta(days=offset))
    params = {"status": status, **({"export": export} if export else {})}
    response = coordinator_client.get(reverse("credential_records:index"), params)
    assert response.status_code == 200
    if export is None:
        statuses = {record.status(today=day).value for record in response.context["object_list"]}
        if status in {value for value, _label in CredentialStatus.choices}:
            assert statuses <= {status}


def test_index_never_lists_mentees_as_holders_to_choose(coordinator_client, make_user):
    mentee = make_user(Role.MENTEE, first_name="Zed", last_name="Menteeperson")
    response = coordinator_client.get(reverse("credential_records:add"))
    assert response.status_code == 200
    assert "Menteeperson" not in response.content.decode()
    assert mentee.pk not in [user.pk for user in response.context["form"].fields["holder"].queryset]


def test_csv_export_has_status_and_neutralises_formulas(coordinator_client):
    CredentialRecordFactory(number="=cmd|' /C calc'!A0", expiry_date=today() + timedelta(days=20))
    response = coordinator_client.get(reverse("credential_records:index"), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Holder", "Email", "Credential", "Number"]
    assert rows[1][3].startswith("'=")
    assert rows[1][rows[0].index("Status")] == "Renewal window open"


def test_xlsx_export_opens_as_a_workbook(coordinator_client):
    CredentialRecordFactory(number="CRS-1")
    response = coordinator_client.get(reverse("credential_records:index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["D1"].value == "Number" and sheet["D2"].value == "CRS-1"


def test_inspect_view_shows_status_and_ce_gap(coordinator_client):
    record = CredentialRecordFactory(expiry_date=today() + timedelta(days=40))
    response = coordinator_client.get(reverse("credential_records:inspect", args=[record.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Renewal window open" in html
    assert "6 ethics hours still needed" in html


def test_type_listing_and_history_pages_render(coordinator_client, crs):
    assert coordinator_client.get(reverse("credential_types:index")).status_code == 200
    response = coordinator_client.get(reverse("credential_types:history", args=[crs.pk]))
    assert response.status_code == 200
    assert "Seeded with PCB" in response.content.decode()
    assert CredentialType.objects.count() == 1


def test_change_reason_field_is_labelled(coordinator_client, crs):
    response = coordinator_client.get(reverse("credential_types:edit", args=[crs.pk]))
    assert CHANGE_REASON_LABEL in response.content.decode()


def test_confirm_on_a_confirmed_record_is_refused_and_changes_nothing(
    coordinator_client, coordinator
):
    record = CredentialRecordFactory()
    url = reverse("credential_records:action", args=[record.pk, "confirm"])
    coordinator_client.post(url, {"reason": "Register"})
    record.refresh_from_db()
    confirmed_at, history = record.confirmed_at, record.history.count()

    page = coordinator_client.get(url).content.decode()
    again = coordinator_client.post(url, {"reason": "Register again"})

    assert "does not apply" in page and 'type="submit"' not in page
    assert again.status_code == 400
    assert "nothing was changed" in again.content.decode()
    record.refresh_from_db()
    assert record.confirmed_at == confirmed_at
    assert record.history.count() == history


def test_the_confirm_service_refuses_a_confirmed_record(coordinator):
    from django.core.exceptions import ValidationError

    from credentials import services

    record = services.credential_record_confirm(
        record=CredentialRecordFactory(), by=coordinator, reason="Register"
    )
    with pytest.raises(ValidationError):
        services.credential_record_confirm(record=record, by=coordinator, reason="Again")


def test_the_success_message_names_holder_and_record(coordinator_client):
    record = CredentialRecordFactory()
    url = reverse("credential_records:action", args=[record.pk, "confirm"])
    response = coordinator_client.post(url, {"reason": "Register"}, follow=True)
    assert f"record {record.number} confirmed." in response.content.decode()


def test_list_and_exports_show_days_left_and_ce_hours_still_needed(coordinator_client):
    record = CredentialRecordFactory(expiry_date=today() + timedelta(days=45))
    html = coordinator_client.get(reverse("credential_records:index")).content.decode()
    assert "Days left" in html and "CE hours still needed" in html
    response = coordinator_client.get(reverse("credential_records:index"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    heading = list(rows[0])
    row = next(r for r in rows[1:] if r[heading.index("Number")] == record.number)
    assert row[heading.index("Days left")] == 45
    assert row[heading.index("CE hours still needed")] == 30  # nothing claimed yet
