"""Who may open a training page: role first, then gating by completed modules."""

from dataclasses import dataclass, field

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from lms.accounts.roles import STAFF_ROLES, Role, user_has_role
from lms.training.gating import ModuleNode, module_blockers

TRAINING_FOR_MENTORS = "The training is for mentors. Ask the programme if you think you need it."
MODULE_LOCKED = "This part of the training opens when you complete the modules listed below."


@dataclass
class Access:
    allowed: bool
    login_required: bool = False
    message: str = ""
    blockers: list = field(default_factory=list)


def is_training_staff(user) -> bool:
    return user.is_superuser or any(user_has_role(user, role) for role in STAFF_ROLES)


def training_role_access(user) -> Access:
    """Role check alone: mentors and staff may use the training."""
    if not user.is_authenticated:
        return Access(allowed=False, login_required=True)
    if is_training_staff(user) or user_has_role(user, Role.MENTOR):
        return Access(allowed=True)
    return Access(allowed=False, message=TRAINING_FOR_MENTORS)


def module_access(*, user, module) -> Access:
    """Whether the module's lessons and quiz are open to this user, and what blocks them."""
    from lms.training.models import ModuleCompletion, ModulePage

    access = training_role_access(user)
    if not access.allowed or is_training_staff(user):
        return access
    prerequisite_ids = tuple(module.prerequisites.values_list("pk", flat=True))
    previous = getattr(module, "previous_module_id", None)
    if not prerequisite_ids and not hasattr(module, "previous_module_id"):
        previous = (
            ModulePage.objects.sibling_of(module, inclusive=False)
            .live()
            .filter(path__lt=module.path)
            .order_by("-path")
            .values_list("pk", flat=True)
            .first()
        )
    node = ModuleNode(id=module.pk, previous_id=previous, prerequisite_ids=prerequisite_ids)
    completed = set(
        ModuleCompletion.objects.filter(user=user, module_id__in=node.required_ids).values_list(
            "module_id", flat=True
        )
    )
    blocker_ids = module_blockers(node, completed)
    if not blocker_ids:
        return Access(allowed=True)
    blockers = list(ModulePage.objects.filter(pk__in=blocker_ids).order_by("path"))
    return Access(allowed=False, message=MODULE_LOCKED, blockers=blockers)


def training_access(*, user, page) -> Access:
    """Access to a lesson or quiz page: that of the module it belongs to."""
    access = training_role_access(user)
    if not access.allowed or is_training_staff(user):
        return access
    cached = getattr(page, "_module_access", None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    module = page.gated_module()
    result = module_access(user=user, module=module) if module else Access(allowed=True)
    page._module_access = (user.pk, result)
    return result


def training_denied_response(request, page, access: Access):
    """Sign-in redirect for anonymous visitors; otherwise a 403 that says what to do first."""
    if access.login_required:
        return redirect_to_login(request.get_full_path())
    from lms.training.models import QuizPage

    blockers = [
        {"module": module, "quiz": QuizPage.objects.child_of(module).live().first()}
        for module in access.blockers
    ]
    return TemplateResponse(
        request,
        "training/locked.html",
        {"page": page, "message": access.message, "blockers": blockers},
        status=403,
    )
