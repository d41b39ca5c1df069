"""The discussion as readers reach it over HTTP: the fragment, the page, the writes."""

from __future__ import annotations

import json
import shutil
from http import HTTPStatus
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from dateline.discussion import actions, threads
from dateline.discussion.models import Comment, Reaction
from dateline.live.models import Event
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def story(editions):
    return ArticleFactory()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_signed_out_reader_is_asked_to_log_in_or_register_and_brought_back(client, story):
    response = client.get(reverse("discussion", args=[story.pk]), **FETCH)
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "To participate in the discussion" in text
    assert f"/en/accounts/login/?next={story.url}%23discussion" in text
    assert f"/en/accounts/signup/?next={story.url}%23discussion" in text
    assert "<textarea" not in text


def test_the_story_page_stays_the_same_for_everyone_and_links_to_the_discussion(client, story):
    page = client.get(story.url).content.decode()
    assert 'data-discussion="/en/discussion/' in page
    assert f"comments:{story.pk}" in page
    mina = reader()
    assert signed_in(mina).get(story.url).content.decode().count("Mina Sato") == 0


def test_a_signed_in_reader_posts_and_the_comment_comes_back_escaped(story):
    mina = reader()
    client = signed_in(mina)
    response = client.post(
        reverse("discussion_post", args=[story.pk]), {"body": "<img src=x onerror=alert(1)> fine"}, **FETCH
    )
    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert "&lt;img src=x onerror=alert(1)&gt; fine" in data["html"]
    assert Comment.objects.get(pk=data["id"]).body == "<img src=x onerror=alert(1)> fine"


def test_a_comment_of_only_invisible_characters_is_refused_like_an_empty_one(story):
    client = signed_in(reader())
    url = reverse("discussion_post", args=[story.pk])
    for body in ["\u200b", "\u200b \u200c\u200d\u2060", "\u3164\ufeff"]:
        response = client.post(url, {"body": body}, **FETCH)
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert response.json()["error"] == "Please write something before posting."
    assert not Comment.objects.exists()


def test_reader_text_is_shown_isolated_so_a_right_to_left_override_stays_inside(client, story):
    mina = reader("Mina \u202eotaS")
    ben = reader("Ben")
    first = actions.do_post_comment(mina, story, "see \u202eexe.txt and\n\nmore")
    actions.do_post_comment(ben, story, "Answer", reply_to=actions.do_post_comment(mina, story, "x", first))
    html = client.get(reverse("discussion", args=[story.pk]), **FETCH).text
    assert (
        '<div class="comment__body" dir="auto" data-comment-body>'
        '<p dir="auto">see \u202eexe.txt and</p><p dir="auto">more</p></div>'
    ) in html
    assert f'<a class="comment__author" dir="auto" href="/en/readers/{mina.pk}/">Mina \u202eotaS</a>' in html
    assert "in reply to <bdi>Mina \u202eotaS</bdi>" in html
    profile = client.get(reverse("reader_profile", args=[mina.pk])).text
    assert "<h1><bdi>Mina \u202eotaS</bdi></h1>" in profile
    assert '<div class="comment__body" dir="auto"><p dir="auto">see \u202eexe.txt and</p>' in profile


def test_stacked_marks_are_clipped_where_comments_and_names_are_shown(client, story):
    zalgo = "Z" + "\u0336\u0489" * 15 + "algo"  # 35 characters: a name fits its column (40)
    clipped = "Z" + "\u0336\u0489" * 2 + "algo"
    mina = reader(zalgo)
    comment = actions.do_post_comment(mina, story, f"{zalgo} speaks")
    assert Comment.objects.get(pk=comment.pk).body == f"{zalgo} speaks"
    html = client.get(reverse("discussion", args=[story.pk]), **FETCH).text
    assert f'<p dir="auto">{clipped} speaks</p>' in html
    assert f'dir="auto" href="/en/readers/{mina.pk}/">{clipped}</a>' in html
    assert "\u0336\u0489" * 3 not in html
    assert "\u0336\u0489" * 3 not in client.get(reverse("reader_profile", args=[mina.pk])).text


def test_without_javascript_a_post_returns_to_the_discussion_with_a_message(story):
    client = signed_in(reader())
    response = client.post(reverse("discussion_post", args=[story.pk]), {"body": ""}, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Please write something before posting." in response.content.decode()


def test_csrf_is_enforced_on_every_write(story):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader())
    response = client.post(reverse("discussion_post", args=[story.pk]), {"body": "Hello"}, **FETCH)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Comment.objects.exists()


def test_comments_sort_by_newest_oldest_and_most_reacted_and_load_more(story, settings):
    settings.DATELINE_COMMENTS_PER_PAGE = 2
    ana, ben = reader("Ana"), reader("Ben")
    first = actions.do_post_comment(ana, story, "First words")
    actions.do_post_comment(ana, story, "Second words")
    third = actions.do_post_comment(ana, story, "Third words")
    actions.do_toggle_reaction(ben, first, "agree")
    client = Client()
    url = reverse("discussion", args=[story.pk])

    def shown(query: str) -> list[str]:
        text = client.get(url + query, **FETCH).content.decode()
        return [word for word in ("First", "Second", "Third") if f"{word} words" in text]

    assert shown("?sort=newest") == ["Second", "Third"]  # the page has the newest two
    assert shown("?sort=newest&page=2") == ["First"]
    assert shown("?sort=oldest") == ["First", "Second"]
    assert shown("?sort=reacted")[0] == "First"
    assert third.pk


@pytest.mark.parametrize("query", ["?page=abc", "?page=-1", "?page=999999", "?sort=drop%20table", "?sort="])
def test_odd_queries_never_fail(client, story, query):
    response = client.get(reverse("discussion", args=[story.pk]) + query, **FETCH)
    assert response.status_code == HTTPStatus.OK


def test_the_list_page_runs_a_fixed_number_of_queries(client, story, settings, django_assert_max_num_queries):
    settings.DATELINE_COMMENT_RATE = "100/m"
    readers = [reader(f"Reader {n}") for n in range(6)]
    for number, author in enumerate(readers):
        top = actions.do_post_comment(author, story, f"Comment {number}")
        actions.do_post_comment(readers[0], story, f"A reply to {number}", reply_to=top)
    client.force_login(readers[1])
    with django_assert_max_num_queries(19):
        response = client.get(reverse("discussion", args=[story.pk]), **FETCH)
    assert response.content.decode().count('data-comment="') == 12


def test_a_permalink_leads_to_the_comment_under_its_story(client, story):
    comment = actions.do_post_comment(reader(), story, "Link me")
    response = client.get(reverse("comment_permalink", args=[comment.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{story.url}#comment-{comment.pk}"


def test_an_unknown_story_or_comment_is_a_404(client, editions):
    assert client.get(reverse("discussion", args=[999999])).status_code == HTTPStatus.NOT_FOUND
    assert client.get(reverse("comment_permalink", args=[999999])).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "path",
    [
        "/en/discussion/99999999999999999999/",
        "/ru/discussion/99999999999999999999/",
        "/en/discussion/99999999999999999999/threads/1/",
        "/ru/discussion/1/threads/99999999999999999999/",
        "/en/discussion/9223372036854775808/",
        "/en/discussion/comments/99999999999999999999/",
    ],
)
def test_an_id_beyond_what_the_database_holds_is_a_404_not_a_server_error(client, story, path):
    assert client.get(path).status_code == HTTPStatus.NOT_FOUND
    assert client.get(path, **FETCH).status_code == HTTPStatus.NOT_FOUND


def test_the_largest_id_the_database_holds_is_looked_up_like_any_other(client, story):
    assert client.get("/en/discussion/9223372036854775807/").status_code == HTTPStatus.NOT_FOUND
    assert client.get(f"/en/discussion/{story.pk}/").status_code == HTTPStatus.OK


def test_reacting_and_reporting_over_http(story):
    comment = actions.do_post_comment(reader(), story, "Well said")
    client = signed_in(reader("Ben"))
    response = client.post(reverse("comment_react", args=[comment.pk]), {"kind": "insightful"}, **FETCH)
    assert response.json()["reactions"] == {"insightful": 1}
    response = client.post(reverse("comment_report", args=[comment.pk]), {"reason": ""}, **FETCH)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "say what is wrong" in json.loads(response.content)["error"]


def test_a_closed_discussion_says_so_and_shows_no_form(story):
    actions.do_post_comment(reader(), story, "Still readable")
    story.discussion = "closed"
    story.save_revision().publish()
    text = signed_in(reader("Ben")).get(reverse("discussion", args=[story.pk]), **FETCH).content.decode()
    assert "The discussion of this story is closed." in text
    assert "Still readable" in text
    assert '<textarea id="comment-body' not in text


def test_a_story_closed_or_withdrawn_after_readers_came_stops_taking_comments_at_once(story):
    """The story a discussion belongs to is remembered by each process until content changes."""
    ben = signed_in(reader("Ben"))
    url = reverse("discussion_post", args=[story.pk])
    assert ben.post(url, {"body": "Open"}, **FETCH).status_code == HTTPStatus.OK
    story.discussion = "closed"
    story.save_revision().publish()
    assert ben.post(url, {"body": "Closed now"}, **FETCH).status_code == HTTPStatus.FORBIDDEN
    story.unpublish()
    assert ben.post(url, {"body": "Gone"}, **FETCH).status_code == HTTPStatus.NOT_FOUND
    assert ben.get(reverse("discussion", args=[story.pk]), **FETCH).status_code == HTTPStatus.NOT_FOUND
    assert list(Comment.objects.values_list("body", flat=True)) == ["Open"]


def test_the_shared_list_is_reused_until_the_discussion_changes(
    client, story, settings, django_assert_max_num_queries
):
    settings.DATELINE_COMMENT_RATE = "100/m"
    mina, ben = reader("Mina"), reader("Ben")
    actions.do_post_comment(mina, story, "First thoughts")
    url = reverse("discussion", args=[story.pk])
    assert "First thoughts" in client.get(url, **FETCH).text
    with django_assert_max_num_queries(9):
        assert "First thoughts" in client.get(url, **FETCH).text
    actions.do_post_comment(ben, story, "A second view")
    html = client.get(url, **FETCH).text
    assert "A second view" in html and "First thoughts" in html


def test_a_reader_sees_their_own_held_comment_though_the_list_is_shared(client, story, settings):
    settings.DATELINE_HELD_FIRST_COMMENTS = 1
    settings.DATELINE_COMMENT_RATE = "100/m"
    url = reverse("discussion", args=[story.pk])
    client.get(url, **FETCH)  # the shared list, filed before anything was posted
    newcomer = reader("Newcomer")
    held = actions.do_post_comment(newcomer, story, "Waiting for a moderator")
    assert held.status == "pending"
    client.force_login(newcomer)
    assert "Waiting for a moderator" in client.get(url, **FETCH).text
    client.force_login(reader("Someone else"))
    assert "Waiting for a moderator" not in client.get(url, **FETCH).text


def test_a_long_thread_shows_its_first_replies_and_the_rest_on_request(client, story, settings):
    settings.DATELINE_COMMENT_RATE = "100/m"
    top = actions.do_post_comment(reader("Ana"), story, "Start")
    for number in range(5):
        actions.do_post_comment(reader(f"R{number}"), story, f"Reply number {number}", reply_to=top)
    html = client.get(reverse("discussion", args=[story.pk]), **FETCH).text
    assert "Reply number 2" in html and "Reply number 3" not in html
    assert "Show 2 more replies" in html
    whole = client.get(reverse("discussion_thread", args=[story.pk, top.pk]), **FETCH).text
    assert all(f"Reply number {n}" in whole for n in range(5))
    page = client.get(reverse("discussion_thread", args=[story.pk, top.pk]))
    assert page.status_code == HTTPStatus.OK and "Reply number 4" in page.text
    assert (
        client.get(reverse("discussion_thread", args=[story.pk, 999999])).status_code == HTTPStatus.NOT_FOUND
    )


def test_a_discussion_quiet_past_the_outbox_retention_is_still_served_from_the_shared_list(
    client, story, settings, monkeypatch
):
    settings.DATELINE_COMMENT_RATE = "100/m"
    actions.do_post_comment(reader(), story, "Old words")
    Event.objects.all().delete()  # what pruning leaves after the retention window
    computed = []
    real = threads.threads_page
    monkeypatch.setattr(threads, "threads_page", lambda *a, **k: computed.append(1) or real(*a, **k))
    url = reverse("discussion", args=[story.pk])
    assert "Old words" in client.get(url, **FETCH).content.decode()
    assert "Old words" in client.get(url, **FETCH).content.decode()
    assert len(computed) == 1
    actions.do_post_comment(reader("Ben"), story, "New words")
    assert "New words" in client.get(url, **FETCH).content.decode()
    assert len(computed) == 2


class KeysFiled:
    """The shared cache, noting the key of every entry filed through it."""

    def __init__(self, cache):
        self.cache, self.keys = cache, set()

    def set(self, key, value, timeout=None):
        self.keys.add(key)
        return self.cache.set(key, value, timeout)

    def set_many(self, values, timeout=None):
        self.keys.update(values)
        return self.cache.set_many(values, timeout)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_busy_discussion_keeps_one_entry_per_page_and_per_comment_in_the_cache(
    client, story, settings, monkeypatch
):
    from dateline.discussion import rendering

    settings.DATELINE_COMMENT_RATE = "100/m"
    filed = KeysFiled(rendering.shared_cache)
    monkeypatch.setattr(rendering, "shared_cache", filed)
    url = reverse("discussion", args=[story.pk])
    first = actions.do_post_comment(reader("Ana"), story, "The first word")
    for number in range(4):
        actions.do_post_comment(reader(f"R{number}"), story, f"Comment number {number}")
        actions.do_toggle_reaction(reader(f"Fan{number}"), first, Reaction.AGREE)
        html = client.get(url, **FETCH).text
        assert f"Comment number {number}" in html
    pages = {key for key in filed.keys if key.startswith("discussion-page:")}
    firsts = {key for key in filed.keys if key.startswith("comment-html:") and f":{first.pk}:" in key}
    assert len(pages) == 1 and len(firsts) == 1
    assert len([key for key in filed.keys if key.startswith("comment-html:")]) == 5


def test_a_change_to_the_comments_template_files_its_markup_under_a_new_key(story, tmp_path, settings):
    """Markup cached before a deploy that changed what a comment shows is never served after it."""
    from dateline.discussion import markup, rendering

    comment = actions.do_post_comment(reader("Ana"), story, "Kept words")
    copy = tmp_path / "jinja2"
    shutil.copytree(Path(settings.BASE_DIR) / "templates" / "jinja2", copy)
    rendering.template_version.cache_clear()
    before = rendering.key_of(comment, 0)[0]

    template = copy / markup.TEMPLATE
    template.write_text(template.read_text().replace("comment__body", "comment__text"))
    settings.TEMPLATES = [
        {**engine, "DIRS": [copy]} if engine["BACKEND"].endswith("Jinja2") else engine
        for engine in settings.TEMPLATES
    ]
    rendering.template_version.cache_clear()
    try:
        after = rendering.key_of(comment, 0)[0]
        assert 'class="comment__text"' in markup.comment_html(comment)
    finally:
        rendering.template_version.cache_clear()

    assert after != before


def test_a_comments_cached_markup_is_checked_against_every_value_its_template_is_given(story):
    from dateline.discussion import markup, rendering

    first = actions.do_post_comment(reader("Ana"), story, "Top")
    reply = actions.do_post_comment(reader("Ben"), story, "Reply", reply_to=first)
    answer = actions.do_post_comment(reader("Chen"), story, "Answer", reply_to=reply)
    answer = Comment.objects.select_related("reply_to__author__reader_profile").get(pk=answer.pk)
    key, digest, values = rendering.key_of(answer, 0)
    assert values == markup.comment_values(answer)

    answer.reply_to.author.reader_profile.display_name = "Benjamin"

    renamed_key, renamed_digest, _ = rendering.key_of(answer, 0)
    assert renamed_key == key and renamed_digest != digest
