"""The right answers to each quiz, read straight from the curriculum source files (no Django)."""

import re
from pathlib import Path

CURRICULUM = Path(__file__).resolve().parents[1] / "content" / "curriculum"
CHOICE_LINE = re.compile(r"^- \[(?P<mark>[ xX])\] (?P<text>.+)$")


def correct_texts_from_source(module_slug: str) -> dict[str, set[str]]:
    """Question text -> correct choice texts for the module's quiz."""
    path = next(CURRICULUM.glob(f"*-{module_slug}.md"))
    answers: dict[str, set[str]] = {}
    current = None
    for line in path.read_text().splitlines():
        if line.startswith("### Q: "):
            current = line[len("### Q: ") :].strip()
            answers[current] = set()
        elif current and (m := CHOICE_LINE.match(line)) and m["mark"] != " ":
            answers[current].add(m["text"].strip())
    return answers
