"""Invitations in the admin menu (issue 19): a coordinator invites from the admin, is warned
about an address with an open invitation or an account, revokes and resends, and every state in
the list is true (accepted only when an account was made; expired once past its date)."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.menu import admin_menu

import pytest

from lms.accounts import selectors
from lms.accounts import services as accounts
from lms.accounts.models import Invitation

pytestmark = pytest.mark.django_db

INDEX = "/admin/invitations/"
ACCEPT = {
    "display_name": "Sam",
    "password1": "a-long-passphrase-7",
    "password2": "a-long-passphrase-7",
}


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def states(client) -> dict[str, list[str]]:
    html = client.get(INDEX).content.decode()
    found: dict[str, list[str]] = {}
    for state, email in re.findall(r'data-state="([^"]+)">\s*<td>([^<]+)</td>', html):
        found.setdefault(email, []).append(state)
    return found


def menu_urls(user, rf) -> set[str]:
    request = rf.get("/admin/")
    request.user = user
    return {getattr(item, "url", "") for item in admin_menu.menu_items_for_request(request)}


def test_the_admin_menu_offers_invitations_to_coordinators_only(client, rf, coordinator, editor):
    assert INDEX in menu_urls(coordinator, rf)
    assert INDEX not in menu_urls(editor, rf)
    client.force_login(editor)
    assert client.get(INDEX).status_code == 302  # Wagtail's refusal, back to the dashboard


def test_a_coordinator_invites_from_the_admin_and_sees_it_open(client, coordinator):
    client.force_login(coordinator)
    response = client.post(INDEX, {"email": "New.Person@Example.org"}, follow=True)
    assert response.redirect_chain == [(INDEX, 302)]
    html = response.content.decode()
    assert "Invitation sent to new.person@example.org" in html
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org"
    assert "Open until " + selectors.local_day(invitation.expires_at) in html
    assert len(mail.outbox) == 1 and "/accounts/invitation/" in mail.outbox[0].body


def test_a_second_invitation_to_an_open_address_is_refused_on_the_field(client, coordinator):
    client.force_login(coordinator)
    client.post(INDEX, {"email": "twice@example.org"})
    response = client.post(INDEX, {"email": "TWICE@example.org"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "An invitation to twice@example.org is already open" in html
    assert 'value="TWICE@example.org"' in html  # what was typed stays
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_the_old_invitation_page_refuses_a_second_open_link_too(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("invitation_new"), {"email": "twice@example.org"})
    response = client.post(reverse("invitation_new"), {"email": "twice@example.org"})
    assert response.status_code == 400
    assert "is already open" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_a_double_submit_reaching_the_worker_makes_no_second_open_link(coordinator):
    assert accounts.invitation_create(email="a@example.org", created_by=coordinator)
    assert accounts.invitation_create(email="a@example.org", created_by=coordinator) is None
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_an_address_with_an_account_gets_a_warning_and_no_invitation(client, coordinator, mentor):
    client.force_login(coordinator)
    response = client.post(INDEX, {"email": mentor.email}, follow=True)
    html = response.content.decode()
    assert accounts.INVITATION_ACCOUNT_EXISTS.format(email=mentor.email) in html
    assert "Invitation sent" not in html
    assert not Invitation.objects.exists()
    assert "/accounts/invitation/" not in mail.outbox[0].body  # how to sign in, not a new account


def test_revoking_stops_the_link_and_the_list_says_revoked(client, coordinator):
    client.force_login(coordinator)
    client.post(INDEX, {"email": "stop@example.org"})
    link = link_in(mail.outbox[0]).removeprefix("http://testserver")
    invitation = Invitation.objects.get()
    response = client.post(reverse("lms_invitations:revoke", args=[invitation.pk]), follow=True)
    assert "The invitation to stop@example.org is revoked" in response.content.decode()
    assert states(client) == {"stop@example.org": ["revoked"]}
    assert accounts.INVITATION_UNUSABLE in client.post(link, ACCEPT).content.decode()
    again = client.post(reverse("lms_invitations:revoke", args=[invitation.pk]))
    assert again.status_code == 400
    assert accounts.INVITATION_NOT_OPEN in again.content.decode()


def test_resending_mails_a_new_link_and_the_old_one_stops(client, coordinator):
    client.force_login(coordinator)
    client.post(INDEX, {"email": "again@example.org"})
    old_link = link_in(mail.outbox[0]).removeprefix("http://testserver")
    first = Invitation.objects.get()
    response = client.post(reverse("lms_invitations:resend", args=[first.pk]), follow=True)
    assert "A new invitation is on its way to again@example.org" in response.content.decode()
    assert len(mail.outbox) == 2
    new_link = link_in(mail.outbox[1]).removeprefix("http://testserver")
    assert new_link != old_link
    assert sorted(states(client)["again@example.org"]) == ["open", "revoked"]
    client.logout()
    assert accounts.INVITATION_UNUSABLE in client.post(old_link, ACCEPT).content.decode()
    assert client.post(new_link, ACCEPT).status_code == 302


def test_an_expired_invitation_says_expired_and_can_be_resent(client, coordinator):
    accounts.invitation_create(
        email="late@example.org", created_by=coordinator, now=timezone.now() - timedelta(days=30)
    )
    client.force_login(coordinator)
    assert states(client) == {"late@example.org": ["expired"]}
    assert "Expired " in client.get(INDEX).content.decode()
    # A new invitation to the address is not a duplicate: the expired one is not open.
    assert client.post(INDEX, {"email": "late@example.org"}).status_code == 302
    assert sorted(states(client)["late@example.org"]) == ["expired", "open"]


def test_only_an_accepted_invitation_says_accepted_and_it_is_not_resent(client, coordinator):
    link = accounts.invitation_create(email="took@example.org", created_by=coordinator)
    assert client.post(link.removeprefix("http://testserver"), ACCEPT).status_code == 302
    client.force_login(coordinator)
    html = client.get(INDEX).content.decode()
    assert "Accepted: account made" in html
    assert "Resend the invitation to took@example.org" not in html
    invitation = Invitation.objects.get()
    response = client.post(reverse("lms_invitations:resend", args=[invitation.pk]))
    assert response.status_code == 400
    assert accounts.INVITATION_ALREADY_USED in response.content.decode()
    assert Invitation.objects.count() == 1


def test_an_invitation_whose_address_got_an_account_is_not_called_used(
    client, coordinator, make_user
):
    accounts.invitation_create(email="later@example.org", created_by=coordinator)
    make_user("Mentor", email="later@example.org")
    client.force_login(coordinator)
    assert states(client) == {"later@example.org": ["account_exists"]}
    assert accounts.INVITATION_STATE_ACCOUNT_EXISTS in client.get(INDEX).content.decode()
