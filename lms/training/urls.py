"""Training URLs outside the page tree: the learner dashboard."""

from django.urls import path

from lms.training.views import dashboard

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="training_dashboard"),
]
