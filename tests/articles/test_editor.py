"""The story editor in the newsroom: a story publishes without a slug typed, a dateline typed into the
text is caught, the schedule is on the first tab, and agencies are added from the chooser."""

from __future__ import annotations

import json
from datetime import date, timedelta
from http import HTTPStatus
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from dateline.articles.models import Agency, ArticlePage
from dateline.coverage.models import LiveCoveragePage
from tests.factories import AgencyFactory, ArticleFactory, locale, section_page

pytestmark = pytest.mark.usefixtures("editions")

FORM_ID = "page-edit-form"


def add_url(edition: str = "en", model: str = "articlepage") -> str:
    app = "coverage" if model == "livecoveragepage" else "articles"
    return reverse("wagtailadmin_pages:add", args=[app, model, section_page(edition, "world").pk])


def story_form(client, url: str, paragraphs: list[str], action: str = "publish", **fields: str) -> QueryDict:
    """The editor's form as the newsroom shows it, filled in the way an editor would."""
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    data = querydict_from_html(response.content.decode(), form_id=FORM_ID)
    blocks = [("paragraph", rich_text(f"<p>{text}</p>")) for text in paragraphs]
    body: dict[str, Any] = {"body": streamfield(blocks)} if blocks else {"body": streamfield([])}
    data.update(QueryDict(mutable=True) | nested_form_data(body))
    data.setlist(f"action-{action}", [action])
    for name, value in {"lede": "Dock workers ended a week-long strike.", **fields}.items():
        data.setlist(name, [value])
    return data


def publish(client, url: str, paragraphs: list[str] | None = None, **fields: str):
    return client.post(url, story_form(client, url, paragraphs or ["Dock workers returned."], **fields))


def errors(response) -> list[str]:
    """The messages the editor's fields show (a StreamField's are handed to its script)."""
    return [message for messages in response.context["form"].errors.values() for message in messages]


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


# --- the headline and the slug --------------------------------------------------------------------


def test_the_headline_field_says_what_it_is_while_empty(signed_in):
    page = BeautifulSoup(signed_in.get(add_url()).content, "html.parser")

    headline = page.select_one("[name=title]")
    assert headline.name == "textarea", "a long headline wraps instead of being cut off"
    assert headline["placeholder"] == "Headline"
    assert page.select_one("label[for=id_title]").get_text(strip=True).startswith("Headline")


def test_a_story_published_without_a_slug_gets_one_from_its_headline(signed_in):
    response = publish(signed_in, add_url(), title="Harbour cranes return to work", slug="")

    assert response.status_code == HTTPStatus.FOUND, errors(response)
    story = ArticlePage.objects.get(title="Harbour cranes return to work")
    assert story.live and story.slug == "harbour-cranes-return-to-work"


def test_russian_and_arabic_headlines_make_latin_slugs(signed_in):
    publish(signed_in, add_url("ru"), title="Портовые краны снова работают", slug="")
    publish(signed_in, add_url("ar"), title="الرافعات تعود إلى العمل", slug="")

    assert (
        ArticlePage.objects.get(title="Портовые краны снова работают").slug
        == "portovye-krany-snova-rabotayut"
    )
    assert ArticlePage.objects.get(title="الرافعات تعود إلى العمل").slug == "alrafat-twd-ila-alml"


def test_a_second_story_with_the_same_headline_is_published_under_the_next_free_slug(signed_in):
    ArticleFactory(title="Polls open", slug="polls-open")
    ArticleFactory(title="Polls open again", slug="polls-open-2", live=False)

    response = publish(signed_in, add_url(), title="Polls open", slug="polls-open")

    assert response.status_code == HTTPStatus.FOUND, errors(response)
    assert ArticlePage.objects.filter(title="Polls open").order_by("pk").last().slug == "polls-open-3"


def test_a_published_story_is_told_when_its_new_slug_is_taken(signed_in):
    ArticleFactory(title="Polls open", slug="polls-open")
    story = ArticleFactory(title="Polls close", slug="polls-close")
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])

    response = publish(signed_in, url, title="Polls close", slug="polls-open")

    assert response.status_code == HTTPStatus.OK
    assert "The slug 'polls-open' is already in use within the parent page." in errors(response)
    story.refresh_from_db()
    assert story.slug == "polls-close"


def test_a_headline_pasted_over_several_lines_is_kept_on_one(signed_in):
    publish(signed_in, add_url(), title="Harbour cranes\r\n  return to work", slug="")

    assert ArticlePage.objects.filter(title="Harbour cranes return to work").exists()


# --- the body -------------------------------------------------------------------------------------


def test_a_story_without_text_is_not_published(signed_in):
    response = signed_in.post(add_url(), story_form(signed_in, add_url(), [], title="Empty", slug=""))

    assert response.status_code == HTTPStatus.OK
    assert "Write the story before publishing it." in errors(response)
    assert not ArticlePage.objects.filter(title="Empty").exists()


def test_a_story_of_one_empty_paragraph_is_not_published(signed_in):
    response = signed_in.post(add_url(), story_form(signed_in, add_url(), [""], title="Empty", slug=""))

    assert "Write the story before publishing it." in errors(response)


def test_a_live_coverage_is_published_without_background(signed_in):
    url = add_url(model="livecoveragepage")
    data = story_form(signed_in, url, [], title="Storm reaches the coast", slug="", status="live")

    response = signed_in.post(url, data)

    assert response.status_code == HTTPStatus.FOUND, errors(response)
    assert LiveCoveragePage.objects.get(title="Storm reaches the coast").live


# --- a dateline typed into the text ---------------------------------------------------------------


def test_a_dateline_typed_into_the_first_paragraph_is_caught_before_publication(signed_in):
    response = publish(
        signed_in,
        add_url(),
        ["TOKYO, September 11 (RIA Novosti) – Dock workers returned."],
        title="Cranes",
        slug="",
    )

    assert response.status_code == HTTPStatus.OK
    [message] = [error for error in errors(response) if "dateline" in error]
    assert "“TOKYO, September 11 (RIA Novosti) –”" in message
    assert "Move the dateline" in message
    assert not ArticlePage.objects.filter(title="Cranes").exists()


def test_a_typed_dateline_is_moved_into_the_dateline_fields_on_request(signed_in):
    known = AgencyFactory(name="RIA Novosti")

    response = publish(
        signed_in,
        add_url(),
        ["TOKYO, September 11 (ria novosti) – Dock workers returned."],
        title="Cranes",
        slug="",
        move_dateline="on",
    )

    assert response.status_code == HTTPStatus.FOUND, errors(response)
    story = ArticlePage.objects.get(title="Cranes")
    assert (story.dateline_place, story.agency) == ("Tokyo", known)
    assert (story.dateline_date.month, story.dateline_date.day) == (9, 11)
    assert strip_tags(story.body[0].value.source) == "Dock workers returned."


def test_a_russian_typed_dateline_with_a_new_agency_adds_the_agency_to_the_edition(signed_in):
    publish(
        signed_in,
        add_url("ru"),
        ["ТОКИО, 11 сентября (РИА Новости) — Докеры вернулись."],
        title="Краны",
        slug="",
        move_dateline="on",
    )

    story = ArticlePage.objects.get(title="Краны")
    assert story.dateline_place == "Токио"
    assert story.agency == Agency.objects.get(name="РИА Новости", locale=locale("ru"))


def test_a_draft_with_a_typed_dateline_is_saved_as_it_is(signed_in):
    url = add_url()
    data = story_form(signed_in, url, ["TOKYO, September 11 – Text."], action="save", title="Draft", slug="")

    assert signed_in.post(url, data).status_code == HTTPStatus.FOUND
    assert strip_tags(ArticlePage.objects.get(title="Draft").body[0].value.source).startswith("TOKYO")


# --- the dateline date and the schedule -----------------------------------------------------------


def test_the_dateline_date_is_saved_with_the_story(signed_in):
    publish(signed_in, add_url(), title="Cranes", slug="", dateline_place="Tokyo", dateline_date="2025-09-11")

    assert ArticlePage.objects.get(title="Cranes").dateline_date == date(2025, 9, 11)


def test_a_story_is_scheduled_from_the_first_tab(signed_in):
    go_live = timezone.localtime() + timedelta(days=1)
    page = BeautifulSoup(signed_in.get(add_url()).content, "html.parser")
    content_tab = page.select_one("#tab-content")
    assert content_tab.select_one("[name=go_live_at]") is not None
    assert len(page.select("[name=go_live_at]")) == 1

    publish(signed_in, add_url(), title="Polls open", slug="", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))

    story = ArticlePage.objects.get(title="Polls open")
    assert not story.live
    assert story.scheduled_revision is not None


# --- corrections ----------------------------------------------------------------------------------


def test_an_editor_adds_a_correction_readers_see(signed_in, client):
    story = ArticleFactory(title="Cranes", slug="cranes")
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    data = story_form(signed_in, url, ["Dock workers returned."], title="Cranes", slug="cranes")
    data.update(
        nested_form_data(
            {"notes-TOTAL_FORMS": "1", "notes-0-kind": "correction", "notes-0-date": "2025-09-12"}
        )
    )
    data.setlist("notes-0-text", ["An earlier version gave the wrong port."])
    data.setlist("notes-0-ORDER", ["1"])

    response = signed_in.post(url, data)

    assert response.status_code == HTTPStatus.FOUND, errors(response)
    reader = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert reader.select_one(".story__note").get_text(" ", strip=True) == (
        "Correction, 12 September: An earlier version gave the wrong port."
    )


# --- the agency chooser ---------------------------------------------------------------------------


def test_the_agency_chooser_of_a_russian_story_offers_to_add_an_agency_there(signed_in):
    chooser = reverse("wagtailsnippetchoosers_articles_agency:choose")
    page = BeautifulSoup(signed_in.get(add_url("ru")).content, "html.parser")
    assert f"{chooser}?locale=ru" in str(page.select_one("[data-chooser-url], #id_agency").parent)

    modal = json.loads(signed_in.get(chooser, {"locale": "ru"}).content)
    assert "New agency" in modal["html"]
    create_url = reverse("wagtailsnippetchoosers_articles_agency:create")
    response = signed_in.post(f"{create_url}?locale=ru", {"name": "РИА Новости", "url": ""})

    chosen = json.loads(response.content)
    assert chosen["step"] == "chosen"
    agency = Agency.objects.get(name="РИА Новости")
    assert agency.locale == locale("ru")
    assert chosen["result"]["id"] == str(agency.pk)


def test_a_reporter_may_add_an_agency_from_the_chooser_too(client, reporter):
    client.force_login(reporter)
    create_url = reverse("wagtailsnippetchoosers_articles_agency:create")

    response = client.post(f"{create_url}?locale=en", {"name": "Sahel News Agency", "url": ""})

    assert json.loads(response.content)["step"] == "chosen"
    assert Agency.objects.get(name="Sahel News Agency").locale == locale("en")
