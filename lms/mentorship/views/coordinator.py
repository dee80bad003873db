"""Coordinator pages: the dashboard, mentees (profile, ranked candidates, pairing, data requests),
mentors, the ranking weights, concerns and the access log. Plain Django views
(docs/decisions/0020)."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common import charts
from lms.common.forms import form_add_service_error, service_error_text
from lms.mentorship import selectors, services
from lms.mentorship.access import role_required
from lms.mentorship.choices import AccessAction
from lms.mentorship.forms import (
    ConcernResolveForm,
    DataDeleteForm,
    DataRequestForm,
    MenteeProfileForm,
    MentorAdminForm,
    PairConfirmForm,
    WeightsForm,
)
from lms.mentorship.models import ConcernNotification, MenteeProfile, MentorProfile
from lms.mentorship.scoring import Criterion
from lms.training.caches import pass_rates_key
from lms.training.selectors import quiz_pass_rates

coordinator_only = role_required(Role.COORDINATOR)

NOT_A_CANDIDATE = "Choose a mentor from the ranked list."
PAIRED = "Paired. Both have been told, in neutral words, to sign in."


def _mentee_or_404(user_id: int) -> User:
    return get_object_or_404(User, pk=user_id, groups__name=Role.MENTEE)


def _mentor_or_404(user_id: int) -> User:
    return get_object_or_404(User, pk=user_id, groups__name=Role.MENTOR)


@coordinator_only
@require_safe
def dashboard(request):
    """Overdue pairs, open concerns, recent milestones and agreements waiting for a signature."""
    today = timezone.localdate()
    # The board is one cached fragment, keyed on what it shows: the board's version (bumped by
    # any change to a pair, check-in, agreement, milestone, concern, account or qualification,
    # lms/mentorship/caches.py), the day, and the pass rates' version. Board, pass rates and
    # charts are lazy: they are read only when the fragment is not in the cache.
    board = SimpleLazyObject(lambda: selectors.coordinator_dashboard(today=today))
    pass_rates = SimpleLazyObject(quiz_pass_rates)
    return TemplateResponse(
        request,
        "mentorship/coordinator_dashboard.html",
        {
            "board": board,
            "today": today,
            "pass_rates": pass_rates,
            "charts": SimpleLazyObject(lambda: _dashboard_charts(board, pass_rates)),
            "board_key": f"{selectors.board_key(today=today)}:{pass_rates_key()}",
        },
    )


BOARD_PAGE_SIZE = 50


@coordinator_only
@require_safe
def board_list(request, name: str):
    """One of the board's lists in full (overdue, agreements waiting, unqualified, all active),
    in the board's order, BOARD_PAGE_SIZE pairs a page."""
    if name not in selectors.BOARD_LISTS:
        raise Http404
    today = timezone.localdate()
    index = selectors.board_index(today=today)
    page = Paginator(index.lists[name], BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    statuses = selectors.board_statuses(ids=ids, today=today)
    return TemplateResponse(
        request,
        "mentorship/board_list.html",
        {
            "name": name,
            "title": selectors.BOARD_LISTS[name],
            "page": page,
            "rows": selectors.board_rows(index=index, name=name, ids=ids, statuses=statuses),
            "counted_at": index.counted_at,
        },
    )


def _dashboard_charts(board: selectors.CoordinatorDashboard, pass_rates) -> dict[str, charts.Svg]:
    """The dashboard's three pictures. Each one's label is its text equivalent, every number in
    words; the template also offers the numbers as a table."""
    pairs = board.pairs_by_state
    weeks = board.checkins_by_week
    return {
        "pairs": charts.bar_chart(
            [charts.Bar(state, n, str(n)) for state, n in pairs],
            label="Pairs by state: " + "; ".join(f"{state}, {n}" for state, n in pairs) + ".",
        ),
        "checkins": charts.column_chart(
            [charts.Column(f"{monday.month}/{monday.day}", n) for monday, n in weeks],
            label=f"Check-ins per week over the last {len(weeks)} weeks: "
            + "; ".join(f"week of {monday:%B} {monday.day}, {n}" for monday, n in weeks)
            + ".",
            label_every=2,
        ),
        "pass_rates": charts.bar_chart(
            [
                charts.Bar(
                    rate.module.title,
                    rate.percent,
                    f"{rate.percent}% of {rate.takers}" if rate.takers else "Not taken",
                )
                for rate in pass_rates
            ],
            label="Quiz pass rate by module: "
            + "; ".join(
                f"{rate.module.title}, {rate.passers} of {rate.takers} learners passed"
                if rate.takers
                else f"{rate.module.title}, not taken yet"
                for rate in pass_rates
            )
            + ".",
            scale_max=100,
        ),
    }


@coordinator_only
@require_safe
def mentee_list(request):
    """Every mentee with whether they agreed to matching and who their mentor is."""
    return TemplateResponse(
        request, "mentorship/mentee_list.html", {"rows": selectors.mentee_rows()}
    )


def _mentee_detail_response(request, mentee, *, confirm_error: str = "", status: int = 200):
    profile = (
        MenteeProfile.objects.filter(user=mentee)
        .prefetch_related("goals", "experience_areas")
        .first()
    )
    services.access_log_record(
        viewer=request.user,
        mentee_id=mentee.pk,
        action=AccessAction.VIEW_PROFILE,
        obj=profile,
        path=request.path,
    )
    active = selectors.active_pairing_for_mentee(mentee=mentee)
    candidates = None
    if profile is not None and profile.consented_at is not None:
        candidates = selectors.mentor_candidates(profile=profile)
    context = {
        "mentee": mentee,
        "profile": profile,
        "fields": selectors.mentee_profile_fields(profile=profile) if profile else [],
        "active": active,
        "pairings": selectors.mentee_pairings(mentee=mentee),
        "candidates": candidates,
        "confirm_error": confirm_error,
        "requests": selectors.data_requests(mentee=mentee),
        "weights": [
            (Criterion.LABELS[c], candidates.weights.of(c)) for c in Criterion.ALL if candidates
        ],
    }
    return TemplateResponse(request, "mentorship/mentee_detail.html", context, status=status)


@coordinator_only
@require_safe
def mentee_detail(request, user_id: int):
    """A mentee's whole profile (logged as a view), their pairs, and mentors ranked for them."""
    return _mentee_detail_response(request, _mentee_or_404(user_id))


@coordinator_only
@require_POST
def pair_confirm(request, user_id: int):
    """Confirm the pairing of this mentee with a mentor chosen from the ranked list."""
    mentee = _mentee_or_404(user_id)
    form = PairConfirmForm(request.POST)
    mentor = None
    if form.is_valid():
        mentor = User.objects.filter(
            pk=form.cleaned_data["mentor"], groups__name=Role.MENTOR
        ).first()
    if mentor is None:
        return _mentee_detail_response(request, mentee, confirm_error=NOT_A_CANDIDATE, status=400)
    try:
        pairing = services.pairing_confirm(mentee=mentee, mentor=mentor, by=request.user)
    except ValidationError as error:
        return _mentee_detail_response(
            request, mentee, confirm_error=service_error_text(error), status=400
        )
    messages.success(request, PAIRED)
    return redirect("mentorship:pair_detail", pk=pairing.pk)


@coordinator_only
@require_http_methods(["GET", "POST"])
def mentee_profile_edit(request, user_id: int):
    """Record a mentee's answers at intake, and whether they agreed to matching. What the
    mentor may see stays the mentee's own choice, made on their own page."""
    mentee = _mentee_or_404(user_id)
    profile = MenteeProfile.objects.filter(user=mentee).first() or MenteeProfile(user=mentee)
    if request.method == "POST":
        form = MenteeProfileForm(request.POST, instance=profile, with_sharing=False)
        if form.is_valid():
            services.mentee_profile_save(
                mentee=mentee,
                data=form.profile_data(),
                by=request.user,
                consent=form.cleaned_data["consent"],
                path=request.path,
            )
            messages.success(request, "Profile saved.")
            return redirect("mentorship:mentee_detail", user_id=mentee.pk)
    else:
        form = MenteeProfileForm(instance=profile, with_sharing=False)
        services.access_log_record(
            viewer=request.user,
            mentee_id=mentee.pk,
            action=AccessAction.VIEW_PROFILE,
            obj=profile if profile.pk else None,
            path=request.path,
        )
    return TemplateResponse(
        request,
        "mentorship/mentee_profile_form.html",
        {"form": form, "mentee": mentee, "by_coordinator": True},
        status=400 if form.is_bound and form.errors else 200,
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def mentee_data(request, user_id: int):
    """A mentee's request for a copy of their data (JSON download) or for its deletion."""
    mentee = _mentee_or_404(user_id)
    export_form = DataRequestForm(prefix="export")
    delete_form = DataDeleteForm(prefix="delete")
    action = request.POST.get("action")
    if request.method == "POST" and action == "export":
        export_form = DataRequestForm(request.POST, prefix="export")
        if export_form.is_valid():
            _, data = services.mentee_data_export(
                mentee=mentee,
                by=request.user,
                requested_on=export_form.cleaned_data["requested_on"],
                note=export_form.cleaned_data["note"],
                path=request.path,
            )
            response = HttpResponse(
                json.dumps(data, indent=2, ensure_ascii=False),
                content_type="application/json; charset=utf-8",
            )
            filename = f"mentee-{mentee.pk}-{timezone.localdate().isoformat()}.json"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            response["Cache-Control"] = "no-store"
            return response
    elif request.method == "POST" and action == "delete":
        delete_form = DataDeleteForm(request.POST, prefix="delete")
        if delete_form.is_valid():
            record = services.mentee_data_delete(
                mentee=mentee,
                by=request.user,
                requested_on=delete_form.cleaned_data["requested_on"],
                note=delete_form.cleaned_data["note"],
                path=request.path,
            )
            counts = ", ".join(f"{n} {name}" for name, n in record.summary.items() if n)
            messages.success(request, f"Deleted: {counts or 'nothing was held'}.")
            return redirect("mentorship:mentee_data", user_id=mentee.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "mentorship/mentee_data.html",
        {
            "mentee": mentee,
            "export_form": export_form,
            "delete_form": delete_form,
            "counts": selectors.mentee_data_counts(mentee=mentee),
            "requests": selectors.data_requests(mentee=mentee),
        },
        status=status,
    )


@coordinator_only
@require_safe
def mentor_list(request):
    """Every mentor: qualified or not, capacity left, paused, and why they cannot take anyone."""
    return TemplateResponse(
        request, "mentorship/mentor_list.html", {"rows": selectors.mentor_rows()}
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def mentor_detail(request, user_id: int):
    """A mentor's profile; the coordinator may change capacity and pause or resume them."""
    mentor = _mentor_or_404(user_id)
    profile = MentorProfile.objects.filter(user=mentor).first()
    form = None
    if profile is not None:
        initial = {"capacity": profile.capacity, "status": profile.status}
        form = MentorAdminForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            services.mentor_profile_save(
                mentor=mentor,
                data={name: form.cleaned_data[name] for name in ("capacity", "status")},
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, "Saved.")
            return redirect("mentorship:mentor_detail", user_id=mentor.pk)
    return TemplateResponse(
        request,
        "mentorship/mentor_detail.html",
        {
            "mentor": mentor,
            "profile": profile,
            "fields": selectors.mentor_profile_fields(profile=profile) if profile else [],
            "form": form,
            "pairings": selectors.mentor_pairings(mentor=mentor),
            "history": list(profile.history.select_related("history_user")[:10]) if profile else [],
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def weights(request):
    """The ranking weights, with the history of every change, who made it and why."""
    row = selectors.weights_row()
    initial = {name: getattr(row, name) for name in Criterion.ALL}
    form = WeightsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.weights_update(
            values=form.cleaned_data, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Weights saved. Rankings use them from now on.")
        return redirect("mentorship:weights")
    return TemplateResponse(
        request,
        "mentorship/weights.html",
        {
            "form": form,
            "history": selectors.weights_history(),
            "criteria": [(c, Criterion.LABELS[c]) for c in Criterion.ALL],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def concern_resolve(request, pk: int):
    """Mark a concern as handled, saying what was done."""
    notification = get_object_or_404(
        ConcernNotification.objects.select_related("checkin__pairing__mentor"), pk=pk
    )
    form = ConcernResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_resolve(
                notification=notification, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "Marked as handled.")
            return redirect("mentorship:coordinator_dashboard")
    return TemplateResponse(
        request,
        "mentorship/concern_resolve.html",
        {"notification": notification, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@coordinator_only
@require_safe
def access_log(request):
    """Who read or changed mentee data, most recent first; filter by mentee with ?mentee=<id>."""
    try:
        mentee_id = int(request.GET.get("mentee", ""))
    except ValueError:
        mentee_id = None
    return TemplateResponse(
        request,
        "mentorship/access_log.html",
        {"entries": selectors.access_log(mentee_id=mentee_id), "mentee_id": mentee_id},
    )
