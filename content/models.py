"""The published site: home, standard pages and the mentee onboarding resources."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import BodyBlock, CrisisLineBlock


class HomePage(Page):
    """The site's root page: what the program is, for each of its audiences."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.StandardPage", "content.ResourceIndexPage", "lms.TrainingIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(Page):
    """An ordinary page of the site (about, privacy, accessibility)."""

    summary = models.CharField(max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]


class ResourceIndexPage(Page):
    """The mentee onboarding resources. Restricted (page privacy) to mentees and staff."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = "mentee resource index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = self.get_children().live().specific().order_by("path")
        return context


class ResourcePage(Page):
    """One onboarding page for mentees: plain-language, general information."""

    summary = models.CharField(max_length=300)
    body = StreamField(BodyBlock())

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["content.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "mentee resource"


@register_setting(icon="site")
class ProgramSettings(BaseSiteSetting):
    """The program's name as issuer (certificates, emails) and how to reach it."""

    name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Printed on certificates as the issuer. Empty: the PROGRAM_NAME setting.",
    )
    pcb_provider_number = models.CharField(
        "PCB provider number",
        max_length=50,
        blank=True,
        help_text="Only for a PCB-approved training provider: the number on PCB's provider "
        "approval. Printed next to the organization's name on certificates of PCB-approved "
        "tracks, the quarterly participant list and the audit packet.",
    )
    contact_email = models.EmailField(blank=True)
    crisis_lines = StreamField(
        [("line", CrisisLineBlock())],
        blank=True,
        help_text="The crisis lines of the counties the program serves, shown to mentees and "
        "mentors on the crisis resource beside 911, 988 and ChildLine.",
    )

    # Printed on every certificate (personal data of staff, public on the certificate).
    signatory_name = models.CharField(
        max_length=200, blank=True, help_text="The person who signs certificates."
    )
    signatory_title = models.CharField(
        max_length=200, blank=True, help_text="Their title, as printed under the name."
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a scan of the signature (PNG or JPEG, on a white or clear ground).",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("pcb_provider_number"),
        FieldPanel("contact_email"),
        FieldPanel("crisis_lines"),
        FieldPanel("signatory_name"),
        FieldPanel("signatory_title"),
        FieldPanel("signature_image"),
    ]

    class Meta:
        verbose_name = "program settings"

    @classmethod
    def current(cls) -> "ProgramSettings | None":
        """The default site's settings row, if any (for work done outside a request)."""
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        return cls.objects.filter(site=site).first() if site else None

    @classmethod
    def program_name(cls) -> str:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        record = cls.objects.filter(site=site).first() if site else None
        return (record.name if record and record.name else "") or settings.PROGRAM_NAME

    @classmethod
    def provider_number(cls) -> str:
        """The program's PCB provider number, or "" when it is not an approved provider."""
        record = cls.current()
        return record.pcb_provider_number.strip() if record else ""
