"""Training URLs outside the page tree: the learner dashboard, quiz drafts, the post-training
evaluation and each track's provider pack for coordinators."""

from django.urls import path, re_path

from lms.training.views import dashboard, evaluation, pages, quiz

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="training_dashboard"),
    path("attempts/<int:attempt_id>/draft/", quiz.quiz_draft, name="quiz_attempt_draft"),
    path(
        "tracks/<int:track_id>/evaluation/",
        evaluation.track_evaluation,
        name="track_evaluation",
    ),
    path("tracks/provider-pack/", evaluation.provider_pack_index, name="provider_pack_index"),
    path(
        "tracks/<int:track_id>/provider-pack/",
        evaluation.provider_pack,
        name="provider_pack",
    ),
    path(
        "tracks/<int:track_id>/evaluations.csv",
        evaluation.evaluation_export,
        {"fmt": "csv"},
        name="track_evaluations_csv",
    ),
    path(
        "tracks/<int:track_id>/evaluations.xlsx",
        evaluation.evaluation_export,
        {"fmt": "xlsx"},
        name="track_evaluations_xlsx",
    ),
    # Training pages (Wagtail's, routed from the cached structure); Wagtail's own pattern.
    re_path(r"^(?:[\w\-]+/)*$", pages.serve, name="training_page"),
]
