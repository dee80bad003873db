"""Standards the shipped curriculum and mentee resources are held to (docs/curriculum-format.md):
every file names its sources, and lessons and mentee pages are written in plain language."""

from pathlib import Path

import pytest

from content.loader import CONTENT_DIR
from content.readability import flesch_kincaid_grade
from content.sourcefiles import parse_sections
from lms.curriculum import parse_curriculum

RESOURCE_FILES = sorted((CONTENT_DIR / "resources").glob("*.md"))
MODULES = parse_curriculum()[1]
LESSONS = [(module, section) for module in MODULES for section, _, _ in module.lessons]
LESSON_GRADE_LIMIT = 10
RESOURCE_GRADE_LIMIT = 8


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


@pytest.mark.parametrize(
    ("module", "lesson"), LESSONS, ids=[f"{m.slug}/{s.meta['slug'][0]}" for m, s in LESSONS]
)
def test_every_lesson_reads_at_grade_10_or_below(module, lesson):
    grade = flesch_kincaid_grade(lesson.text)
    assert grade <= LESSON_GRADE_LIMIT, f"{module.path.name}: {lesson.title} reads at grade {grade}"


@pytest.mark.parametrize("path", RESOURCE_FILES, ids=_name)
def test_every_mentee_resource_reads_at_grade_8_or_below(path):
    grade = flesch_kincaid_grade(parse_sections(path)[0].text)
    assert grade <= RESOURCE_GRADE_LIMIT, f"{path.name} reads at grade {grade}"


def test_the_reading_level_check_fails_on_dense_text():
    dense = (
        "Notwithstanding organizational considerations, practitioners must contemporaneously "
        "document authorization determinations, confidentiality classifications and "
        "interdisciplinary communications within institutional information systems."
    )
    assert flesch_kincaid_grade(dense) > LESSON_GRADE_LIMIT
