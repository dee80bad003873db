import pytest

from content.sourcefiles import SourceError, body_to_stream, parse_sections


def parse(text):
    return parse_sections("x.md", text)


def test_sections_keep_metadata_and_line_numbers():
    sections = parse("# Resource: Title\nslug: a-b\nsummary: S\n\nBody text.\n")
    assert sections[0].meta == {"slug": ("a-b", 2), "summary": ("S", 3)}
    assert sections[0].body == [(5, "Body text.")]


def test_boxes_become_blocks():
    section = parse(
        "# Resource: T\nslug: s\n\nIntro.\n\n> [!CALLOUT] Heads up\n> Some **text**.\n\n"
        "> [!KEYPOINTS]\n> - One\n> - **Two**\n\n> [!REFLECT]\n> Why?\n\n"
        "> [!CRISISLINES] Your county's line\n> Ask your program.\n"
    )[0]
    stream = body_to_stream(section)
    assert [b["type"] for b in stream] == [
        "text",
        "callout",
        "key_points",
        "reflection",
        "local_crisis_lines",
    ]
    assert stream[4]["value"] == {
        "title": "Your county's line",
        "fallback": "<p>Ask your program.</p>",
    }
    assert stream[1]["value"]["title"] == "Heads up"
    assert "<b>text</b>" in stream[1]["value"]["text"]
    assert stream[2]["value"]["points"] == ["One", "Two"]
    assert stream[3]["value"]["prompt"] == "Why?"


def test_block_ids_are_stable_between_parses():
    text = "# Resource: T\nslug: s\n\nIntro.\n"
    assert body_to_stream(parse(text)[0]) == body_to_stream(parse(text)[0])


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("stray\n# Resource: T\n", 1, "text before the first heading"),
        ("# Resource: T\nslug: a\nslug: b\n", 3, '"slug" is given twice'),
        ("# Resource: T\nslug: s\n\n> [!KEYPOINTS]\n> not a bullet\n", 5, "starts with '- '"),
        ("# Resource: T\nslug: s\n\n> [!CALLOUT]\n> text\n", 4, "needs a title"),
        ("# Resource: T\nslug: s\n\n> [!REFLECT]\n", 4, "is empty"),
        ("# Resource: T\nslug: s\n\n> [!CRISISLINES]\n> text\n", 4, "needs a title"),
    ],
)
def test_problems_are_located(text, line, problem):
    with pytest.raises(SourceError) as error:
        for section in parse(text):
            body_to_stream(section)
    assert error.value.line == line
    assert problem in error.value.problem


def test_a_closing_sources_list_is_kept_on_the_first_section():
    sections = parse(
        "# Resource: T\nslug: s\n\nBody.\n\n## Sources\n\n"
        "- First, 2020.\n- Second, 23 Pa.C.S. §6311.\n"
    )
    assert len(sections) == 1
    assert sections[0].sources == ["First, 2020.", "Second, 23 Pa.C.S. §6311."]
    assert "Sources" not in sections[0].text
    assert "First" not in sections[0].text


def test_a_file_without_sources_has_an_empty_list():
    assert parse("# Resource: T\nslug: s\n\nBody.\n")[0].sources == []


def test_a_lesson_sub_heading_named_sources_is_body_text():
    sections = parse("# Resource: T\nslug: s\n\n### Sources\nBody.\n")
    assert sections[0].sources == []
    assert "### Sources" in sections[0].text


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("# Resource: T\nslug: s\n\n## Sources\n\n", 4, "at least one"),
        ("# Resource: T\nslug: s\n\n## Sources\nA citation\n", 5, "starting with '- '"),
        ("# Resource: T\nslug: s\n\n## Sources\n- \n", 5, "starting with '- '"),
        ("# Module: T\nslug: s\n\n## Sources\n- A.\n\n## Lesson: L\n", 7, "last heading"),
        ("# Resource: T\n\n## Sources\n- A.\n## Sources\n- B.\n", 5, "last heading"),
    ],
)
def test_sources_problems_are_located(text, line, problem):
    with pytest.raises(SourceError) as error:
        parse(text)
    assert error.value.line == line
    assert problem in error.value.problem
