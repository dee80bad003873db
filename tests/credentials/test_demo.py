"""Demo data: credentials in several states with CE entries; loading twice changes nothing."""

from django.conf import settings
from django.core.management import call_command

import pytest

from credentials.choices import CredentialStatus
from credentials.models import CEEntry, CredentialRecord
from credentials.selectors import today_in_program

pytestmark = pytest.mark.django_db


def test_demo_load_fills_the_views_with_several_states(capsys):
    call_command("load_demo")
    today = today_in_program()
    statuses = {
        record.holder.email: record.status(today=today)
        for record in CredentialRecord.objects.select_related("holder", "credential_type")
    }
    assert statuses == {
        "mentor@example.org": CredentialStatus.RENEWAL_WINDOW_OPEN,
        "jordan.mentor@example.org": CredentialStatus.ACTIVE,
        "alex.mentor@example.org": CredentialStatus.EXPIRED_IN_GRACE,
    }
    assert CEEntry.objects.filter(holder__email="mentor@example.org").count() == 5
    assert all(entry.certificate for entry in CEEntry.objects.all())
    assert "jordan.mentor@example.org" in capsys.readouterr().out


def test_demo_load_twice_changes_nothing(client):
    call_command("load_demo")
    counts = (CredentialRecord.objects.count(), CEEntry.objects.count())
    history = CredentialRecord.history.count()
    call_command("load_demo")
    assert (CredentialRecord.objects.count(), CEEntry.objects.count()) == counts
    assert CredentialRecord.history.count() == history
    from lms.accounts.models import User

    mentor = User.objects.get(email="mentor@example.org")
    assert mentor.check_password(settings.DEMO_PASSWORD)
    client.force_login(mentor)
    response = client.get("/credentials/")
    assert response.status_code == 200
    assert "Renewal window open" in response.content.decode()


def test_demo_applicants_show_one_halfway_and_one_stuck(capsys):
    from credentials import application as applications
    from credentials.models import CrsApplication

    call_command("load_demo")
    pat = CrsApplication.objects.get(holder__email="pat.applicant@example.org")
    states = {step.key: step.state for step in applications.application_steps(pat)}
    assert states == {
        "education": "done",
        "training": "in_progress",
        "essay": "in_progress",
        "release": "not_started",
        "fee": "done",
        "exam": "not_started",
    }
    cohort = applications.crs_cohort()
    assert [row.application.holder.email for row in cohort.stuck] == ["drew.applicant@example.org"]
