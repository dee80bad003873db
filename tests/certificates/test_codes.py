from hypothesis import given, settings
from hypothesis import strategies as st

from credentials.certificates import codes


def test_token_is_128_bits_of_hex():
    token = codes.new_token()
    assert len(token) == 32 and int(token, 16) >= 0
    assert codes.is_token(token)


def test_code_is_16_crockford_characters_of_80_bits():
    code = codes.new_code()
    assert len(code) == 16 and set(code) <= set(codes.CROCKFORD)
    assert len(codes.CROCKFORD) == 32  # 5 bits a character, 80 bits in all
    assert not set("ILOU") & set(codes.CROCKFORD)


def test_typed_codes_are_case_insensitive_and_read_look_alikes():
    assert codes.normalise_code("abcd-efgh-jkmn-pqrs") == "ABCDEFGHJKMNPQRS"
    assert codes.normalise_code("o0il 1111 2222 3333") == "0011111122223333"
    assert codes.format_code("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"


@given(st.text(max_size=60))
@settings(max_examples=300)
def test_anything_typed_either_normalises_to_a_valid_code_or_to_none(text):
    result = codes.normalise_code(text)
    assert result is None or (len(result) == 16 and set(result) <= set(codes.CROCKFORD))


def test_codes_do_not_repeat():
    assert len({codes.new_code() for _ in range(5000)}) == 5000
