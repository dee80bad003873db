"""Factory data is distinct by construction: no test may depend on random names differing."""

from tests.factories import distinct_word


def test_no_factory_name_is_part_of_another_or_of_a_plain_word():
    words = [distinct_word("Fn", n) for n in range(3000)]

    assert len(set(words)) == len(words)
    joined = " ".join(words).lower()
    assert all(joined.count(word.lower()) == 1 for word in words[:300] + words[-300:])
