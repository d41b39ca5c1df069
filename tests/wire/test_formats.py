"""Every format the desk reads becomes the same item: the agency's identity and version, the
urgency and status, the text as a story's blocks, and the pictures with their credits. The items
in tests/wire/items/ are written for Dateline following each standard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from dateline.wire.formats import ParseOptions, QuarantineError, detect, parse, parse_path
from dateline.wire.formats.feeds import check_field_mapping
from dateline.wire.items import Block, Mark

ITEMS = Path(__file__).parent / "items"


def read(name: str, **options) -> tuple:
    return parse((ITEMS / name).read_bytes(), name=name, options=ParseOptions(**options))


def only(name: str, **options):
    (item,) = read(name, **options)
    return item


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("en-ninjs3-quake-v1.json", "ninjs"),
        ("en-ninjs2-summit.json", "ninjs"),
        ("ru-ninjs1-budget.json", "ninjs"),
        ("ru-newsml-g2-message.xml", "newsml-g2"),
        ("en-newsml-g2-kill.xml", "newsml-g2"),
        ("en-newsml-g2-nitf.xml", "newsml-g2"),
        ("en-nitf-wildfire.xml", "nitf"),
        ("en-rss.xml", "feed"),
        ("ru-atom.xml", "feed"),
        ("fr-rss-latin1.xml", "feed"),
        ("en-iptc7901.txt", "plain-wire"),
        ("en-anpa1312.txt", "plain-wire"),
        ("ru-iptc7901-kill-cp1251.txt", "plain-wire"),
    ],
)
def test_the_format_is_found_from_the_content_whatever_the_file_is_called(name, format_name, tmp_path):
    renamed = tmp_path / "incoming.dat"
    renamed.write_bytes((ITEMS / name).read_bytes())

    assert detect(renamed.read_bytes()) == format_name
    options = ParseOptions(text_encoding="windows-1251") if "cp1251" in name else ParseOptions()
    assert parse_path(renamed, options)


def test_a_ninjs_3_item_gives_identity_urgency_text_and_picture():
    item = only("en-ninjs3-quake-v1.json")

    assert item.format == "ninjs 3.3"
    assert (item.uri, item.version) == ("urn:newsml:wire.example.org:20261206:quake-hokkaido", 1)
    assert item.first_created == datetime(2026, 12, 6, 9, 58, tzinfo=UTC)
    assert item.urgency == 2 and item.is_urgent
    assert item.status == "usable" and not item.is_kill
    assert item.language == "en"
    assert item.headline == "Strong earthquake shakes northern Japan"
    assert item.lede.startswith("A magnitude 6.8 earthquake")
    assert [block.kind for block in item.body] == [
        "paragraph",
        "subheading",
        "paragraph",
        "quote",
        "paragraph",
    ]
    assert item.body[3] == Block("quote", "We felt a long, rolling shake.", (), "Yuki Tanaka")
    assert (item.dateline_place, item.bylines, item.provider) == ("Sapporo", ("Kenji Mori",), "Example Wire")
    assert item.keywords == ("earthquake", "Japan", "Hokkaido")
    assert item.subjects[0].name == "earthquake"
    (picture,) = item.pictures
    assert picture.href == "https://media.wire.example.org/quake.jpg"  # the original, not the thumbnail
    assert (picture.caption, picture.credit, picture.mime) == (
        "Cracks in a road in Sapporo after the earthquake.",
        "Example Wire / Aiko Sato",
        "image/jpeg",
    )


def test_agency_html_is_kept_as_text_with_marks_and_nothing_executable():
    first = only("en-ninjs3-quake-v1.json").body[0]

    assert "<" not in "".join(block.text for block in only("en-ninjs3-quake-v1.json").body)
    assert first.text[75:83] == "Hokkaido"
    assert Mark("bold", 75, 83) in first.marks
    assert Mark("link", 105, 132, "https://www.jma.go.jp/") in first.marks
    assert "alert" not in only("en-ninjs3-quake-v1.json").body_text()


def test_a_later_version_keeps_the_identity_and_says_what_changed():
    first, later = only("en-ninjs3-quake-v1.json"), only("en-ninjs3-quake-v2.json")

    assert later.uri == first.uri
    assert later.version == 2 > first.version
    assert later.version_created > first.version_created
    assert "two injured" in later.headline
    assert len(later.body) == len(first.body) + 1


def test_a_ninjs_2_item_with_an_embargo():
    item = only("en-ninjs2-summit.json")

    assert item.format == "ninjs 2"
    assert item.version == 3
    assert item.embargo == datetime(2026, 12, 6, 18, 0, tzinfo=UTC)
    assert item.language == "en-GB"
    assert [block.text for block in item.body][1] == "The talks are expected to last two days."
    assert item.pictures[0].caption == "The Palais des Nations in Geneva."
    assert item.pictures[0].width == 2400


def test_a_ninjs_1_item_in_russian():
    item = only("ru-ninjs1-budget.json")

    assert item.format == "ninjs 1"
    assert item.language == "ru"
    assert item.headline == "Госдума приняла бюджет на 2027 год"
    assert item.body[1].text == "За закон проголосовали 312 депутатов."
    assert item.body[1].marks == (Mark("bold", 23, 26),)
    assert item.pictures[0].href == "https://media.example.ru/duma.jpg"
    assert item.pictures[0].credit == "Пример-Пресс / Иван Смирнов"


def test_a_newsml_g2_message_gives_its_text_item_with_the_picture_item_it_links():
    item = only("ru-newsml-g2-message.xml")

    assert item.format == "NewsML-G2"
    assert item.uri == "urn:newsml:primer-press.example.ru:20261206:metro-line"
    assert item.first_created == datetime(2026, 12, 6, 7, 15, tzinfo=UTC)
    assert (item.language, item.urgency, item.provider) == ("ru", 4, "Пример-Пресс")
    assert item.dateline_place == "Москва"
    assert item.bylines == ("Ольга Волкова",)
    assert item.keywords == ("метро", "Москва")
    assert item.subjects[0].code == "medtop:20000430"
    assert [block.kind for block in item.body] == ["paragraph", "subheading", "paragraph", "quote"]
    assert item.body[3].attribution == "Пётр Иванов"
    (picture,) = item.pictures
    assert picture.href == "https://media.example.ru/metro.jpg"  # the high-resolution rendition
    assert picture.caption == "Пассажиры на новой станции в день открытия."
    assert picture.credit == "Пример-Пресс / Сергей Орлов"
    assert (picture.width, picture.height) == (4000, 2667)


def test_a_canceled_newsml_g2_item_is_a_kill_notice_for_the_same_identity():
    kill = only("en-newsml-g2-kill.xml")
    story = only("en-ninjs2-summit.json")

    assert kill.is_kill and kill.status == "canceled"
    assert (kill.uri, kill.version) == (story.uri, 4)
    assert kill.urgency == 1
    assert "not confirmed" in kill.editorial_note


def test_newsml_g2_with_inline_nitf_and_a_linked_picture():
    item = only("en-newsml-g2-nitf.xml")

    assert item.embargo == datetime(2026, 12, 7, 0, 1, tzinfo=UTC)
    assert [block.kind for block in item.body] == ["paragraph", "subheading", "paragraph"]
    assert item.dateline_place == "Brest"
    assert item.pictures[0].caption == "Waves break over the harbour wall in Brest."


def test_a_nitf_document_naming_its_dtd_is_read_without_fetching_it():
    item = only("en-nitf-wildfire.xml")

    assert item.format == "NITF"
    assert (item.uri, item.version, item.urgency) == ("EXW:20261206-wildfire-athens", 2, 3)
    assert item.version_created == datetime(2026, 12, 6, 14, 10, tzinfo=UTC)
    assert item.headline == "Wildfire forces evacuations near Athens"
    assert item.lede == "Two villages north of Athens were evacuated on Sunday."
    assert item.dateline_place == "Athens"
    assert item.bylines == ("Nikos Papadakis",)
    assert item.keywords == ("wildfire", "Greece")
    assert item.body[1] == Block("quote", "The wind is our enemy today.", (), "Fire brigade spokesman")
    assert item.pictures[0].credit == "Example Wire / Eleni Georgiou"
    assert item.editorial_note == "Updates with evacuation of two villages."


def test_an_rss_feed_gives_one_item_an_entry_with_its_own_elements():
    rates, marathon = read("en-rss.xml")

    assert (rates.uri, rates.format, rates.language) == ("exw-2026-12-06-rates", "RSS", "en")
    assert rates.version_created == datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
    assert rates.bylines == ("Laura Bianchi",)
    assert rates.keywords == ("economy", "banks")
    assert rates.dateline_place == "Frankfurt"  # from the dateline opening the story
    assert rates.urgency is None
    assert rates.pictures[0].credit == "Example Wire / Jonas Weber"
    assert "tracker" not in repr(rates.body)
    assert marathon.bylines == ("Pablo Ruiz",)
    assert marathon.body == (Block("paragraph", "A new course record was set on Sunday."),)
    assert marathon.pictures[0].href == "https://media.wire.example.org/marathon.jpg"


def test_a_source_field_mapping_reads_the_agency_own_elements():
    mapping = {
        "urgency": "{http://wire.example.org/ns/agency}priority",
        "place": "{http://wire.example.org/ns/agency}place",
    }

    rates, _marathon = read("en-rss.xml", field_mapping=mapping)

    assert rates.urgency == 3
    assert rates.dateline_place == "Frankfurt"


def test_a_mapping_that_names_an_unknown_field_or_prefix_is_refused():
    with pytest.raises(ValueError, match="headlines"):
        check_field_mapping({"headlines": "title"})
    with pytest.raises(ValueError, match="agency"):
        check_field_mapping({"urgency": "agency:priority"})
    check_field_mapping({"byline": "dc:creator", "keywords": "atom:category/@term"})


def test_an_atom_feed_in_russian_with_xhtml_content():
    item = only("ru-atom.xml")

    assert (item.format, item.language) == ("Atom", "ru")
    assert item.first_created == datetime(2026, 12, 6, 6, 0, tzinfo=UTC)
    assert item.keywords == ("погода", "Сибирь")
    assert item.body[1] == Block("paragraph", "Занятия в школах отменены.", (Mark("bold", 17, 25),))
    assert item.dateline_place == "Новосибирск"
    assert item.provider == "Пример-Пресс: главное"
    assert item.pictures[0].caption == "Заснеженная улица Новосибирска."


def test_a_latin_1_feed_that_says_so_is_read_in_latin_1():
    item = only("fr-rss-latin1.xml")

    assert item.headline == "Grève des contrôleurs aériens à Orly"


def test_an_iptc_7901_flash_with_its_header_keywords_and_dateline():
    item = only("en-iptc7901.txt", language="en")

    assert item.format == "IPTC 7901"
    assert (item.uri, item.version, item.urgency) == ("20261206-exw-0042", 1, 1)
    assert item.category == "pol"
    assert item.keywords == ("PARLIAMENT", "FIRE")
    assert item.headline == "Fire breaks out in parliament building"
    assert item.bylines == ("Tom Hughes",)
    assert [block.text[:20] for block in item.body] == ["LONDON (Example Wire", "The building was eva"]
    assert (item.dateline_place, item.provider, item.language) == ("London", "Example Wire", "en")


def test_an_anpa_1312_writethru_is_a_later_version_of_its_slug():
    item = only("en-anpa1312.txt")

    assert item.format == "ANPA-1312"
    assert (item.uri, item.version, item.urgency) == ("a:bc-japan-quake", 2, 3)
    assert item.headline == "Strong earthquake shakes northern Japan"
    assert item.bylines == ("KENJI MORI",)
    assert item.body[0].text.startswith("SAPPORO, Japan (Example Wire)")
    assert item.dateline_place == "Sapporo"


def test_a_plain_text_kill_in_the_source_encoding():
    item = only("ru-iptc7901-kill-cp1251.txt", text_encoding="windows-1251", language="ru")

    assert item.is_kill
    assert (item.uri, item.version) == ("20261206-ppr-0107", 2)
    assert item.headline == "Отмена: снегопад в Москве"


def test_plain_text_in_another_encoding_than_the_source_says_is_quarantined():
    with pytest.raises(QuarantineError) as raised:
        read("ru-iptc7901-kill-cp1251.txt")

    assert raised.value.code == "encoding-invalid"


def test_the_source_provider_and_language_fill_in_what_an_item_does_not_say():
    item = only("ru-iptc7901-kill-cp1251.txt", text_encoding="cp1251", provider="Пример-Пресс", language="ru")

    assert (item.provider, item.language) == ("Пример-Пресс", "ru")
