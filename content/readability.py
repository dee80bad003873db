"""Reading level of the shipped content: the Flesch-Kincaid grade of Markdown text.

Pure functions, no database. The grade is 0.39 x (words per sentence) + 11.8 x (syllables per
word) - 15.59 (Kincaid et al., 1975). Syllables are counted by a spelling rule (vowel groups, less
a silent final e and the silent -ed and -es endings), close to what readability tools report.

How the Markdown is read (docs/curriculum-format.md, "Reading level"):
- each paragraph, heading and list item ends a sentence, as a reader takes it in;
- inside one, a sentence ends at ".", "!" or "?" before a space;
- a word is a run of letters (with inner apostrophes or hyphens); phone numbers, section numbers
  and other runs without letters are not words.
"""

import re
from dataclasses import dataclass

_MARKUP = [
    (re.compile(r"^\s*>\s?"), ""),  # block quote
    (re.compile(r"^\[!(?:CALLOUT|CRISISLINES|KEYPOINTS|REFLECT)\]\s*"), ""),  # box header
    (re.compile(r"^#{1,6}\s+"), ""),  # heading
    (re.compile(r"^\s*(?:[-*+]|\d+\.)\s+"), ""),  # list item
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link
    (re.compile(r"(\*\*|__|\*|_)(.+?)\1"), r"\2"),  # emphasis
]
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')”’]*\s+")
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z]|['’-](?=[A-Za-z]))*")


@dataclass(frozen=True)
class Reading:
    """Counts behind a Flesch-Kincaid grade."""

    sentences: int
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return (
            0.39 * self.words / max(self.sentences, 1) + 11.8 * self.syllables / self.words - 15.59
        )


def syllables(word: str) -> int:
    """Syllables in one English word, by spelling (at least one per word part)."""
    return sum(_part_syllables(part) for part in re.split(r"[-]", word.lower()) if part)


def _part_syllables(part: str) -> int:
    part = re.sub(r"[^a-z]", "", part)
    if not part:
        return 0
    if len(part) <= 3:
        return 1
    # Silent endings: "makes", "helped", "hope"; but "places", "wanted", "table" keep theirs.
    silent_es = part.endswith("es") and part[-3] not in "aeiouylsxzcgh"
    silent_ed = part.endswith("ed") and part[-3] not in "aeiouyldt"
    if silent_es or silent_ed:
        part = part[:-2]
    elif part.endswith("e") and part[-2] not in "aeiouyl":
        part = part[:-1]
    part = re.sub(r"^y", "", part)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", part)))


def plain_units(markdown_text: str) -> list[str]:
    """The text a reader reads, one string per paragraph, heading or list item."""
    units = []
    for line in markdown_text.splitlines():
        text = line.strip()
        for pattern, repl in _MARKUP:
            text = pattern.sub(repl, text)
        text = text.strip()
        if text:
            units.append(text)
    return units


def reading(markdown_text: str) -> Reading:
    """Sentence, word and syllable counts of Markdown text."""
    sentences = words = syllable_total = 0
    for unit in plain_units(markdown_text):
        for sentence in _SENTENCE_END.split(unit):
            found = _WORD.findall(sentence)
            if not found:
                continue
            sentences += 1
            words += len(found)
            syllable_total += sum(syllables(w) for w in found)
    return Reading(sentences=sentences, words=words, syllables=syllable_total)


def flesch_kincaid_grade(markdown_text: str) -> float:
    """The Flesch-Kincaid grade level of Markdown text, to one decimal."""
    return round(reading(markdown_text).grade, 1)
