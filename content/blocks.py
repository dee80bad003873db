"""StreamField blocks shared by every page type: the site's and the training's."""

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
    image = CaptionedImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    section = SectionBlock()
