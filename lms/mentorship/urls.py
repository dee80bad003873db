"""Mentorship program URLs (mounted at /program/ by lms/urls.py)."""

from django.urls import path

from lms.mentorship.views import clinician, common, coordinator, mentee, mentor, pairs, selection

app_name = "mentorship"

urlpatterns = [
    path("", common.home, name="home"),
    # Coordinators
    path("coordinator/", coordinator.dashboard, name="coordinator_dashboard"),
    path("coordinator/pairs/<slug:name>/", coordinator.board_list, name="board_list"),
    path("coordinator/mentees/", coordinator.mentee_list, name="mentee_list"),
    path("coordinator/mentees/<int:user_id>/", coordinator.mentee_detail, name="mentee_detail"),
    path("coordinator/mentees/<int:user_id>/pair/", coordinator.pair_confirm, name="pair_confirm"),
    path(
        "coordinator/mentees/<int:user_id>/profile/",
        coordinator.mentee_profile_edit,
        name="mentee_profile_edit",
    ),
    path("coordinator/mentees/<int:user_id>/data/", coordinator.mentee_data, name="mentee_data"),
    path("coordinator/mentors/", coordinator.mentor_list, name="mentor_list"),
    path("coordinator/mentors/<int:user_id>/", coordinator.mentor_detail, name="mentor_detail"),
    path("coordinator/weights/", coordinator.weights, name="weights"),
    path("coordinator/concerns/<int:pk>/", coordinator.concern_resolve, name="concern_resolve"),
    path("coordinator/access-log/", coordinator.access_log, name="access_log"),
    path("coordinator/applications/", selection.board, name="application_board"),
    path(
        "coordinator/applications/<int:pk>/",
        selection.application_detail,
        name="application_detail",
    ),
    path(
        "coordinator/applications/<int:pk>/interview/",
        selection.interview_new,
        name="interview_new",
    ),
    # Clinicians: open concerns, and the check-in and agreement behind one
    path("clinician/", clinician.home, name="clinician_home"),
    path("clinician/concerns/<int:pk>/", clinician.concern, name="clinician_concern"),
    # One pair (its coordinator view, its mentor, and for the agreement its mentee)
    path("pairs/<int:pk>/", pairs.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/checkins/", pairs.checkins, name="checkins"),
    path("pairs/<int:pk>/checkins/new/", pairs.checkin_new, name="checkin_new"),
    path("pairs/<int:pk>/agreement/", pairs.agreement, name="agreement"),
    path("pairs/<int:pk>/agreement/edit/", pairs.agreement_edit, name="agreement_edit"),
    path("pairs/<int:pk>/milestones/new/", pairs.milestone_new, name="milestone_new"),
    path("pairs/<int:pk>/end/", pairs.pair_end, name="pair_end"),
    # Mentors
    path("mentor/", mentor.home, name="mentor_home"),
    path("mentor/profile/", mentor.profile, name="mentor_profile"),
    path("mentor/application/", selection.application, name="application"),
    # Mentees
    path("mentee/", mentee.home, name="mentee_home"),
    path("mentee/profile/", mentee.profile, name="mentee_profile"),
    path("mentee/feedback/<int:checkin_id>/", mentee.feedback, name="feedback"),
]
