import pytest

from content.readability import flesch_kincaid_grade, plain_units, reading, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("the", 1),
        ("hope", 1),
        ("makes", 1),
        ("helped", 1),
        ("table", 2),
        ("little", 2),
        ("people", 2),
        ("wanted", 2),
        ("places", 2),
        ("changes", 2),
        ("mentees", 2),
        ("naloxone", 3),
        ("methadone", 3),
        ("xylazine", 3),
        ("fentanyl", 3),
        ("recovery", 4),
        ("medication", 4),
        ("buprenorphine", 4),
        ("acamprosate", 4),
        ("trauma-informed", 4),
    ],
)
def test_syllables_by_spelling(word, count):
    assert syllables(word) == count


def test_hand_worked_grade():
    # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    counts = reading("The cat sat on the mat.")
    assert (counts.sentences, counts.words, counts.syllables) == (1, 6, 6)
    assert flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(-1.4, abs=0.06)


def test_two_sentences_in_a_paragraph_are_counted_apart():
    # 9 words and 9 syllables in 2 sentences
    counts = reading("We met at noon. She was kind to me.")
    assert (counts.sentences, counts.words, counts.syllables) == (2, 9, 9)


def test_markup_numbers_and_list_items():
    text = "### A heading\n\n- **Call** [ChildLine](https://example.org) at 1-800-932-0313\n"
    assert plain_units(text) == ["A heading", "Call ChildLine at 1-800-932-0313"]
    counts = reading(text)
    assert counts.sentences == 2
    assert counts.words == 5  # the phone number is not a word


def test_boxes_are_read_as_text():
    text = "> [!CALLOUT] Stay safe\n> Call 911 now.\n\n> [!KEYPOINTS]\n> - One point\n"
    assert plain_units(text) == ["Stay safe", "Call 911 now.", "One point"]


def test_long_words_and_long_sentences_raise_the_grade():
    plain = "We talk. We plan. We go to the group. It helps us."
    dense = (
        "Comprehensive interdisciplinary coordination necessitates documentation, "
        "authorization and confidentiality considerations throughout organizational operations."
    )
    assert flesch_kincaid_grade(plain) < 3 < 15 < flesch_kincaid_grade(dense)


def test_empty_text_has_grade_zero():
    assert flesch_kincaid_grade("") == 0.0
