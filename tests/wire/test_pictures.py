"""On "Use", an item's pictures go into the image library with the agency's caption and credit:
the first is the story's lead image, the others follow the text; a picture that cannot be had is
named to the editor with why, and the draft is made all the same."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from PIL import Image

from dateline.articles.models import ArticlePage
from dateline.images.models import NewsImage
from dateline.wire import actions
from dateline.wire.items import Block, ParsedItem, Picture
from dateline.wire.models import WireItem, WireSource
from tests.agency_server import AgencyServer
from tests.factories import png_file, section_page

pytestmark = pytest.mark.usefixtures("editions")

PORT = 8723


def png() -> bytes:
    return png_file().file.getvalue()


def jpeg(colour: str = "#c03030") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def huge_png_header() -> bytes:
    # A PNG that says it is 20,000×20,000 pixels: its header alone is enough to refuse it.
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def agency(settings) -> Iterator[AgencyServer]:
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    settings.DATELINE_OUTWARD_PORTS = [PORT]
    with AgencyServer(PORT) as server:
        server.serve("/harbour.png", png(), headers={"Content-Type": "image/png"})
        server.serve("/cranes.jpg", jpeg(), headers={"Content-Type": "image/jpeg"})
        yield server


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def record(source: WireSource, *pictures: Picture) -> WireItem:
    parsed = ParsedItem(
        format="ninjs",
        uri="urn:test:harbour",
        headline="Harbour cranes return to work",
        body=(Block("paragraph", "The cranes moved again on Monday."),),
        pictures=pictures,
    )
    (row,) = actions.do_record_items(source, [parsed])
    return row


def use(desk, item: WireItem):
    return desk.post(reverse("wire:use", args=[item.pk]), {"section": section_page("en", "world").pk})


def story() -> ArticlePage:
    return ArticlePage.objects.get(title="Harbour cranes return to work")


def shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_first_picture_leads_the_story_and_the_others_follow_its_text(desk, source, agency):
    item = record(
        source,
        Picture(
            href=agency.url("/harbour.png"), caption="The harbour at dawn.", credit="Example Wire / A. Ito"
        ),
        Picture(href=agency.url("/cranes.jpg"), caption="Cranes.", credit="Example Wire"),
    )

    response = use(desk, item)

    assert response.status_code == HTTPStatus.FOUND
    lead = story().lead_image
    assert (lead.caption, lead.credit, lead.description) == (
        "The harbour at dawn.",
        "Example Wire / A. Ito",
        "The harbour at dawn.",
    )
    assert (lead.width, lead.height) == (320, 180)
    blocks = [(block.block_type, block.value) for block in story().body]
    assert [kind for kind, _value in blocks] == ["paragraph", "image"]
    assert blocks[1][1]["image"].credit == "Example Wire"
    assert NewsImage.objects.count() == 2


def test_a_picture_used_again_is_the_same_image_of_the_library(desk, source, agency):
    item = record(source, Picture(href=agency.url("/harbour.png"), caption="The harbour."))
    use(desk, item)

    desk.post(reverse("wire:use", args=[item.pk]), {"section": section_page("en", "business").pk})

    assert NewsImage.objects.count() == 1


def test_a_picture_that_fails_is_named_and_the_draft_is_made_with_the_others(desk, source, agency):
    agency.serve("/gone.jpg", b"", status=HTTPStatus.NOT_FOUND)
    item = record(
        source,
        Picture(href=agency.url("/gone.jpg"), caption="Gone."),
        Picture(href=agency.url("/cranes.jpg"), caption="Cranes."),
    )

    response = use(desk, item)

    assert story().lead_image.caption == "Cranes."
    (warning,) = [text for text in shown(response) if "not brought in" in text]
    assert "/gone.jpg" in warning and "404" in warning


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<html>not a picture</html>", "not a picture the library takes"),
        (huge_png_header(), "more pixels than the library takes"),
    ],
)
def test_what_is_not_a_picture_the_library_takes_is_refused(desk, source, agency, body, expected):
    agency.serve("/odd", body)
    item = record(source, Picture(href=agency.url("/odd")))

    response = use(desk, item)

    assert story().lead_image is None
    assert any(expected in text for text in shown(response))
    assert not NewsImage.objects.exists()


def test_a_picture_past_the_size_limit_is_refused(desk, source, agency):
    source.settings = {**source.settings, "max_bytes": 500}
    source.save()
    item = record(source, Picture(href=agency.url("/harbour.png")))

    response = use(desk, item)

    assert any("larger than 500 bytes" in text for text in shown(response))


def test_a_picture_at_an_internal_address_is_refused_by_the_outward_guard(desk, source, agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = False
    item = record(
        source, Picture(href=agency.url("/harbour.png")), Picture(href="http://169.254.169.254/x.jpg")
    )

    response = use(desk, item)

    assert sum("private network" in text for text in shown(response)) == 2
    assert agency.requests == []
    assert story().lead_image is None


def test_a_relative_picture_is_read_from_the_watched_directory(desk, source, incoming):
    (incoming / "harbour.png").write_bytes(png())
    (incoming / ".quarantine").mkdir()
    (incoming / ".quarantine" / "cranes.jpg").write_bytes(jpeg())
    item = record(source, Picture(href="harbour.png", caption="Harbour."), Picture(href="cranes.jpg"))

    use(desk, item)

    assert story().lead_image.caption == "Harbour."
    assert NewsImage.objects.count() == 2


@pytest.mark.parametrize(
    "href", ["../secret.png", "/etc/passwd", "sub/../../secret.png", "..", "%2e%2e/secret.png"]
)
def test_a_relative_picture_never_leads_out_of_the_directory(desk, source, incoming, href):
    (incoming.parent / "secret.png").write_bytes(png())
    item = record(source, Picture(href=href))

    response = use(desk, item)

    assert story().lead_image is None
    assert any("leads outside the agency" in text for text in shown(response))


def test_a_link_in_the_directory_is_not_followed(desk, source, incoming):
    (incoming.parent / "secret.png").write_bytes(png())
    (incoming / "linked.png").symlink_to(incoming.parent / "secret.png")
    item = record(source, Picture(href="linked.png"))

    response = use(desk, item)

    assert story().lead_image is None
    assert any("is not in the agency" in text for text in shown(response))


def test_a_picture_of_a_source_not_on_disk_or_the_web_must_be_absolute(desk):
    pushed = WireSource.objects.create(name="Push", slug="push", kind=WireSource.Kind.PUSH)
    item = record(pushed, Picture(href="harbour.png"))

    response = use(desk, item)

    assert any("no place to look" in text for text in shown(response))
    assert story().title == "Harbour cranes return to work"


def test_a_picture_address_of_another_scheme_is_refused(desk, source):
    item = record(source, Picture(href="file:///etc/passwd"))

    response = use(desk, item)

    assert any("http:// and https://" in text for text in shown(response))
