"""Private files (evidence, certificate PDFs): Django checks who asks first, then either streams
the file itself (`make run`, the default) or, behind nginx, hands it over with X-Accel-Redirect
to an internal location (PRIVATE_MEDIA_ACCEL_PREFIX, set by deploy/stack.sh)."""

from django.urls import reverse

import pytest

from credentials.models import CredentialRecord
from lms.accounts.roles import Role
from tests.credentials.conftest import PDF_BYTES
from tests.credentials.test_views import pdf, record_data

pytestmark = pytest.mark.django_db

ACCEL = "/_private/"


@pytest.fixture
def evidence(client, mentor, crs):
    client.force_login(mentor)
    client.post(reverse("credentials:record_add"), record_data(crs, evidence=pdf()))
    return CredentialRecord.objects.get(holder=mentor)


def test_by_default_django_sends_the_evidence_itself(client, evidence):
    response = client.get(reverse("credentials:record_evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_behind_nginx_the_evidence_goes_out_through_the_internal_location(
    client, evidence, settings
):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ACCEL
    response = client.get(reverse("credentials:record_evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == ACCEL + evidence.evidence.name
    assert response.content == b""  # nginx sends the bytes
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert 'filename="credential-evidence.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("role", [None, Role.MENTOR, Role.MENTEE, Role.RECRUITER, Role.EDITOR])
def test_behind_nginx_the_permission_check_still_comes_first(
    client, make_user, evidence, settings, role
):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ACCEL
    client.logout()
    if role is not None:
        client.force_login(make_user(role))
    response = client.get(reverse("credentials:record_evidence", args=[evidence.pk]))
    assert response.status_code in (302, 404)
    assert "X-Accel-Redirect" not in response


def test_behind_nginx_a_missing_file_is_a_404_not_a_redirect(client, evidence, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ACCEL
    evidence.evidence.storage.delete(evidence.evidence.name)
    response = client.get(reverse("credentials:record_evidence", args=[evidence.pk]))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_stored_name_that_climbs_out_is_never_handed_to_nginx(settings):
    from django.core.files.storage import storages
    from django.http import Http404

    from lms.common.files import private_file_response

    settings.PRIVATE_MEDIA_ACCEL_PREFIX = ACCEL
    for name in ("../secret-key", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(Http404):
            private_file_response(
                storages["private"],
                name,
                content_type="application/pdf",
                filename="x.pdf",
                headers={},
            )
