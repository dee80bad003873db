"""Every enumerated value of the mentorship program, as TextChoices (stored values never change).

Lists a coordinator edits (areas of lived experience, goals, check-in topics) are models instead:
see lms/mentorship/models/lists.py.
"""

from django.db import models


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"


class TimeSlot(models.TextChoices):
    WEEKDAY_MORNING = "weekday_morning", "Weekday mornings"
    WEEKDAY_AFTERNOON = "weekday_afternoon", "Weekday afternoons"
    WEEKDAY_EVENING = "weekday_evening", "Weekday evenings"
    WEEKEND_DAYTIME = "weekend_daytime", "Weekend daytime"
    WEEKEND_EVENING = "weekend_evening", "Weekend evenings"


class Language(models.TextChoices):
    """Languages most asked for in Pennsylvania programs; extend by adding a value."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
    CHINESE = "zh", "Chinese"
    VIETNAMESE = "vi", "Vietnamese"
    RUSSIAN = "ru", "Russian"
    ARABIC = "ar", "Arabic"
    HAITIAN_CREOLE = "ht", "Haitian Creole"
    PORTUGUESE = "pt", "Portuguese"
    FRENCH = "fr", "French"
    KOREAN = "ko", "Korean"
    NEPALI = "ne", "Nepali"
    ASL = "ase", "American Sign Language"


class RecoveryStage(models.TextChoices):
    """Where a mentee is; a mentor says which of these they feel able to support."""

    FIRST_WEEKS = "first_weeks", "First weeks of treatment"
    IN_TREATMENT = "in_treatment", "In ongoing treatment"
    LEAVING = "leaving", "Preparing to leave treatment"
    AFTER = "after", "After treatment, in continuing care"
    RESTARTING = "restarting", "Starting again after a return to use"


class SupportStyle(models.TextChoices):
    EMOTIONAL = "emotional", "Emotional support: listening, encouragement"
    PRACTICAL = "practical", "Practical support: skills, plans, next steps"
    BOTH = "both", "Both"


class MentorGender(models.TextChoices):
    """Used only to honor a mentee's stated preference; never shown unless the mentor shares."""

    NOT_SAID = "", "Prefer not to say"
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"


class GenderPreference(models.TextChoices):
    NONE = "", "No preference"
    WOMAN = "woman", "A woman"
    MAN = "man", "A man"
    NON_BINARY = "non_binary", "A non-binary person"


class MentorStatus(models.TextChoices):
    ACTIVE = "active", "Active: can take new mentees"
    PAUSED = "paused", "Paused: no new mentees for now"


class Frequency(models.TextChoices):
    """How often a pair agrees to meet; the days are in lms/mentorship/schedule.py."""

    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Every month"


class PairEndReason(models.TextChoices):
    GOALS_MET = "goals_met", "Goals of the pairing met"
    MENTEE_REQUEST = "mentee_request", "The mentee asked to end it"
    MENTOR_REQUEST = "mentor_request", "The mentor asked to end it"
    MENTOR_UNAVAILABLE = "mentor_unavailable", "The mentor is no longer available"
    NO_CONTACT = "no_contact", "No contact for a long time"
    CLINICAL_DECISION = "clinical_decision", "Decision of the clinical team"
    REPAIRED = "repaired", "Paired with a different mentor"
    OTHER = "other", "Other (see note)"


class MilestoneKind(models.TextChoices):
    DAYS_30 = "days_30", "30 days together"
    DAYS_60 = "days_60", "60 days together"
    DAYS_90 = "days_90", "90 days together"
    GOAL_MET = "goal_met", "A goal met"


class AccessAction(models.TextChoices):
    """What was done with a mentee's data, for the access log."""

    VIEW_PROFILE = "view_profile", "Viewed profile"
    VIEW_SHARED_PROFILE = "view_shared_profile", "Viewed what the mentee shares"
    EDIT_PROFILE = "edit_profile", "Edited profile"
    VIEW_NOTES = "view_notes", "Viewed check-in notes"
    VIEW_FEEDBACK = "view_feedback", "Viewed feedback"
    VIEW_CONCERN = "view_concern", "Viewed the check-in behind a concern"
    VIEW_AGREEMENT = "view_agreement", "Viewed the pair's agreement"
    RECORD_ACTION = "record_action", "Recorded what was done about a concern"
    EXPORT = "export", "Exported data"
    DELETE = "delete", "Deleted data"


class DataRequestKind(models.TextChoices):
    EXPORT = "export", "Copy of my data (export)"
    DELETE = "delete", "Delete my data"


class ShareableMenteeField(models.TextChoices):
    """What a mentee may choose to show their mentor; everything else stays with coordinators."""

    GOALS = "goals", "My goals"
    EXPERIENCE = "experience_areas", "Experiences I'd like my mentor to share"
    STAGE = "recovery_stage", "Where I am (stage)"
    AVAILABILITY = "availability", "How and when I prefer to meet"
    LANGUAGES = "languages", "My languages"
    SUPPORT_STYLE = "support_style", "The kind of support I prefer"


class ShareableMentorField(models.TextChoices):
    """What a mentor may choose to show their mentee; the display name is always shown."""

    EXPERIENCE = "experience_areas", "My areas of lived experience"
    GOALS = "goals", "Goals I can support"
    AVAILABILITY = "availability", "How and when I can meet"
    LANGUAGES = "languages", "My languages"
    SUPPORT_STYLE = "support_style", "The kind of support I offer"


class ApplicationStage(models.TextChoices):
    """Where a mentor application stands; the moves allowed between them are in selection.py."""

    APPLIED = "applied", "Applied"
    INTERVIEW = "interview", "Interview"
    IN_TRAINING = "in_training", "In training"
    APPROVED = "approved", "Approved"
    ACTIVE = "active", "Active mentor"
    PAUSED = "paused", "Paused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class TimeInRecovery(models.TextChoices):
    """Lived experience, self-attested as a range: never a date, which would say too much."""

    UNDER_1Y = "under_1y", "Less than 1 year"
    Y1_TO_18M = "1y_18m", "1 year to 18 months"
    M18_TO_3Y = "18m_3y", "18 months to 3 years"
    Y3_TO_5Y = "3y_5y", "3 to 5 years"
    OVER_5Y = "over_5y", "More than 5 years"
    NOT_SAID = "not_said", "I would rather talk about it at the interview"


class Recommendation(models.TextChoices):
    """The interviewer's overall recommendation."""

    RECOMMEND = "recommend", "Recommend"
    WITH_SUPPORT = "with_support", "Recommend, with support in some areas"
    NOT_YET = "not_yet", "Not yet: invite to apply again later"
    DO_NOT_RECOMMEND = "do_not_recommend", "Do not recommend"


class FocusKind(models.TextChoices):
    """The program's focus, in the words of the program's own description ("Program Focus":
    support patients during detox, reinforce skills in outpatient recovery, or assist with
    reintegration post-treatment). The defaults each brings are in ProgramFocus rows."""

    DETOX = "detox", "Detox support"
    OUTPATIENT = "outpatient", "Outpatient recovery skills"
    REINTEGRATION = "reintegration", "Reintegration after treatment"
