"""Newsroom images: what an upload may be, and renditions made within a memory bound."""

from __future__ import annotations

import io
import threading
from http import HTTPStatus

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw, ImageStat
from wagtail.images.models import Filter

from dateline.images.models import NewsImage
from tests.peak_memory import peak_of

pytestmark = pytest.mark.django_db


def picture_bytes(size: tuple[int, int], format: str, bands: int = 1) -> bytes:
    """A picture of `size` in `format`: vertical bands, dark and light in turn, `bands` of them."""
    picture = Image.new("RGB", size, (20, 20, 20))
    draw = ImageDraw.Draw(picture)
    width, height = size
    for band in range(1, bands, 2):
        draw.rectangle(
            (band * width // bands, 0, (band + 1) * width // bands - 1, height), fill=(240, 240, 240)
        )
    buffer = io.BytesIO()
    picture.save(buffer, format=format, quality=90)
    return buffer.getvalue()


def library_image(size: tuple[int, int], format: str = "JPEG", bands: int = 1, **fields) -> NewsImage:
    extension = "jpg" if format == "JPEG" else format.lower()
    return NewsImage.objects.create(
        title="A wide view of the harbour",
        file=ImageFile(io.BytesIO(picture_bytes(size, format, bands)), name=f"harbour.{extension}"),
        **fields,
    )


def rendition_size(image: NewsImage, spec: str) -> list[int]:
    with Image.open(image.generate_rendition_file(Filter(spec))) as made:
        return list(made.size)


def test_an_image_of_6300_by_6300_pixels_is_refused_with_a_clear_error(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("poster.png", picture_bytes((6300, 6300), "PNG"), content_type="image/png")

    response = client.post(reverse("wagtailimages:add"), {"title": "Poster", "file": upload})

    assert response.status_code == HTTPStatus.OK
    assert "This file has too many pixels (39690000). Maximum pixels 36000000." in response.content.decode()
    assert not NewsImage.objects.exists()


def test_a_normal_photo_is_uploaded_and_rendered(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("quay.jpg", picture_bytes((1600, 1200), "JPEG"), content_type="image/jpeg")

    response = client.post(reverse("wagtailimages:add"), {"title": "The quay", "file": upload})

    assert response.status_code == HTTPStatus.FOUND
    image = NewsImage.objects.get()
    assert (image.width, image.height) == (1600, 1200)
    assert image.get_rendition("width-1200").width == 1200


def test_a_large_photos_rendition_decodes_it_reduced_within_a_memory_bound():
    image = library_image((6000, 4000))

    peak = peak_of(lambda: rendition_size(image, "width-1200"))

    assert peak.error == ""
    assert peak.result == [1200, 800]
    # Decoded whole, the photo alone is 69 MiB; at a quarter of its width and height, 4 MiB.
    assert peak.grown_mib < 30, peak


def test_the_focal_point_keeps_its_place_in_a_photo_decoded_reduced():
    # Dark, light, dark, light: the focal point is in the second band, the light one.
    image = library_image(
        (4000, 1000),
        bands=4,
        focal_point_x=1500,
        focal_point_y=500,
        focal_point_width=200,
        focal_point_height=200,
    )

    with Image.open(image.generate_rendition_file(Filter("fill-100x100-c100"))) as made:
        brightness = ImageStat.Stat(made.convert("L")).mean[0]

    assert brightness > 200


def test_large_decodes_take_turns(settings):
    images = [library_image((4000, 3000), "PNG") for _ in range(3)]

    def one() -> list[int]:
        return rendition_size(images[0], "width-400")

    def three_at_once() -> list[list[int]]:
        sizes: list[list[int]] = []
        threads = [
            threading.Thread(target=lambda image=image: sizes.append(rendition_size(image, "width-400")))
            for image in images
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sizes

    alone, together = peak_of(one), peak_of(three_at_once)

    assert together.result == [[400, 300]] * 3
    assert together.grown_mib < alone.grown_mib * 1.5, (alone, together)
