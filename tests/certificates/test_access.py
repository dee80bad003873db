"""Who reaches the holder's certificate pages (issue 11, smaller findings).

A download answers one 404 for "not yours" and for "does not exist", so a certificate's id
says nothing to someone who may not have it; /certificates/ is for the roles that can hold one.
"""

import re

from django.urls import reverse

import pytest

from credentials.models import Certificate
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db

DOWNLOADS = [
    "certificates:download",
    "certificates:openbadges:download_json",
    "certificates:openbadges:download_jwt",
]


CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def test_download_of_someone_elses_certificate_looks_like_one_that_does_not_exist(
    client, completed, make_user, coordinator
):
    missing = (Certificate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for role in (Role.MENTOR, Role.MENTEE, Role.RECRUITER, Role.EDITOR):
        client.force_login(make_user(role))
        for name in DOWNLOADS:
            theirs = client.get(reverse(name, args=[completed.pk]))
            nothing = client.get(reverse(name, args=[missing]))
            assert theirs.status_code == nothing.status_code == 404, (role, name)
            assert CSRF.sub(b"", theirs.content) == CSRF.sub(b"", nothing.content)
    # The holder and coordinators still download.
    for user in (completed.holder, coordinator):
        client.force_login(user)
        for name in DOWNLOADS:
            assert client.get(reverse(name, args=[completed.pk])).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.MENTOR, 200),
        (Role.EDITOR, 200),
        (Role.COORDINATOR, 200),
        (Role.MENTEE, 403),
        (Role.RECRUITER, 403),
    ],
)
def test_my_certificates_is_for_the_roles_that_can_hold_one(client, make_user, role, status):
    client.force_login(make_user(role))
    assert client.get(reverse("certificates:mine")).status_code == status
    response = client.post(reverse("certificates:mine"), {"name": "Pat Doe"})
    assert response.status_code == (302 if status == 200 else 403)


def test_a_holder_whose_role_changed_still_reaches_their_certificates(client, completed):
    holder = completed.holder
    holder.groups.clear()
    holder.groups.add(*holder.groups.model.objects.filter(name=Role.MENTEE))
    client.force_login(holder)
    response = client.get(reverse("certificates:mine"))
    assert response.status_code == 200
    assert completed.formatted_code in response.content.decode()
