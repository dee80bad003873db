import re

import pytest

from content.models import ResourcePage
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db

RESOURCE_URL = "/resources/your-first-meeting/"


def test_home_page_explains_the_program_to_each_audience(client, site_content):
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
    assert b"for mentees and program staff" in response.content


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


CRISIS_URL = "/resources/if-you-are-in-crisis/"


def _settings_url():
    from django.urls import reverse

    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["content", "programsettings", site.pk])


def _crisis_lines_form(*lines):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    return nested_form_data(
        {
            "name": "",
            "contact_email": "",
            "crisis_lines": streamfield([("line", line) for line in lines]),
        }
    )


def test_crisis_page_asks_for_the_county_line_until_the_program_enters_one(
    client, site_content, mentee
):
    client.force_login(mentee)
    html = client.get(CRISIS_URL).content.decode()
    assert "Your county&#x27;s crisis line" in html or "Your county's crisis line" in html
    assert "Your program can give you your county" in html


def test_county_crisis_lines_entered_in_the_settings_appear_on_the_crisis_page(
    client, site_content, mentee, make_user
):
    admin = make_user(Role.COORDINATOR, is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        _settings_url(),
        _crisis_lines_form(
            {
                "area": "Dauphin",
                "name": "Dauphin County Crisis Intervention",
                "phone": "(717) 555-0142",
                "hours": "24 hours a day",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(mentee)
    html = client.get(CRISIS_URL).content.decode()
    assert "Dauphin: Dauphin County Crisis Intervention" in html
    assert 'href="tel:717555-0142"' in html
    assert "Your program can give you your county" not in html
    assert "988" in html and "ChildLine" in html


@pytest.mark.parametrize("phone", ["call us", "12", "<script>", "555-01x2"])
def test_a_crisis_line_without_a_phone_number_is_refused_in_the_settings_form(
    client, site_content, make_user, phone
):
    from content.models import ProgramSettings

    admin = make_user(Role.COORDINATOR, is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        _settings_url(),
        _crisis_lines_form({"area": "Dauphin", "name": "Crisis", "phone": phone, "hours": ""}),
    )
    assert response.status_code == 200
    assert "Enter a phone number, like 717-555-0100." in response.content.decode()
    assert not any(s.crisis_lines for s in ProgramSettings.objects.all())


def test_crisis_numbers_are_links_a_phone_can_call_or_text(client, site_content, mentee):
    client.force_login(mentee)
    html = client.get(CRISIS_URL).content.decode()
    html = html[html.index("<main") : html.index("</main>")]  # the footer has some of them too
    for href in ("tel:911", "tel:988", "sms:988", "tel:18006624357", "tel:18009320313"):
        assert f'href="{href}"' in html, href


def test_each_role_sees_its_own_nav_and_mentees_no_training(client, site_content, mentee, mentor):
    client.force_login(mentee)
    header = client.get("/").content.decode().split("<main")[0]
    assert 'href="/training/"' not in header and "My mentor" in header
    client.force_login(mentor)
    header = client.get("/").content.decode().split("<main")[0]
    assert 'href="/training/"' in header and "My training" in header
    # Small screens: the same lists in one disclosure menu.
    assert (
        '<details class="site-menu narrow-only">' in header and "<summary>Menu</summary>" in header
    )
