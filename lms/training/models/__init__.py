from .evaluation import TrackEvaluation, TrackEvaluationQuestion
from .pages import LessonPage, ModulePage, QuizPage, TrackPage, TrainingIndexPage
from .progress import ModuleCompletion, QuizAttempt, QuizAttemptGrant, TrackCompletion

__all__ = [
    "LessonPage",
    "ModuleCompletion",
    "ModulePage",
    "QuizAttempt",
    "QuizAttemptGrant",
    "QuizPage",
    "TrackCompletion",
    "TrackEvaluation",
    "TrackEvaluationQuestion",
    "TrackPage",
    "TrainingIndexPage",
]
