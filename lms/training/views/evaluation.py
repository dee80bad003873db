"""The post-training evaluation: the learner's form, and for coordinators each track's provider
pack (how its hours were derived, the evaluations summed up) with CSV and XLSX exports."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from content.models import ProgramSettings
from lms.accounts.roles import Role, user_has_role
from lms.training import selectors
from lms.training import services as training
from lms.training.evaluation import RATING, RATINGS
from lms.training.models import TrackCompletion, TrackEvaluation, TrackPage

NOT_YOURS = "There is no evaluation for you here: it opens once you have completed the training."
# Far more than the form can send (a few answers of at most 2,000 characters each).
BODY_MAX_BYTES = 64 * 1024
TOO_LARGE = "That was more than the form can send. Shorten your answers and try again."


def _learner_track(request, track_id: int) -> TrackPage | None:
    """The live track, if this learner has completed it; None for anyone who has not (a track
    they have not finished looks the same as one that does not exist)."""
    track = TrackPage.objects.live().filter(pk=track_id).first()
    if track is None or not TrackCompletion.objects.filter(user=request.user, track=track).exists():
        return None
    return track


def _form_rows(questions, answers=None, errors=None) -> list[dict]:
    answers = answers or {}
    errors = errors or {}
    return [
        {
            "question": q,
            "name": f"q-{q.id}",
            "value": answers.get(f"q-{q.id}", ""),
            "error": errors.get(str(q.id)),
            "rating": q.kind == RATING,
        }
        for q in questions
    ]


def _render(request, track, context: dict, *, status=200):
    return TemplateResponse(
        request,
        "training/evaluation.html",
        {"track": track, "ratings": RATINGS, **context},
        status=status,
    )


@login_required
def track_evaluation(request, track_id: int):
    """GET: the form (or a thank-you once sent). POST: send it, once; the certificate follows."""
    if request.method not in ("GET", "HEAD", "POST"):
        return TemplateResponse(request, "405.html", {}, status=405)
    track = _learner_track(request, track_id)
    if track is None:
        return TemplateResponse(
            request, "training/evaluation.html", {"closed": NOT_YOURS}, status=404
        )
    sent = TrackEvaluation.objects.filter(user=request.user, track=track).first()
    questions = training.evaluation_questions(track)
    if request.method != "POST":
        return _render(request, track, {"sent": sent, "rows": _form_rows(questions)})
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = BODY_MAX_BYTES + 1
    if length > BODY_MAX_BYTES:
        return _render(
            request, track, {"rows": _form_rows(questions), "message": TOO_LARGE}, status=413
        )
    answers = {key: value for key, value in request.POST.items() if key.startswith("q-")}
    try:
        training.track_evaluation_submit(user=request.user, track=track, answers=answers)
    except ValidationError as refused:
        if hasattr(refused, "error_dict"):
            errors = {key: messages[0].message for key, messages in refused.error_dict.items()}
            return _render(
                request,
                track,
                {
                    "rows": _form_rows(questions, answers, errors),
                    "message": training.EVALUATION_HAS_ERRORS,
                },
                status=400,
            )
        status = 409 if refused.code == "already_sent" else 404
        return _render(
            request,
            track,
            {"sent": sent, "rows": _form_rows(questions, answers), "message": refused.message},
            status=status,
        )
    return HttpResponseRedirect(
        reverse("track_evaluation", kwargs={"track_id": track.pk}), status=303
    )


# ----------------------------------------------------------------------------- coordinators


def _coordinator_track(request, track_id: int) -> TrackPage:
    if not user_has_role(request.user, Role.COORDINATOR):
        raise PermissionDenied
    return get_object_or_404(TrackPage, pk=track_id)


@login_required
def provider_pack_index(request):
    """Every track, with its hours, PCB approval and how many evaluations it has."""
    if not user_has_role(request.user, Role.COORDINATOR):
        raise PermissionDenied
    tracks = list(TrackPage.objects.live().order_by("path"))
    counts = selectors.evaluation_counts(tracks=tracks)
    rows = [(track, counts.get(track.pk, 0)) for track in tracks]
    return TemplateResponse(
        request,
        "training/provider_pack_index.html",
        {"rows": rows, "provider_number": ProgramSettings.provider_number()},
    )


@login_required
def provider_pack(request, track_id: int):
    """One track for PCB: its approval record, how its hours were derived module by module,
    and its evaluations summed up without names."""
    track = _coordinator_track(request, track_id)
    return TemplateResponse(
        request,
        "training/provider_pack.html",
        {
            "track": track,
            "hours": selectors.track_hours_derivation(track=track),
            "summary": selectors.track_evaluation_summary(track=track),
            "organization": ProgramSettings.program_name(),
            "provider_number": ProgramSettings.provider_number(),
        },
    )


class _SummaryExport(SpreadsheetExportMixin):
    """The evaluation summary as rows: one per rating question, one per free-text answer."""

    columns = [
        ("question", "Question"),
        ("kind", "Kind"),
        ("responses", "Responses"),
        ("average", "Average rating (1 to 5)"),
        *[(f"rated_{n}", f"Rated {n}") for n in RATINGS],
        ("answer", "Free-text answer"),
    ]
    list_export = [name for name, _ in columns]
    export_headings = dict(columns)

    def __init__(self, filename: str):
        self.filename = filename
        # Keep a spreadsheet from running a learner's answer as a formula (CSV injection).
        self.custom_field_preprocess = {
            name: {self.FORMAT_CSV: _csv_safe} for name in ("question", "answer")
        }

    def get_filename(self):
        return self.filename

    def to_row_dict(self, item):
        return {name: item.get(name, "") for name in self.list_export}


def _csv_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def summary_rows(summary) -> list[dict]:
    """The export's rows: each rating question with its counts and average, then each free-text
    question's answers one to a row (alphabetical, with nothing that says who wrote them)."""
    rows = []
    for question in summary.questions:
        base = {"question": question.prompt, "responses": question.responses}
        if question.kind == RATING:
            rows.append(
                {
                    **base,
                    "kind": "Rating",
                    "average": question.average if question.average is not None else "",
                    **{f"rated_{n}": question.counts[n] for n in RATINGS},
                }
            )
        else:
            for text in question.texts or [""]:
                rows.append({**base, "kind": "Free text", "answer": text})
    return rows


@login_required
def evaluation_export(request, track_id: int, fmt: str):
    """The track's evaluation summary as CSV or XLSX (coordinators only, no names)."""
    track = _coordinator_track(request, track_id)
    summary = selectors.track_evaluation_summary(track=track)
    stem = f"evaluations-{track.slug}-{timezone.localdate().isoformat()}"
    response = _SummaryExport(stem).as_spreadsheet(summary_rows(summary), fmt)
    response["Cache-Control"] = "private, no-store"
    return response
