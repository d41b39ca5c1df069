"""From item to story: "Use" makes the right draft, "Use in another edition" links a translation,
an embargo keeps the story from being published early."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dateline.articles.models import Agency, ArticlePage
from dateline.wire import actions
from dateline.wire.items import Block, Mark, ParsedItem
from dateline.wire.models import WireItem, WireSource, WireUse
from tests.articles.test_editor import story_form
from tests.factories import AuthorFactory, section_page

pytestmark = pytest.mark.usefixtures("editions")

FILED = datetime(2026, 12, 6, 3, 15, tzinfo=UTC)


def record(source: WireSource, uri: str = "urn:test:quake", **fields) -> WireItem:
    defaults = {
        "headline": "Strong quake shakes Hokkaido",
        "lede": "A magnitude 6.8 earthquake struck off Hokkaido early on Sunday.",
        "dateline_place": "SAPPORO",
        "first_created": FILED,
        "keywords": ("earthquake", "Japan"),
        "bylines": ("Kenji Sato", "Nobody Known"),
        "language": "en",
        "body": (
            Block("paragraph", "Buildings swayed in Sapporo.", marks=(Mark("bold", 0, 9),)),
            Block("subheading", "Tsunami warning"),
            Block("quote", "Stay away from the coast.", attribution="Agency official"),
            Block("quote", "It felt endless."),
            Block(
                "paragraph", "<script>x</script> & more", marks=(Mark("link", 0, 18, "javascript:evil()"),)
            ),
        ),
    }
    (row,) = actions.do_record_items(source, [ParsedItem(format="ninjs", uri=uri, **(defaults | fields))])
    return row


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def use(desk, item: WireItem, edition: str = "en", section: str = "world"):
    return desk.post(reverse("wire:use", args=[item.pk]), {"section": section_page(edition, section).pk})


def test_use_makes_a_draft_with_the_items_blocks_dateline_agency_bylines_tags_and_provenance(desk, source):
    sato = AuthorFactory(name="Kenji Sato")
    item = record(source)

    response = use(desk, item)

    story = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert not story.live and story.get_parent().slug == "world"
    assert story.lede.startswith("A magnitude 6.8")
    blocks = [(block.block_type, block.value) for block in story.body]
    assert [kind for kind, _value in blocks] == ["paragraph", "subheading", "quote", "paragraph", "paragraph"]
    assert blocks[0][1].source == "<p><b>Buildings</b> swayed in Sapporo.</p>"
    assert blocks[2][1]["speaker"] == "Agency official"
    assert blocks[3][1].source == "<p>“It felt endless.”</p>"
    # Agency text is escaped, and a link that is not to a web address is dropped.
    assert blocks[4][1].source == "<p>&lt;script&gt;x&lt;/script&gt; &amp; more</p>"
    assert (story.dateline_place, story.dateline_date) == ("SAPPORO", FILED.date())
    assert story.agency == Agency.objects.get(name="Example Wire", locale=story.locale)
    assert [byline.author for byline in story.bylines.all()] == [sato]
    assert sorted(tag.name for tag in story.tags.all()) == ["Japan", "earthquake"]
    provenance = WireUse.objects.get(story=story)
    assert (provenance.item, provenance.uri, provenance.version) == (item, item.uri, 1)


def test_a_second_use_credits_the_same_agency_and_gets_its_own_address(desk, source):
    use(desk, record(source))
    use(desk, record(source, uri="urn:test:other"))

    assert Agency.objects.filter(name="Example Wire").count() == 1
    assert (
        len({story.slug for story in ArticlePage.objects.filter(title="Strong quake shakes Hokkaido")}) == 2
    )


def test_a_killed_item_cannot_be_used(desk, source):
    item = record(source, status="canceled")

    response = use(desk, item)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wire:item", args=[item.pk])
    assert not ArticlePage.objects.filter(title="Strong quake shakes Hokkaido").exists()


def test_the_preview_offers_use_and_lists_the_stories_made_from_the_item(desk, source):
    item = record(source)
    use(desk, item)

    content = desk.get(reverse("wire:item", args=[item.pk])).content.decode()

    assert reverse("wire:use", args=[item.pk]) in content
    assert "Use in another edition" in content


def test_use_in_another_edition_makes_a_linked_translation(desk, source):
    use(desk, record(source))
    story = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")

    response = desk.post(reverse("wire:use_in_edition", args=[story.pk]), {"edition": "ru"})

    translation = ArticlePage.objects.get(translation_key=story.translation_key, locale__language_code="ru")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translation.pk])
    assert not translation.live
    assert translation.get_parent().specific.translation_key == story.get_parent().specific.translation_key
    assert "Buildings" in translation.body[0].value.source  # the agency's text, to translate
    assert translation.agency.locale == translation.locale
    assert WireUse.objects.get(story=translation).uri == "urn:test:quake"
    again = desk.post(reverse("wire:use_in_edition", args=[story.pk]), {"edition": "ru"})
    assert again.status_code == HTTPStatus.FOUND
    assert ArticlePage.objects.filter(translation_key=story.translation_key).count() == 2


def test_an_embargoed_story_cannot_be_published_before_the_embargo(desk, source):
    embargo = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    use(desk, record(source, embargo=embargo - timedelta(seconds=30)))
    story = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert story.go_live_at == embargo  # scheduled for the embargo's minute from the start

    refused = desk.post(edit, story_form(desk, edit, ["Buildings swayed."], go_live_at=""))

    assert refused.status_code == HTTPStatus.OK  # the form again, with the reason
    assert "embargoed until" in refused.content.decode()
    assert not ArticlePage.objects.get(pk=story.pk).live
    scheduled = desk.post(edit, story_form(desk, edit, ["Buildings swayed."]))
    assert scheduled.status_code == HTTPStatus.FOUND
    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live and story.get_latest_revision().approved_go_live_at == embargo


def test_publishing_an_embargoed_story_from_a_workflow_or_in_bulk_schedules_it(desk, source, editor):
    embargo = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    use(desk, record(source, embargo=embargo))
    story = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")

    story.get_latest_revision().publish(user=editor)  # what an approved workflow and bulk publish do

    story.refresh_from_db()
    assert not story.live
    assert story.get_latest_revision().approved_go_live_at == embargo
    story.go_live_at = None
    with pytest.raises(ValidationError, match="embargoed until"):
        story.save_revision(user=editor)
    translated = desk.post(reverse("wire:use_in_edition", args=[story.pk]), {"edition": "ru"})
    assert translated.status_code == HTTPStatus.FOUND
    translation = ArticlePage.objects.get(translation_key=story.translation_key, locale__language_code="ru")
    assert translation.go_live_at == embargo


def test_a_story_whose_embargo_has_passed_is_published(desk, source):
    use(desk, record(source, embargo=timezone.now() - timedelta(minutes=1)))
    story = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])

    desk.post(edit, story_form(desk, edit, ["Buildings swayed."]))

    assert ArticlePage.objects.get(pk=story.pk).live


def test_a_newer_version_and_a_kill_show_on_the_story_and_in_wire_alerts(desk, source):
    use(desk, record(source))
    use(desk, record(source, uri="urn:test:fire", headline="Wildfire near Kobe"))
    quake = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")
    fire = ArticlePage.objects.get(title="Wildfire near Kobe")
    alerts_url = reverse("wire:alerts")
    assert not desk.get(alerts_url).context["page"].object_list

    record(source, version=2, headline="Strong quake shakes Hokkaido, two hurt")
    record(source, uri="urn:test:fire", version=2, status="canceled", headline="KILL: Wildfire near Kobe")

    quake_notes = desk.get(reverse("wire:story_alerts", args=[quake.pk])).content.decode()
    fire_notes = desk.get(reverse("wire:story_alerts", args=[fire.pk])).content.decode()
    assert "Made from the wire: Example Wire, item urn:test:quake, version 1." in quake_notes
    assert "The agency updated this item" in quake_notes and "The agency killed" not in quake_notes
    assert "The agency killed this item." in fire_notes
    alerts = desk.get(alerts_url)
    assert {(alert.story_id, alert.news_status) for alert in alerts.context["page"].object_list} == {
        (quake.pk, "usable"),
        (fire.pk, "canceled"),
    }
    assert desk.get(alerts_url, {"rows": 1}).content.decode().count("<tr") == 2
    (quake_use,) = WireUse.objects.filter(story=quake)
    compared = desk.get(reverse("wire:compare", args=[quake_use.pk])).content.decode()
    assert "Strong quake shakes Hokkaido, two hurt" in compared
    assert compared.index("Version used (1)") < compared.index("current version (2)")


def test_a_story_without_news_from_the_agency_shows_only_where_it_came_from(desk, source):
    use(desk, record(source))
    story = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")

    notes = desk.get(reverse("wire:story_alerts", args=[story.pk])).content.decode()

    assert "Made from the wire" in notes and "updated" not in notes


def test_the_editor_of_a_story_loads_the_wire_script(desk, source):
    use(desk, record(source))
    story = ArticlePage.objects.get(title="Strong quake shakes Hokkaido")

    content = desk.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()

    assert "dateline/wire.js" in content and 'id="page-edit-form"' in content
