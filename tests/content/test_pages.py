import re

import pytest

from content.models import ResourcePage
from lms.roles import Role

pytestmark = pytest.mark.django_db

RESOURCE_URL = "/resources/your-first-meeting/"


def test_home_page_explains_the_programme_to_each_audience(client, site_content):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("For mentors", "For mentees", "For recruiters", "For program staff"):
        assert f"<h2>{heading}</h2>" in html


def test_base_layout_has_skip_link_landmarks_and_no_third_party_requests(client, site_content):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert '<nav aria-label="Main">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_six_onboarding_resources_ship_with_real_content(site_content):
    pages = ResourcePage.objects.live()
    assert pages.count() >= 6
    for page in pages:
        words = sum(len(re.sub(r"<[^>]+>", " ", str(b.render())).split()) for b in page.body)
        assert words >= 300, page.title


def test_mentee_resource_is_open_to_mentees(client, site_content, mentee):
    client.force_login(mentee)
    response = client.get(RESOURCE_URL)
    assert response.status_code == 200
    assert b"Your first meeting" in response.content


def test_mentee_resource_sends_anonymous_visitors_to_sign_in(client, site_content):
    response = client.get(RESOURCE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("role", [Role.MENTOR, Role.RECRUITER])
def test_mentee_resource_refuses_other_signed_in_roles(client, site_content, make_user, role):
    client.force_login(make_user(role))
    response = client.get(RESOURCE_URL)
    assert response.status_code == 403
    assert b"for mentees and programme staff" in response.content


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR])
def test_staff_can_read_mentee_resources(client, site_content, make_user, role):
    client.force_login(make_user(role))
    assert client.get(RESOURCE_URL).status_code == 200


def test_crisis_page_gives_the_numbers(client, site_content, mentee):
    client.force_login(mentee)
    html = client.get("/resources/if-you-are-in-crisis/").content.decode()
    for number in ("988", "1-800-662-4357", "911"):
        assert number in html


def test_search_never_lists_a_page_the_visitor_may_not_open(client, site_content, mentor, mentee):
    anonymous = client.get("/search/", {"q": "mentor"}).content.decode()
    assert "/resources/" not in anonymous
    client.force_login(mentor)
    assert "/resources/" not in client.get("/search/", {"q": "mentor"}).content.decode()
    client.force_login(mentee)
    assert "/resources/" in client.get("/search/", {"q": "mentor"}).content.decode()


def test_search_handles_empty_and_huge_queries(client, site_content):
    assert client.get("/search/").status_code == 200
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 200
    assert client.get("/search/", {"q": "mentor", "page": "nope"}).status_code == 200
