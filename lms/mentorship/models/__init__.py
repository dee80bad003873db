from .audit import AccessLogEntry, DataRequest
from .lists import CheckinTopic, ExperienceArea, Goal
from .pairs import (
    Agreement,
    CheckIn,
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
    "ScoringWeights",
]
