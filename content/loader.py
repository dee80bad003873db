"""Loads the site's shipped pages (home and mentee resources) from content/site and
content/resources. Every file is parsed before anything is written."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Page, PageViewRestriction

from content.models import HomePage, ResourceIndexPage, ResourcePage
from content.services import page_upsert, site_root_set
from content.sourcefiles import (
    Section,
    SourceError,
    body_to_stream,
    markdown_to_html,
    parse_sections,
)

CONTENT_DIR = Path(__file__).resolve().parent
RESOURCE_GROUPS = ["Mentee", "Editor", "Coordinator"]
RESOURCE_INDEX_INTRO = (
    "<p>Short pages to read before and during your time with a mentor. They are general "
    "information, not medical or clinical advice.</p>"
)


@dataclass
class LoadReport:
    """What a load did, page by page."""

    actions: list[tuple[str, str]] = field(default_factory=list)

    def add(self, page, action: str) -> None:
        self.actions.append((page.title, action))

    def count(self, action: str) -> int:
        return sum(1 for _, a in self.actions if a == action)


def _single(path: Path, kind: str) -> Section:
    sections = parse_sections(path)
    if sections[0].kind != kind:
        raise sections[0].error(f'the file must start with "# {kind}: <title>"')
    if len(sections) > 1:
        raise sections[1].error(f'unexpected "{sections[1].kind}" heading in a {kind} file')
    return sections[0]


def _home_fields(section: Section) -> dict:
    intro_lines: list[str] = []
    parts: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for number, line in section.body:
        if line.startswith("## "):
            current = {"heading": line[3:].strip(), "lines": [], "line": number}
            parts.append(current)
        elif current is None:
            intro_lines.append(line)
        else:
            current["lines"].append(line)
    if not parts:
        raise section.error('the home page needs at least one "## <audience>" section')
    body = [
        {
            "type": "section",
            "value": {
                "heading": part["heading"],
                "text": markdown_to_html("\n".join(part["lines"])),
            },
        }
        for part in parts
    ]
    return {
        "title": section.title,
        "search_description": section.require("summary"),
        "intro": markdown_to_html("\n".join(intro_lines)),
        "body": body,
    }


def _resource_fields(section: Section) -> dict:
    stream = body_to_stream(section)
    if not stream:
        raise section.error("the resource has no body text")
    return {"title": section.title, "summary": section.require("summary"), "body": stream}


def content_load(*, base_dir: Path = CONTENT_DIR) -> LoadReport:
    """Parse every content file, then create or update the pages; all or nothing."""
    home = _home_fields(_single(base_dir / "site" / "home.md", "Home"))
    resources = []
    slugs: dict[str, Path] = {}
    for path in sorted((base_dir / "resources").glob("*.md")):
        section = _single(path, "Resource")
        slug = section.require("slug")
        if slug in slugs:
            raise SourceError(
                path, section.meta["slug"][1], f'slug "{slug}" is used by {slugs[slug].name} too'
            )
        slugs[slug] = path
        resources.append((slug, _resource_fields(section)))

    report = LoadReport()
    with transaction.atomic():
        root = Page.get_first_root_node()
        home_page, action = page_upsert(parent=root, model=HomePage, slug="home-page", fields=home)
        report.add(home_page, action)
        site_root_set(page=home_page)
        index, action = page_upsert(
            parent=home_page,
            model=ResourceIndexPage,
            slug="resources",
            fields={"title": "Mentee resources", "intro": RESOURCE_INDEX_INTRO},
        )
        report.add(index, action)
        _restrict_to_groups(index, RESOURCE_GROUPS)
        for slug, fields in resources:
            page, action = page_upsert(parent=index, model=ResourcePage, slug=slug, fields=fields)
            report.add(page, action)
    return report


def _restrict_to_groups(page: Page, names: list[str]) -> None:
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    elif restriction.restriction_type != PageViewRestriction.GROUPS:
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save()
    restriction.groups.set(Group.objects.filter(name__in=names))
