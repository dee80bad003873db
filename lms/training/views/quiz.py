"""The quiz page's GET and POST for learners (served through lms/training/views/pages.py)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lms.training import grading, selectors
from lms.training import services as training
from lms.training.caches import training_structure
from lms.training.forms import quiz_answers_from_post
from lms.training.models import LessonPage, QuizAttempt, QuizPage, TrackPage

BAD_ATTEMPT = "The form was not sent as the page built it. Reload the quiz and try again."
DRAFT_TOO_LARGE = "Too much data for a quiz's answers."
DRAFT_MAX_BYTES = 16 * 1024  # far more than any quiz form sends


def _form_questions(attempt: QuizAttempt, questions, selected=None, errors=None) -> list[dict]:
    """What the browser receives: question and choice text and ids, never correctness."""
    selected = selected or {}
    errors = errors or {}
    rows = []
    for number, question in enumerate(questions, start=1):
        by_id = {c.id: c for c in question.choices}
        order = attempt.choice_order.get(question.id) or list(by_id)
        rows.append(
            {
                "id": question.id,
                "number": number,
                "text": question.text,
                "multiple": question.kind == grading.QuestionKind.MULTIPLE,
                "choices": [
                    {
                        "id": cid,
                        "text": by_id[cid].text,
                        "checked": cid in selected.get(question.id, ()),
                    }
                    for cid in order
                    if cid in by_id
                ],
                "error": errors.get(question.id),
            }
        )
    return rows


def _render_form(
    request, page, attempt, questions, *, selected=None, errors=None, status=200, message=None
):
    if selected is None:
        selected = attempt.draft_answers or {}
    allowance = training.quiz_allowance(user=request.user, quiz=page)
    return TemplateResponse(
        request,
        "training/quiz_page.html",
        {
            "page": page,
            "module": selectors.gated_module(page),
            "mode": "form",
            "attempt": attempt,
            "questions": _form_questions(attempt, questions, selected, errors),
            "allowance": allowance,
            "form_message": message,
        },
        status=status,
    )


def cool_down_text(until) -> str:
    """'You can try again after 3:15 PM on Monday, November 30, 2026 (New York time).': one
    sentence with the date, in the program's time zone, where the general message would only
    repeat itself ("PM", not Django's "p.m.", which ended the sentence in a double period)."""
    local = timezone.localtime(until)
    clock = f"{local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    return (
        f"You can try again after {clock} on {local:%A}, {local:%B} {local.day}, {local.year} "
        "(New York time)."
    )


def _closed(error: ValidationError | None) -> dict | None:
    """Why the quiz is closed, for the template: the message, its code and any wait."""
    if error is None:
        return None
    until = (error.params or {}).get("until")
    return {
        "reason": cool_down_text(until) if until else error.message,
        "code": error.code,
        "until": until,
    }


def _render_closed(request, page, closed: ValidationError):
    last = (
        QuizAttempt.objects.filter(user=request.user, quiz=page, submitted_at__isnull=False)
        .order_by("-submitted_at")
        .first()
    )
    return TemplateResponse(
        request,
        "training/quiz_page.html",
        {
            "page": page,
            "module": selectors.gated_module(page),
            "mode": "closed",
            "closed": _closed(closed),
            "last_attempt": last,
            "next_module": _next_module(page),
            "evaluation_track": _evaluation_track(request, page)
            if closed.code == training.CLOSED_PASSED
            else None,
        },
    )


def _next_module(quiz: QuizPage):
    """The live module after the quiz's own in its track (from the cached structure)."""
    structure = training_structure()
    module = structure.module_for_child(quiz)
    if module is None:
        return None
    ids = structure.track_module_ids.get(module.path[: -module.steplen], [])
    position = ids.index(module.pk)
    return structure.modules[ids[position + 1]] if position + 1 < len(ids) else None


def _evaluation_track(request, quiz: QuizPage):
    """The quiz's track when its certificate now waits for this learner's evaluation."""
    module = training_structure().module_for_child(quiz)
    if module is None:
        return None
    track = TrackPage.objects.parent_of(module).first()
    if track is None or track.pk not in selectors.evaluations_pending(user=request.user):
        return None
    return track


def _result_rows(result: grading.GradeResult, lessons: dict, *, answers_shown: bool) -> list:
    """Each question of a result, as the review allows.

    The full review lists every choice, marks the right ones and gives all feedback. Before it
    opens, a row lists only the learner's own choices and no mark of rightness on any choice:
    the feedback on them shows for one-answer questions (where "Not right" already says the
    choice was wrong) and for questions answered right. A missed multiple-select question shows
    none, because feedback on each ticked box would tell right from wrong choice by choice.
    """
    rows = []
    for r in result.results:
        multiple = r.question.kind == grading.QuestionKind.MULTIPLE
        if answers_shown:
            choices = [
                {"choice": c, "picked": c.id in r.selected, "feedback": c.feedback, "mark": True}
                for c in r.question.choices
            ]
        else:
            feedback = r.correct or not multiple
            choices = [
                {
                    "choice": c,
                    "picked": True,
                    "feedback": c.feedback if feedback else "",
                    "mark": False,
                }
                for c in r.question.choices
                if c.id in r.selected
            ]
        rows.append(
            {
                "question": r.question,
                "correct": r.correct,
                "multiple": multiple,
                "choices": choices,
                "lesson": lessons.get(r.question.lesson_id),
            }
        )
    return rows


def _render_result(request, page, attempt: QuizAttempt):
    questions = training.attempt_questions(attempt)
    result = grading.grade(questions, attempt.answers, page.pass_mark)
    lessons = {
        lesson.pk: lesson
        for lesson in LessonPage.objects.filter(pk__in=result.missed_lesson_ids).live()
    }
    closed = None
    if not attempt.passed:
        closed = _closed(
            training.quiz_closed_reason(user=request.user, quiz=page, now=attempt.submitted_at)
        )
    answers_shown = training.quiz_right_answers_shown(user=request.user, quiz=page)
    return TemplateResponse(
        request,
        "training/quiz_page.html",
        {
            "page": page,
            "module": selectors.gated_module(page),
            "mode": "result",
            "attempt": attempt,
            "result": result,
            "answers_shown": answers_shown,
            "answers_after_passing_only": page.review_answers == page.ReviewAnswers.AFTER_PASSING,
            "rows": _result_rows(result, lessons, answers_shown=answers_shown),
            "review_lessons": [lessons[i] for i in result.missed_lesson_ids if i in lessons],
            "allowance": training.quiz_allowance(user=request.user, quiz=page),
            "closed": closed,
            "next_module": _next_module(page) if attempt.passed else None,
            "evaluation_track": _evaluation_track(request, page) if attempt.passed else None,
        },
    )


def _bad_request(request, page, message: str):
    return TemplateResponse(
        request, "training/quiz_error.html", {"page": page, "message": message}, status=400
    )


def quiz_view(request, page: QuizPage):
    """GET: the open attempt, a result (?attempt=N) or why the quiz is closed. POST: submit."""
    if request.method == "POST":
        return _submit(request, page)
    if request.method not in ("GET", "HEAD"):
        return TemplateResponse(request, "405.html", {}, status=405)
    attempt_param = request.GET.get("attempt")
    if attempt_param is not None:
        attempt = None
        if attempt_param.isdigit() and len(attempt_param) < 19:
            attempt = (
                QuizAttempt.objects.filter(
                    pk=int(attempt_param), user=request.user, quiz=page, submitted_at__isnull=False
                )
                .select_related("revision")
                .first()
            )
        if attempt is None:
            return TemplateResponse(request, "404.html", {}, status=404)
        return _render_result(request, page, attempt)
    try:
        attempt = training.quiz_attempt_start(user=request.user, quiz=page)
    except ValidationError as closed:
        return _render_closed(request, page, closed)
    return _render_form(request, page, attempt, training.attempt_questions(attempt))


def _submit(request, page):
    parsed = quiz_answers_from_post(request.POST)
    if parsed is None:
        return _bad_request(request, page, BAD_ATTEMPT)
    attempt_id, answers = parsed
    try:
        attempt, _ = training.quiz_attempt_submit(
            user=request.user, quiz=page, attempt_id=attempt_id, answers=answers
        )
    except ValidationError as refused:
        if not hasattr(refused, "error_dict"):
            return _bad_request(request, page, refused.message)
        attempt = QuizAttempt.objects.select_related("revision").get(pk=attempt_id)
        return _render_form(
            request,
            page,
            attempt,
            training.attempt_questions(attempt),
            selected=answers,
            errors={qid: errors[0].message for qid, errors in refused.error_dict.items()},
            message="Some questions have no answer yet. Your other answers are kept.",
        )
    return HttpResponseRedirect(f"{page.url}?attempt={attempt.pk}", status=303)


@require_POST
@login_required
def quiz_draft(request, attempt_id: int):
    """Save the choices picked so far on an open attempt (the quiz page's script posts the form
    on every change); 204, or 4xx with a message. The quiz works without it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = DRAFT_MAX_BYTES + 1
    if length > DRAFT_MAX_BYTES:
        return JsonResponse({"error": DRAFT_TOO_LARGE}, status=413)
    parsed = quiz_answers_from_post(request.POST)
    if parsed is None or parsed[0] != attempt_id:
        return JsonResponse({"error": BAD_ATTEMPT}, status=400)
    try:
        training.quiz_attempt_save_draft(
            user=request.user, attempt_id=attempt_id, answers=parsed[1]
        )
    except ValidationError as refused:
        status = 404 if refused.code == training.REFUSED_NOT_FOUND else 400
        return JsonResponse({"error": refused.message}, status=status)
    return HttpResponse(status=204)
