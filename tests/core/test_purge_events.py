"""A change in the newsroom sends one purge event naming every page that shows the story."""

from __future__ import annotations

import pytest
from django.db import transaction

from dateline.articles.models import ArticlePage
from dateline.editions.models import SectionPage
from dateline.live.models import Event
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.usefixtures("editions")


class Rollback(Exception):
    """Raised to abandon a transaction."""


@pytest.fixture
def story() -> ArticlePage:
    return ArticleFactory(
        live=False, section="business", tags=["Ports", "Trade"], authors=[AuthorFactory(), AuthorFactory()]
    )


def purges_during(action) -> list[list[str]]:
    """The tags of every purge event that `action` sends."""
    last = Event.objects.order_by("-id").values_list("id", flat=True).first() or 0
    action()
    return [
        event.payload["tags"] for event in Event.objects.filter(id__gt=last, stream="cache", kind="purge")
    ]


def pages_showing(story: ArticlePage) -> set[str]:
    section = SectionPage.objects.get(pk=story.get_parent().pk)
    return {
        f"page:{story.pk}",
        f"section:{section.pk}",
        f"home:{story.locale_id}",
        f"tag:{story.locale_id}:ports",
        f"tag:{story.locale_id}:trade",
        *(f"author:{byline.author_id}" for byline in story.bylines.all()),
    }


def test_publishing_a_story_purges_every_page_that_will_show_it(story):
    (tags,) = purges_during(lambda: story.save_revision().publish())

    assert pages_showing(story) <= set(tags)


def test_editing_a_published_story_purges_every_page_that_shows_it(story):
    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)
    story.title = "Harbour cranes return to work as the backlog clears"

    (tags,) = purges_during(lambda: story.save_revision().publish())

    assert pages_showing(story) <= set(tags)


def test_unpublishing_a_story_purges_every_page_that_showed_it(story):
    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)

    (tags,) = purges_during(story.unpublish)

    assert pages_showing(story) <= set(tags)


def test_saving_a_draft_purges_nothing(story):
    assert purges_during(story.save_revision) == []


def test_renaming_an_author_purges_the_pages_that_credit_them(db):
    author = AuthorFactory(name="Mariko Tanabe")
    author.name = "Mariko Tanabe-Sato"

    assert purges_during(author.save) == [[f"author:{author.pk}"]]


def test_abandoned_publication_sends_no_purge(story):
    def publish_then_give_up() -> None:
        with pytest.raises(Rollback), transaction.atomic():
            story.save_revision().publish()
            raise Rollback

    assert purges_during(publish_then_give_up) == []
    assert not ArticlePage.objects.get(pk=story.pk).live
