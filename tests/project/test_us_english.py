"""The users are in Pennsylvania: every word they can read is US English, and the old British
paths still lead where they used to."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# British forms, as whole words (case-insensitive); each has a US form users should see instead.
BRITISH = [
    "programme",
    "programmes",
    "organisation",
    "organisations",
    "organise",
    "organised",
    "enrolment",
    "enrolments",
    "behaviour",
    "behaviours",
    "colour",
    "colours",
    "centre",
    "centres",
    "licence",
    "favour",
    "honour",
    "neighbour",
    "neighbours",
    "recognise",
    "recognised",
    "apologise",
    "prioritise",
    "summarise",
    "realise",
    "normalise",
    "normalised",
    "catalogue",
    "judgement",
    "whilst",
    "amongst",
    "towards",
]
WORD = re.compile(r"\b(" + "|".join(BRITISH) + r")\b", re.IGNORECASE)
# Historical migrations keep the names their tables had when they ran; this file lists the words.
SKIP = re.compile(
    r"(^|/)migrations/|package-lock\.json$|\.(png|svg|woff2?|ico)$"
    r"|tests/project/test_us_english|tests/content/test_curriculum_quality"
)
# A cited work keeps its own title's spelling.
CITED_TITLES = re.compile(r"suicide and related behaviours")
# The old path itself, which now redirects: /programme/... -> /program/...
OLD_PATH = re.compile(r"[/^]programme/")


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in listed if not SKIP.search(name)]


def test_the_spelling_check_catches_british_forms():
    assert WORD.search("Welcome to the Programme")
    assert WORD.search("your organisation's name")
    assert not WORD.search("a computer program for the organization")


def test_no_british_spelling_in_templates_messages_content_or_urls():
    found = []
    for path in _tracked_text_files():
        try:
            text = path.read_text()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if match := WORD.search(CITED_TITLES.sub("", OLD_PATH.sub("/", line))):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/programme/", "/program/"),
        ("/programme/coordinator/?page=2", "/program/coordinator/?page=2"),
        ("/programme/mentor/checkins/5/", "/program/mentor/checkins/5/"),
        # Whatever follows the prefix stays escaped: no header splitting, no other host.
        (
            "/programme/%0D%0ALocation:%20//evil.example/",
            "/program/%0D%0ALocation:%20//evil.example/",
        ),
    ],
)
def test_old_programme_paths_redirect_permanently_to_program(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
