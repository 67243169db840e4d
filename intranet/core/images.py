"""Image uploads that refuse damaged and oversized files with a clear message.

Wagtail's own upload field lets Pillow errors from damaged files escape as a server
error (wagtail/wagtail#1354, wagtail/Willow#48), and it decodes the whole picture
before it compares the pixel count with WAGTAILIMAGES_MAX_IMAGE_PIXELS. This form
is Wagtail's image form (`WAGTAILIMAGES_IMAGE_FORM_BASE`) with a file field that
reads the size from the file header first and turns any decoding error into a
form error.
"""

import warnings

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.permissions import policy_registry


def megapixels(pixels: int) -> str:
    return number_format(pixels / 1_000_000, decimal_pos=1)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, safe against damaged files and decompression bombs."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages["too_many_pixels"] = _(
            "The image is too large: %(width)s × %(height)s pixels (%(megapixels)s "
            "megapixels). The most we accept is %(max)s megapixels."
        )
        self.error_messages["unsafe_pixels"] = _(
            "The image has too many pixels to be opened safely. The most we accept "
            "is %(max)s megapixels."
        )

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            self.check_header_pixel_size(data)
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow has many ways to fail
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    def check_header_pixel_size(self, data: UploadedFile) -> None:
        """Refuse an image whose header promises too many pixels, before decoding."""
        if self.max_image_pixels is None:
            return
        limit = {"max": megapixels(self.max_image_pixels)}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                # Image.open reads the header only; the pixels stay compressed.
                with PILImage.open(data) as image:
                    width, height = image.size
        except PILImage.DecompressionBombError as error:
            raise ValidationError(
                self.error_messages["unsafe_pixels"] % limit,
                code="file_too_many_pixels",
            ) from error
        except Exception:  # noqa: BLE001 - not for Pillow (e.g. SVG): Wagtail decides
            return
        finally:
            data.seek(0)
        if width * height > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["too_many_pixels"]
                % {
                    "width": width,
                    "height": height,
                    "megapixels": megapixels(width * height),
                    **limit,
                },
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    """Wagtail's image form with the checked file field."""

    file = CheckedImageField(
        label=capfirst(get_image_model()._meta.get_field("file").verbose_name),
        widget=BaseImageForm.Meta.widgets["file"],
    )


def image_permission_policy():
    """Wagtail's permission policy for images (collections decide)."""
    return policy_registry.get_by_type(get_image_model())
