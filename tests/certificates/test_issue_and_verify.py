import io
import json
import re

from django.urls import reverse

import pytest

from credentials.certificates import services
from credentials.models import Certificate, RecruiterLookup
from lms.accounts.roles import Role
from tests.tools import pdf_text, run

pytestmark = pytest.mark.django_db


def test_completing_the_track_issues_one_certificate_with_its_pdf(completed, mentor):
    certificate = completed
    assert Certificate.objects.filter(holder=mentor).count() == 1
    assert certificate.title == "Peer Mentor Foundations"
    assert certificate.hours > 0 and certificate.expires_on is not None
    assert len(certificate.pdf_sha256) == 64
    assert certificate.pdf.read()[:5] == b"%PDF-"
    # Issuing again (a replayed signal) changes nothing.
    again = services.certificate_issue(
        user=mentor, track=certificate.track, completion=certificate.completion
    )
    assert again.pk == certificate.pk and Certificate.objects.count() == 1


def test_pdf_text_shows_name_title_code_and_the_qr_decodes_to_the_verify_url(completed, tmp_path):
    certificate = completed
    path = tmp_path / "c.pdf"
    path.write_bytes(certificate.pdf.read())
    text = pdf_text(path)
    assert certificate.holder_name in text
    assert certificate.title in text
    assert certificate.formatted_code in text
    run("pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page"))
    qr = run("zbarimg", "-q", "--raw", str(tmp_path / "page.png"), check=False).stdout.strip()
    assert qr.endswith(f"/verify/{certificate.token}/")


def test_hostile_names_render_as_text_and_fetch_nothing(mentor, monkeypatch, tmp_path):
    from credentials.certificates import pdf

    fetched = []
    original = pdf.BundledAssetFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.BundledAssetFetcher, "fetch", spy)
    hostile = "<img src=http://127.0.0.1:9/x> url(file:///etc/passwd) </style><b>x"
    for name in (hostile, "مرشد السلام 🌱", "Ω" * 500):
        services.certificate_name_set(user=mentor, name=name)
        certificate = Certificate(
            holder=mentor,
            holder_name=name,
            title="T",
            hours=1,
            issued_on="2026-01-01",
            token="a" * 32,
            code="A" * 16,
        )
        data = pdf.render_certificate_pdf(
            certificate=certificate, verify_url="http://x/verify/a/", issuer="Program"
        )
        path = tmp_path / "n.pdf"
        path.write_bytes(data)
        text = pdf_text(path)
        assert name[:20].split()[0] in text.replace("\n", " ")
    # The stylesheet is parsed once per process; each render fetches only its own QR code,
    # decoded from a data: URL, and nothing a holder typed.
    assert len(fetched) == 3
    assert all(url.startswith("data:image/png;base64,") for url in fetched)


def test_fetcher_refuses_network_files_and_unknown_assets():
    from credentials.certificates.pdf import BundledAssetFetcher

    fetcher = BundledAssetFetcher()
    for url in (
        "http://127.0.0.1:9/x",
        "file:///etc/passwd",
        "asset:../../settings.py",
        "https://example.org/a.css",
        "data:text/css,a{}",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_verify_page_shows_valid_then_revoked_with_a_public_category(
    client, completed, coordinator
):
    url = completed.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valid." in html and completed.holder_name in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "max-age=30" in response["Cache-Control"]
    services.certificate_revoke(
        certificate=completed,
        by=coordinator,
        reason="Quiz answers were shared",
        category="requirements_not_met",
    )
    html = client.get(url).content.decode()
    assert "Revoked." in html and "requirements not met" in html
    assert "Quiz answers were shared" not in html
    assert completed.history.filter(history_user=None).exists() or completed.history.count() >= 2


def test_a_revocation_shows_at_once_even_when_a_racing_request_caches_the_old_answer(
    client, completed, coordinator, django_capture_on_commit_callbacks
):

    from credentials.certificates import caching

    url = completed.get_absolute_url()
    valid = client.get(url)
    assert "Valid." in valid.content.decode()
    # A request on another app server read the certificate before the revocation committed...
    racing_generation, _ = caching.verification_cached(completed.token)
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(
            certificate=completed, by=coordinator, reason="Issued twice", category="other"
        )
    # ... and stores its (now stale) answer in the shared cache after the commit.
    caching.verification_store(
        completed.token,
        generation=racing_generation,
        status=200,
        headers=list(valid.items()),
        content=valid.content,
        seconds=30,
    )

    assert "Revoked." in client.get(url).content.decode()


def test_json_answer_has_only_the_public_fields(client, completed):
    data = client.get(f"/verify/{completed.token}.json").json()
    assert set(data) == {
        "status",
        "holder_name",
        "title",
        "issuer",
        "issued_on",
        "expires_on",
        "hours",
        "checked_at",
    }
    assert data["status"] == "valid"
    assert completed.holder.email not in json.dumps(data)


# An empty code is the form's own error (a 400): see test_verify_page.py.
@pytest.mark.parametrize("code", ["nonsense", "ABCD-EFGH-JKMN-PQRS", "x" * 39, "<script>"])
def test_unknown_and_malformed_codes_give_the_same_404(client, completed, code):
    response = client.get("/verify/", {"code": code})
    assert response.status_code == 404
    assert b"No certificate matches" in response.content


@pytest.mark.parametrize("token", ["0" * 32, "short", "Z" * 32, "a" * 64])
def test_unknown_and_malformed_tokens_give_the_same_404(client, token):
    assert client.get(f"/verify/{token}/").status_code == 404
    assert client.get(f"/verify/{token}.json").status_code == 404


def test_typed_code_lookup_is_case_insensitive_and_leads_to_the_certificate(client, completed):
    typed = completed.formatted_code.lower().replace("0", "o").replace("1", "l")
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == completed.get_absolute_url()


def test_thirty_rapid_lookups_from_one_client_meet_429s_with_retry_after(client, completed):
    statuses = [client.get("/verify/", {"code": completed.code}).status_code for _ in range(30)]
    assert statuses[:20] == [302] * 20
    assert statuses[20:] == [429] * 10
    response = client.get("/verify/", {"code": completed.code})
    assert 1 <= int(response["Retry-After"]) <= 60
    other = client.get("/verify/", {"code": completed.code}, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_uploaded_pdf_verifies_only_unchanged(client, completed):
    original = completed.pdf.read()
    same = client.post("/verify/pdf/", {"file": io.BytesIO(original)})
    assert same.status_code == 302 and same["Location"] == completed.get_absolute_url()
    edited = original.replace(completed.holder_name.encode(), b"Someone Else")
    if edited == original:
        edited = original + b"\n%edited"
    changed = client.post("/verify/pdf/", {"file": io.BytesIO(edited)})
    assert changed.status_code == 404
    not_pdf = client.post("/verify/pdf/", {"file": io.BytesIO(b"hello")})
    assert not_pdf.status_code == 400


def test_holder_turns_verification_off_and_it_reveals_nothing(client, completed, mentor):
    client.force_login(mentor)
    client.post(reverse("certificates:set_public", args=[completed.pk]), {})
    client.logout()
    html = client.get(completed.get_absolute_url()).content.decode()
    assert "Not available" in html
    assert completed.holder_name not in html and completed.title not in html
    data = client.get(f"/verify/{completed.token}.json").json()
    assert set(data) == {"status", "checked_at"} and data["status"] == "not_available"


def test_reissue_supersedes_the_old_certificate(client, completed, coordinator):
    new = services.certificate_reissue(
        certificate=completed,
        by=coordinator,
        holder_name="Alex R. Rivera",
        reason="Legal name change",
    )
    completed.refresh_from_db()
    assert completed.superseded_by == new
    assert "Superseded." in client.get(completed.get_absolute_url()).content.decode()
    assert "Valid." in client.get(new.get_absolute_url()).content.decode()
    assert new.code != completed.code and new.token != completed.token


def test_only_holder_and_coordinators_download_the_pdf(client, completed, make_user, coordinator):
    url = reverse("certificates:download", args=[completed.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_user("Mentor"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("Recruiter"))
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(completed.holder)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_recruiter_checks_many_codes_and_each_lookup_is_logged(client, completed, recruiter):
    client.force_login(recruiter)
    csv_file = io.BytesIO(f"code\n{completed.code}\nNOPE\n".encode())
    csv_file.name = "codes.csv"
    response = client.post(
        reverse("certificates:bulk"), {"codes": completed.formatted_code.lower(), "file": csv_file}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("badge--ok") == 2 and "Not found" in html
    assert RecruiterLookup.objects.filter(recruiter=recruiter).count() == 4
    assert RecruiterLookup.objects.filter(certificate=completed).count() == 2


def test_bulk_check_is_for_recruiters(client, mentor):
    client.force_login(mentor)
    assert client.get(reverse("certificates:bulk")).status_code == 403


def test_name_is_frozen_on_issued_certificates(client, completed, mentor):
    client.force_login(mentor)
    client.post(reverse("certificates:mine"), {"name": "New Name"})
    completed.refresh_from_db()
    assert completed.holder_name != "New Name"
    assert services.printed_name_for(mentor) == "New Name"
    html = client.get(reverse("certificates:mine")).content.decode()
    assert re.search(r"Download the PDF", html)


def test_anonymous_verification_answers_are_cached_for_at_most_30_seconds(client, completed):
    from django.core.cache import cache

    from credentials.certificates.caching import verification_cache_key

    first = client.get(completed.get_absolute_url())
    assert cache.get(verification_cache_key(completed.token)) is not None
    Certificate.objects.filter(pk=completed.pk).update(title="Changed behind the cache")
    second = client.get(completed.get_absolute_url())
    assert second.content == first.content
    assert "max-age=30" in second["Cache-Control"]
    cache.delete(verification_cache_key(completed.token))
    assert b"Changed behind the cache" in client.get(completed.get_absolute_url()).content


def test_pcb_approved_tracks_print_the_approval_line(mentor, tmp_path):
    from decimal import Decimal

    from credentials.certificates import pdf
    from lms.training.models import TrackPage

    track = TrackPage.objects.get(slug="peer-mentor-foundations")
    track.pcb_approved_hours = Decimal("19.0")
    track.pcb_approved_title = "Peer Mentor Foundations (PCB course 1234)"
    track.save()
    certificate = services.certificate_issue(user=mentor, track=track)
    path = tmp_path / "pcb.pdf"
    path.write_bytes(
        pdf.render_certificate_pdf(
            certificate=certificate, verify_url="http://x/verify/a/", issuer="Program"
        )
    )
    text = pdf_text(path).replace("\n", " ")
    assert "PCB Approved for 19 Hours" in text
    assert "Peer Mentor Foundations (PCB course 1234)" in text


def test_certificates_without_pcb_approval_make_no_such_claim(completed, tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(completed.pdf.read())
    text = pdf_text(path)
    assert "PCB Approved" not in text
    assert "not the Pennsylvania Certification Board" in text.replace("\n", " ")


def test_lookup_form_pages_are_never_cached_and_keep_same_origin_referrers(client, completed):
    form = client.get("/verify/")
    assert form["Referrer-Policy"] == "same-origin"
    assert "no-store" in form["Cache-Control"]
    unknown = client.get(f"/verify/{'0' * 32}/")
    assert unknown.status_code == 404 and "no-store" in unknown["Cache-Control"]
    from django.core.cache import cache

    assert cache.get(f"verify:{'0' * 32}") is None
    answer = client.get(completed.get_absolute_url())
    assert answer["Referrer-Policy"] == "no-referrer"


def test_behind_nginx_the_pdf_goes_out_through_the_internal_location_after_the_check(
    client, completed, make_user, settings
):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    url = reverse("certificates:download", args=[completed.pk])
    client.force_login(make_user(Role.MENTOR))
    refused = client.get(url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    client.force_login(completed.holder)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_private/" + completed.pdf.name
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
