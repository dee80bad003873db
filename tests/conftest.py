import pytest

from lms.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def make_user(db):
    def make(role=None, **kwargs):
        return UserFactory(role=role.value if role else None, **kwargs)

    return make


@pytest.fixture
def mentor(make_user):
    return make_user(Role.MENTOR)


@pytest.fixture
def mentee(make_user):
    return make_user(Role.MENTEE)


@pytest.fixture
def recruiter(make_user):
    return make_user(Role.RECRUITER)


@pytest.fixture
def editor(make_user):
    return make_user(Role.EDITOR)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def site_content(db):
    """The shipped home page and mentee resources, loaded as `make run` loads them."""
    from content.loader import content_load

    return content_load()


@pytest.fixture(autouse=True)
def _reset_axes(db):
    from axes.utils import reset

    reset()
    yield
