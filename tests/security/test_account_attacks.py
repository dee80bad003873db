"""The account attacks of the trust review, replayed: each must fail.

Hijacking a registration, look-alike addresses, letter case past the lockout, and the work that
gave away which addresses have an account (compared by what runs, never by a clock).
"""

import re
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from lms.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER_PASSWORD = "attacker-chose-this-9"
VICTIM_PASSWORD = "victim-chose-this-42"
VICTIM = "victim@example.org"
LINK = re.compile(r"http://testserver(/accounts/register/confirm/\S+)")


def register(client, email, password=ATTACKER_PASSWORD, first_name="Jo"):
    """A registration as a browser sends it (an older form also sent a password pair)."""
    data = {
        "first_name": first_name,
        "last_name": "Doe",
        "email": email,
        "password1": password,
        "password2": password,
    }
    return client.post(reverse("register"), data, follow=True)


def links_in(messages) -> list[str]:
    return [m[1] for m in (LINK.search(x.body) for x in messages) if m]


def confirm(client, link, password=VICTIM_PASSWORD):
    """Follow a confirmation link as its owner: open it and, where asked, choose a password."""
    response = client.get(link)
    if response.status_code == 200 and b"password1" in response.content:
        response = client.post(
            link,
            {
                "first_name": "Victor",
                "last_name": "Owner",
                "password1": password,
                "password2": password,
            },
        )
    return response


def signs_in(client, email, password) -> bool:
    client.logout()
    client.post(reverse("login"), {"username": email, "password": password})
    signed_in = "_auth_user_id" in client.session
    client.logout()
    return signed_in


# --- 2. registration that cannot be taken over --------------------------------------------------


def test_hijack_attackers_password_never_becomes_the_password_when_victim_confirms(client):
    register(client, VICTIM, password=ATTACKER_PASSWORD)
    [link] = links_in(mail.outbox)

    confirm(client, link, password=VICTIM_PASSWORD)

    assert User.objects.filter(email=VICTIM, is_active=True).exists()
    assert not signs_in(client, VICTIM, ATTACKER_PASSWORD)
    assert signs_in(client, VICTIM, VICTIM_PASSWORD)


def test_hijack_a_new_registration_replaces_the_pending_one_and_voids_its_link(client):
    register(client, VICTIM, password=ATTACKER_PASSWORD, first_name="Mallory")
    register(client, VICTIM, password=VICTIM_PASSWORD, first_name="Victor")
    first, second = links_in(mail.outbox)  # the victim gets a fresh link, not "already has one"

    assert client.get(first).status_code == 400
    confirm(client, second, password=VICTIM_PASSWORD)

    user = User.objects.get(email=VICTIM)
    assert user.is_active and user.first_name == "Victor"
    assert not signs_in(client, VICTIM, ATTACKER_PASSWORD)


def test_a_confirmation_link_only_shows_a_form_until_a_password_is_chosen(client):
    """Mail scanners open links: opening one must not activate anything."""
    register(client, VICTIM)
    [link] = links_in(mail.outbox)

    assert client.get(link).status_code == 200
    assert not User.objects.filter(email=VICTIM, is_active=True).exists()


def test_an_expired_registration_never_blocks_the_address(client):
    register(client, VICTIM)
    [old] = links_in(mail.outbox)
    later = timezone.now() + timedelta(days=8)
    with override_settings(REGISTRATION_VALID_DAYS=7):
        call_command("expire_registrations", now=later.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert client.get(old).status_code == 400
    register(client, VICTIM)
    [*_, new] = links_in(mail.outbox)
    confirm(client, new)
    assert signs_in(client, VICTIM, VICTIM_PASSWORD)


def test_send_the_link_again_answers_alike_and_mails_a_fresh_link_to_a_pending_address(
    client, mentor
):
    register(client, VICTIM)
    [old] = links_in(mail.outbox)
    pages = [
        client.post(reverse("register_resend"), {"email": email}, follow=True)
        for email in (VICTIM, mentor.email, "nobody@example.org")
    ]

    assert len({p.redirect_chain[-1][0] for p in pages}) == 1
    assert len({re.sub(rb'value="[^"]+"', b"", p.content) for p in pages}) == 1
    [*_, new] = links_in(mail.outbox)
    assert new != old
    assert client.get(old).status_code == 400
    assert not any(m.to == ["nobody@example.org"] for m in mail.outbox)


# --- 3. one address, one account ----------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "Mentor@Example.org",
        "mentor@\uff45xample.org",  # fullwidth e
        "\uff4dentor@example.org",  # fullwidth m in the local part
        "MENTOR@EXAMPLE.ORG",
    ],
)
def test_look_alike_address_reaches_the_existing_account_and_makes_no_second(
    client, make_user, variant
):
    make_user("Mentor", email="mentor@example.org")
    accounts_before = User.objects.count()

    register(client, variant)

    assert User.objects.count() == accounts_before
    assert [m.to for m in mail.outbox] == [["mentor@example.org"]]
    assert links_in(mail.outbox) == []  # "you already have an account", no confirmation link


@pytest.mark.parametrize(
    "address",
    [
        "mentor@ex\u0430mple.org",  # Cyrillic a in a Latin domain
        "m\u0435ntor@example.org",  # Cyrillic e in a Latin local part
        "mentor@\u0440aypal.com",  # Cyrillic r
    ],
)
def test_address_mixing_scripts_is_refused_with_a_clear_message(client, address):
    response = register(client, address)

    assert response.status_code == 200
    assert b"letters from different alphabets" in response.content
    assert mail.outbox == []


def test_password_reset_and_invitation_use_the_same_normalized_address(client, coordinator):
    user = User.objects.create_user(email="mentor@example.org", password=PASSWORD)
    client.post(reverse("password_reset"), {"email": "MENTOR@\uff45xample.org"})
    assert [m.to for m in mail.outbox] == [[user.email]]

    client.force_login(coordinator)
    client.post(reverse("invitation_new"), {"email": "Guest@\uff45xample.org"})
    from lms.accounts.models import Invitation

    assert Invitation.objects.get().email == "guest@example.org"


# --- 4. the lockout keys on the normalized address ----------------------------------------------


def test_lockout_holds_for_every_spelling_of_the_address(client, make_user):
    make_user("Editor", email="editor@example.org")
    for _ in range(5):
        client.post(reverse("login"), {"username": "editor@example.org", "password": "wrong-1"})

    for variant in (
        "editor@example.org",
        "Editor@example.org",
        "EDITOR@EXAMPLE.ORG",
        "\uff45ditor@example.org",
        "editor@\uff45xample.org",
    ):
        response = client.post(reverse("login"), {"username": variant, "password": PASSWORD})
        assert response.status_code == 429, variant
        assert "_auth_user_id" not in client.session


# --- 5. the same work for known and unknown addresses -------------------------------------------

DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def _work(client, url, data):
    """What one request does: its SQL and the tasks it enqueued (the dummy backend keeps them)."""
    from django.tasks import default_task_backend

    default_task_backend.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    tasks = [(r.task.name, sorted(r.kwargs)) for r in default_task_backend.results]
    shapes = [re.sub(r"'[^']*'|\d+", "?", q["sql"]) for q in queries.captured_queries]
    return response.status_code, response.get("Location"), shapes, tasks


@override_settings(TASKS=DUMMY_TASKS)
@pytest.mark.parametrize(
    "url_name", ["register", "password_reset", "register_resend", "invitation_new"]
)
def test_known_and_unknown_addresses_do_the_same_work_and_mail_only_through_the_worker(
    client, mentor, coordinator, url_name
):
    if url_name == "invitation_new":  # a coordinator's page (which alone may name an account)
        client.force_login(coordinator)
        client.get(reverse(url_name))  # the session's first request stamps it (idle timeout)
    data = {"first_name": "Jo", "last_name": "Doe", "password1": "x", "password2": "x"}
    known = _work(client, reverse(url_name), {**data, "email": mentor.email})
    unknown = _work(client, reverse(url_name), {**data, "email": "nobody@example.org"})

    assert known == unknown
    assert len(known[3]) == 1  # one task each: the mail goes through the worker
    assert mail.outbox == []
