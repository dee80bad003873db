"""Reads the project's human-readable content files (docs/curriculum-format.md).

Pure parsing, no database: a file becomes a list of sections, each with its metadata and body
lines, every piece keeping its line number so that a problem is reported as file, line, problem.
"""

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import markdown

HEADING_RE = re.compile(
    r"^(?P<hashes>#{1,3}) (?P<kind>Track|Module|Home|Resource|Objectives|Lesson|Quiz|Q)"
    r"(?::\s*(?P<title>.*))?\s*$"
)
META_RE = re.compile(r"^(?P<key>[a-z_]+):\s*(?P<value>.*)$")
SOURCES_RE = re.compile(r"^## Sources\s*$")
BOX_RE = re.compile(r"^\[!(?P<kind>CALLOUT|CRISISLINES|KEYPOINTS|REFLECT)\]\s*(?P<title>.*)$")


class SourceError(Exception):
    """A problem in a content file, located by file and line."""

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


@dataclass
class Section:
    """One heading of a content file with what follows it up to the next heading."""

    path: Path
    kind: str
    title: str
    line: int
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)
    body: list[tuple[int, str]] = field(default_factory=list)
    # On a file's first section: the citations of its closing "## Sources" list.
    sources: list[str] = field(default_factory=list)

    def error(self, problem: str, line: int | None = None) -> SourceError:
        return SourceError(self.path, line or self.line, problem)

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.meta[key][0] if key in self.meta else default

    def require(self, key: str) -> str:
        if key not in self.meta or not self.meta[key][0]:
            raise self.error(f'"{self.kind}" needs a "{key}:" line')
        return self.meta[key][0]

    def number(
        self, key: str, default: int | None = None, *, minimum: int = 0, maximum: int | None = None
    ) -> int:
        """The metadata value as a whole number within bounds, or a located error."""
        raw = self.get(key)
        if raw is None:
            if default is None:
                raise self.error(f'"{self.kind}" needs a "{key}:" line')
            return default
        line = self.meta[key][1]
        try:
            value = int(raw)
        except ValueError:
            raise self.error(f'"{key}" must be a whole number, not "{raw}"', line) from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
            raise self.error(f'"{key}" must be {bounds}, not {raw}', line)
        return value

    def choice(self, key: str, allowed: list[str], default: str | None = None) -> str:
        value = self.get(key, default)
        if value is None:
            raise self.error(f'"{self.kind}" needs a "{key}:" line')
        if value not in allowed:
            line = self.meta[key][1] if key in self.meta else self.line
            raise self.error(f'"{key}" must be one of {", ".join(allowed)}, not "{value}"', line)
        return value

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.body).strip()


def parse_sections(path: Path, text: str | None = None) -> list[Section]:
    """Split a file into sections at the recognized headings; metadata follows a heading.

    A closing "## Sources" list is not returned as a section: its citations are kept on the
    file's first section (`sections[0].sources`).
    """
    path = Path(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    sources_at = next((i for i, line in enumerate(lines) if SOURCES_RE.match(line.rstrip())), None)
    sources: list[str] = []
    if sources_at is not None:
        sources = _parse_sources(path, lines, sources_at)
        lines = lines[:sources_at]
    sections: list[Section] = []
    current: Section | None = None
    in_meta = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        match = HEADING_RE.match(line)
        if match:
            current = Section(path, match["kind"], (match["title"] or "").strip(), number)
            sections.append(current)
            in_meta = True
            continue
        if current is None:
            if line.strip():
                raise SourceError(path, number, "text before the first heading")
            continue
        if in_meta:
            meta = META_RE.match(line)
            if meta:
                if meta["key"] in current.meta:
                    raise SourceError(path, number, f'"{meta["key"]}" is given twice')
                current.meta[meta["key"]] = (meta["value"].strip(), number)
                continue
            in_meta = False
            if not line.strip():
                continue
        current.body.append((number, line))
    if not sections:
        raise SourceError(path, 1, "the file has no headings")
    sections[0].sources = sources
    return sections


def _parse_sources(path: Path, lines: list[str], start: int) -> list[str]:
    """The citations of the "## Sources" heading at index `start`: the rest of the file,
    one '- ' bullet each, nothing else after them."""
    citations: list[str] = []
    for number, raw in enumerate(lines[start + 1 :], start=start + 2):
        line = raw.rstrip()
        if not line.strip():
            continue
        if HEADING_RE.match(line) or SOURCES_RE.match(line):
            raise SourceError(path, number, '"## Sources" is the last heading of a file')
        if not line.startswith("- ") or not line[2:].strip():
            raise SourceError(path, number, "each source is a line starting with '- '")
        citations.append(line[2:].strip())
    if not citations:
        raise SourceError(path, start + 1, '"## Sources" needs at least one "- " citation')
    return citations


_md = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def markdown_to_html(text: str) -> str:
    """Markdown to the HTML that Wagtail's rich text stores; `###` becomes the body's <h2>."""
    _md.reset()
    html = _md.convert(text)
    html = re.sub(r"<(/?)h3>", r"<\1h2>", html)
    html = re.sub(r"<(/?)h4>", r"<\1h3>", html)
    html = re.sub(r"<(/?)strong>", r"<\1b>", html)
    html = re.sub(r"<(/?)em>", r"<\1i>", html)
    return html


def _plain(text: str) -> str:
    return re.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", text).strip()


def _block(block_type: str, value: object) -> dict[str, object]:
    # A stable id per (type, value) keeps a reload of an unchanged file from creating a revision.
    block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{block_type}:{value!r}"))
    return {"type": block_type, "value": value, "id": block_id}


def body_to_stream(
    section: Section, lines: list[tuple[int, str]] | None = None
) -> list[dict[str, object]]:
    """Body lines to StreamField data for content.blocks.BodyBlock."""
    lines = section.body if lines is None else lines
    stream: list[dict[str, object]] = []
    prose: list[str] = []

    def flush_prose() -> None:
        text = "\n".join(prose).strip()
        if text:
            stream.append(_block("text", markdown_to_html(text)))
        prose.clear()

    index = 0
    while index < len(lines):
        number, line = lines[index]
        if not line.startswith(">"):
            prose.append(line)
            index += 1
            continue
        flush_prose()
        quoted: list[tuple[int, str]] = []
        while index < len(lines) and lines[index][1].startswith(">"):
            quoted.append((lines[index][0], lines[index][1][1:].removeprefix(" ")))
            index += 1
        stream.append(_box(section, number, quoted))
    flush_prose()
    return stream


def _box(section: Section, number: int, quoted: list[tuple[int, str]]) -> dict[str, object]:
    header = BOX_RE.match(quoted[0][1])
    if not header:
        raise section.error(
            "a quoted block must start with [!CALLOUT], [!CRISISLINES], [!KEYPOINTS] or [!REFLECT]",
            number,
        )
    rest = [text for _, text in quoted[1:]]
    if not any(text.strip() for text in rest):
        raise section.error(f"the [!{header['kind']}] box is empty", number)
    kind = header["kind"]
    if kind == "CALLOUT":
        if not header["title"]:
            raise section.error("a [!CALLOUT] box needs a title after [!CALLOUT]", number)
        return _block(
            "callout",
            {"title": header["title"].strip(), "text": markdown_to_html("\n".join(rest))},
        )
    if kind == "CRISISLINES":
        if not header["title"]:
            raise section.error("a [!CRISISLINES] box needs a title after [!CRISISLINES]", number)
        return _block(
            "local_crisis_lines",
            {"title": header["title"].strip(), "fallback": markdown_to_html("\n".join(rest))},
        )
    if kind == "KEYPOINTS":
        points = []
        for line_no, text in quoted[1:]:
            if not text.strip():
                continue
            if not text.startswith("- "):
                raise section.error("each line of a [!KEYPOINTS] box starts with '- '", line_no)
            points.append(_plain(text[2:]))
        return _block("key_points", {"points": points})
    return _block("reflection", {"prompt": _plain(" ".join(t.strip() for t in rest if t.strip()))})
