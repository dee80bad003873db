import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from lms.accounts import services as accounts
from lms.accounts.models import Invitation, User
from lms.accounts.roles import Role, user_has_role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def _without_csrf(content: bytes) -> bytes:
    return CSRF_RE.sub(b"", content)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_by_email(client, make_user, role):
    user = make_user(role, email=f"{role.value.lower()}@example.org")
    response = client.post(reverse("login"), {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_failed_login_looks_the_same_for_known_and_unknown_email(client, mentor):
    known = client.post(reverse("login"), {"username": mentor.email, "password": "wrong-pass-1"})
    unknown = client.post(
        reverse("login"), {"username": "nobody@example.org", "password": "wrong-pass-1"}
    )
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf(known.content).replace(mentor.email.encode(), b"X") == _without_csrf(
        unknown.content
    ).replace(b"nobody@example.org", b"X")


def test_password_reset_same_status_and_page_for_registered_and_unregistered(client, mentor):
    known = client.post(reverse("password_reset"), {"email": mentor.email}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf(known.content) == _without_csrf(unknown.content)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [mentor.email]


def test_repeated_failed_logins_are_throttled_alike_for_known_and_unknown(client, mentor):
    for email in (mentor.email, "nobody@example.org"):
        statuses = [
            client.post(
                reverse("login"), {"username": email, "password": "wrong-pass-1"}
            ).status_code
            for _ in range(6)
        ]
        # AXES_FAILURE_LIMIT = 5: the fifth failure locks the pair out.
        assert statuses == [200, 200, 200, 200, 429, 429]
    # Even the right password is refused while locked out.
    locked = client.post(reverse("login"), {"username": mentor.email, "password": PASSWORD})
    assert locked.status_code == 429


def _register(client, email, **extra):
    data = {
        "first_name": "Jo",
        "last_name": "Doe",
        "email": email,
        "password1": "a-long-passphrase-7",
        "password2": "a-long-passphrase-7",
        **extra,
    }
    return client.post(reverse("register"), data, follow=True)


def test_registration_answers_the_same_for_new_and_existing_email(client, mentor):
    new = _register(client, "new.person@example.org")
    existing = _register(client, mentor.email)
    assert new.status_code == existing.status_code == 200
    assert new.redirect_chain == existing.redirect_chain
    assert _without_csrf(new.content) == _without_csrf(existing.content)
    assert User.objects.filter(email__iexact=mentor.email).count() == 1
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["About your sign-up request", "Confirm your email address"]


def test_registration_with_bad_input_keeps_what_was_typed(client):
    response = client.post(reverse("register"), {"first_name": "Jo", "email": "jo@example"})
    assert response.status_code == 200
    assert b'value="Jo"' in response.content
    assert b"Enter a valid email address." in response.content
    assert mail.outbox == []


def _confirm_link() -> str:
    return re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)


def test_confirmation_link_asks_for_a_password_once_and_makes_a_mentor(client):
    _register(client, "jo@example.org")
    assert not User.objects.filter(email="jo@example.org").exists()
    link = _confirm_link()
    assert client.get(link).status_code == 200
    mismatch = client.post(
        link, {"first_name": "Jo", "password1": "a-long-passphrase-7", "password2": "other"}
    )
    assert b"The two passwords are not the same." in mismatch.content
    assert b'value="Jo"' in mismatch.content
    good = {"password1": "a-long-passphrase-7", "password2": "a-long-passphrase-7"}
    first = client.post(link, {"first_name": "Jo", **good})
    assert first.status_code == 302
    user = User.objects.get(email="jo@example.org")
    assert user.is_active and user_has_role(user, Role.MENTOR)
    assert user.check_password("a-long-passphrase-7")
    client.logout()
    assert client.get(link).status_code == 400


def test_unconfirmed_mentor_cannot_sign_in(client):
    _register(client, "jo@example.org")
    response = client.post(
        reverse("login"), {"username": "jo@example.org", "password": "a-long-passphrase-7"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_coordinator_invites_a_mentee_who_sets_name_and_password(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("invitation_new"), {"email": "guest@example.org"})
    assert response.status_code == 200
    assert "Invitation sent to guest@example.org" in response.content.decode()
    link = re.search(r"http://testserver/accounts/invitation/\S+/", mail.outbox[0].body)[0]
    assert link not in response.content.decode()  # the link goes only to the mailbox
    client.logout()
    path = link.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    response = client.post(
        path,
        {
            "display_name": "Sam",
            "password1": "a-long-passphrase-7",
            "password2": "a-long-passphrase-7",
        },
    )
    assert response.status_code == 302
    mentee = User.objects.get(email="guest@example.org")
    assert user_has_role(mentee, Role.MENTEE)
    assert (mentee.first_name, mentee.last_name) == ("Sam", "")
    client.logout()
    # Single use.
    assert client.get(path).status_code == 400


def test_expired_invitation_cannot_be_used(client, coordinator):
    link = accounts.invitation_create(
        email="late@example.org", created_by=coordinator, now=timezone.now() - timedelta(days=8)
    )
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 400
    assert accounts.INVITATION_UNUSABLE.encode() in response.content


def test_invitation_stores_only_a_hash_of_the_token(coordinator):
    link = accounts.invitation_create(email="x@example.org", created_by=coordinator)
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert Invitation.find_usable(token) == invitation


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE, Role.RECRUITER, Role.EDITOR])
def test_only_coordinators_may_invite(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("invitation_new")).status_code == 403


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE, Role.RECRUITER])
def test_learners_and_recruiters_never_reach_the_wagtail_admin(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"] or "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR])
def test_staff_reach_the_wagtail_admin(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/admin/").status_code == 200


def test_editor_cannot_publish_but_coordinator_can(editor, coordinator, site_content):
    from wagtail.models import Page

    home = Page.objects.get(slug="home-page")
    assert not home.permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(editor).can_edit()
    assert home.permissions_for_user(coordinator).can_publish()


def test_mentee_account_holds_only_name_and_email():
    fields = {f.name for f in User._meta.get_fields() if f.concrete}
    personal = fields & {"first_name", "last_name", "email", "phone", "address", "date_of_birth"}
    assert personal == {"first_name", "last_name", "email"}
