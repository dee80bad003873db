"""The `lms` app's models, for Django: each room defines its own and this module gathers them,
so that tables, content types and permissions keep the app label `lms` (docs/decisions/0031)."""

from lms.accounts.models import (
    Invitation,
    Registration,
    SecondFactorReset,
    User,
    UserManager,
)
from lms.ops.models import ScheduledRun
from lms.training.models import (
    LessonPage,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    QuizAttemptGrant,
    QuizPage,
    TrackCompletion,
    TrackEvaluation,
    TrackEvaluationQuestion,
    TrackPage,
    TrainingIndexPage,
)

__all__ = [
    "Invitation",
    "Registration",
    "SecondFactorReset",
    "LessonPage",
    "ModuleCompletion",
    "ModulePage",
    "QuizAttempt",
    "QuizAttemptGrant",
    "QuizPage",
    "ScheduledRun",
    "TrackCompletion",
    "TrackEvaluation",
    "TrackEvaluationQuestion",
    "TrackPage",
    "TrainingIndexPage",
    "User",
    "UserManager",
]
