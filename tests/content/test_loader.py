import shutil
from pathlib import Path

import pytest

from content.loader import CONTENT_DIR, content_load
from content.models import ResourcePage
from content.sourcefiles import SourceError

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_copy(tmp_path) -> Path:
    for name in ("site", "resources"):
        shutil.copytree(CONTENT_DIR / name, tmp_path / name)
    return tmp_path


def test_loading_the_shipped_content_again_changes_nothing(content_copy):
    revisions = sum(p.revisions.count() for p in ResourcePage.objects.all())
    second = content_load(base_dir=content_copy)
    assert ResourcePage.objects.count() == 6
    assert second.count("unchanged") == 8
    assert sum(p.revisions.count() for p in ResourcePage.objects.all()) == revisions


def test_an_edited_file_becomes_a_new_revision(content_copy):
    content_load(base_dir=content_copy)
    path = content_copy / "resources" / "02-first-meeting.md"
    path.write_text(
        path.read_text().replace("# Resource: Your first meeting", "# Resource: Meeting one")
    )
    report = content_load(base_dir=content_copy)
    assert report.count("updated") == 1
    page = ResourcePage.objects.get(slug="your-first-meeting")
    assert page.title == "Meeting one"
    assert page.revisions.count() == 2
    assert page.live and not page.has_unpublished_changes


def test_a_broken_file_stops_the_load_naming_file_and_line_and_changes_nothing(content_copy):
    content_load(base_dir=content_copy)
    path = content_copy / "resources" / "04-setting-goals.md"
    lines = path.read_text().splitlines()
    lines.insert(5, "> [!WARNING] not a box kind")
    path.write_text("\n".join(lines) + "\n")
    (content_copy / "resources" / "01-what-a-mentor-is.md").write_text(
        (content_copy / "resources" / "01-what-a-mentor-is.md")
        .read_text()
        .replace("# Resource: What a peer mentor is, and is not", "# Resource: Changed title")
    )
    with pytest.raises(SourceError) as error:
        content_load(base_dir=content_copy)
    assert error.value.path.name == "04-setting-goals.md"
    assert error.value.line == 6
    assert "must start with [!CALLOUT]" in error.value.problem
    assert not ResourcePage.objects.filter(title="Changed title").exists()
