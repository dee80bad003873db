from django.urls import reverse

import pytest

from credentials.models import Certificate

pytestmark = pytest.mark.django_db


def test_coordinator_revokes_in_the_admin_with_a_reason_and_history(client, completed, coordinator):
    client.force_login(coordinator)
    index = client.get(reverse("certificates_admin:index"))
    assert index.status_code == 200 and completed.formatted_code.encode() in index.content
    url = reverse("certificates_admin:action", args=[completed.pk, "revoke"])
    missing = client.post(url, {"category": "issued_in_error", "reason": ""})
    assert missing.status_code == 400
    completed.refresh_from_db()
    assert completed.revoked_at is None
    data = {"category": "issued_in_error", "reason": "Wrong learner account"}
    asked = client.post(url, data)
    assert asked.status_code == 200
    completed.refresh_from_db()
    assert completed.revoked_at is None  # the public wording is shown first
    done = client.post(url, {**data, "confirmed": "1"})
    assert done.status_code == 302
    completed.refresh_from_db()
    assert completed.revoked_by == coordinator
    latest = completed.history.first()
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "Wrong learner account"
    history = client.get(reverse("certificates_admin:history", args=[completed.pk]))
    assert history.status_code == 200 and b"Wrong learner account" in history.content
    html = client.get(completed.get_absolute_url()).content.decode()
    assert "Revoked." in html and "issued in error" in html


def test_coordinator_reissues_after_a_name_change(client, completed, coordinator):
    client.force_login(coordinator)
    url = reverse("certificates_admin:action", args=[completed.pk, "reissue"])
    response = client.post(url, {"holder_name": "Alex Rivera-Stone", "reason": "Married name"})
    assert response.status_code == 302
    new = Certificate.objects.exclude(pk=completed.pk).get()
    assert new.holder_name == "Alex Rivera-Stone"
    completed.refresh_from_db()
    assert completed.superseded_by == new


@pytest.mark.parametrize("role", ["Editor", "Mentor", "Recruiter"])
def test_only_coordinators_revoke(client, completed, make_user, role):
    client.force_login(make_user(role))
    url = reverse("certificates_admin:action", args=[completed.pk, "revoke"])
    response = client.post(url, {"category": "other", "reason": "Not allowed here"})
    assert response.status_code in (302, 403)
    completed.refresh_from_db()
    assert completed.revoked_at is None


def test_certificates_cannot_be_edited_or_created_in_the_admin(client, completed, coordinator):
    client.force_login(coordinator)
    edit = reverse("certificates_admin:edit", args=[completed.pk])
    # Wagtail's admin answers a denied view by sending the user back to the dashboard.
    for response in (
        client.get(edit),
        client.post(edit, {"title": "Forged"}),
        client.get(reverse("certificates_admin:add")),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    completed.refresh_from_db()
    assert completed.title != "Forged"
    assert client.get(reverse("certificates_admin:index")).status_code == 200


def test_action_pages_are_headed_by_the_action_and_the_certificate(client, completed, coordinator):
    client.force_login(coordinator)
    for action, heading in (("revoke", "Revoke certificate"), ("reissue", "Reissue certificate")):
        html = client.get(reverse("certificates_admin:action", args=[completed.pk, action]))
        html = html.content.decode()
        assert "<h1" in html and heading in html.split("<h1", 1)[1].split("</h1>", 1)[0]
        assert f"{heading[:-12]} certificate {completed.formatted_code}" in html


def test_no_public_reason_is_chosen_in_advance(client, completed, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("certificates_admin:action", args=[completed.pk, "revoke"]))
    assert response.context["form"]["category"].value() in (None, "")
    refused = client.post(
        reverse("certificates_admin:action", args=[completed.pk, "revoke"]),
        {"reason": "Wrong learner account", "confirmed": "1"},
    )
    assert refused.status_code == 400
    completed.refresh_from_db()
    assert completed.revoked_at is None


def test_revoke_shows_the_public_wording_before_it_happens_and_names_it_after(
    client, completed, coordinator
):
    client.force_login(coordinator)
    url = reverse("certificates_admin:action", args=[completed.pk, "revoke"])
    data = {"category": "holder_request", "reason": "Asked by email"}
    wording = "This certificate was revoked (at the holder's request). It is no longer valid."
    asked = client.post(url, data)
    assert wording in asked.content.decode().replace("&#x27;", "'")
    done = client.post(url, {**data, "confirmed": "1"}, follow=True)
    text = done.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert f"Certificate {completed.formatted_code} revoked." in text and wording in text


def test_reissue_message_names_the_new_code(client, completed, coordinator):
    client.force_login(coordinator)
    url = reverse("certificates_admin:action", args=[completed.pk, "reissue"])
    done = client.post(
        url, {"holder_name": "Alex Rivera-Stone", "reason": "Married name"}, follow=True
    )
    new = Certificate.objects.exclude(pk=completed.pk).get()
    text = done.content.decode()
    assert f"reissued as {new.formatted_code}, printed for Alex Rivera-Stone" in text


def test_no_add_button_even_for_an_admin(client, completed):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse("certificates_admin:index")).content.decode()
    assert reverse("certificates_admin:add") not in html


@pytest.mark.parametrize("typed", ["printed", "plain", "lower"])
def test_certificate_search_finds_the_code_as_printed(client, completed, coordinator, typed):
    client.force_login(coordinator)
    query = {
        "printed": completed.formatted_code,
        "plain": completed.code,
        "lower": completed.formatted_code.lower(),
    }[typed]
    response = client.get(reverse("certificates_admin:index"), {"q": query})
    assert [c.pk for c in response.context_data["object_list"]] == [completed.pk]
