"""Pictures for the demo, drawn locally (`dateline.demo.drawing`, no downloads), saved in the
image library."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.core.files.images import ImageFile
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from dateline.demo import content
from dateline.demo.drawing import render
from dateline.images.models import NewsImage


def ensure_images(images: Iterable[content.Image]) -> tuple[dict[str, NewsImage], int]:
    """Every demo image in the library, found by title or drawn and saved; and how many were new."""
    images = list(images)
    titles = [image.title for image in images]
    if len(set(titles)) != len(titles):
        raise ValueError("Demo images are found again by title, so their titles must be unique")
    existing = {found.title: found for found in NewsImage.objects.filter(title__in=titles)}
    root = Collection.get_first_root_node()
    library: dict[str, NewsImage] = {}
    created = 0
    for image in images:
        saved = existing.get(image.title)
        if saved is None:
            saved = save_image(image, render(image), root)
            created += 1
        library[image.key] = saved
    return library, created


def save_image(image: content.Image, data: bytes, collection: Collection) -> NewsImage:
    saved = NewsImage(
        title=image.title,
        caption=image.caption,
        credit=image.credit,
        collection=collection,
        file=ImageFile(io.BytesIO(data), name=f"{image.key}.jpg"),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    saved.save()
    return saved
