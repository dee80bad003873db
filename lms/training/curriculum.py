"""Loads the training track from content/curriculum (docs/curriculum-format.md).

Every file is parsed and checked before anything is written; a problem stops the load with
its file, line and a plain description, and the database is left as it was.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from content.hours import HoursDerivation, module_hours, stream_counts
from content.loader import CONTENT_DIR, LoadReport
from content.models import HomePage
from content.services import page_upsert
from content.sourcefiles import (
    Section,
    SourceError,
    body_to_stream,
    markdown_to_html,
    parse_sections,
)
from lms.training.choices import CETopic
from lms.training.grading import QuestionKind, question_shape_problem
from lms.training.models import LessonPage, ModulePage, QuizPage, TrackPage, TrainingIndexPage

CURRICULUM_DIR = CONTENT_DIR / "curriculum"
CHOICE_RE = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<text>\S.*)$")
FEEDBACK_RE = re.compile(r"^  > (?P<text>\S.*)$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class ChoiceSource:
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class QuestionSource:
    section: Section
    kind: str
    lesson_slug: str | None
    choices: list[ChoiceSource] = field(default_factory=list)


@dataclass
class ModuleSource:
    path: Path
    section: Section
    slug: str
    hours: Decimal
    objectives: list[str] = field(default_factory=list)
    prerequisites: list[tuple[str, int]] = field(default_factory=list)
    lessons: list[tuple[Section, str, list]] = field(default_factory=list)
    quiz: Section | None = None
    questions: list[QuestionSource] = field(default_factory=list)
    # Citations from the file's closing "## Sources" list (docs/curriculum-format.md).
    sources: list[str] = field(default_factory=list)

    def derivation(self) -> HoursDerivation:
        """The module's hours worked out from its own content (content/hours.py)."""
        words = activities = 0
        for _section, _slug, stream in self.lessons:
            lesson_words, lesson_activities = stream_counts(stream)
            words += lesson_words
            activities += lesson_activities
        drawn = self.quiz.number("draw", default=0) if self.quiz is not None else 0
        return module_hours(
            words=words, activities=activities, questions=drawn or len(self.questions)
        )


def _slug(section: Section) -> str:
    slug = section.require("slug")
    if not SLUG_RE.match(slug):
        raise section.error(
            f'"{slug}" is not a slug (lower-case letters, digits and hyphens)',
            section.meta["slug"][1],
        )
    return slug


def _hours(section: Section) -> Decimal:
    raw = section.require("hours")
    try:
        hours = Decimal(raw)
    except InvalidOperation:
        raise section.error(
            f'"hours" must be a number, not "{raw}"', section.meta["hours"][1]
        ) from None
    if not Decimal(0) < hours <= Decimal(100) or hours != hours.quantize(Decimal("0.1")):
        raise section.error(
            f'"hours" must be between 0.1 and 100 in tenths, not {raw}', section.meta["hours"][1]
        )
    return hours


def _question(section: Section, lesson_slugs: set[str]) -> QuestionSource:
    if not section.title:
        raise section.error("the question has no text after '### Q:'")
    kind = section.choice(
        "kind" if "kind" in section.meta else "type", [k.value for k in QuestionKind]
    )
    lesson = section.get("lesson")
    if lesson is not None and lesson not in lesson_slugs:
        raise section.error(
            f'"lesson: {lesson}" names no lesson of this module', section.meta["lesson"][1]
        )
    question = QuestionSource(section=section, kind=kind, lesson_slug=lesson)
    for number, line in section.body:
        if not line.strip():
            continue
        choice = CHOICE_RE.match(line)
        feedback = FEEDBACK_RE.match(line)
        if choice:
            question.choices.append(ChoiceSource(choice["text"].strip(), choice["mark"] != " "))
        elif feedback:
            if not question.choices or question.choices[-1].feedback:
                raise section.error("a feedback line must follow a choice, one per choice", number)
            question.choices[-1].feedback = feedback["text"].strip()
        else:
            raise section.error(
                "expected a choice ('- [x] text' or '- [ ] text') or its feedback ('  > text')",
                number,
            )
    missing = [c.text for c in question.choices if not c.feedback]
    if missing:
        raise section.error(f'the choice "{missing[0]}" has no feedback line')
    problem = question_shape_problem(kind, [(c.text, c.correct) for c in question.choices])
    if problem:
        raise section.error(problem)
    return question


def parse_module(path: Path) -> ModuleSource:
    sections = parse_sections(path)
    head = sections[0]
    if head.kind != "Module" or not head.title:
        raise head.error('a module file starts with "# Module: <title>"')
    head.choice("ce_topic", CETopic.values)
    head.require("summary")
    module = ModuleSource(
        path=path, section=head, slug=_slug(head), hours=_hours(head), sources=head.sources
    )
    if "prerequisites" in head.meta:
        raw, meta_line = head.meta["prerequisites"]
        module.prerequisites = [(s.strip(), meta_line) for s in raw.split(",") if s.strip()]
    lesson_slugs: set[str] = set()
    for section in sections[1:]:
        if section.kind == "Objectives":
            for number, line in section.body:
                if line.strip() and not line.startswith("- "):
                    raise section.error("each objective is a line starting with '- '", number)
                if line.startswith("- "):
                    module.objectives.append(line[2:].strip())
        elif section.kind == "Lesson":
            if module.quiz is not None:
                raise section.error("lessons come before the quiz")
            slug = _slug(section)
            if slug in lesson_slugs:
                raise section.error(f'the lesson slug "{slug}" is used twice in this module')
            lesson_slugs.add(slug)
            section.number("minutes", default=10, minimum=1, maximum=600)
            stream = body_to_stream(section)
            if not stream:
                raise section.error("the lesson has no text")
            module.lessons.append((section, slug, stream))
        elif section.kind == "Quiz":
            if module.quiz is not None:
                raise section.error("a module has one quiz")
            section.number("pass_mark", minimum=1, maximum=100)
            for key in ("max_attempts", "cooldown_minutes", "draw"):
                section.number(key, default=0, maximum=60 * 24 * 30)
            module.quiz = section
        elif section.kind == "Q":
            if module.quiz is None:
                raise section.error('questions come after "## Quiz: <title>"')
            module.questions.append(_question(section, lesson_slugs))
        else:
            raise section.error(f'"{section.kind}" does not belong in a module file')
    if not module.objectives:
        raise head.error('the module needs "## Objectives" with at least one objective')
    if not module.lessons:
        raise head.error("the module needs at least one lesson")
    if module.quiz is None or not module.questions:
        raise head.error("the module needs a quiz with at least one question")
    draw = module.quiz.number("draw", default=0)
    if draw > len(module.questions):
        raise module.quiz.error(f"draw: {draw} is more than the {len(module.questions)} questions")
    return module


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def _quiz_stream(module: ModuleSource, lesson_ids: dict[str, int]) -> list[dict]:
    stream = []
    for question in module.questions:
        qid = _stable_id("curriculum", module.slug, question.section.title)
        stream.append(
            {
                "type": "question",
                "id": qid,
                "value": {
                    "kind": question.kind,
                    "text": question.section.title,
                    "lesson": lesson_ids.get(question.lesson_slug)
                    if question.lesson_slug
                    else None,
                    "choices": [
                        {
                            "type": "item",
                            "id": _stable_id(qid, c.text),
                            "value": {"text": c.text, "correct": c.correct, "feedback": c.feedback},
                        }
                        for c in question.choices
                    ],
                },
            }
        )
    return stream


def parse_curriculum(base_dir: Path = CURRICULUM_DIR) -> tuple[Section, list[ModuleSource]]:
    track_sections = parse_sections(base_dir / "track.md")
    track = track_sections[0]
    if track.kind != "Track" or len(track_sections) > 1:
        raise track.error('track.md holds one "# Track: <title>" section')
    _slug(track)
    track.require("summary")
    track.require("certificate_title")
    track.number("certificate_months", default=0, maximum=120)
    modules = [parse_module(p) for p in sorted(base_dir.glob("[0-9]*.md"))]
    if not modules:
        raise SourceError(base_dir / "track.md", 1, "no module files (NN-name.md) beside track.md")
    seen: dict[str, Path] = {}
    for module in modules:
        if module.slug in seen:
            raise module.section.error(
                f'the module slug "{module.slug}" is used by {seen[module.slug].name} too'
            )
        seen[module.slug] = module.path
    for module in modules:
        for slug, line in module.prerequisites:
            if slug not in seen or slug == module.slug:
                raise module.section.error(f'prerequisite "{slug}" is not another module', line)
    return track, modules


def _track_fields(track: Section) -> dict:
    months = track.number("certificate_months", default=0, maximum=120)
    pcb_hours = track.get("pcb_approved_hours")
    return {
        "title": track.title,
        "summary": track.require("summary"),
        "intro": markdown_to_html(track.text),
        "certificate_title": track.require("certificate_title"),
        "certificate_months": months or None,
        "pcb_approved_hours": Decimal(pcb_hours) if pcb_hours else None,
        "pcb_approved_title": track.get("pcb_approved_title", ""),
        "pcb_approval_number": track.get("pcb_approval_number", ""),
        "pcb_approved_on": _optional_date(track, "pcb_approved_on"),
    }


def _optional_date(section: Section, key: str) -> date | None:
    raw = section.get(key)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise section.error(f'"{key}:" must be a date written YYYY-MM-DD, not "{raw}"') from None


def curriculum_load(*, base_dir: Path = CURRICULUM_DIR) -> LoadReport:
    """Parse every curriculum file, then create or update the pages; all or nothing."""
    track_section, modules = parse_curriculum(base_dir)
    report = LoadReport()
    with transaction.atomic():
        home = HomePage.objects.first()
        if home is None:
            raise SourceError(base_dir / "track.md", 1, "no home page yet: run load_content first")
        index, action = page_upsert(
            parent=home,
            model=TrainingIndexPage,
            slug="training",
            fields={
                "title": "Training",
                "intro": "<p>Training for peer mentors, module by module.</p>",
            },
        )
        report.add(index, action)
        track, action = page_upsert(
            parent=index,
            model=TrackPage,
            slug=_slug(track_section),
            fields=_track_fields(track_section),
        )
        report.add(track, action)
        pages = {}
        for module in modules:
            head = module.section
            page, action = page_upsert(
                parent=track,
                model=ModulePage,
                slug=module.slug,
                fields={
                    "title": head.title,
                    "summary": head.require("summary"),
                    "objectives": "\n".join(module.objectives),
                    "hours": module.hours,
                    "hours_note": module.derivation().describe(),
                    "ce_topic": head.get("ce_topic"),
                    "sources": "\n".join(module.sources),
                },
            )
            report.add(page, action)
            pages[module.slug] = page
            lesson_ids = {}
            for section, slug, stream in module.lessons:
                lesson, action = page_upsert(
                    parent=page,
                    model=LessonPage,
                    slug=slug,
                    fields={
                        "title": section.title,
                        "minutes": section.number("minutes", default=10),
                        "body": stream,
                    },
                )
                report.add(lesson, action)
                lesson_ids[slug] = lesson.pk
            quiz = module.quiz
            if quiz is None:
                raise head.error("the module has no quiz")
            quiz_page, action = page_upsert(
                parent=page,
                model=QuizPage,
                slug=f"{module.slug}-quiz",
                fields={
                    "title": quiz.title or f"{head.title}: quiz",
                    "pass_mark": quiz.number("pass_mark"),
                    "max_attempts": quiz.number("max_attempts", default=0),
                    "cooldown_minutes": quiz.number("cooldown_minutes", default=0),
                    "draw_count": quiz.number("draw", default=0),
                    "questions": _quiz_stream(module, lesson_ids),
                },
            )
            report.add(quiz_page, action)
        _set_prerequisites(modules, pages)
        _order_children(track, [pages[m.slug] for m in modules])
    return report


def _set_prerequisites(modules: list[ModuleSource], pages: dict[str, ModulePage]) -> None:
    for module in modules:
        page = pages[module.slug]
        wanted = {pages[slug].pk for slug, _ in module.prerequisites}
        if set(page.prerequisites.values_list("pk", flat=True)) != wanted:
            page.prerequisites.set(wanted)
            page.save_revision(log_action=True).publish()


def _order_children(parent, ordered: list) -> None:
    """Put the module pages in file order (editors may reorder them later in the admin)."""
    current = list(
        ModulePage.objects.child_of(parent).order_by("path").values_list("pk", flat=True)
    )
    wanted = [p.pk for p in ordered]
    if [pk for pk in current if pk in wanted] == wanted:
        return
    for page in ordered:
        ModulePage.objects.get(pk=page.pk).move(parent, pos="last-child")
