"""StreamField blocks for story bodies (news articles and case updates)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Slik jobber vi med saken", "level": "h2"}


def require_alt_text(value):
    """An image block's value, refused when it has a picture but no alt text."""
    if value.get("image") and not (value.get("alt_text") or "").strip():
        raise blocks.StructBlockValidationError(
            block_errors={"alt_text": ValidationError(_("Alt text is required."))}
        )
    return value


class PictureBlock(blocks.StructBlock):
    """A picture with its alt text (required) and caption: what the image
    block and each picture of a gallery hold."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")

    def clean(self, value):
        return require_alt_text(super().clean(value))


class ImageBlock(PictureBlock):
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"

    def get_preview_value(self):
        # A preview needs a real picture: show the newest one in the library.
        return self.normalize(
            {
                "image": get_image_model().objects.order_by("-created_at").first(),
                "alt_text": "Eksempelbilde",
                "caption": "Bildetekst som forteller hva bildet viser.",
                "credit": "Foto: Kommunen",
            }
        )


class GalleryBlock(blocks.StructBlock):
    """Two to twelve pictures as thumbnails, each a link to its full size."""

    images = blocks.ListBlock(PictureBlock(), label=_("Images"), min_num=2, max_num=12)

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "blocks/gallery_block.html"

    def get_preview_value(self):
        # A preview needs real pictures: show the newest ones in the library.
        images = get_image_model().objects.order_by("-created_at")[:3]
        return self.normalize(
            {
                "images": [
                    {
                        "image": image,
                        "alt_text": f"Eksempelbilde {number}",
                        "caption": f"Bildetekst til bilde {number}.",
                    }
                    for number, image in enumerate(images, start=1)
                ]
            }
        )

    def clean(self, value):
        try:
            return super().clean(value)
        except blocks.StructBlockValidationError as error:
            images = error.block_errors.get("images")
            # The list's own errors, beside its pictures', are about the count:
            # Wagtail counts "elements", an editor counts pictures.
            if isinstance(images, ListBlockValidationError) and images.non_block_errors:
                meta = self.child_blocks["images"].meta
                if len(value["images"]) < meta.min_num:
                    message = _("A gallery needs at least %(count)d images.")
                    count = meta.min_num
                else:
                    message = _("A gallery can have at most %(count)d images.")
                    count = meta.max_num
                images.non_block_errors = ErrorList(
                    [ValidationError(message % {"count": count})]
                )
            raise


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Vi vil bli kjent som en drivkraft for nyskaping og kompetanse.",
            "attribution": "Kommunikasjonsstrategien",
        }


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    body = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "info-circle"
        label = _("Fact box")
        template = "blocks/fact_box_block.html"
        preview_value = {
            "title": "Fakta",
            "body": "<ul><li>Oppstart: januar</li><li>Ansvarlig: Helse</li></ul>",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"

    def get_preview_value(self):
        # A preview needs a real file: show the newest one in the library.
        return self.normalize(
            {
                "document": get_document_model()
                .objects.order_by("-created_at")
                .first(),
                "title": "",
            }
        )


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {"text": "Les mer om saken", "url": "https://example.invalid/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose either a page or an address."))
                }
            )
        return value


class StoryBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph_block.html",
        preview_value="<p>Hjemmetjenesten tester digitale tilsyn i tre soner.</p>",
    )
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    document = DocumentBlock()
    embed = EmbedBlock(
        label=_("Video"),
        icon="media",
        help_text=_("Address of a video, e.g. on YouTube or Vimeo."),
        template="blocks/embed_block.html",
    )
    call_to_action = CallToActionBlock()
