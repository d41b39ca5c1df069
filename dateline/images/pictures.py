"""Pictures for lists: a rendition's address and size with its image's alt text, for many images in
one statement and without a model instance for each (a front page shows some thirty).

The image's own columns come with the rows that show it (`ImageFacts`, read by the caller's
statement); which rendition fits an image is decided as Wagtail decides it, by the spec and the
key of the image's focal point. An image without that rendition yet gets it made by Wagtail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.core.files.storage import Storage

from dateline.core import rows
from dateline.images.models import NewsImage, NewsRendition, filter_for


@dataclass(frozen=True)
class ImageFacts:
    """The columns of an image that choose its rendition and give its alt text."""

    id: int
    file: str
    title: str
    description: str
    focal_point_x: int | None
    focal_point_y: int | None
    focal_point_width: int | None
    focal_point_height: int | None

    @property
    def alt(self) -> str:
        """Wagtail's default alt text: the description, else the title."""
        return self.description or self.title


@dataclass(frozen=True)
class Picture:
    """What an `<img>` of a rendition shows: its address, its size and the image's alt text."""

    url: str
    width: int
    height: int
    alt: str


def pictures(images: Sequence[ImageFacts], spec: str) -> dict[int, Picture]:
    """The picture of each image at `spec`, by image id: the existing renditions in one statement."""
    if not images:
        return {}
    chosen = filter_for(spec)
    found: dict[tuple[int, str], tuple[str, int, int]] = {
        (image_id, key): (name, width, height)
        for image_id, key, name, width, height in rows.select(
            _renditions_statement(len(images)), [spec, *(image.id for image in images)]
        )
    }
    storage = _rendition_storage()
    shown = {}
    for image in images:
        existing = None if _is_svg(image) else found.get((image.id, chosen.get_cache_key(image)))
        if existing is None:
            rendition = NewsImage.objects.get(pk=image.id).get_rendition(spec)
            shown[image.id] = Picture(rendition.url, rendition.width, rendition.height, rendition.alt)
        else:
            name, width, height = existing
            shown[image.id] = Picture(
                _address(storage, getattr(storage, "base_url", None), name), width, height, image.alt
            )
    return shown


def _is_svg(image: ImageFacts) -> bool:
    """Wagtail renders an SVG with another filter than the spec says (no raster operations)."""
    return image.file.lower().endswith(".svg")


@lru_cache(maxsize=4096)
def _address(storage: Storage, base_url: str | None, name: str) -> str:
    """A rendition file's address, remembered: the storage makes it from the name alone (and its
    base address, given so that a changed MEDIA_URL is not answered from memory)."""
    return storage.url(name)


def _rendition_storage() -> Storage:
    return NewsRendition._meta.get_field("file").storage  # type: ignore[attr-defined,no-any-return]


def _renditions_statement(count: int) -> str:
    rendition = rows.names(NewsRendition)
    return (
        f"SELECT {rendition.image}, {rendition.focal_point_key}, {rendition.file}, "  # noqa: S608  (names from the model)
        f"{rendition.width}, {rendition.height} FROM {rendition} "
        f"WHERE {rendition.filter_spec} = %s AND {rendition.image} IN ({rows.placeholders(count)})"
    )
