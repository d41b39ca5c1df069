"""What a reader is told about their comments: the notifications page, the masthead's state, e-mail."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dateline.accounts.models import ReaderProfile
from dateline.articles.models import ArticlePage
from dateline.asgi import page_cache
from dateline.discussion import actions, moderation
from dateline.discussion.models import Comment, Notification
from dateline.discussion.notifications import notify_reader
from tests.discussion.factories import reader
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editions: Any) -> ArticlePage:
    return ArticleFactory(title="Hillside lifts reopen after a year of repairs")


@pytest.fixture
def moderator() -> Any:
    return UserFactory(username="moderator", is_staff=True, is_superuser=True)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def notifications_page(client: Client) -> str:
    response = client.get(reverse("reader_notifications"))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def reader_state(client: Client, language: str = "en") -> dict[str, Any]:
    with translation.override(language):
        url = reverse("reader_state")
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Cache-Control"] == "private, no-store"
    return response.json()


# --- what makes a notification ------------------------------------------------------------------


def test_a_reply_tells_the_author_of_the_answered_comment(story):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    reply = actions.do_post_comment(ben, story, "Agreed, the view is back.", reply_to=comment)
    notification = Notification.objects.get()
    assert notification.recipient == mina
    assert notification.kind == Notification.Kind.REPLY
    assert notification.comment == reply


def test_a_reader_answering_their_own_comment_is_not_told_of_it(story):
    mina = reader()
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    actions.do_post_comment(mina, story, "And the stairs are still there.", reply_to=comment)
    assert not Notification.objects.exists()


def test_a_reader_who_asked_for_it_gets_one_email_per_reply_in_the_language_of_the_story(
    editions, django_capture_on_commit_callbacks
):
    russian_story = ArticleFactory(edition="ru", title="Фуникулёры снова работают")
    mina, ben = reader("Мина"), reader("Ben Adeyemi")
    mina.reader_profile.email_on_reply = True
    mina.reader_profile.save()
    comment = actions.do_post_comment(mina, russian_story, "Наконец-то.")
    with django_capture_on_commit_callbacks(execute=True):
        reply = actions.do_post_comment(ben, russian_story, "Да, вид сверху вернулся.", reply_to=comment)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [mina.email]
    assert "Да, вид сверху вернулся." in message.body
    assert f"/ru/discussion/comments/{reply.pk}/" in message.body


def test_a_reader_who_did_not_ask_for_email_gets_none(story, django_capture_on_commit_callbacks):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_post_comment(ben, story, "Agreed.", reply_to=comment)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=mina).count() == 1


# --- the notifications page ---------------------------------------------------------------------


def test_the_author_of_a_rejected_comment_sees_why_with_the_comment_itself(story, moderator):
    mina = reader("Mina Sato")
    comment = actions.do_post_comment(mina, story, "The council should resign, all of them.")
    moderation.do_reject(moderator, comment, "Please keep to the story: the lifts.")
    page = notifications_page(signed_in(mina))
    assert "Your comment on “Hillside lifts reopen after a year of repairs” was not published." in page
    assert "Please keep to the story: the lifts." in page
    assert "The council should resign, all of them." in page


def test_a_reply_is_a_sentence_with_the_replier_the_story_the_reply_and_a_link_to_it(story):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    reply = actions.do_post_comment(ben, story, "Agreed, the view is back.", reply_to=comment)
    page = notifications_page(signed_in(mina))
    assert (
        "<bdi>Ben Adeyemi</bdi> replied to your comment on “Hillside lifts reopen after a year of repairs”"
        in page
    )
    assert "Agreed, the view is back." in page
    assert f'href="{reverse("comment_permalink", args=[reply.pk])}"' in page


def test_approved_and_featured_comments_are_told_of_newest_first(story, moderator):
    mina = reader("Mina Sato")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    notify_reader(mina.pk, Notification.Kind.APPROVED, comment)
    moderation.do_feature(moderator, comment, True)
    page = notifications_page(signed_in(mina))
    featured = page.index("was featured by the newsroom")
    approved = page.index("was approved")
    assert featured < approved


def test_the_page_marks_the_notifications_it_showed_as_read_and_the_unread_count_drops(story):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    actions.do_post_comment(ben, story, "Agreed.", reply_to=comment)
    actions.do_post_comment(ben, story, "And the stairs are quieter.", reply_to=comment)
    client = signed_in(mina)
    assert reader_state(client)["unread"] == 2

    first_visit = notifications_page(client)

    assert first_visit.count('class="notification notification--unread"') == 2
    assert reader_state(client)["unread"] == 0
    second_visit = notifications_page(client)
    assert "notification--unread" not in second_visit
    assert "Mark all as read" not in second_visit


def test_mark_all_as_read_reaches_the_notifications_on_later_pages(story):
    mina = reader("Mina Sato")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    for _number in range(31):
        notify_reader(mina.pk, Notification.Kind.APPROVED, comment)
    client = signed_in(mina)
    assert "Mark all as read" in notifications_page(client)
    assert reader_state(client)["unread"] == 1  # the one on the second page

    response = client.post(reverse("reader_notifications"))

    assert response.status_code == HTTPStatus.FOUND
    assert reader_state(client)["unread"] == 0


def test_other_readers_never_see_someone_elses_notifications(story, moderator):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The council should resign.")
    moderation.do_reject(moderator, comment, "Off topic for this story.")
    bens_page = notifications_page(signed_in(ben))
    assert "Off topic for this story." not in bens_page
    assert "The council should resign." not in bens_page
    signed_out = Client().get(reverse("reader_notifications"))
    assert signed_out.status_code == HTTPStatus.FOUND
    assert signed_out["Location"].startswith(reverse("account_login"))
    assert Notification.objects.get().read_at is None


def test_a_display_name_or_a_reason_with_markup_is_shown_as_text(story, moderator):
    mina, mallory = reader("Mina Sato"), reader("<script>alert(1)</script>")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    actions.do_post_comment(mallory, story, '<img src=x onerror="alert(2)">', reply_to=comment)
    own = actions.do_post_comment(mina, story, "Second thoughts.")
    moderation.do_reject(moderator, own, "<b>Off topic</b>")
    page = notifications_page(signed_in(mina))
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi> replied to your comment" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert "&lt;b&gt;Off topic&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Off" not in page


def test_a_reply_rejected_after_it_was_published_is_no_longer_quoted(story, moderator):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    reply = actions.do_post_comment(ben, story, "Something abusive.", reply_to=comment)
    moderation.do_reject(moderator, reply, "Abusive.")
    page = notifications_page(signed_in(mina))
    assert "Something abusive." not in page
    assert "This reply is no longer shown." in page
    assert reverse("comment_permalink", args=[reply.pk]) not in page


# --- the masthead -------------------------------------------------------------------------------


def test_a_signed_out_reader_is_told_so_and_the_answer_is_never_cached(client):
    response = client.get(reverse("reader_state"))
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"signed_in": False}
    assert response["Cache-Control"] == "private, no-store"
    headers = [(name.encode(), value.encode()) for name, value in response.items()]
    assert page_cache.build_entry(response.status_code, headers, response.content) is None


def test_a_signed_in_reader_gets_their_name_unread_count_and_links_in_the_edition_language(story):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    actions.do_post_comment(ben, story, "Agreed.", reply_to=comment)
    client = signed_in(mina)

    english = reader_state(client)
    russian = reader_state(client, "ru")

    assert english == {
        "signed_in": True,
        "name": "Mina Sato",
        "unread": 1,
        "unread_label": "1 new notification",
        "notifications_label": "Notifications",
        "notifications_url": "/en/accounts/notifications/",
        "settings_url": "/en/accounts/profile/",
        "logout_label": "Log out",
        "logout_url": "/en/accounts/logout/",
    }
    assert russian["notifications_url"] == "/ru/accounts/notifications/"
    assert russian["logout_label"] != "Log out"


def test_every_page_has_the_same_log_in_link_that_brings_the_reader_back(client, story):
    mina = reader("Mina Sato")
    signed_out = client.get(story.url).content.decode()
    client.force_login(mina)
    signed_in_page = client.get(story.url).content.decode()
    link = f'href="/en/accounts/login/?next={story.url}"'
    assert link in signed_out and link in signed_in_page
    assert 'data-reader-state="/en/accounts/me.json"' in signed_out
    assert "Mina Sato" not in signed_in_page


# --- the settings page --------------------------------------------------------------------------


def test_a_reader_turns_reply_emails_on_in_their_settings_and_finds_their_notifications(editions):
    mina = reader("Mina Sato")
    client = signed_in(mina)
    page = client.get(reverse("reader_settings")).content.decode()
    assert 'name="email_on_reply"' in page
    assert f'href="{reverse("reader_notifications")}"' in page

    response = client.post(reverse("reader_settings"), {"display_name": "Mina Sato", "email_on_reply": "on"})

    assert response.status_code == HTTPStatus.FOUND
    assert ReaderProfile.objects.get(user=mina).email_on_reply


def test_notifications_of_a_deleted_comment_say_so(story):
    mina, ben = reader("Mina Sato"), reader("Ben Adeyemi")
    comment = actions.do_post_comment(mina, story, "The lifts were worth the wait.")
    reply = actions.do_post_comment(ben, story, "Agreed.", reply_to=comment)
    actions.do_delete_comment(ben, reply)
    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.REMOVED
    assert "This reply is no longer shown." in notifications_page(signed_in(mina))
