"""Standards the shipped curriculum and mentee resources are held to (docs/curriculum-format.md):
every file names its sources, lessons and mentee pages are written in plain language, each
module's hours are those derived from its own content (content/hours.py), quizzes follow
item-writing rules that can be counted, and every content file passes a spelling check."""

import itertools
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from content.hours import lesson_minutes, stream_counts
from content.loader import CONTENT_DIR
from content.readability import flesch_kincaid_grade
from content.sourcefiles import parse_sections
from lms.training.choices import CETopic
from lms.training.curriculum import parse_curriculum
from lms.training.grading import QuestionKind

RESOURCE_FILES = sorted((CONTENT_DIR / "resources").glob("*.md"))
MODULES = parse_curriculum()[1]
LESSONS = [(module, section) for module in MODULES for section, _, _ in module.lessons]
QUESTIONS = [(module, question) for module in MODULES for question in module.questions]
CONTENT_FILES = sorted(
    path
    for folder in ("curriculum", "resources", "site")
    for path in (CONTENT_DIR / folder).glob("*.md")
)
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
    return module.derivation()


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
        f"reflection activities: {activities})"
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


# Quizzes. The counted rules come from item-writing guidance (plausible distractors of similar
# length, no true/false overuse, real choices in multiple-answer items, no repeated items).
LONGEST_CORRECT_LIMIT = 0.40
SHORTEST_CORRECT_LIMIT = 0.40
TRUE_FALSE_LIMIT = 0.10
CUE_WORDS = re.compile(
    r"\b(always|never|only|all|none|can be|may|might|sometimes|usually|often)\b", re.IGNORECASE
)
STOP_WORDS = {
    *("that", "this", "with", "what", "which", "their", "they", "them", "your", "have", "from"),
    *("does", "will", "would", "should", "about", "when", "were", "into", "than", "then"),
    *("there", "these", "those", "most", "best", "right", "first", "lesson"),
}


def _lengths(question):
    correct = [len(c.text) for c in question.choices if c.correct]
    wrong = [len(c.text) for c in question.choices if not c.correct]
    return correct[0], wrong


def longest_correct_share(questions) -> float:
    singles = [q for q in questions if q.kind == QuestionKind.SINGLE]
    longest = sum(1 for q in singles if _lengths(q)[0] > max(_lengths(q)[1]))
    return longest / len(singles)


def shortest_correct_share(questions) -> float:
    singles = [q for q in questions if q.kind == QuestionKind.SINGLE]
    shortest = sum(1 for q in singles if _lengths(q)[0] < min(_lengths(q)[1]))
    return shortest / len(singles)


def true_false_share(questions) -> float:
    return sum(1 for q in questions if q.kind == QuestionKind.TRUE_FALSE) / len(questions)


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def _content_words(text: str) -> set[str]:
    return {w for w in _normal(text).split() if len(w) >= 4 and w not in STOP_WORDS}


def near_duplicates(questions):
    """Pairs of questions from different modules whose stems share most of their content words."""
    pairs = []
    for (m1, q1), (m2, q2) in itertools.combinations(questions, 2):
        if m1 is m2:
            continue
        a, b = _content_words(q1.section.title), _content_words(q2.section.title)
        shared = a & b
        if len(shared) >= 4 and len(shared) / min(len(a), len(b)) >= 0.7:
            pairs.append((q1.section.title, q2.section.title))
    return pairs


def test_the_correct_option_is_the_longest_in_at_most_40_percent_of_single_answer_items():
    share = longest_correct_share([q for _, q in QUESTIONS])
    assert share <= LONGEST_CORRECT_LIMIT, f"correct option is the longest in {share:.0%}"


def test_the_correct_option_is_the_shortest_in_at_most_40_percent_of_single_answer_items():
    share = shortest_correct_share([q for _, q in QUESTIONS])
    assert share <= SHORTEST_CORRECT_LIMIT, f"correct option is the shortest in {share:.0%}"


def test_true_false_items_are_at_most_10_percent():
    share = true_false_share([q for _, q in QUESTIONS])
    assert share <= TRUE_FALSE_LIMIT, f"true/false items are {share:.0%} of the items"


@pytest.mark.parametrize(
    ("module", "question"),
    [(m, q) for m, q in QUESTIONS if q.kind == QuestionKind.MULTIPLE],
    ids=lambda value: getattr(value, "slug", None) or value.section.title[:50],
)
def test_every_multiple_answer_item_has_at_least_two_wrong_options(module, question):
    wrong = [c for c in question.choices if not c.correct]
    assert len(wrong) >= 2, f"{module.path.name}: {question.section.title}"


def test_true_false_statements_carry_no_hedge_or_absolute_cue():
    for module, question in QUESTIONS:
        if question.kind == QuestionKind.TRUE_FALSE:
            cue = CUE_WORDS.search(question.section.title)
            assert cue is None, (
                f"{module.path.name}: '{cue and cue[0]}' in {question.section.title}"
            )


def test_the_cue_check_catches_hedges_and_absolutes():
    assert CUE_WORDS.search("Relapse can be a process")
    assert CUE_WORDS.search("Naloxone only works on opioids")
    assert not CUE_WORDS.search("Naloxone reverses an opioid overdose")


def test_no_question_text_is_repeated():
    seen: dict[str, str] = {}
    for module, question in QUESTIONS:
        key = _normal(question.section.title)
        assert key not in seen, f"{question.section.title!r} in {module.slug} and {seen[key]}"
        seen[key] = module.slug


def test_no_question_nearly_repeats_one_in_another_module():
    assert near_duplicates(QUESTIONS) == []


def test_no_option_is_all_or_none_of_the_above():
    for module, question in QUESTIONS:
        for choice in question.choices:
            assert not re.search(r"(all|none) of the above", choice.text, re.I), (
                f"{module.path.name}: {question.section.title}"
            )


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.path.name)
def test_every_quiz_has_more_questions_than_it_draws(module):
    draw = module.quiz.number("draw", default=0)
    assert len(module.questions) >= max(draw, 8)
    if draw:
        assert len(module.questions) > draw, "a drawn quiz needs spare questions to vary attempts"


def _item(kind, correct, *wrong):
    from content.sourcefiles import Section
    from lms.training.curriculum import ChoiceSource, QuestionSource

    section = Section(Path("x.md"), "Q", "A question about something here", 1)
    choices = [ChoiceSource(correct, True, "f")] + [ChoiceSource(w, False, "f") for w in wrong]
    return QuestionSource(section=section, kind=kind, lesson_slug=None, choices=choices)


def test_the_quiz_counters_catch_what_the_old_quizzes_did():
    give_away = _item("single", "The long, careful and complete right answer", "No", "Never")
    fair = _item("single", "Call 911 first", "Wait an hour", "Text a friend now")
    assert longest_correct_share([give_away, fair]) == 0.5
    assert shortest_correct_share([_item("single", "Yes", "Not this one", "Nor this")]) == 1
    true_false = _item("truefalse", "True", "False")
    assert true_false_share([true_false] + [fair] * 9) == 0.1
    stem_a = _item("single", "x", "y")
    stem_a.section.title = "Someone will not wake up and you suspect an opioid overdose. What now?"
    stem_b = _item("single", "x", "y")
    stem_b.section.title = "You find someone who will not wake up; you suspect an opioid overdose."
    assert near_duplicates([(MODULES[0], stem_a), (MODULES[1], stem_b)])


# Spelling: codespell over every content file and the format guide. A missing codespell is a
# failure, not a skip: it is in the dev extra (pyproject.toml).
def _codespell() -> str:
    found = shutil.which("codespell") or str(Path(sys.executable).with_name("codespell"))
    assert Path(found).exists(), "codespell is not installed: pip install -e '.[dev]'"
    return found


# Misspellings this project has made that codespell's own list lacks, one "wrong->right" a line.
SPELLING_DICTIONARY = Path(__file__).with_name("codespell-dictionary.txt")


def _spelling_command() -> list[str]:
    # codespell's own list of common misspellings plus the ones this project has made.
    # en-GB_to_en-US flags British spellings: user-facing words are US English. The one British
    # spelling allowed is inside the title of a cited paper, which is quoted as published.
    return [
        _codespell(),
        "--builtin=clear,rare,en-GB_to_en-US",
        "--dictionary=-",
        f"--dictionary={SPELLING_DICTIONARY}",
        "--ignore-regex=suicide and related behaviours",
    ]


def test_every_content_file_passes_codespell():
    docs = CONTENT_DIR.parent / "docs" / "curriculum-format.md"
    result = subprocess.run(
        [*_spelling_command(), *map(str, CONTENT_FILES), str(docs)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_codespell_catches_a_misspelling(tmp_path):
    sample = tmp_path / "sample.md"
    sample.write_text(
        "Set goals that are realiztic.\nYou will recieve a copy.\nAsk the programme staff.\n"
    )
    result = subprocess.run(
        [*_spelling_command(), str(sample)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "realiztic ==> realistic" in result.stdout
    assert "recieve ==> receive" in result.stdout
    assert "programme ==> program" in result.stdout
