"""Pictures decoded within a memory bound: readers' avatars and the newsroom's renditions.

Pillow reads a picture's size from its header when it opens it, and decodes the pixels only when
they are used, at three or four bytes each: a PNG of 116 KB and 6300×6300 pixels takes 160 MB
decoded, and the copies that turning, converting and cropping make take as much again. So the
pixels are counted before any is decoded; a JPEG is decoded at 1/2, 1/4 or 1/8 of its size when
what is made of it needs no more (its decoder scales as it reads: `Image.draft`); and large
decodes take turns, one at a time per process.
"""

from __future__ import annotations

import copy
import io
import math
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.files import File
from PIL import Image

# Up to this many pixels (12–16 MB decoded) a decode does not wait for its turn.
LARGE_DECODE_PIXELS = 4_000_000
EXIF_ORIENTATION = 0x0112
# Orientations that turn the picture a quarter: its width and height change places.
QUARTER_TURNS = {5, 6, 7, 8}
# What a reduced JPEG is saved at before the rendition is made from it: no rendition shows the loss.
REDUCED_QUALITY = 95
FOCAL_POINT_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")

_large_decodes = threading.Lock()


class TooManyPixels(Exception):
    """The picture would decode to more pixels than allowed."""

    def __init__(self, width: int, height: int, limit: int) -> None:
        super().__init__(f"{width}×{height} pixels decoded, more than {limit:,}")
        self.width, self.height, self.limit = width, height, limit


def reduce(picture: Image.Image, at_least: tuple[int, int]) -> None:
    """Have a JPEG decoded at the smallest of its decoder's scales that still gives `at_least`
    pixels across and down (`picture.size` becomes that); other formats are decoded whole."""
    picture.draft(None, (max(1, at_least[0]), max(1, at_least[1])))


def check_pixels(picture: Image.Image, limit: int) -> None:
    """Refuses a picture that would decode (as reduced, if it was) to more than `limit` pixels."""
    if picture.width * picture.height > limit:
        raise TooManyPixels(picture.width, picture.height, limit)


@contextmanager
def turn(pixels: int) -> Iterator[None]:
    """Decodes of more than `LARGE_DECODE_PIXELS` run one at a time in this process: each takes
    tens of megabytes, and a server's threads (or Wagtail's three rendition threads) would add
    them up."""
    if pixels <= LARGE_DECODE_PIXELS:
        yield
        return
    with _large_decodes:
        yield


@dataclass(frozen=True)
class Reduced:
    """A JPEG decoded at a smaller scale for one rendition, and the image it is made from."""

    image: Any  # a copy of the library image, its size and focal point scaled to the file's
    file: File
    pixels: int


def reduced_for_rendition(image: Any, filter: Any, source: File | None = None) -> Reduced | None:
    """The library image's JPEG decoded at the smallest scale the rendition `filter` needs, saved
    again, with a copy of the image whose size and focal point are scaled to match (so that a crop
    falls where it would on the whole picture). None for other formats, for a file Pillow cannot
    read (Wagtail says what is wrong with it), or when the rendition needs more than half the
    pixels across."""
    with ExitStack() as stack:
        original = source if source is not None else stack.enter_context(image.open_file())
        original.seek(0)
        try:
            picture = stack.enter_context(Image.open(original))
        except (OSError, ValueError, Image.DecompressionBombError):
            return None
        if picture.format != "JPEG":
            return None
        width, height = picture.size
        turned = picture.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS
        transform = filter.get_transform(image, (height, width) if turned else (width, height))
        needed = max(transform.scale)
        reduce(picture, (math.ceil(width * needed), math.ceil(height * needed)))
        if picture.width * 2 > width:
            return None
        pixels = picture.width * picture.height
        output = io.BytesIO()
        with turn(pixels):
            picture.save(
                output,
                "JPEG",
                quality=REDUCED_QUALITY,
                subsampling=0,
                exif=picture.info.get("exif", b""),
                icc_profile=picture.info.get("icc_profile"),
            )
        scale = picture.width / width
    output.seek(0)
    scaled = copy.copy(image)
    scaled.width, scaled.height = round(image.width * scale), round(image.height * scale)
    for field in FOCAL_POINT_FIELDS:
        value = getattr(image, field)
        if value is not None:
            setattr(scaled, field, round(value * scale))
    return Reduced(scaled, File(output, name=image.file.name), pixels)
