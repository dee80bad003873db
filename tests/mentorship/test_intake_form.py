"""The mentee's matching questions speak to whoever fills them in: "you" on the mentee's own page,
"the mentee" when a coordinator records the answers at intake."""

import html
import re

from django.urls import reverse

import pytest

from lms.mentorship.forms import INTAKE_LABELS
from lms.mentorship.models import MenteeProfile

pytestmark = pytest.mark.django_db


def labels(response) -> list[str]:
    text = response.content.decode()
    return [
        html.unescape(re.sub(r"<[^>]+>", "", label)).strip().rstrip(":")
        for label in re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", text, re.S)
    ]


def test_a_coordinator_at_intake_is_asked_about_the_mentee(client, coordinator, mentee):
    client.force_login(coordinator)
    response = client.get(reverse("mentorship:mentee_profile_edit", args=[mentee.pk]))
    assert response.status_code == 200
    shown = labels(response)
    for label in INTAKE_LABELS.values():
        assert label in shown
    assert "The mentee would rather not say" in shown
    assert not [label for label in shown if re.search(r"\b(you|your|I'd|I)\b", label)], shown


def test_a_coordinator_saves_the_intake_goals(client, coordinator, mentee):
    from lms.mentorship.models import Goal

    goal = Goal.objects.filter(active=True).first() or Goal.objects.create(name="Housing")
    client.force_login(coordinator)
    url = reverse("mentorship:mentee_profile_edit", args=[mentee.pk])
    response = client.post(url, {"goals": [goal.pk], "support_style": "both", "consent": "on"})
    assert response.status_code == 302
    assert list(MenteeProfile.objects.get(user=mentee).goals.all()) == [goal]


def test_the_mentee_on_their_own_page_is_asked_about_themselves(client, mentee):
    client.force_login(mentee)
    shown = labels(client.get(reverse("mentorship:mentee_profile")))
    assert "Your goals" in shown
    assert "The mentee's goals" not in shown
