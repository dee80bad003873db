import pytest

from tests import figures


@pytest.fixture
def make_user(db):
    from tests.factories import UserFactory

    def make(role=None, **kwargs):
        return UserFactory(role=getattr(role, "value", role), **kwargs)

    return make


@pytest.fixture
def mentor(make_user):
    return make_user("Mentor")


@pytest.fixture
def mentee(make_user):
    return make_user("Mentee")


@pytest.fixture
def recruiter(make_user):
    return make_user("Recruiter")


@pytest.fixture
def editor(make_user):
    return make_user("Editor")


@pytest.fixture
def coordinator(make_user):
    return make_user("Coordinator")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped site content and curriculum once; each test rolls back to this state.

    Transactional tests (run last by pytest-django) flush the database and load their own data.
    """
    from content.loader import content_load
    from lms.training.curriculum import curriculum_load

    with django_db_blocker.unblock():
        content_load()
        curriculum_load()


@pytest.fixture
def site_content(db):
    """The shipped pages, already loaded by django_db_setup."""


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached verification pages, rate data)."""
    from django.conf import settings

    if not settings.configured:  # the browser tests run without pytest-django
        return
    from django.core.cache import cache

    cache.clear()


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: its figures go to the controller
        workeroutput["figures"] = figures.export()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    figures.merge(getattr(node, "workeroutput", {}).get("figures", {}))


def pytest_terminal_summary(terminalreporter, config):
    if getattr(config, "workeroutput", None) is not None:
        return
    lines = {**figures.REPORT, **figures.bad_input_lines()}
    if lines:
        terminalreporter.write_sep("-", "security figures")
        for name, value in lines.items():
            terminalreporter.write_line(f"{name}: {value}")
