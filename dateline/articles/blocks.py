"""The blocks an article body is written with."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=120)
    role = blocks.CharBlock(
        label=_("Role"), max_length=200, required=False, help_text=_("e.g. Foreign minister")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "articles/blocks/quote.html"


class ArticleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, help_text=_("Leave empty to use the image's caption")
    )
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, help_text=_("Leave empty to use the image's credit")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "articles/blocks/image.html"


class RelatedStoryBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Story"), page_type="articles.ArticlePage")
    label = blocks.CharBlock(
        label=_("Label"), required=False, max_length=60, help_text=_("Defaults to “Read also”")
    )

    class Meta:
        icon = "link"
        label = _("Related story")
        template = "articles/blocks/related_story.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=PARAGRAPH_FEATURES, template="articles/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        label=_("Subheading"), max_length=160, icon="title", template="articles/blocks/subheading.html"
    )
    quote = QuoteBlock()
    image = ArticleImageBlock()
    embed = EmbedBlock(label=_("Embed"), icon="media", template="articles/blocks/embed.html")
    related_story = RelatedStoryBlock()
