"""An item's pictures, brought into the image library when the item is used.

`fetch_pictures` gets each picture's bytes: a remote one through the outward guard (its size
bounded, an error status a failure), a relative one from the source's watched directory (or the
folders the desk moved its files to), never from outside it, nor through a link. The bytes must be a
JPEG, PNG, GIF or WebP picture of at most `MAX_PIXELS` pixels, read from its header before any pixel
is decoded. A picture that cannot be had is a `Failed` with its reason for the editor, never a
failed draft. `save_picture` makes the library's image, with the agency's caption (also its alt
text) and credit; a picture the library holds already (the same bytes) is reused.

Fetching happens before the draft's transaction: no database lock waits on an agency's server.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from dateline.core import outward
from dateline.images import decoding
from dateline.images.models import NewsImage
from dateline.wire.ingest import DONE, QUARANTINE
from dateline.wire.items import Picture
from dateline.wire.models import WireItem, WireSource

FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# A picture that would decode to more is no agency's photo (about 50 megapixels).
MAX_PIXELS = 50_000_000
TITLE_CHARACTERS = 255
CAPTION_CHARACTERS = 400
CREDIT_CHARACTERS = 200
ALT_CHARACTERS = 255


@dataclass(frozen=True)
class Fetched:
    """A picture's bytes, checked to be a picture, with the file name the library will give it."""

    picture: Picture
    data: bytes
    name: str


@dataclass(frozen=True)
class Failed:
    """A picture that could not be had, and why (in the active language)."""

    picture: Picture
    reason: str


class PictureRefused(Exception):
    """Why a picture cannot be brought in."""


def fetch_pictures(item: WireItem) -> tuple[list[Fetched], list[Failed]]:
    """Every picture of the item that could be had, in the item's order, and those that could not."""
    fetched: list[Fetched] = []
    failed: list[Failed] = []
    for number, picture in enumerate(item.picture_list(), start=1):
        try:
            data = _bytes_of(item.source, picture)
            extension = _checked_format(data)
        except PictureRefused as refusal:
            failed.append(Failed(picture, str(refusal)))
        except outward.OutwardError as error:
            failed.append(Failed(picture, error.reason))
        else:
            fetched.append(Fetched(picture, data, f"{item.source.slug}-{item.pk}-{number}.{extension}"))
    return fetched, failed


def save_picture(fetched: Fetched, user: Any) -> NewsImage:
    """The library's image for a fetched picture: the one with the same bytes, or a new one."""
    digest = hashlib.sha1(fetched.data, usedforsecurity=False).hexdigest()
    existing = NewsImage.objects.filter(file_hash=digest).first()
    if existing is not None:
        return existing
    picture = fetched.picture
    caption = picture.caption.strip()
    image = NewsImage(
        title=(caption or picture.uri or fetched.name)[:TITLE_CHARACTERS],
        caption=caption[:CAPTION_CHARACTERS],
        credit=picture.credit.strip()[:CREDIT_CHARACTERS],
        description=caption[:ALT_CHARACTERS],
        uploaded_by_user=user,
        file=ImageFile(io.BytesIO(fetched.data), name=fetched.name),
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _bytes_of(source: WireSource, picture: Picture) -> bytes:
    limit = source.parse_options(settings.DATELINE_WIRE_MAX_FILE_BYTES).max_bytes
    href = picture.href.strip()
    scheme = urlsplit(href).scheme.lower()
    if not href:
        raise PictureRefused(_("The agency gave no address for this picture."))
    if scheme in {"http", "https"}:
        return _download(href, limit)
    if scheme:
        raise PictureRefused(_("Pictures are fetched from http:// and https:// addresses only."))
    if source.kind == WireSource.Kind.DIRECTORY:
        return _read_delivered(Path(source.settings["path"]), href, limit)
    if source.kind in {WireSource.Kind.HTTP, WireSource.Kind.FEED}:
        return _download(urljoin(str(source.settings.get("url", "")), href), limit)
    raise PictureRefused(_("The picture's address is relative, and this source has no place to look."))


def _download(url: str, limit: int) -> bytes:
    answer = outward.fetch(url, max_bytes=limit, headers={"Accept": "image/*"})
    if answer.status != 200:
        host = urlsplit(url).hostname or url
        raise outward.OutwardError("status", host=host, status=answer.status)
    return answer.body


def _read_delivered(directory: Path, href: str, limit: int) -> bytes:
    # A file beside the item, named alone: no folder of the path can be a link leading out.
    name = unquote(href)
    if (
        len(PurePosixPath(name).parts) != 1
        or name.startswith("/")
        or name in {".", ".."}
        or "\\" in name
        or "\x00" in name
    ):
        raise PictureRefused(_("The picture's path leads outside the agency's directory."))
    # The desk moves a delivered picture aside with the files it cannot take as items.
    for folder in (directory, directory / QUARANTINE, directory / DONE):
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                continue
            descriptor = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                continue
            if status.st_size > limit:
                raise PictureRefused(
                    _("The picture is larger than the limit of %(limit)s bytes.") % {"limit": limit}
                )
            return stream.read(limit + 1)
    raise PictureRefused(_("The picture %(name)s is not in the agency's directory.") % {"name": href[:200]})


def _checked_format(data: bytes) -> str:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format or ""
            decoding.check_pixels(picture, MAX_PIXELS)
    except decoding.TooManyPixels as error:
        raise PictureRefused(
            _("The picture is %(width)s×%(height)s: more pixels than the library takes.")
            % {"width": error.width, "height": error.height}
        ) from None
    except Image.DecompressionBombError:
        raise PictureRefused(_("The picture has more pixels than the library takes.")) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise PictureRefused(
            _("The file is not a picture the library takes (JPEG, PNG, GIF or WebP).")
        ) from None
    if kind not in FORMATS:
        raise PictureRefused(_("The file is not a picture the library takes (JPEG, PNG, GIF or WebP)."))
    return FORMATS[kind]
