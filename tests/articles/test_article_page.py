"""The story page as a reader (and a search engine or social network) sees it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.rect import Rect
from wagtail.models import PageViewRestriction

from dateline.articles.models import ArticleNote, ArticlePage
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    image_block,
    locale,
    paragraph,
    publish_translation,
    quote,
    related_story,
    subheading,
    words,
)

pytestmark = pytest.mark.usefixtures("editions")

SEPTEMBER_11 = datetime(2025, 9, 11, 6, 30, tzinfo=UTC)


def read(client, story) -> BeautifulSoup:
    response = client.get(story.url)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def first_paragraph(page: BeautifulSoup) -> str:
    return page.select_one(".story__body p").get_text()


# --- the dateline ---------------------------------------------------------------------------------


def test_dateline_leads_into_the_first_paragraph(client):
    story = ArticleFactory(
        dateline_place="Tokyo",
        agency=AgencyFactory(name="Agency"),
        first_published_at=SEPTEMBER_11,
        body=[paragraph("Dock workers returned to the terminal on Monday.")],
    )

    assert first_paragraph(read(client, story)) == (
        "TOKYO, September 11 (Agency) – Dock workers returned to the terminal on Monday."
    )


def test_dateline_of_a_staff_story_names_no_agency(client):
    story = ArticleFactory(dateline_place="Nairobi", first_published_at=SEPTEMBER_11)

    assert first_paragraph(read(client, story)).startswith("NAIROBI, September 11 – ")


def test_dateline_date_is_machine_readable(client):
    story = ArticleFactory(dateline_place="Tokyo", first_published_at=SEPTEMBER_11)

    assert read(client, story).select_one(".dateline time")["datetime"] == "2025-09-11"


def test_russian_dateline_gives_the_day_first_and_the_month_in_the_genitive(client):
    story = ArticleFactory(
        edition="ru",
        title="Портовые краны снова работают",
        slug="kranes",
        dateline_place="Токио",
        agency=AgencyFactory(name="Агентство", locale=locale("ru")),
        first_published_at=SEPTEMBER_11,
        body=[paragraph("Докеры вернулись на терминал в понедельник.")],
    )

    assert first_paragraph(read(client, story)) == (
        "ТОКИО, 11 сентября (Агентство) – Докеры вернулись на терминал в понедельник."
    )


def test_dateline_gives_its_own_date_when_the_editor_set_one(client):
    story = ArticleFactory(
        dateline_place="Tokyo",
        dateline_date=date(2025, 9, 11),
        agency=AgencyFactory(name="RIA Novosti"),
        first_published_at=SEPTEMBER_11 + timedelta(days=1),
        body=[paragraph("Dock workers returned to the terminal on Monday.")],
    )

    page = read(client, story)
    assert first_paragraph(page) == (
        "TOKYO, September 11 (RIA Novosti) – Dock workers returned to the terminal on Monday."
    )
    assert page.select_one(".dateline time")["datetime"] == "2025-09-11"


def test_dateline_left_typed_in_the_text_is_not_shown_twice(client):
    story = ArticleFactory(
        dateline_place="Tokyo",
        agency=AgencyFactory(name="RIA Novosti"),
        first_published_at=SEPTEMBER_11,
        body=[paragraph("TOKYO, September 11 (RIA Novosti) – Dock workers returned on Monday.")],
    )

    assert first_paragraph(read(client, story)) == (
        "TOKYO, September 11 (RIA Novosti) – Dock workers returned on Monday."
    )


def test_dateline_typed_in_the_text_of_a_story_without_dateline_fields_is_left_as_typed(client):
    story = ArticleFactory(body=[paragraph("LONDON (Reuters) - Dock workers returned on Monday.")])

    assert first_paragraph(read(client, story)) == "LONDON (Reuters) - Dock workers returned on Monday."


# --- times ----------------------------------------------------------------------------------------


def test_reading_time_follows_the_word_count(client):
    short = ArticleFactory(lede="Crews are back at work.", body=[paragraph(words(50))])
    long = ArticleFactory(lede="Crews are back at work.", body=[paragraph(words(595))])

    assert read(client, short).select_one(".story__reading").get_text() == "1 min read"
    assert read(client, long).select_one(".story__reading").get_text() == "3 min read"


def test_story_republished_an_hour_later_shows_when_it_was_updated(client):
    story = ArticleFactory(first_published_at=timezone.now() - timedelta(hours=1))

    story.title = "Harbour cranes return to work as the backlog clears"
    story.save_revision().publish()

    updated = read(client, story).select_one(".story__updated")
    assert updated is not None
    assert updated.get_text().startswith("Updated")
    story.refresh_from_db()
    assert updated.select_one("time")["datetime"] == timezone.localtime(story.last_published_at).isoformat()


def test_correction_within_five_minutes_of_publication_is_not_an_update(client):
    story = ArticleFactory(first_published_at=timezone.now() - timedelta(minutes=2))

    story.title = "Harbour cranes return to work after strike (typo fixed)"
    story.save_revision().publish()

    assert read(client, story).select_one(".story__updated") is None


def test_story_never_republished_shows_no_update(client):
    story = ArticleFactory(first_published_at=SEPTEMBER_11)

    assert read(client, story).select_one(".story__updated") is None


# --- the same story in other editions -------------------------------------------------------------


def test_story_links_to_its_version_in_another_edition(client):
    story = ArticleFactory(title="Harbour cranes return to work")
    russian = publish_translation(story, "ru", title="Портовые краны снова работают", slug="krany")

    english_page = read(client, story)
    link = english_page.select_one('.story__translations a[hreflang="ru"]')
    assert link["href"] == russian.url
    back = read(client, russian).select_one('.story__translations a[hreflang="en"]')
    assert back["href"] == story.url


def test_edition_switcher_leads_to_the_translation_where_there_is_one(client):
    story = ArticleFactory()
    russian = publish_translation(story, "ru", title="Портовые краны снова работают", slug="krany")

    switcher = read(client, story).select_one(".edition-switcher")
    assert switcher.select_one('a[hreflang="ru"]')["href"] == russian.url
    assert switcher.select_one('a[hreflang="ar"]')["href"] == "/ar/"


def test_hreflang_alternates_name_every_published_version(client):
    story = ArticleFactory()
    russian = publish_translation(story, "ru", title="Портовые краны снова работают", slug="krany")

    alternates = {
        link["hreflang"]: link["href"]
        for link in read(client, story).select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {"en": settings.BASE_URL + story.url, "ru": settings.BASE_URL + russian.url}


def test_unpublished_translation_is_not_offered(client):
    story = ArticleFactory()
    story.copy_for_translation(locale("ru"))

    page = read(client, story)
    assert page.select_one(".story__translations") is None
    assert page.select_one('link[rel="alternate"][hreflang="ru"]') is None


# --- metadata -------------------------------------------------------------------------------------


def test_canonical_address_is_on_the_configured_site_whatever_host_was_asked(client):
    story = ArticleFactory()

    response = client.get(story.url, HTTP_HOST="localhost")

    canonical = BeautifulSoup(response.content, "html.parser").select_one('link[rel="canonical"]')
    assert canonical["href"] == settings.BASE_URL + story.url


def test_structured_data_describes_a_news_article(client):
    author = AuthorFactory(name="Mariko Tanabe")
    story = ArticleFactory(
        title="Harbour cranes return to work", authors=[author], first_published_at=SEPTEMBER_11
    )

    data = json.loads(read(client, story).select_one('script[type="application/ld+json"]').string)

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Harbour cranes return to work"
    assert data["datePublished"] == "2025-09-11T06:30:00+00:00"
    assert [person["name"] for person in data["author"]] == ["Mariko Tanabe"]
    assert data["inLanguage"] == "en"


def test_structured_data_credits_agency_copy_to_the_agency(client):
    story = ArticleFactory(agency=AgencyFactory(name="RIA Novosti", url="https://ria.example/"))

    data = json.loads(read(client, story).select_one('script[type="application/ld+json"]').string)

    assert data["author"] == [{"@type": "Organization", "name": "RIA Novosti", "url": "https://ria.example/"}]


def test_structured_data_credits_a_story_without_byline_or_agency_to_the_site(client):
    story = ArticleFactory()

    data = json.loads(read(client, story).select_one('script[type="application/ld+json"]').string)

    assert data["author"] == [{"@type": "Organization", "name": "Dateline", "url": settings.BASE_URL + "/"}]


def test_corrections_are_shown_to_readers_and_named_in_structured_data(client):
    story = ArticleFactory()
    story.notes = [
        ArticleNote(kind="correction", date=date(2025, 9, 12), text="The port is Yokohama, not Tokyo."),
        ArticleNote(kind="update", date=date(2025, 9, 13), text="Added the union's statement."),
    ]
    story.save_revision().publish()

    page = read(client, story)
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)

    assert [note.get_text(" ", strip=True) for note in page.select(".story__note")] == [
        "Correction, 12 September: The port is Yokohama, not Tokyo.",
        "Update, 13 September: Added the union's statement.",
    ]
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The port is Yokohama, not Tokyo.",
            "datePublished": "2025-09-12",
        }
    ]


def test_russian_readers_see_a_correction_dated_day_first_in_the_genitive(client):
    story = ArticleFactory(edition="ru", title="Краны снова работают", slug="krany")
    story.notes = [ArticleNote(kind="correction", date=date(2025, 9, 12), text="Порт — Иокогама.")]
    story.save_revision().publish()

    note = read(client, story).select_one(".story__note").get_text(" ", strip=True)

    assert note == "Исправление, 12 сентября: Порт — Иокогама."


def test_structured_data_survives_a_headline_that_looks_like_markup(client):
    story = ArticleFactory(title='Why "</script><script>alert(1)</script>" trends', slug="odd-headline")

    data = json.loads(read(client, story).select_one('script[type="application/ld+json"]').string)

    assert data["headline"] == 'Why "</script><script>alert(1)</script>" trends'


def test_social_networks_get_the_headline_lede_and_picture(client):
    story = ArticleFactory(
        title="Harbour cranes return to work",
        lede="Dock workers ended a week-long strike.",
        lead_image=NewsImageFactory(),
    )

    page = read(client, story)

    def meta(attribute: str, name: str) -> str:
        return page.select_one(f'meta[{attribute}="{name}"]')["content"]

    assert meta("property", "og:type") == "article"
    assert meta("property", "og:title") == "Harbour cranes return to work"
    assert meta("property", "og:description") == "Dock workers ended a week-long strike."
    assert meta("property", "og:url") == settings.BASE_URL + story.url
    assert meta("property", "og:image").startswith(settings.BASE_URL + "/")
    assert meta("name", "twitter:card") == "summary_large_image"
    assert meta("name", "twitter:title") == "Harbour cranes return to work"


def test_story_without_a_picture_gets_a_plain_twitter_card(client):
    page = read(client, ArticleFactory())

    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary"
    assert page.select_one('meta[property="og:image"]') is None


# --- the body -------------------------------------------------------------------------------------


def test_quote_names_its_speaker_and_their_role(client):
    story = ArticleFactory(
        body=[
            paragraph("The union met the port authority on Sunday."),
            quote("We are going back, but we are watching.", "Ken Sato", "union leader"),
        ]
    )

    figure = read(client, story).select_one("figure.quote")

    assert figure.select_one("blockquote").get_text(strip=True) == "We are going back, but we are watching."
    assert figure.select_one(".quote__speaker").get_text() == "Ken Sato"
    assert figure.select_one(".quote__role").get_text() == "union leader"


def test_a_quote_keeps_its_line_breaks_and_shows_markup_as_text(client):
    story = ArticleFactory(
        body=[quote("We are going back,\nbut we are <b>watching</b>.", "Ken <i>Sato</i>", "union leader")]
    )

    figure = read(client, story).select_one("figure.quote")

    assert str(figure.select_one("blockquote p")) == (
        "<p>We are going back,<br/>but we are &lt;b&gt;watching&lt;/b&gt;.</p>"
    )
    assert figure.select_one(".quote__speaker").get_text() == "Ken <i>Sato</i>"
    assert figure.select_one(".quote__role").get_text() == "union leader"


def test_a_picture_in_the_body_has_the_images_caption_and_credit_unless_the_story_gives_its_own(client):
    own = NewsImageFactory(title="Cranes", caption="Cranes at dusk.", credit="Dateline staff")
    other = NewsImageFactory(title="Dock", caption="The dock at dawn.", credit="Agency photo")
    story = ArticleFactory(
        body=[
            paragraph("The union met the port authority on Sunday."),
            image_block(own),
            image_block(other, caption="Workers return to the dock.", credit="Port authority"),
        ]
    )

    first, second = read(client, story).select("figure.story__figure")

    assert first.img["alt"] == "Cranes"
    assert first.img["src"].endswith(".width-1000.png")
    assert first.figcaption.get_text() == "Cranes at dusk. Dateline staff"
    assert second.figcaption.get_text() == "Workers return to the dock. Port authority"


def test_an_embed_shows_the_providers_frame_and_nothing_for_an_address_no_provider_embeds(client):
    video = "https://www.youtube.com/watch?v=harbour"
    Embed.objects.create(
        url=video,
        max_width=800,
        hash=get_embed_hash(video, 800),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/harbour" title="Harbour"></iframe>',
    )
    story = ArticleFactory(
        body=[
            paragraph("The union met the port authority on Sunday."),
            {"type": "embed", "value": video},
            {"type": "embed", "value": "https://video.example/clips/pier"},
        ]
    )

    known, unknown = read(client, story).select(".story__embed")

    assert known.iframe["src"] == "https://www.youtube-nocookie.com/embed/harbour"
    assert unknown.get_text(strip=True) == "" and unknown.iframe is None


def test_wagtails_own_rendering_of_a_block_uses_the_same_template_as_the_story_page():
    story = ArticleFactory(body=[quote("We are going back.", "Ken Sato", "union leader")])

    (block,) = ArticlePage.objects.get(pk=story.pk).body
    rendered = BeautifulSoup(block.render(), "html.parser")

    assert rendered.select_one(".quote__speaker").get_text() == "Ken Sato"


def test_dateline_waits_for_the_first_paragraph_after_a_subheading(client):
    story = ArticleFactory(
        dateline_place="Tokyo",
        first_published_at=SEPTEMBER_11,
        body=[subheading("Back to work"), paragraph("Dock workers returned on Monday.")],
    )

    page = read(client, story)

    assert page.select_one(".story__subheading").get_text() == "Back to work"
    assert first_paragraph(page) == "TOKYO, September 11 – Dock workers returned on Monday."


def test_related_story_links_to_the_other_story_while_it_is_published(client):
    earlier = ArticleFactory(title="Port strike enters its second week")
    story = ArticleFactory(body=[paragraph("Dock workers returned on Monday."), related_story(earlier)])

    link = read(client, story).select_one(".related-story a")
    assert (link.get_text(), link["href"]) == ("Port strike enters its second week", earlier.url)

    earlier.unpublish()
    assert read(client, story).select_one(".related-story") is None


def test_lead_image_carries_its_caption_and_credit(client):
    story = ArticleFactory(lead_image=NewsImageFactory(caption="Cranes at dusk.", credit="Ana Ruiz"))

    caption = read(client, story).select_one(".story__lead figcaption")

    assert caption.get_text(strip=True).startswith("Cranes at dusk.")
    assert "Ana Ruiz" in caption.select_one(".credit").get_text()


def test_pictures_in_the_body_show_with_their_captions_the_same_picture_twice_included(client):
    harbour = NewsImageFactory(title="The harbour", caption="The harbour at dawn.")
    cranes = NewsImageFactory(title="The cranes", caption="Cranes at dusk.")
    story = ArticleFactory(
        body=[
            paragraph("The cranes stood still."),
            {"type": "image", "value": {"image": harbour.pk, "caption": "", "credit": ""}},
            {"type": "image", "value": {"image": cranes.pk, "caption": "", "credit": ""}},
            {"type": "image", "value": {"image": harbour.pk, "caption": "Again.", "credit": ""}},
        ]
    )

    figures = read(client, story).select(".story__body figure")

    assert [figure.img["alt"] for figure in figures] == ["The harbour", "The cranes", "The harbour"]
    assert [figure.figcaption.get_text(strip=True) for figure in figures] == [
        "The harbour at dawn.Dateline staff",
        "Cranes at dusk.Dateline staff",
        "Again.Dateline staff",
    ]


def test_a_story_behind_a_privacy_setting_sends_the_reader_to_sign_in(client):
    story = ArticleFactory()
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(story.url)

    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_byline_and_tags_lead_to_their_pages(client):
    author = AuthorFactory(name="Mariko Tanabe")
    story = ArticleFactory(title="Harbour cranes return to work", authors=[author], tags=["Ports"])

    page = read(client, story)
    author_page = client.get(page.select_one('.byline a[rel="author"]')["href"])
    tag_page = client.get(page.select_one(".story__tags a")["href"])

    for response in (author_page, tag_page):
        assert response.status_code == HTTPStatus.OK
        headlines = [
            a.get_text(strip=True) for a in BeautifulSoup(response.content, "html.parser").select(".card a")
        ]
        assert "Harbour cranes return to work" in headlines


def test_a_preview_shows_the_editors_unsaved_corrections_where_the_page_shows_the_saved_ones(client):
    story = ArticleFactory(title="Port strike ends", section="business")
    ArticleNote.objects.create(page=story, kind="correction", text="A saved correction.")
    story = ArticlePage.objects.get(pk=story.pk)
    story.notes = [ArticleNote(kind="update", text="An unsaved update.")]

    preview = story.make_preview_request(preview_mode=story.default_preview_mode)
    published = read(client, story)

    assert "An unsaved update." in preview.content.decode()
    assert "A saved correction." not in preview.content.decode()
    assert published.select_one(".story__note").get_text(strip=True).endswith("A saved correction.")


def test_the_other_editions_are_offered_in_the_order_of_their_language_codes(client):
    story = ArticleFactory()
    publish_translation(story, "ru", title="Портовые краны снова работают", slug="krany")
    publish_translation(story, "ar", title="الرافعات تعود إلى العمل", slug="rafiat")

    links = read(client, story).select(".story__translations a")
    assert [link["hreflang"] for link in links] == ["ar", "ru"]


def test_a_translation_behind_a_privacy_setting_is_not_offered(client):
    story = ArticleFactory()
    russian = publish_translation(story, "ru", title="Портовые краны снова работают", slug="krany")
    PageViewRestriction.objects.create(page=russian.get_parent(), restriction_type=PageViewRestriction.LOGIN)

    page = read(client, story)
    assert page.select_one(".story__translations") is None
    assert page.select_one('link[rel="alternate"][hreflang="ru"]') is None


def test_a_picture_whose_focal_point_is_changed_is_shared_with_its_new_crop(client):
    image = NewsImageFactory()
    story = ArticleFactory(lead_image=image)
    shared = read(client, story).select_one('meta[property="og:image"]')["content"]

    image.set_focal_point(Rect(0, 0, 4, 4))
    image.save()

    assert read(client, story).select_one('meta[property="og:image"]')["content"] != shared
