"""Writes to the page tree shared by the content and curriculum loaders."""

from django.db import transaction

from wagtail.models import Page, Site


def _normalise(value):
    """Stream data without block ids, with list items unwrapped: what a reader would see."""
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return _normalise(value.get("value"))
        return {key: _normalise(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [_normalise(item) for item in value]
    return value


def _current(page: Page, name: str):
    value = getattr(page, name)
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        return _normalise(list(raw))
    return value


def page_upsert(*, parent: Page, model: type[Page], slug: str, fields: dict, user=None):
    """Create the page under parent, or publish a new revision if any field differs.

    Returns (page, action) where action is "created", "updated" or "unchanged". A page is
    found by slug among parent's children, so reloading the same source changes nothing.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, **fields)
        with transaction.atomic():
            parent.add_child(instance=page)
            page.save_revision(user=user, log_action=True).publish(user=user)
        return page, "created"
    page = existing.specific
    if not isinstance(page, model):
        raise ValueError(
            f'the page at slug "{slug}" is a {type(page).__name__}, not a {model.__name__}'
        )
    changed = {
        name: value for name, value in fields.items() if _current(page, name) != _normalise(value)
    }
    if not changed and page.live and not page.has_unpublished_changes:
        return page, "unchanged"
    for name, value in fields.items():
        setattr(page, name, value)
    with transaction.atomic():
        page.save_revision(user=user, log_action=True).publish(user=user)
    return page, "updated"


def site_root_set(*, page: Page) -> None:
    """Make page the root of the default site, removing Wagtail's placeholder welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=page,
            is_default_site=True,
            site_name=page.title,
        )
        return
    if site.root_page_id != page.pk:
        old_root = site.root_page
        site.root_page = page
        site.save()
        if type(old_root.specific) is Page and old_root.slug == "home" and old_root.is_leaf():
            old_root.delete()
