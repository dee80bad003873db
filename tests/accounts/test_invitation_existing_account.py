"""An invitation to an address that already has an account (issue 11, smaller findings).

The coordinator is told on their page, and no invitation is used up in silence; the public
invitation page still says nothing about whether an address has an account.
"""

from django.core import mail
from django.urls import reverse

import pytest

from lms.accounts import services as accounts
from lms.accounts.models import Invitation

pytestmark = pytest.mark.django_db

ACCEPT = {
    "display_name": "Sam",
    "password1": "a-long-passphrase-7",
    "password2": "a-long-passphrase-7",
}


def test_coordinator_is_told_when_the_address_already_has_an_account(client, coordinator, mentor):
    client.force_login(coordinator)
    response = client.post(reverse("invitation_new"), {"email": mentor.email.upper()})
    assert response.status_code == 200
    html = response.content.decode()
    assert accounts.INVITATION_ACCOUNT_EXISTS.format(email=mentor.email) in html
    assert "Invitation sent" not in html and response.context["sent"] is None
    assert not Invitation.objects.exists()
    # The person hears how to sign in instead: one mail, as for a new address.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [mentor.email]
    assert "/accounts/login/" in mail.outbox[0].body
    assert "/accounts/invitation/" not in mail.outbox[0].body


def test_an_account_made_after_the_invitation_leaves_it_unspent_and_the_coordinator_told(
    client, coordinator, make_user
):
    link = accounts.invitation_create(email="late@example.org", created_by=coordinator)
    make_user("Mentor", email="late@example.org")
    path = link.removeprefix("http://testserver")
    response = client.post(path, ACCEPT)
    assert response.status_code == 400
    assert accounts.INVITATION_UNUSABLE in response.content.decode()
    invitation = Invitation.objects.get()
    assert invitation.used_at is None
    client.force_login(coordinator)
    html = client.get(reverse("invitation_new")).content.decode()
    assert accounts.INVITATION_STATE_ACCOUNT_EXISTS in html


def test_the_public_invitation_page_answers_alike_for_a_taken_and_a_bad_link(
    client, coordinator, make_user
):
    link = accounts.invitation_create(email="late@example.org", created_by=coordinator)
    make_user("Mentor", email="late@example.org")
    taken = client.post(link.removeprefix("http://testserver"), ACCEPT)
    bad = client.post("/accounts/invitation/" + "x" * 43 + "/", ACCEPT)
    assert taken.status_code == bad.status_code == 400
    assert taken.content == bad.content
