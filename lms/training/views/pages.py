"""Serving live training pages: one `on_serve_page` hook decides access for every training page
and hands the request to the page type's view. Previews never come through here (Wagtail calls
`serve_preview` directly), so editors always see the page.
"""

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.url_routing import RouteResult

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


def serve(request):
    """Wagtail's page view for addresses under the training index, with the route already found
    in the cached structure: the page in one query, instead of Wagtail's walk from the site's
    root (the site, each level's child and its specific row). An address the structure does not
    know (a page not live, a sub-route, another site's) is routed by Wagtail as before."""
    structure = training_structure()
    route = structure.routes.get(request.path_info)
    if route is not None and not hasattr(request, "_wagtail_route_for_request"):
        model, pk = route
        page = model.objects.filter(pk=pk, live=True).first()
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
            request._wagtail_site = structure.site  # the only site: any host name finds it
            request._wagtail_cached_site_root_paths = structure.site_root_paths
            # Page privacy from the structure (the same restrictions Wagtail would read).
            page.__dict__["_view_restrictions"] = structure.view_restrictions(page)
    # Wagtail's own view, given the address from the site's root as its own pattern would.
    return wagtail_views.serve(request, request.path_info.lstrip("/"))


def training_page_is_open_to(page, request) -> bool | None:
    """For site search: whether a training page would open for this visitor (None: not ours)."""
    if type(page) not in PAGE_VIEWS:
        return None
    return selectors.training_page_access(user=request.user, page=page).allowed
