"""Copying a story to another edition, to be translated there."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse

from dateline.articles.models import ArticlePage
from tests.factories import ArticleFactory, AuthorFactory, locale, section_page

pytestmark = pytest.mark.usefixtures("editions")


def copy_to(client, story: ArticlePage, language: str):
    return client.post(
        reverse("simple_translation:submit_page_translation", args=[story.pk]),
        {"locales": [locale(language).pk]},
    )


def test_editor_copies_a_story_into_the_russian_edition(client, editor):
    story = ArticleFactory(title="Harbour cranes return to work", tags=["Ports"], authors=[AuthorFactory()])
    client.force_login(editor)

    response = copy_to(client, story, "ru")

    copy = ArticlePage.objects.get(locale__language_code="ru", translation_key=story.translation_key)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert copy.get_parent().specific == section_page("ru", "world")
    assert not copy.live, "the copy waits for its translation"
    assert copy.title == "Harbour cranes return to work"
    assert [byline.author for byline in copy.bylines.all()] == [
        byline.author for byline in story.bylines.all()
    ]


def test_copy_for_translation_keeps_the_story_s_section_in_the_other_edition():
    story = ArticleFactory(section="sport")

    copy = story.copy_for_translation(locale("ar"))

    assert copy.get_parent().specific == section_page("ar", "sport")
    assert copy.get_translation(locale("en")) == story


def test_reporter_may_not_copy_stories_between_editions(client, reporter):
    story = ArticleFactory(owner=reporter)
    client.force_login(reporter)

    copy_to(client, story, "ru")

    assert not ArticlePage.objects.filter(locale__language_code="ru").exists()
