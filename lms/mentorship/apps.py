from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    name = "lms.mentorship"
    label = "mentorship"
    verbose_name = "Mentorship program"

    def ready(self):
        from lms.mentorship import jobs  # noqa: F401 - registers the daily job with the scheduler
        from lms.mentorship.caches import connect_signals

        connect_signals()
