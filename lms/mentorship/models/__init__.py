from .applications import ApplicationDecision, Interview, InterviewScore, MentorApplication
from .audit import AccessLogEntry, DataRequest
from .focus import ProgramFocus
from .lists import CheckinTopic, ExperienceArea, Goal, RubricCriterion
from .pairs import (
    Agreement,
    CheckIn,
    ConcernAction,
    ConcernNotification,
    MeetingFeedback,
    Milestone,
    Pairing,
    ScoringWeights,
)
from .profiles import MenteeProfile, MentorProfile

__all__ = [
    "AccessLogEntry",
    "Agreement",
    "ApplicationDecision",
    "ConcernAction",
    "Interview",
    "InterviewScore",
    "MentorApplication",
    "RubricCriterion",
    "CheckIn",
    "CheckinTopic",
    "ConcernNotification",
    "DataRequest",
    "ExperienceArea",
    "Goal",
    "MeetingFeedback",
    "MenteeProfile",
    "MentorProfile",
    "Milestone",
    "Pairing",
    "ProgramFocus",
    "ScoringWeights",
]
