"""The style guide at /styleguide/: staff only, every component in every state."""

import pytest

from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_sign_in_and_learners_are_refused(client, make_user):
    response = client.get("/styleguide/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for role in (Role.MENTOR, Role.MENTEE, Role.RECRUITER):
        client.force_login(make_user(role))
        assert client.get("/styleguide/").status_code == 403


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COORDINATOR])
def test_staff_see_every_component_in_every_state(client, make_user, role):
    client.force_login(make_user(role))
    html = client.get("/styleguide/").content.decode()
    for badge in ("badge--ok", "badge--warn", "badge--bad", "badge--muted"):
        assert badge in html
    for alert in ('class="message"', "message--success", "message--warning", "message--error"):
        assert alert in html
    assert html.count('class="card"') >= 3
    assert 'class="table-wrap" role="region"' in html and 'class="table--stack"' in html
    # Form rows empty and with errors, each error tied to its field.
    assert 'id="empty_email"' in html and 'id="error_email"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="error_email_error"' in html
    for value in ('value="0"', 'value="40"', 'value="100"'):
        assert value in html
    assert html.count('role="img"') == 5  # three rings, bars, columns
    # The CSP allows no inline style: the samples use classes.
    assert "style=" not in html


def test_a_post_is_refused_with_405(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    assert client.post("/styleguide/").status_code == 405
