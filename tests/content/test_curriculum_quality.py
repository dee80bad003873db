"""Standards the shipped curriculum and mentee resources are held to (docs/curriculum-format.md):
every file names its sources, lessons and mentee pages are written in plain language, and each
module's hours are those derived from its own content (content/hours.py)."""

from decimal import Decimal
from pathlib import Path

import pytest

from content.hours import lesson_minutes, module_hours, stream_counts
from content.loader import CONTENT_DIR
from content.readability import flesch_kincaid_grade
from content.sourcefiles import parse_sections
from lms.choices import CETopic
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


def _derivation(module):
    words = activities = 0
    for _, _, stream in module.lessons:
        lesson_words, lesson_activities = stream_counts(stream)
        words += lesson_words
        activities += lesson_activities
    questions = module.quiz.number("draw", default=0) or len(module.questions)
    return module_hours(words=words, activities=activities, questions=questions)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.path.name)
def test_module_hours_are_derived_from_its_content(module):
    derivation = _derivation(module)
    assert abs(module.hours - derivation.total_minutes / 60) <= Decimal("0.05"), (
        f"{module.path.name}: hours: {module.hours}, but the content gives {derivation.hours} "
        f"({derivation.describe()})"
    )


@pytest.mark.parametrize(
    ("module", "lesson"), LESSONS, ids=[f"{m.slug}/{s.meta['slug'][0]}" for m, s in LESSONS]
)
def test_lesson_minutes_are_derived_from_its_content(module, lesson):
    stream = next(stream for section, _, stream in module.lessons if section is lesson)
    words, activities = stream_counts(stream)
    wanted = lesson_minutes(words=words, activities=activities)
    assert lesson.number("minutes", default=10) == wanted, (
        f"{module.path.name}: {lesson.title} gives {wanted} minutes ({words} words, "
        f"{activities} reflection activities)"
    )


def test_the_hours_check_catches_padded_hours():
    module = MODULES[0]
    padded = module.hours + 2
    assert abs(padded - _derivation(module).total_minutes / 60) > Decimal("0.05")


def test_crisis_response_is_not_counted_as_ethics():
    topics = {module.slug: module.section.get("ce_topic") for module in MODULES}
    assert topics["crisis-response"] == CETopic.GENERAL
    assert topics["confidentiality-ethics"] == CETopic.CONFIDENTIALITY
    assert [slug for slug, topic in topics.items() if topic == CETopic.ETHICS] == [
        "peer-mentor-role"
    ]
