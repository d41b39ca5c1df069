"""The comment counts on story cards: the links the cards carry and the call that fills them in."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from dateline.asgi.page_cache import build_entry
from dateline.core import cache_tags
from dateline.discussion.counts import MAX_IDS, published_counts
from dateline.discussion.models import Comment
from tests.coverage.factories import CoverageFactory
from tests.factories import ArticleFactory, section_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editions):
    return ArticleFactory()


def comment(story, status=Comment.Status.PUBLISHED) -> Comment:
    return Comment.objects.create(story=story, body="The cranes were back by noon.", status=status)


def counts(client, ids: str, language: str = "en"):
    with translation.override(language):
        url = reverse("discussion_counts")
    return client.get(url, {"ids": ids})


def test_only_published_comments_are_counted(client, story):
    quiet = ArticleFactory()
    for _ in range(3):
        comment(story)
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.REMOVED):
        comment(story, status)
    comment(quiet, Comment.Status.PENDING)

    response = counts(client, f"{story.pk},{quiet.pk}")

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {
        "counts": {
            str(story.pk): {"count": 3, "label": "3 comments"},
            str(quiet.pk): {"count": 0, "label": "0 comments"},
        }
    }


def test_one_comment_is_counted_in_the_singular(client, story):
    comment(story)
    assert counts(client, str(story.pk)).json()["counts"][str(story.pk)]["label"] == "1 comment"


@pytest.mark.parametrize(
    "junk",
    ["", ",,,", "abc", "-5", "0", "1.5", "12abc", " ", "%00", "١٢", "²", "99999999999999999999", "9" * 5000],
)
def test_junk_ids_are_ignored_and_never_an_error(client, story, junk):
    comment(story)

    response = counts(client, f"{junk},{story.pk},{junk}")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["counts"] == {str(story.pk): {"count": 1, "label": "1 comment"}}


def test_a_missing_list_of_ids_answers_no_counts(client, editions):
    response = client.get(reverse("discussion_counts"))
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"counts": {}}


def test_a_hundred_ids_are_answered_and_more_are_refused_with_a_reason(client, story):
    hundred = ",".join([str(story.pk), *(str(number) for number in range(1, MAX_IDS))])
    assert counts(client, hundred).status_code == HTTPStatus.OK

    response = counts(client, f"{hundred},{story.pk + 1}")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"error": "Ask for the comment counts of at most 100 stories at a time."}


def test_the_count_of_an_unpublished_story_is_not_revealed(client, story):
    draft = ArticleFactory(live=False)
    comment(draft)
    comment(story)
    story.unpublish()

    assert counts(client, f"{draft.pk},{story.pk}").json() == {"counts": {}}


def test_the_counts_of_many_stories_take_one_query(story, django_assert_num_queries):
    stories = [story, *(ArticleFactory() for _ in range(4))]
    for number, each in enumerate(stories):
        for _ in range(number):
            comment(each)

    with django_assert_num_queries(1):
        found = published_counts([each.pk for each in stories])

    assert found == {each.pk: number for number, each in enumerate(stories)}


def test_asking_for_more_stories_costs_no_more_queries(client, story, django_assert_max_num_queries):
    others = [ArticleFactory() for _ in range(5)]
    counts(client, str(story.pk))
    with django_assert_max_num_queries(20) as queries:
        counts(client, str(story.pk))

    with django_assert_max_num_queries(len(queries)):
        response = counts(client, ",".join(str(each.pk) for each in [story, *others]))

    assert len(response.json()["counts"]) == 6


def test_the_labels_are_in_the_language_of_the_edition_asked(client, story):
    for _ in range(2):
        comment(story)

    response = counts(client, str(story.pk), language="ru")

    assert response.request["PATH_INFO"] == "/ru/discussion/counts/"
    assert response["Content-Language"] == "ru"
    with translation.override("ru"):
        two = ngettext("%(count)s comment", "%(count)s comments", 2) % {"count": 2}
    assert response.json()["counts"][str(story.pk)]["label"] == two


def test_browsers_may_keep_counts_briefly_but_the_page_cache_never_does(client, story):
    response = counts(client, str(story.pk))

    assert response["Cache-Control"] == "public, max-age=30"
    assert cache_tags.HEADER not in response
    headers = [(name.encode(), value.encode()) for name, value in response.items()]
    assert build_entry(response.status_code, headers, response.content) is None


def test_a_story_card_links_to_the_discussion_hidden_until_the_count_arrives(client, story):
    page = client.get(section_page("en", "world").url).content.decode()

    assert (
        f'<a class="story-card__comments" href="{story.url}#discussion" '
        f'data-comment-count-for="{story.pk}" hidden></a>'
    ) in page


def test_a_live_coverage_card_has_no_comment_count(client, editions):
    coverage = CoverageFactory(section="world")

    page = client.get(section_page("en", "world").url).content.decode()

    assert f'href="{coverage.url}"' in page
    assert f'data-comment-count-for="{coverage.pk}"' not in page
