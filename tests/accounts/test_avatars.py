"""A reader's avatar: any reasonable picture becomes a 256 px square, and none can eat the server's memory."""

from __future__ import annotations

import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from dateline.accounts.forms import square_avatar
from dateline.accounts.models import ReaderProfile
from tests.discussion.factories import reader
from tests.peak_memory import peak_of

pytestmark = pytest.mark.django_db


def upload_of(size: tuple[int, int], format: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(buffer, format=format, quality=90)
    extension = "jpg" if format == "JPEG" else format.lower()
    return SimpleUploadedFile(f"me.{extension}", buffer.getvalue(), content_type=f"image/{extension}")


def avatar_size(upload: SimpleUploadedFile) -> list[int]:
    with Image.open(square_avatar(upload)) as made:
        return list(made.size)


def test_a_png_of_6300_by_6300_pixels_is_refused_before_it_is_decoded():
    upload = upload_of((6300, 6300), "PNG")
    assert upload.size < 200 * 1024  # a small file, a bomb once decoded

    peak = peak_of(lambda: avatar_size(upload))

    assert "6300×6300 pixels, too many to use" in peak.error
    assert "at most 16 megapixels" in peak.error
    # Decoded, converted and cropped, it took 466 MiB.
    assert peak.grown_mib < 16, peak


def test_a_large_photo_becomes_an_avatar_decoded_at_an_eighth_of_its_size():
    upload = upload_of((6000, 4000), "JPEG")

    peak = peak_of(lambda: avatar_size(upload))

    assert peak.error == ""
    assert peak.result == [256, 256]
    # Decoded whole, the photo alone is 69 MiB; at an eighth across and down, 1 MiB.
    assert peak.grown_mib < 16, peak


def test_the_reader_reads_why_their_picture_was_refused_in_their_language_and_keeps_the_old_one(
    client, editions
):
    mina = reader()
    client.force_login(mina)
    client.post(reverse("reader_settings"), {"display_name": "Mina", "avatar": upload_of((640, 480), "JPEG")})
    before = ReaderProfile.objects.get(user=mina).avatar.name
    with translation.override("ru"):
        url = reverse("reader_settings")

    response = client.post(url, {"display_name": "Mina", "avatar": upload_of((6300, 6300), "PNG")})

    assert response.status_code == HTTPStatus.OK
    assert "6300×6300" in response.content.decode()
    assert "Выберите картинку не больше 16 Мп" in response.content.decode()
    assert ReaderProfile.objects.get(user=mina).avatar.name == before
