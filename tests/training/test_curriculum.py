import re
import shutil
from pathlib import Path

import pytest

from content.sourcefiles import SourceError
from lms.training.curriculum import CURRICULUM_DIR, curriculum_load, parse_curriculum
from lms.training.models import LessonPage, ModulePage, QuizPage
from lms.training.questions import quiz_questions

pytestmark = pytest.mark.django_db

TOPICS = [
    "The peer mentor role and boundaries",
    "Recovery, recovery capital and advocacy",
    "Trauma-informed care and cultural humility",
    "Coping strategies",
    "Relapse prevention and managing triggers",
    "Medications for opioid and alcohol use disorder",
    "Harm reduction and overdose prevention",
    "Confidentiality and ethics",
    "Communication, goals and regular check-ins",
    "Crisis response and when to bring in clinical staff",
    "Self-care for mentors",
]


@pytest.fixture
def curriculum_copy(tmp_path) -> Path:
    shutil.copytree(CURRICULUM_DIR, tmp_path / "curriculum")
    return tmp_path / "curriculum"


def lesson_words(lesson) -> int:
    return sum(len(re.sub(r"<[^>]+>", " ", str(block.render())).split()) for block in lesson.body)


def test_the_shipped_track_has_eleven_real_modules():
    modules = list(ModulePage.objects.live().order_by("path"))
    assert [m.title for m in modules] == TOPICS
    for module in modules:
        lessons = LessonPage.objects.child_of(module).live()
        assert 2 <= lessons.count() <= 4
        assert sum(lesson_words(lesson) for lesson in lessons) >= 800, module.title
        questions = quiz_questions(QuizPage.objects.child_of(module).get())
        assert len(questions) >= 8
        for question in questions:
            assert question.correct_ids
            assert all(choice.feedback for choice in question.choices)


def test_every_question_names_a_lesson_of_its_own_module():
    for quiz in QuizPage.objects.live():
        lessons = set(LessonPage.objects.sibling_of(quiz).values_list("pk", flat=True))
        for question in quiz_questions(quiz):
            assert question.lesson_id in lessons


def test_reloading_unchanged_files_changes_nothing(curriculum_copy):
    revisions = {p.pk: p.revisions.count() for p in QuizPage.objects.all()}
    report = curriculum_load(base_dir=curriculum_copy)
    assert report.count("created") == report.count("updated") == 0
    assert {p.pk: p.revisions.count() for p in QuizPage.objects.all()} == revisions
    assert ModulePage.objects.count() == len(TOPICS)


def test_an_edited_question_becomes_a_new_quiz_revision(curriculum_copy):
    path = next(curriculum_copy.glob("*-coping-strategies.md"))
    text = path.read_text()
    first_q = re.search(r"^### Q: (.+)$", text, re.M)[1]
    path.write_text(text.replace(first_q, first_q + " (revised)", 1))
    quiz = QuizPage.objects.get(slug="coping-strategies-quiz")
    before = quiz.revisions.count()
    report = curriculum_load(base_dir=curriculum_copy)
    assert report.count("updated") == 1
    quiz.refresh_from_db()
    assert quiz.revisions.count() == before + 1
    assert any(q.text.endswith("(revised)") for q in quiz_questions(quiz))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (r"^- \[x\] ", "- [ ] ", "needs exactly one correct choice"),
        (r"^type: single$", "type: several", "must be one of single, multiple, truefalse"),
        (r"^  > .*$", "", "has no feedback line"),
        (r"^lesson: .*$", "lesson: no-such-lesson", "names no lesson of this module"),
        (r"^hours: .*$", "hours: lots", '"hours" must be a number'),
        (r"^pass_mark: .*$", "pass_mark: 150", '"pass_mark" must be between 1 and 100'),
    ],
)
def test_a_broken_file_stops_the_load_with_file_line_and_problem(
    curriculum_copy, old, new, problem
):
    path = next(curriculum_copy.glob("*-relapse-prevention.md"))
    lines = path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if re.match(old, line))
    lines[index] = re.sub(old, new, lines[index])
    path.write_text("\n".join(lines) + "\n")
    other = next(curriculum_copy.glob("01-*.md"))
    other.write_text(
        other.read_text().replace(
            "# Module: The peer mentor role and boundaries", "# Module: Renamed", 1
        )
    )
    with pytest.raises(SourceError) as error:
        curriculum_load(base_dir=curriculum_copy)
    assert error.value.path.name == path.name
    assert problem in error.value.problem
    assert 1 <= error.value.line <= len(lines)
    assert not ModulePage.objects.filter(title="Renamed").exists()


def test_error_line_points_at_the_offending_line(curriculum_copy):
    path = next(curriculum_copy.glob("*-confidentiality-ethics.md"))
    lines = path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("- [ ] "))
    lines[index] = "* [ ] not a choice"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SourceError) as error:
        parse_curriculum(curriculum_copy)
    assert error.value.line == index + 1
    assert str(error.value).startswith(str(path))


def test_load_curriculum_command_reports_errors_without_a_traceback(curriculum_copy, monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    import lms.training.curriculum

    (curriculum_copy / "track.md").write_text("no heading here\n")
    monkeypatch.setattr(lms.training.curriculum, "CURRICULUM_DIR", curriculum_copy)
    monkeypatch.setattr(
        "lms.management.commands.load_curriculum.curriculum_load",
        lambda: lms.training.curriculum.curriculum_load(base_dir=curriculum_copy),
    )
    with pytest.raises(CommandError, match=r"Nothing was loaded\. .*track\.md:1: "):
        call_command("load_curriculum")
