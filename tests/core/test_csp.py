"""The Content-Security-Policy every response carries: strict for readers, Wagtail's needs in the newsroom."""

from __future__ import annotations

import asyncio
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.finders import get_finders
from wagtail.embeds.models import Embed

from dateline.accounts.models import INITIALS_COLOURS
from dateline.editions.views import server_error
from tests.asgi.test_application import django_threads_close_connections, request, site  # noqa: F401
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*")


def policy_of(response) -> dict[str, list[str]]:
    """The enforced policy as directive → sources."""
    header = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


def test_a_readers_page_runs_only_the_sites_own_files_and_nobody_may_frame_it(client, editions):
    policy = policy_of(client.get("/en/"))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["connect-src"] == ["'self'"]
    assert not [source for sources in policy.values() for source in sources if source in UNSAFE]


def test_the_newsroom_frames_its_own_previews_runs_no_eval_and_calls_nobody(client, editor):
    client.force_login(editor)

    policy = policy_of(client.get("/newsroom/"))

    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_a_storys_preview_in_the_newsroom_carries_the_newsrooms_policy(client, editor):
    story = ArticleFactory(live=False)
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[story.pk]))

    assert response.status_code == HTTPStatus.OK
    assert policy_of(response)["frame-ancestors"] == ["'self'"]


def test_error_pages_json_and_redirects_carry_the_policy_too(client, editions):
    story = ArticleFactory()
    for response in (
        client.get("/en/no-such-page/"),
        client.get(reverse("discussion", args=[story.pk]), HTTP_X_REQUESTED_WITH="fetch"),
        client.get("/en/newsfeed.json"),
        client.get("/en/accounts/profile/"),
    ):
        assert policy_of(response)["script-src"] == ["'self'"], response


def test_a_refused_form_is_explained_on_a_page_without_inline_style(editions):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("subscribe"), {"email": "mina@example.org"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    page = response.content.decode()
    assert "The form could not be sent" in page
    assert "<style" not in page and "style=" not in page
    assert policy_of(response)["style-src"] == ["'self'"]


def test_the_server_error_page_takes_its_look_from_the_stylesheet_in_the_readers_language():
    page = server_error(RequestFactory().get("/ar/")).content.decode()

    assert "<style" not in page and "style=" not in page
    assert "dateline/site.css" in page
    assert 'lang="ar" dir="rtl"' in page


def test_the_switch_has_browsers_report_the_policy_instead_of_enforcing_it(client, editions, settings):
    settings.DATELINE_CSP_REPORT_ONLY = True
    settings.DATELINE_CSP_REPORT_URI = "https://reports.example/csp"

    response = client.get("/en/")

    assert "Content-Security-Policy" not in response
    reported = response["Content-Security-Policy-Report-Only"]
    assert "script-src 'self';" in reported
    assert reported.endswith("report-uri https://reports.example/csp")


def test_a_page_answered_from_the_page_cache_carries_its_policy(site):  # noqa: F811
    story = ArticleFactory()

    async def twice():
        return await request(site, story.url), await request(site, story.url)

    first, second = asyncio.run(twice())

    assert site.page_cache.hits == 1
    assert second.headers[b"content-security-policy"] == first.headers[b"content-security-policy"]
    assert b"frame-ancestors 'none'" in second.headers[b"content-security-policy"]


def test_only_embeds_whose_frames_the_policy_allows_are_accepted():
    def accepted(url: str) -> bool:
        return any(finder.accept(url) for finder in get_finders())

    assert accepted("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert accepted("https://vimeo.com/76979871")
    assert accepted("https://soundcloud.com/harbour-radio/morning-tide")
    # Their markup brings scripts or style attributes of their own, which the policy refuses.
    assert not accepted("https://twitter.com/dateline/status/1")
    assert not accepted("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC")
    assert not accepted("https://www.instagram.com/p/Cx1/")


def test_an_embed_in_a_story_is_a_frame_the_policy_lets_in(client, editions):
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    # What the provider answered, kept as Wagtail keeps it, so that nothing is fetched.
    Embed.objects.create(
        url=url,
        max_width=800,
        hash=get_embed_hash(url, 800),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="800" height="450" title="Harbour"></iframe>',
        width=800,
        height=450,
    )
    story = ArticleFactory(body=[("embed", url)])

    page = client.get(story.url).content.decode()

    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in page
    assert "style=" not in page
    frames = policy_of(client.get(story.url))["frame-src"]
    assert "https://www.youtube.com" in frames


def test_every_colour_of_initials_has_its_class_in_the_stylesheet():
    css = (Path(settings.BASE_DIR) / "static" / "dateline" / "site.css").read_text()

    tones = dict(re.findall(r"\.avatar--tone-(\d+) \{ background: (#[0-9a-f]{6}); \}", css))

    assert [tones[str(number)] for number in range(len(INITIALS_COLOURS))] == list(INITIALS_COLOURS)
