"""Who may do what to a story: reporters write and submit, editors publish, lock and approve."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dateline.articles.models import ArticlePage
from tests.factories import ArticleFactory, section_page

pytestmark = pytest.mark.usefixtures("editions")


def story_form(title: str, action: str, **fields: str) -> dict[str, str]:
    """What the newsroom's story editor posts when a journalist presses `action`."""
    return nested_form_data(
        {
            "title": title,
            "slug": fields.pop("slug", "harbour-cranes"),
            "kicker": "",
            "lede": "Dock workers ended a week-long strike.",
            "dateline_place": "Tokyo",
            "agency": "",
            "bylines": inline_formset([]),
            "notes": inline_formset([]),
            "lead_image": "",
            "body": streamfield([("paragraph", rich_text("<p>Dock workers returned on Monday.</p>"))]),
            "tags": "",
            "comments": inline_formset([]),
            f"action-{action}": action,
            **fields,
        }
    )


def signed_in(client, user):
    client.force_login(user)
    return client


def write_story(client, title: str, action: str) -> ArticlePage:
    world = section_page("en", "world")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["articles", "articlepage", world.pk]),
        story_form(title, action),
    )
    assert response.status_code == HTTPStatus.FOUND, "the newsroom accepted the story"
    return ArticlePage.objects.get(title=title)


def edit_story(client, story: ArticlePage, title: str, action: str):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form(title, action, slug=story.slug)
    )


# --- reporters ------------------------------------------------------------------------------------


def test_reporter_writes_a_story_and_submits_it_for_review(client, reporter):
    story = write_story(signed_in(client, reporter), "Harbour cranes return to work", "submit")

    assert not story.live
    assert story.owner == reporter
    assert story.current_workflow_state.status == "in_progress"
    assert story.current_workflow_task.name == "Editor approval"


def test_reporter_may_not_publish_their_own_story(reporter):
    story = ArticleFactory(live=False, owner=reporter)

    permissions = story.permissions_for_user(reporter)

    assert permissions.can_edit()
    assert permissions.can_submit_for_moderation()
    assert not permissions.can_publish()


def test_reporter_pressing_publish_only_saves_a_draft(client, reporter):
    newsroom = signed_in(client, reporter)
    story = write_story(newsroom, "Harbour cranes return to work", "draft")

    edit_story(newsroom, story, "Harbour cranes return to work, sources say", "publish")

    story.refresh_from_db()
    assert not story.live
    assert story.get_latest_revision_as_object().title == "Harbour cranes return to work, sources say"


def test_reporter_cannot_change_a_published_story(client, reporter, editor):
    story = ArticleFactory(title="Harbour cranes return to work", owner=editor)

    response = edit_story(signed_in(client, reporter), story, "Something else entirely", "publish")

    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    story.refresh_from_db()
    assert story.title == "Harbour cranes return to work"
    assert not story.permissions_for_user(reporter).can_edit()


# --- editors --------------------------------------------------------------------------------------


def test_editor_publishes_a_story(client, editor):
    story = write_story(signed_in(client, editor), "Harbour cranes return to work", "publish")

    assert story.live
    assert story.permissions_for_user(editor).can_publish()


def test_editor_locks_a_story_against_other_changes(client, editor, reporter):
    story = ArticleFactory(live=False, owner=reporter)

    response = signed_in(client, editor).post(reverse("wagtailadmin_pages:lock", args=[story.pk]))

    assert response.status_code == HTTPStatus.FOUND
    story.refresh_from_db()
    assert (story.locked, story.locked_by) == (True, editor)
    assert story.permissions_for_user(editor).can_lock()
    assert story.permissions_for_user(reporter).page_locked()


def test_reporter_may_not_lock_a_story(client, reporter):
    story = ArticleFactory(live=False, owner=reporter)

    signed_in(client, reporter).post(reverse("wagtailadmin_pages:lock", args=[story.pk]))

    story.refresh_from_db()
    assert not story.locked


# --- the Review workflow --------------------------------------------------------------------------


def approve(client, story: ArticlePage):
    task_state = story.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk]),
        {"comment": ""},
    )


def test_editor_approval_publishes_the_submitted_story(client, reporter, editor):
    story = write_story(signed_in(client, reporter), "Harbour cranes return to work", "submit")

    client.logout()
    approve(signed_in(client, editor), story)

    story.refresh_from_db()
    assert story.live
    assert story.title == "Harbour cranes return to work"
    assert story.current_workflow_state is None


def test_approval_publishes_the_version_that_was_submitted(client, reporter, editor):
    newsroom = signed_in(client, reporter)
    story = write_story(newsroom, "Harbour cranes return to work", "submit")
    submitted = story.latest_revision

    approve(signed_in(client, editor), story)

    story.refresh_from_db()
    assert story.live_revision == submitted


def test_reporter_cannot_approve_their_own_story(client, reporter):
    newsroom = signed_in(client, reporter)
    story = write_story(newsroom, "Harbour cranes return to work", "submit")

    approve(newsroom, story)

    story.refresh_from_db()
    assert not story.live
    assert story.current_workflow_state.status == "in_progress"
