"""Serving live training pages: one `on_serve_page` hook decides access for every training page
and hands the request to the page type's view. Previews never come through here (Wagtail calls
`serve_preview` directly), so editors always see the page.
"""

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from wagtail.models import Page

from lms.training import selectors
from lms.training.caches import training_structure
from lms.training.models import LessonPage, ModulePage, QuizPage, TrackPage
from lms.training.views.quiz import quiz_view


def training_denied_response(request, page, access: selectors.Access):
    """Sign-in redirect for anonymous visitors; otherwise a 403 that says what to do first."""
    if access.login_required:
        return redirect_to_login(request.get_full_path())
    quizzes = training_structure().quiz
    blockers = [
        {"module": module, "quiz": quizzes.get(module.pk) or module.live_quiz()}
        for module in access.blockers
    ]
    return TemplateResponse(
        request,
        "training/locked.html",
        {"page": page, "message": access.message, "blockers": blockers},
        status=403,
    )


def _render(request, page, extra: dict, *, own_context: bool = True):
    """The page's template. `own_context=False` skips the page type's get_context (which reads
    the database for previews) when the view supplies the same names from the cache."""
    request.is_preview = False
    context = page.get_context(request) if own_context else Page.get_context(page, request)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context)


def track_view(request, track: TrackPage):
    """A track with the learner's progress through its modules."""
    progress = selectors.learner_track_progress(user=request.user, track=track)
    return _render(request, track, {"progress": progress})


def module_view(request, module: ModulePage):
    """A module's objectives, lessons and quiz, with whether they are open to this learner."""
    state = selectors.learner_module_state(user=request.user, module=module)
    contents = selectors.module_contents(module)
    return _render(request, module, {**contents, **state}, own_context=False)


def lesson_view(request, lesson: LessonPage):
    """A lesson with its place in the module (the body is cached per revision in the template)."""
    return _render(request, lesson, selectors.lesson_navigation(lesson), own_context=False)


PAGE_VIEWS = {
    TrackPage: track_view,
    ModulePage: module_view,
    LessonPage: lesson_view,
    QuizPage: quiz_view,
}


def serve_training_pages(next_serve):
    """The `on_serve_page` hook: access first, then the page type's own view.

    Registered after Wagtail's page-privacy check, which therefore still runs first.
    """

    def serve(page, request, args, kwargs):
        view = PAGE_VIEWS.get(type(page))
        if view is None:
            return next_serve(page, request, args, kwargs)
        access = selectors.training_page_access(user=request.user, page=page)
        if not access.allowed:
            return training_denied_response(request, page, access)
        return view(request, page)

    return serve


def training_page_is_open_to(page, request) -> bool | None:
    """For site search: whether a training page would open for this visitor (None: not ours)."""
    if type(page) not in PAGE_VIEWS:
        return None
    return selectors.training_page_access(user=request.user, page=page).allowed
