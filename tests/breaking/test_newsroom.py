"""Breaking news in the newsroom: who may mark and clear alerts, and the listing of alerts."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from typing import Any

from django.test import Client
from django.urls import reverse

from dateline.breaking import actions
from dateline.breaking.models import BreakingNews
from tests.breaking.outbox import events
from tests.factories import ArticleFactory


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def mark_url(story: Any) -> str:
    return reverse("breaking:mark", args=[story.pk])


def edit_url(story: Any) -> str:
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def refused(response: Any) -> bool:
    """The newsroom's answer to a forbidden request: back to its dashboard, with a message."""
    return response.status_code == HTTPStatus.FOUND and response["Location"] == reverse("wagtailadmin_home")


# --- marking ----------------------------------------------------------------------------------------


def test_editor_finds_mark_as_breaking_on_a_published_story(client: Client, editor: Any, story: Any) -> None:
    response = signed_in(client, editor).get(edit_url(story))

    assert response.status_code == HTTPStatus.OK
    assert "Mark as breaking" in response.content.decode()
    assert mark_url(story) in response.content.decode()


def test_reporter_does_not_see_mark_as_breaking_on_their_own_story(
    client: Client, reporter: Any, editions: Any
) -> None:
    own_story = ArticleFactory(owner=reporter)

    response = signed_in(client, reporter).get(edit_url(own_story))

    assert response.status_code == HTTPStatus.OK
    assert mark_url(own_story) not in response.content.decode()


def test_draft_offers_no_mark_as_breaking(client: Client, editor: Any, editions: Any) -> None:
    draft = ArticleFactory(live=False)

    response = signed_in(client, editor).get(edit_url(draft))

    assert mark_url(draft) not in response.content.decode()


def test_editor_marks_a_story_as_breaking_with_its_own_banner_headline(
    client: Client, editor: Any, story: Any
) -> None:
    form = signed_in(client, editor).get(mark_url(story))
    assert form.status_code == HTTPStatus.OK

    response = client.post(mark_url(story), {"headline": "  Quake hits   the north ", "hours": "3"})

    assert response.status_code == HTTPStatus.FOUND
    alert = BreakingNews.objects.get(story=story)
    assert alert.banner_headline == "Quake hits the north"
    assert alert.ends_at - alert.started_at == timedelta(hours=3)
    assert alert.marked_by == editor
    assert [event.payload["headline"] for event in events("breaking")] == ["Quake hits the north"]


def test_marking_returns_the_editor_to_the_story_they_came_from(
    client: Client, editor: Any, story: Any
) -> None:
    response = signed_in(client, editor).post(
        mark_url(story), {"headline": "", "hours": "2", "next": edit_url(story)}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == edit_url(story)


def test_marking_for_an_impossible_time_is_refused_with_the_form_again(
    client: Client, editor: Any, story: Any
) -> None:
    response = signed_in(client, editor).post(mark_url(story), {"headline": "", "hours": "0"})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["hours"]
    assert not BreakingNews.objects.exists()


def test_reporter_cannot_mark_a_story_as_breaking(client: Client, reporter: Any, story: Any) -> None:
    signed_in(client, reporter)

    assert refused(client.get(mark_url(story)))
    assert refused(client.post(mark_url(story), {"headline": "", "hours": "2"}))
    assert not BreakingNews.objects.exists()


def test_a_draft_cannot_be_marked_as_breaking_from_the_newsroom(
    client: Client, editor: Any, editions: Any
) -> None:
    draft = ArticleFactory(live=False)

    response = signed_in(client, editor).post(mark_url(draft), {"headline": "", "hours": "2"}, follow=True)

    assert "Only a published story can be marked as breaking news." in response.content.decode()
    assert not BreakingNews.objects.exists()


def test_marking_needs_the_newsroom_csrf_token(editor: Any, story: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(mark_url(story), {"headline": "", "hours": "2"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not BreakingNews.objects.exists()


def test_readers_who_are_not_signed_in_are_sent_to_the_newsroom_login(client: Client, story: Any) -> None:
    response = client.post(mark_url(story), {"headline": "", "hours": "2"})

    assert response.status_code == HTTPStatus.FOUND
    assert "/accounts/login/" in response["Location"]
    assert not BreakingNews.objects.exists()


# --- clearing ---------------------------------------------------------------------------------------


def test_editor_clears_an_alert(client: Client, editor: Any, story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=editor)

    response = signed_in(client, editor).post(reverse("breaking:clear", args=[alert.pk]))

    assert response.status_code == HTTPStatus.FOUND
    alert.refresh_from_db()
    assert alert.cleared_by == editor
    assert [event.payload for event in events("breaking-cleared")] == [{"id": alert.pk}]


def test_clearing_is_a_post_only(client: Client, editor: Any, story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=editor)

    response = signed_in(client, editor).get(reverse("breaking:clear", args=[alert.pk]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    alert.refresh_from_db()
    assert alert.cleared_at is None


def test_reporter_cannot_clear_an_alert(client: Client, reporter: Any, story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None)

    response = signed_in(client, reporter).post(reverse("breaking:clear", args=[alert.pk]))

    assert refused(response)
    alert.refresh_from_db()
    assert alert.cleared_at is None


def test_the_mark_page_of_a_breaking_story_offers_to_clear_it(
    client: Client, editor: Any, story: Any
) -> None:
    alert = actions.do_mark_breaking(story, user=editor, headline="Quake hits the north")

    response = signed_in(client, editor).get(mark_url(story))

    page = response.content.decode()
    assert reverse("breaking:clear", args=[alert.pk]) in page
    assert 'value="Quake hits the north"' in page


# --- the listing ------------------------------------------------------------------------------------


def test_editor_sees_alerts_on_now_and_those_that_ended(client: Client, editor: Any, editions: Any) -> None:
    on_now = actions.do_mark_breaking(ArticleFactory(title="Bridge closed after storm"), user=editor)
    ended = actions.do_mark_breaking(ArticleFactory(title="Ferry strike called off"), user=editor)
    actions.do_clear_breaking(ended, user=editor)

    response = signed_in(client, editor).get(reverse("breaking:index"))

    assert response.status_code == HTTPStatus.OK
    assert [alert.pk for alert in response.context["active"]] == [on_now.pk]
    assert [alert.pk for alert in response.context["past"]] == [ended.pk]
    page = response.content.decode()
    assert reverse("breaking:clear", args=[on_now.pk]) in page
    assert reverse("breaking:clear", args=[ended.pk]) not in page


def test_editor_finds_breaking_news_in_the_newsroom_menu(client: Client, editor: Any, editions: Any) -> None:
    response = signed_in(client, editor).get(reverse("wagtailadmin_home"))

    assert reverse("breaking:index") in response.content.decode()


def test_reporter_has_no_breaking_news_listing(client: Client, reporter: Any, editions: Any) -> None:
    signed_in(client, reporter)

    assert refused(client.get(reverse("breaking:index")))
    assert reverse("breaking:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
