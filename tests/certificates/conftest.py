import pytest

from lms.models import QuizPage, TrackPage
from lms.services.training import track_complete_if_done


@pytest.fixture
def completed(mentor, django_capture_on_commit_callbacks):
    """The mentor has completed every module of the shipped track; returns the certificate."""
    from lms.demo import demo_progress

    with django_capture_on_commit_callbacks(execute=True):
        demo_progress(user=mentor, passed=QuizPage.objects.live().count(), failed=0)
    track = TrackPage.objects.get(slug="peer-mentor-foundations")
    assert track_complete_if_done(user=mentor, track=track) is not None
    return mentor.certificates.get()


@pytest.fixture(autouse=True)
def openbadge_key_dir(settings, tmp_path):
    """Every certificate test signs Open Badges with keys in a temporary directory of its own."""
    settings.OPENBADGES_KEY_DIR = str(tmp_path / "openbadge-keys")
    return tmp_path / "openbadge-keys"
