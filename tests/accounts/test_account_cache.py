"""The signed-in account is read from the cache (lms/accounts/backends.py); a deactivation, a new
password or a change of roles is seen on the very next request, whichever way it is made."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db

DASHBOARD = "/training/dashboard/"


def signed_in(client, user):
    client.force_login(user)
    assert client.get(DASHBOARD).status_code == 200  # the account is now cached
    return client


def test_a_signed_in_request_reads_the_account_from_the_cache(client, mentor):
    signed_in(client, mentor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    read = [q["sql"] for q in queries if '"lms_user"' in q["sql"] or "auth_group" in q["sql"]]
    assert read == []


def test_a_deactivated_account_is_signed_out_on_the_next_request(client, mentor):
    signed_in(client, mentor)
    mentor.is_active = False
    mentor.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_password_changed_elsewhere_signs_this_session_out(client, mentor):
    signed_in(client, mentor)
    mentor.set_password("a whole new passphrase 2026")
    mentor.save()
    assert client.get(DASHBOARD).status_code == 302


def test_a_role_taken_away_is_seen_on_the_next_request(client, mentor):
    signed_in(client, mentor)
    mentor.groups.remove(Group.objects.get(name=Role.MENTOR))
    assert client.get(DASHBOARD).status_code == 403


def test_a_role_taken_away_from_the_group_side_is_seen_too(client, mentor):
    signed_in(client, mentor)
    Group.objects.get(name=Role.MENTOR).user_set.remove(mentor)
    assert client.get(DASHBOARD).status_code == 403


def test_a_group_emptied_at_once_is_seen_too(client, mentor):
    signed_in(client, mentor)
    Group.objects.get(name=Role.MENTOR).user_set.clear()
    assert client.get(DASHBOARD).status_code == 403


def test_a_role_given_is_seen_on_the_next_request(client, mentee):
    signed_in_as_mentee = client
    signed_in_as_mentee.force_login(mentee)
    assert client.get(DASHBOARD).status_code == 403
    mentee.groups.add(Group.objects.get(name=Role.MENTOR))
    assert client.get(DASHBOARD).status_code == 200


def test_a_deleted_account_is_signed_out(client, mentor):
    signed_in(client, mentor)
    mentor.delete()
    assert client.get(DASHBOARD).status_code == 302


@pytest.mark.parametrize("user_id", ["not a number", None, "1e3", "-1"])
def test_an_odd_user_id_in_a_session_finds_no_one(user_id):
    from lms.accounts.backends import AccountBackend

    assert AccountBackend().get_user(user_id) is None


def test_without_a_shared_cache_every_request_reads_the_database(client, mentor, settings):
    settings.CACHE_SHARED = False
    signed_in(client, mentor)
    with CaptureQueriesContext(connection) as queries:
        client.get(DASHBOARD)
    assert any('"lms_user"' in q["sql"] for q in queries)
