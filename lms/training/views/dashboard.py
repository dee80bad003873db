"""The learner dashboard."""

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject

from lms.training.caches import learner_progress_key
from lms.training.selectors import is_training_staff, learner_dashboard, training_role_access


def dashboard(request):
    """Each track with progress, each module's state, hours, last result and the next step."""
    access = training_role_access(request.user)
    if access.login_required:
        return redirect_to_login(request.get_full_path())
    if not access.allowed:
        return TemplateResponse(request, "403.html", {"message": access.message}, status=403)
    # The tracks are a cached fragment per learner (caches.learner_progress_key), read from the
    # database only when it is not in the cache.
    user = request.user
    return TemplateResponse(
        request,
        "training/dashboard.html",
        {
            "tracks": SimpleLazyObject(lambda: learner_dashboard(user=user)),
            "progress_key": f"{learner_progress_key(user)}:{int(is_training_staff(user))}",
        },
    )
