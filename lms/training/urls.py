"""Training URLs outside the page tree: the learner dashboard, quiz drafts."""

from django.urls import path

from lms.training.views import dashboard, quiz

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="training_dashboard"),
    path("attempts/<int:attempt_id>/draft/", quiz.quiz_draft, name="quiz_attempt_draft"),
]
