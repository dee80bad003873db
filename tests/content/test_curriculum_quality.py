"""Standards the shipped curriculum and mentee resources are held to (docs/curriculum-format.md):
every file names its sources."""

from pathlib import Path

import pytest

from content.loader import CONTENT_DIR
from content.sourcefiles import parse_sections
from lms.curriculum import parse_curriculum

RESOURCE_FILES = sorted((CONTENT_DIR / "resources").glob("*.md"))
MODULES = parse_curriculum()[1]


def _name(path: Path) -> str:
    return path.name


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.path.name)
def test_every_module_names_its_sources(module):
    assert module.sources, f"{module.path.name} has no '## Sources' list"
    assert all(len(citation) >= 15 for citation in module.sources)


@pytest.mark.parametrize("path", RESOURCE_FILES, ids=_name)
def test_every_resource_names_its_sources(path):
    sources = parse_sections(path)[0].sources
    assert sources, f"{path.name} has no '## Sources' list"
    assert all(len(citation) >= 15 for citation in sources)
