from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    name = "lms.mentorship"
    label = "mentorship"
    verbose_name = "Mentorship program"
