"""The newsroom calls itself Dateline: its menus, its title and the mails it sends name the site,
and nothing on its pages points the browser at Wagtail's release news."""

from __future__ import annotations

from http import HTTPStatus
from importlib.metadata import version

from django.template.loader import render_to_string
from django.test import Client
from wagtail import __version__ as wagtail_version

from dateline.newsroom.roles import ADMINISTRATORS
from tests.factories import ArticleFactory, UserFactory


def test_an_administrators_dashboard_names_dateline_and_leaves_out_wagtails_release_news(
    client: Client, editions, roles
):
    client.force_login(UserFactory(is_superuser=True, groups=[ADMINISTRATORS]))

    response = client.get("/newsroom/")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<title>Dashboard - Dateline</title>" in html
    assert f"Dateline {version('dateline')} (Wagtail {wagtail_version})" in html
    assert "Wagtail v" not in html
    assert "What's new in Wagtail" not in html
    assert "w-upgrade" not in html


def test_newsroom_mails_are_headed_with_the_site_name_not_wagtails_picture(roles):
    html = render_to_string("wagtailadmin/notifications/base.html", {"user": UserFactory()})

    assert ">Dateline</div>" in html
    assert "email-header" not in html


def test_the_bar_newsroom_staff_see_on_the_site_carries_the_dateline_mark(client: Client, editor):
    story = ArticleFactory()
    client.force_login(editor)

    html = client.get(story.url).content.decode()

    assert '<img class="w-userbar-icon" src="/static/dateline/favicon.svg" alt="">' in html
    assert 'class="icon-wagtail' not in html  # Wagtail's bird
