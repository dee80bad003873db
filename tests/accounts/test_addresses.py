"""One spelling per mailbox: the normalizer, the stored spelling, and the 0010 data migration."""

from importlib import import_module

from django.apps import apps
from django.core.exceptions import ValidationError

import pytest

from lms.accounts.addresses import (
    ADDRESS_MIXED_SCRIPTS,
    axes_username,
    email_canonical,
    email_normalize,
)
from lms.accounts.models import User

MIGRATION = import_module("lms.migrations.0010_accounts_registration_normalized_email")


@pytest.mark.parametrize(
    ("typed", "spelling"),
    [
        ("Mentor@Example.ORG", "mentor@example.org"),
        ("  mentor@example.org ", "mentor@example.org"),
        ("mentor@\uff45xample.org", "mentor@example.org"),  # fullwidth e (NFKC)
        ("\uff2d\uff25\uff2e\uff34\uff2f\uff32@example.org", "mentor@example.org"),
        ("jo@B\u00fccher.de", "jo@b\u00fccher.de"),  # a real internationalized domain
        ("Stra\u00dfe@example.org", "stra\u00dfe@example.org"),  # not "strasse": another mailbox
    ],
)
def test_every_spelling_of_an_address_normalizes_to_one(typed, spelling):
    assert email_normalize(typed) == spelling


@pytest.mark.parametrize(
    "address",
    ["mentor@ex\u0430mple.org", "m\u0435ntor@example.org", "\u0440aypal@example.org"],
)
def test_addresses_mixing_alphabets_are_refused(address):
    with pytest.raises(ValidationError) as refused:
        email_normalize(address)
    assert refused.value.messages == [ADDRESS_MIXED_SCRIPTS]


@pytest.mark.parametrize("address", ["", "jo", "jo@", "jo@example", "a b@example.org"])
def test_invalid_addresses_are_refused_and_still_have_a_stable_spelling(address):
    with pytest.raises(ValidationError):
        email_normalize(address)
    assert email_canonical(address) == email_canonical(address.upper())


def test_the_lockout_counts_every_spelling_as_one_address(rf):
    request = rf.post("/accounts/login/", {"username": "EDITOR@\uff45xample.org"})
    assert axes_username(request) == "editor@example.org"
    assert axes_username(request, {"username": "Editor@Example.org"}) == "editor@example.org"


@pytest.mark.django_db
def test_the_user_model_stores_and_finds_the_normalized_spelling():
    user = User.objects.create_user(email="Jo@\uff45xample.org", password="x-long-pass-1")
    assert user.email == "jo@example.org"
    assert User.objects.get_by_natural_key("JO@EXAMPLE.ORG") == user


@pytest.mark.django_db
def test_migration_normalizes_older_rows_and_leaves_a_clash_for_a_person_to_settle(capsys):
    keep = User.objects.create_user(email="mentor@example.org", password="x-long-pass-1")
    clash = User.objects.create_user(email="other@example.org", password="x-long-pass-1")
    lone = User.objects.create_user(email="lone@example.org", password="x-long-pass-1")
    # As older code could store them (update() skips save()'s normalizing).
    User.objects.filter(pk=clash.pk).update(email="mentor@\uff45xample.org")
    User.objects.filter(pk=lone.pk).update(email="lone@\uff45xample.org")

    MIGRATION.normalize_emails(apps, None)

    assert User.objects.get(pk=keep.pk).email == "mentor@example.org"
    assert User.objects.get(pk=lone.pk).email == "lone@example.org"
    assert User.objects.get(pk=clash.pk).email == "mentor@\uff45xample.org"
    assert f"account {clash.pk}" in capsys.readouterr().out


@pytest.mark.django_db
def test_migration_retires_unconfirmed_sign_ups_of_the_old_kind(make_user):
    old_signup = make_user("Mentor", is_active=False)
    deactivated_staff = make_user("Coordinator", is_active=False)
    active = make_user("Mentor")

    MIGRATION.retire_unconfirmed_accounts(apps, None)

    assert not User.objects.filter(pk=old_signup.pk).exists()
    assert User.objects.filter(pk__in=[deactivated_staff.pk, active.pk]).count() == 2
