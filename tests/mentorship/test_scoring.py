"""The ranking, as a pure function, on a prepared set of profiles (no database)."""

import json
from fractions import Fraction

from lms.mentorship.choices import MentorStatus
from lms.mentorship.scoring import (
    AT_CAPACITY,
    NOT_QUALIFIED,
    PAUSED,
    Criterion,
    MenteeFacts,
    MentorFacts,
    Weights,
    ineligibility,
    rank,
    score,
)

# Default weights: experience 25, goals 20, stage 15, availability 15, language 15,
# support style 10, gender preference 10. This mentee asks for all seven: maximum 110.
MENTEE = MenteeFacts(
    experience_areas=frozenset({"Opioid use", "Parenting"}),
    goals=frozenset({"Work", "Housing", "Family"}),
    stage="in_treatment",
    formats=frozenset({"video", "in_person"}),
    times=frozenset({"weekday_evening", "weekend_daytime"}),
    languages=frozenset({"es"}),
    gender_preference="woman",
    support_style="emotional",
)

# Everything the mentee asked for: 110 / 110.
IDEAL = MentorFacts(
    id=1,
    name="Ideal",
    experience_areas=frozenset({"Opioid use", "Parenting", "Alcohol use"}),
    goals=frozenset({"Work", "Housing", "Family"}),
    stages=frozenset({"in_treatment"}),
    formats=frozenset({"video"}),
    times=frozenset({"weekday_evening", "weekend_daytime"}),
    languages=frozenset({"es", "en"}),
    gender="woman",
    support_style="both",
    capacity_left=1,
)
# No shared experience; 2 of 3 goals (13 1/3); stage (15); format yes, no time (7.5);
# language (15); emotional (10); woman (10): 70 5/6 of 110 = 64%.
GOOD = MentorFacts(
    id=2,
    name="Good",
    goals=frozenset({"Work", "Housing"}),
    stages=frozenset({"in_treatment"}),
    formats=frozenset({"in_person"}),
    languages=frozenset({"es"}),
    gender="woman",
    support_style="emotional",
    capacity_left=2,
)
# 1 of 2 areas (12.5); 1 of 3 goals (6 2/3); no stage; no format, 1 of 2 times (3.75);
# no language; practical for an emotional ask (0); a man: 22 11/12 of 110 = 21%.
WEAK = MentorFacts(
    id=3,
    name="Weak",
    experience_areas=frozenset({"Opioid use"}),
    goals=frozenset({"Work"}),
    formats=frozenset({"phone"}),
    times=frozenset({"weekday_evening"}),
    languages=frozenset({"en"}),
    gender="man",
    support_style="practical",
    capacity_left=3,
)
PAUSED_IDEAL = MentorFacts(**{**IDEAL.__dict__, "id": 4, "status": MentorStatus.PAUSED})
FULL_IDEAL = MentorFacts(**{**IDEAL.__dict__, "id": 5, "capacity_left": 0})
UNQUALIFIED_IDEAL = MentorFacts(**{**IDEAL.__dict__, "id": 6, "qualified": False})

PREPARED = [WEAK, PAUSED_IDEAL, GOOD, FULL_IDEAL, IDEAL, UNQUALIFIED_IDEAL]


def test_prepared_profiles_rank_ideal_then_good_then_weak_and_drop_the_ineligible():
    ranked = rank(MENTEE, PREPARED)

    assert [s.mentor.name for s in ranked] == ["Ideal", "Good", "Weak"]
    assert [s.percent for s in ranked] == [100, 64, 21]
    assert [s.points for s in ranked] == [Fraction(110), Fraction(425, 6), Fraction(275, 12)]
    assert {s.maximum for s in ranked} == {110}


def test_each_reason_gives_its_points_and_says_why():
    reasons = {r.criterion: r for r in score(MENTEE, GOOD).reasons}

    assert reasons[Criterion.EXPERIENCE].points == 0
    assert reasons[Criterion.EXPERIENCE].text == "None of the 2 areas of experience in common."
    assert reasons[Criterion.GOALS].points == Fraction(40, 3)
    assert reasons[Criterion.GOALS].text == "Housing, Work (2 of 3 goals)."
    assert reasons[Criterion.GOALS].points_display == "13.3"
    assert reasons[Criterion.STAGE].text == "Supports: In ongoing treatment."
    assert reasons[Criterion.AVAILABILITY].points == Fraction(15, 2)
    assert reasons[Criterion.AVAILABILITY].text == (
        "Formats in common: in person; 0 of 2 preferred times match."
    )
    assert reasons[Criterion.LANGUAGE].text == "Both speak Spanish."
    assert reasons[Criterion.SUPPORT_STYLE].points == 10
    assert reasons[Criterion.GENDER].points == 10


def test_a_criterion_the_mentee_left_empty_is_not_counted_in_points_or_maximum():
    mentee = MenteeFacts(languages=frozenset({"en"}), support_style="both")
    result = score(mentee, WEAK)

    counted = {r.criterion for r in result.reasons if r.counted}
    assert counted == {Criterion.LANGUAGE, Criterion.SUPPORT_STYLE}
    assert result.maximum == 15 + 10
    # English shared (15) and practical for "both" (half of 10): 20 of 25.
    assert result.points == 20
    assert result.percent == 80


def test_a_weight_of_zero_switches_a_criterion_off():
    weights = Weights(shared_experience=0, goals=0, stage=0, availability=0, language=1)
    weights = Weights(**{**weights.__dict__, "support_style": 0, "gender_preference": 0})

    ranked = rank(MENTEE, [WEAK, GOOD, IDEAL], weights)

    # Only language counts: Ideal and Good both speak Spanish (tie: more capacity first).
    assert [(s.mentor.name, s.percent) for s in ranked] == [
        ("Good", 100),
        ("Ideal", 100),
        ("Weak", 0),
    ]
    off = [r for r in ranked[0].reasons if r.criterion == Criterion.GOALS][0]
    assert not off.counted and off.text == "Weight is 0: not counted."


def test_changing_weights_changes_the_order():
    # Shared experience alone: Weak shares one area, Good none.
    only_experience = Weights(0, 0, 0, 0, 0, 0, 0)
    only_experience = Weights(**{**only_experience.__dict__, "shared_experience": 10})

    ranked = rank(MENTEE, [GOOD, WEAK], only_experience)

    assert [s.mentor.name for s in ranked] == ["Weak", "Good"]


def test_ties_go_to_more_capacity_left_then_lower_id():
    twin_a = MentorFacts(**{**WEAK.__dict__, "id": 30, "capacity_left": 1})
    twin_b = MentorFacts(**{**WEAK.__dict__, "id": 20, "capacity_left": 1})
    roomy = MentorFacts(**{**WEAK.__dict__, "id": 40, "capacity_left": 5})

    assert [s.mentor.id for s in rank(MENTEE, [twin_a, twin_b, roomy])] == [40, 20, 30]


def test_support_style_both_wanted_gives_half_for_a_one_sided_mentor():
    mentee = MenteeFacts(support_style="both")
    emotional = MentorFacts(id=1, support_style="emotional")
    both = MentorFacts(id=2, support_style="both")

    assert score(mentee, emotional).points == 5
    assert score(mentee, both).points == 10


def test_no_gender_preference_is_never_held_against_a_mentor():
    mentee = MenteeFacts(support_style="both")
    man = MentorFacts(id=1, gender="man")
    unsaid = MentorFacts(id=2, gender="")

    assert score(mentee, man).percent == score(mentee, unsaid).percent == 100
    gender = [r for r in score(mentee, man).reasons if r.criterion == Criterion.GENDER][0]
    assert not gender.counted


def test_ineligibility_lists_every_reason():
    blocked = MentorFacts(id=9, qualified=False, status=MentorStatus.PAUSED, capacity_left=0)

    assert ineligibility(blocked) == [NOT_QUALIFIED, PAUSED, AT_CAPACITY]
    assert ineligibility(IDEAL) == []


def test_score_snapshot_is_json_safe():
    snapshot = score(MENTEE, GOOD).as_dict()

    assert json.loads(json.dumps(snapshot))["percent"] == 64
    assert len(snapshot["reasons"]) == len(Criterion.ALL)
