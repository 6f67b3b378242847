"""The newsroom's picture upload: Wagtail's form, with a file field that refuses a
picture over the pixel limit from its header, before anything decodes it (Wagtail's own
check decodes the whole picture to count its pixels), and says "not a valid picture"
for a truncated one instead of failing the request."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from sahifa.images import pixels


class PictureFileField(WagtailImageField):
    def to_python(self, data: Any) -> Any:
        if hasattr(data, "seek") and hasattr(data, "read"):
            _check_header(data)
        return super().to_python(data)

    def check_image_pixel_size(self, f: Any) -> None:
        try:
            super().check_image_pixel_size(f)
        except OSError:  # Pillow could not decode it: truncated or damaged
            message = self.error_messages["invalid_image"]
            raise ValidationError(message, code="invalid_image") from None


def _check_header(upload: Any) -> None:
    upload.seek(0)
    try:
        pixels.opened(upload)  # not closed: that would close the upload too
    except pixels.TooManyPixels as exc:
        raise ValidationError(str(exc), code="file_too_many_pixels") from None
    except Exception:  # noqa: BLE001 - not a picture Pillow knows: Wagtail's checks say so
        pass
    finally:
        upload.seek(0)


class PictureForm(BaseImageForm):
    file = PictureFileField(label=capfirst(_("file")))
