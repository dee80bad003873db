"""StreamField blocks shared by every page type: the site's and the training's."""

import re

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: something a reader must not miss."""

    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        description = "A highlighted box with a title"


class KeyPointsBlock(blocks.StructBlock):
    """The points of a lesson worth remembering, as a short list."""

    points = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_points_block.html"
        description = "A short list of key points"


class ReflectionBlock(blocks.StructBlock):
    """A question the reader answers for themselves; nothing is stored or graded."""

    prompt = blocks.TextBlock()

    class Meta:
        icon = "help"
        template = "blocks/reflection_block.html"
        description = "A reflection prompt (not graded, not stored)"


PHONE_RE = re.compile(r"^\+?[0-9 ().-]+$")  # and 7 to 15 digits (E.164 allows at most 15)


class CrisisLineBlock(blocks.StructBlock):
    """One local crisis line, entered by the program in its settings."""

    area = blocks.CharBlock(
        max_length=80, help_text='The county or area it serves, e.g. "Dauphin".'
    )
    name = blocks.CharBlock(max_length=120, help_text="Who answers, as they name themselves.")
    phone = blocks.CharBlock(max_length=32, help_text="Digits, spaces, dashes or brackets.")
    hours = blocks.CharBlock(max_length=80, required=False, help_text='e.g. "24 hours a day".')

    class Meta:
        icon = "mobile-alt"
        label = "Crisis line"

    def clean(self, value):
        value = super().clean(value)
        phone = value["phone"].strip()
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_RE.match(phone) or not 7 <= digits <= 15:
            raise StructBlockValidationError(
                block_errors={"phone": ValidationError("Enter a phone number, like 717-555-0100.")}
            )
        return value


class LocalCrisisLinesBlock(blocks.StructBlock):
    """The program's local crisis lines, from its settings (Settings > Program settings); where
    the program has entered none, the text below is shown instead."""

    title = blocks.CharBlock(max_length=120)
    fallback = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="Shown while no local crisis line is entered."
    )

    class Meta:
        icon = "mobile-alt"
        template = "blocks/local_crisis_lines_block.html"
        description = "The local crisis lines from the program settings"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with the alternative text screen-reader users hear."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, max_length=250, help_text="Leave empty only for a decorative image."
    )
    decorative = blocks.BooleanBlock(required=False)
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = "An image with alternative text"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("alt_text") and not value.get("decorative"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError("Describe the image, or mark it as decorative.")
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    """A downloadable document with a description of what it is."""

    document = DocumentChooserBlock()
    description = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        description = "A downloadable document"


class VideoBlock(blocks.StructBlock):
    """An embedded video with a transcript, for people who cannot or would rather not watch."""

    video = EmbedBlock()
    transcript = blocks.RichTextBlock(required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = "An embedded video with an optional transcript"


class SectionBlock(blocks.StructBlock):
    """A titled section, for pages read as a set of parts (such as one per audience)."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "title"
        template = "blocks/section_block.html"
        description = "A section with its own heading"


class BodyBlock(blocks.StreamBlock):
    """The body of a page or lesson."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    callout = CalloutBlock()
    key_points = KeyPointsBlock()
    reflection = ReflectionBlock()
    local_crisis_lines = LocalCrisisLinesBlock()
    image = CaptionedImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    section = SectionBlock()
