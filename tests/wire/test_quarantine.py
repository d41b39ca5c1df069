"""Hostile or broken input ends in quarantine with a reason an editor can read, and never in
anything else: no entity is expanded, nothing outside the file is read, a huge file is refused
before it is read, and wrong encodings are named rather than turned into nonsense."""

from __future__ import annotations

import gzip
import io
import json
import random
import tarfile
import zipfile
from pathlib import Path

import pytest
from django.utils import translation

from dateline.wire.formats import REASONS, ParseOptions, QuarantineError, parse, parse_path, parse_stream

ITEMS = Path(__file__).parent / "items"
G2_HEAD = '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1">'
G2_ITEM = G2_HEAD + "<contentMeta><headline>{}</headline></contentMeta></newsItem>"


def quarantine_code(data: bytes, **options) -> str:
    with pytest.raises(QuarantineError) as raised:
        parse(data, name="hostile", options=ParseOptions(**options))
    assert raised.value.reason  # the reason renders with its parameters
    return raised.value.code


def archive(kind: str) -> bytes:
    buffer = io.BytesIO()
    item = (ITEMS / "en-ninjs3-quake-v1.json").read_bytes()
    if kind == "zip":
        with zipfile.ZipFile(buffer, "w") as bundle:
            bundle.writestr("item.json", item)
    elif kind == "gzip":
        buffer.write(gzip.compress(item))
    else:
        with tarfile.open(fileobj=buffer, mode="w") as bundle:
            info = tarfile.TarInfo("item.json")
            info.size = len(item)
            bundle.addfile(info, io.BytesIO(item))
    return buffer.getvalue()


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{level} "{("&lol" + str(level - 1) + ";") * 10 if level > 1 else "&lol;" * 10}">'
        for level in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE newsItem [{"".join(entities)}]>{G2_ITEM.format("&lol9;")}'.encode()
    )


@pytest.fixture
def secret_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    return secret


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("external entity", "xml-entities"),
        ("parameter entity", "xml-entities"),
        ("external DTD that defines the entity used", "xml-malformed"),
    ],
)
def test_xml_never_reads_a_file_it_names(case, expected, secret_file, tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret_file}">')
    documents = {
        "external entity": f'<!DOCTYPE newsItem [<!ENTITY leak SYSTEM "file://{secret_file}">]>'
        + G2_ITEM.format("&leak;"),
        "parameter entity": f'<!DOCTYPE newsItem [<!ENTITY % dtd SYSTEM "file://{dtd}"> %dtd;]>'
        + G2_ITEM.format("&leak;"),
        "external DTD that defines the entity used": f'<!DOCTYPE newsItem SYSTEM "file://{dtd}">'
        + G2_ITEM.format("&leak;"),
    }

    assert quarantine_code(documents[case].encode()) == expected


def test_entity_expansion_is_refused_before_any_expansion():
    assert quarantine_code(billion_laughs()) == "xml-entities"


def test_a_quadratic_blowup_with_one_large_entity_is_refused():
    document = f'<!DOCTYPE newsItem [<!ENTITY a "{"x" * 50_000}">]>' + G2_ITEM.format("&a;" * 50_000)

    assert quarantine_code(document.encode()) == "xml-entities"


def test_a_100_mb_stream_is_refused_after_reading_little_more_than_the_limit():
    class EndlessFeed(io.RawIOBase):
        """100 MB of a feed that never ends, counted as it is read."""

        def __init__(self) -> None:
            self.given = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            if self.given >= 100 * 1024 * 1024:
                return 0
            size = min(len(buffer), 100 * 1024 * 1024 - self.given)
            buffer[:size] = b"x" * size
            self.given += size
            return size

    stream = EndlessFeed()
    limit = 1024 * 1024

    with pytest.raises(QuarantineError) as raised:
        parse_stream(stream, options=ParseOptions(max_bytes=limit))

    assert raised.value.code == "too-large"
    assert stream.given < limit + 128 * 1024


def test_a_file_over_the_limit_is_refused_by_its_size_before_it_is_opened(tmp_path, monkeypatch):
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as sparse:
        sparse.truncate(100 * 1024 * 1024)  # 100 MB on the size, nothing on the disk
    monkeypatch.setattr("builtins.open", lambda *args, **kwargs: pytest.fail("the file was opened"))

    with pytest.raises(QuarantineError) as raised:
        parse_path(huge)

    assert raised.value.code == "too-large"
    assert "20971520" in raised.value.reason


@pytest.mark.parametrize(
    ("case", "data", "expected"),
    [
        (
            "declared UTF-8 holding Windows-1251",
            '<?xml version="1.0" encoding="UTF-8"?>{}'.format(G2_ITEM.format("Москва")).encode("cp1251"),
            "encoding-invalid",
        ),
        (
            "UTF-8 with a line of Windows-1251 in it",
            G2_ITEM.format("Москва ").encode() + "Санкт-Петербург".encode("cp1251"),
            "encoding-invalid",
        ),
        (
            "a UTF-16 byte-order mark on a document declared UTF-8",
            '<?xml version="1.0" encoding="UTF-8"?>{}'.format(G2_ITEM.format("x")).encode("utf-16"),
            "encoding-bom",
        ),
        (
            "a UTF-8 byte-order mark on a document declared Windows-1251",
            b"\xef\xbb\xbf" + b'<?xml version="1.0" encoding="windows-1251"?>' + G2_ITEM.format("x").encode(),
            "encoding-bom",
        ),
        (
            "declared Windows-1251 holding UTF-8",
            '<?xml version="1.0" encoding="windows-1251"?>{}'.format(G2_ITEM.format("Москва")).encode(),
            "encoding-mixed",
        ),
        (
            "an encoding that does not exist",
            '<?xml version="1.0" encoding="x-martian"?>{}'.format(G2_ITEM.format("x")).encode(),
            "encoding-unknown",
        ),
        (
            "Latin-1 RSS that does not say so",
            (ITEMS / "fr-rss-latin1.xml").read_bytes().replace(b' encoding="ISO-8859-1"', b""),
            "encoding-invalid",
        ),
        (
            "JSON in Windows-1251",
            json.dumps({"uri": "urn:x", "headline": "Москва"}, ensure_ascii=False).encode("cp1251"),
            "encoding-invalid",
        ),
    ],
)
def test_wrong_or_mixed_encodings_are_named(case, data, expected):
    assert quarantine_code(data) == expected


def test_a_utf_16_document_that_says_so_is_read():
    data = '<?xml version="1.0" encoding="UTF-16"?>{}'.format(G2_ITEM.format("Москва")).encode("utf-16")

    (item,) = parse(data)

    assert item.headline == "Москва"


@pytest.mark.parametrize(
    "name",
    [
        "en-ninjs3-quake-v1.json",
        "ru-newsml-g2-message.xml",
        "en-nitf-wildfire.xml",
        "en-rss.xml",
        "ru-atom.xml",
    ],
)
def test_a_document_cut_off_in_transfer_is_quarantined(name):
    data = (ITEMS / name).read_bytes()

    code = quarantine_code(data[: len(data) // 2])

    assert code in {"xml-truncated", "json-malformed"}


def test_a_plain_text_message_without_its_end_mark_is_quarantined():
    data = (ITEMS / "en-iptc7901.txt").read_bytes()

    assert quarantine_code(data[: data.index(b"\x03")]) == "wire-framing"


@pytest.mark.parametrize(("kind", "expected"), [("zip", "archive"), ("gzip", "archive"), ("tar", "archive")])
def test_archives_are_quarantined_not_unpacked(kind, expected):
    assert quarantine_code(archive(kind)) == expected


@pytest.mark.parametrize(
    ("case", "data", "expected"),
    [
        ("a PNG", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "picture"),
        ("a JPEG", b"\xff\xd8\xff\xe0" + bytes(500), "picture"),
        ("a PDF", b"%PDF-1.7\n" + bytes(200), "binary"),
        ("NUL bytes", b"\x00" * 1000, "binary"),
        ("an empty file", b"", "empty"),
        ("white space", b" \n\t \r\n", "empty"),
        ("prose", b"Dear desk, please find the story attached.", "unknown-format"),
        ("an HTML page", b"<!DOCTYPE html><html><body>Login</body></html>", "unknown-xml"),
        ("SVG", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "unknown-xml"),
        ("JSON that is not ninjs", b'{"title": "x"}', "not-ninjs"),
        ("a JSON number", b"[42]", "not-ninjs"),
        ("JSON nested without end", b"[" * 100_000 + b"]" * 100_000, "too-deep"),
        ("XML nested without end", b"<nitf>" + b"<p>" * 5000 + b"</p>" * 5000 + b"</nitf>", "too-deep"),
        ("an unreadable date", json.dumps({"uri": "u", "versionCreated": "yesterday"}).encode(), "bad-date"),
        ("an embargo that is not a date", json.dumps({"uri": "u", "embargoed": "soon"}).encode(), "bad-date"),
        (
            "a version that is not a number",
            json.dumps({"uri": "u", "version": "v2-final"}).encode(),
            "bad-version",
        ),
        ("an empty newsMessage", b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"/>', "no-items"),
        (
            "a newsItem without guid",
            G2_ITEM.replace(' guid="urn:x:1"', "").format("x").encode(),
            "no-identifier",
        ),
        (
            "an RSS channel with no item",
            b'<rss version="2.0"><channel><title>t</title></channel></rss>',
            "no-items",
        ),
    ],
)
def test_junk_and_broken_items_are_quarantined_with_their_reason(case, data, expected):
    assert quarantine_code(data) == expected


def test_random_bytes_are_quarantined():
    generator = random.Random(17)  # noqa: S311  (junk to parse, not a secret)
    for _ in range(50):
        data = generator.randbytes(generator.randint(1, 4096))
        with pytest.raises(QuarantineError):
            parse(data)


@pytest.mark.parametrize("name", sorted(path.name for path in ITEMS.iterdir()))
def test_any_damage_to_an_item_ends_in_an_item_or_a_quarantine_never_an_error(name):
    data = (ITEMS / name).read_bytes()
    generator = random.Random(name)  # noqa: S311  (damage to parse, not a secret)
    options = ParseOptions(text_encoding="cp1251") if "cp1251" in name else ParseOptions()
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(generator.randint(1, 8)):
            position = generator.randrange(len(damaged))
            damaged[position] = generator.choice(b'<>&"{}[]:,\x00\x01\x02\x03\xff/=#\\ ')
        cut = damaged[: generator.randint(1, len(damaged))] if generator.random() < 0.3 else damaged
        try:
            parse(bytes(cut), options=options)
        except QuarantineError as error:
            assert error.reason


def test_every_reason_is_translatable_text_with_its_parameters():
    parameters = {
        "limit": 1,
        "kind": "ZIP",
        "root": "html",
        "encoding": "UTF-8",
        "position": 3,
        "bom": "UTF-16",
        "declared": "UTF-8",
        "name": "x",
        "line": 1,
        "column": 2,
        "value": "v",
        "format": "NITF",
    }
    with translation.override("ru"):
        for code in REASONS:
            assert QuarantineError(code, **parameters).reason


def test_an_unknown_reason_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown quarantine reason"):
        QuarantineError("bad-vibes")
