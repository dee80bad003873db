"""The learner dashboard."""

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from lms.training.selectors import learner_dashboard, training_role_access


def dashboard(request):
    """Each track with progress, each module's state, hours, last result and the next step."""
    access = training_role_access(request.user)
    if access.login_required:
        return redirect_to_login(request.get_full_path())
    if not access.allowed:
        return TemplateResponse(request, "403.html", {"message": access.message}, status=403)
    return TemplateResponse(
        request, "training/dashboard.html", {"tracks": learner_dashboard(user=request.user)}
    )
