"""Deactivating an account: its active pairs are shown first, with reassignment links; the
sign-in answer for a deactivated account is the one for a wrong password."""

from django.urls import reverse

import pytest

from lms.accounts.forms import EmailAuthenticationForm
from lms.mentorship.admin import DEACTIVATION_CONFIRMED
from tests.factories import PASSWORD, UserFactory
from tests.mentorship.factories import PairingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def edit_data(client, user, **changes):
    """The user edit form as the admin would send it, with the given fields changed."""
    form = client.get(reverse("wagtailusers_users:edit", args=[user.pk])).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name.startswith("password") or value in (None, False):
            continue
        if (
            isinstance(value, (list, tuple))
            or hasattr(value, "__iter__")
            and not isinstance(value, str)
        ):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = "on" if value is True else value
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_opening_a_paired_mentors_account_warns_of_the_active_pairs(admin_client):
    pair = PairingFactory()
    response = admin_client.get(reverse("wagtailusers_users:edit", args=[pair.mentor.pk]))
    assert response.status_code == 200
    assert "is in 1 active pair(s)" in response.content.decode()


def test_deactivating_a_paired_mentor_shows_the_pairs_first_with_reassignment(admin_client):
    pair = PairingFactory()
    mentor = pair.mentor
    url = reverse("wagtailusers_users:edit", args=[mentor.pk])
    data = edit_data(admin_client, mentor, is_active=None)

    response = admin_client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deactivate anyway" in html
    assert reverse("mentorship:mentee_detail", args=[pair.mentee.pk]) in html
    assert reverse("mentorship:pair_end", args=[pair.pk]) in html
    mentor.refresh_from_db()
    assert mentor.is_active  # nothing saved yet

    confirmed = admin_client.post(url, {**data, DEACTIVATION_CONFIRMED: "1"})

    assert confirmed.status_code == 302
    mentor.refresh_from_db()
    assert not mentor.is_active


def test_an_unpaired_account_is_deactivated_in_one_step(admin_client):
    mentor = UserFactory(role="Mentor")
    url = reverse("wagtailusers_users:edit", args=[mentor.pk])
    response = admin_client.post(url, edit_data(admin_client, mentor, is_active=None))
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert not mentor.is_active


def test_saving_a_paired_account_that_stays_active_asks_nothing(admin_client):
    pair = PairingFactory()
    url = reverse("wagtailusers_users:edit", args=[pair.mentor.pk])
    data = edit_data(admin_client, pair.mentor, first_name="Renamed", is_active="on")
    assert admin_client.post(url, data).status_code == 302


@pytest.mark.parametrize("login_url", ["login", "wagtailadmin_login"])
def test_a_deactivated_account_gets_the_wrong_password_message(client, login_url):
    UserFactory(email="gone@example.org", is_active=False)
    UserFactory(email="here@example.org", password="right-horse-battery")
    url = reverse(login_url)
    inactive = client.post(url, {"username": "gone@example.org", "password": PASSWORD})
    wrong = client.post(url, {"username": "here@example.org", "password": "wrong-password"})

    def errors(response):
        return response.context["form"].non_field_errors()

    assert inactive.status_code == wrong.status_code == 200
    assert errors(inactive) == errors(wrong)
    assert len(errors(inactive)) == 1
    if login_url == "login":
        assert errors(inactive)[0] == EmailAuthenticationForm.error_messages["invalid_login"]
