"""The verification answer a recruiter reads: a status word, icon and pattern that differ
without color, dates written out, the check time in the program's time zone, what it means."""

import re

import pytest

from credentials.certificates import services

pytestmark = pytest.mark.django_db


def test_valid_answer_writes_dates_out_and_the_time_in_the_programs_zone(client, completed):
    html = client.get(completed.get_absolute_url()).content.decode()
    assert 'class="verdict verdict--valid"' in html
    assert re.search(r"<h2[^>]*>Valid\.</h2>", html)
    assert completed.issued_on.strftime("%B ") in html
    assert completed.issued_on.isoformat() not in html
    checked = re.search(r"Checked (.*?)\. <a", html)[1]
    assert "T" not in checked.split(",")[0] and "+00:00" not in checked
    assert re.search(r"\b(EST|EDT)\b", checked), checked
    assert "does not mean" in html


def test_revoked_differs_from_valid_in_word_icon_and_pattern(client, completed, coordinator):
    services.certificate_revoke(
        certificate=completed,
        by=coordinator,
        reason="Quiz answers were shared",
        category="requirements_not_met",
    )
    html = client.get(completed.get_absolute_url()).content.decode()
    assert 'class="verdict verdict--revoked"' in html
    assert re.search(r"<h2[^>]*>Revoked\.</h2>", html)


def test_not_available_has_its_own_word(client, completed):
    completed.public_verification = False
    completed.save()
    html = client.get(completed.get_absolute_url()).content.decode()
    assert 'class="verdict verdict--not_available"' in html
    assert re.search(r"<h2[^>]*>Not available\.</h2>", html)


def test_a_finished_track_links_to_the_certificate(client, completed):
    client.force_login(completed.holder)
    html = client.get("/training/dashboard/").content.decode()
    assert 'href="/certificates/">See and download your certificate</a>' in html


def test_an_empty_code_gets_one_error_not_two(client):
    response = client.get("/verify/", {"code": ""})
    assert response.status_code == 400
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count("Enter the code printed on the certificate.") == 1
    assert "No certificate matches" not in main
