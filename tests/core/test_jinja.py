"""The Jinja2 environment: reader pages, their layout, and the markup a page repeats (comments,
story cards)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template import Context, Template, engines
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import pgettext
from jinja2 import UndefinedError

from dateline.core import cache_tags, jinja, versioned


@pytest.fixture
def templates(tmp_path: Path, settings) -> Path:
    """A copy of templates/jinja2 that the Jinja2 engine reads from, for the test to change."""
    copy = tmp_path / "jinja2"
    shutil.copytree(Path(django_settings.BASE_DIR) / "templates" / "jinja2", copy)
    settings.TEMPLATES = [
        {**engine, "DIRS": [copy]} if engine["BACKEND"].endswith("Jinja2") else engine
        for engine in django_settings.TEMPLATES
    ]
    return copy


def render(source: str, **context: object) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_values_are_escaped_as_djangos_templates_escape_them():
    value = """<b class="x">O'Brien & co</b>"""

    assert render("{{ value }}", value=value) == escape(value)
    assert "&#x27;" in render("{{ value }}", value=value)


def test_line_breaks_and_their_indentation_are_not_part_of_the_markup():
    source = '<p>\n  {% if name %}\n    <b>{{ name }}</b> said\n  {% endif %}\n  {{ " " }}<i>so</i>\n</p>\n'

    assert render(source, name="Ana") == "<p><b>Ana</b> said <i>so</i></p>"


def test_a_name_the_context_lacks_is_an_error_not_an_empty_string():
    with pytest.raises(UndefinedError):
        render("<p>{{ comment.author }}</p>")


def test_a_translated_phrase_keeps_the_markup_put_into_it_and_escapes_the_rest():
    html = render(
        """{{ "in reply to %(name)s"|interpolate(name=name|isolated) }} {{ "%(x)s"|interpolate(x=x) }}""",
        name="<Ana>",
        x="<i>",
    )

    assert html == "in reply to <bdi>&lt;Ana&gt;</bdi> &lt;i&gt;"


def test_a_templates_sources_are_its_own_and_those_of_every_template_it_includes(templates):
    (templates / "outer.html").write_text('<p>{% include "inner.html" %}</p>')
    (templates / "inner.html").write_text("<b>inner</b>")

    assert jinja.sources("outer.html") == [b'<p>{% include "inner.html" %}</p>', b"<b>inner</b>"]


def test_a_template_whose_include_is_named_at_render_time_has_no_known_sources(templates):
    (templates / "outer.html").write_text("<p>{% include name %}</p>")

    with pytest.raises(ValueError, match="names a template at render time"):
        jinja.sources("outer.html")


def test_a_page_keeps_its_lines_and_final_line_break_as_djangos_templates_did(templates):
    (templates / "page.html").write_text("<p>\n  {% if name %}<b>{{ name }}</b>{% endif %}\n</p>\n")
    (templates / "includes" / "part.html").write_text("<p>\n  <b>{{ name }}</b>\n</p>\n")

    assert engines["jinja2"].get_template("page.html").render({"name": "Ana"}) == "<p>\n  <b>Ana</b>\n</p>\n"
    assert engines["jinja2"].get_template("includes/part.html").render({"name": "Ana"}) == "<p><b>Ana</b></p>"


def test_a_phrase_is_translated_in_its_context_and_escaped_as_djangos_translate_tag_does():
    with translation.override("ru"):
        html = render('{% translate "," context "list separator" %}|{% translate "Search" %}')
        django_html = Template(
            '{% load i18n %}{% translate "," context "list separator" %}|{% translate "Search" %}'
        )

        assert html == django_html.render(Context()) == f"{pgettext('list separator', ',')}|Поиск"


def test_a_moment_is_shown_in_the_readers_time_zone_as_djangos_date_filter_shows_it():
    moment = datetime(2026, 12, 6, 22, 30, tzinfo=UTC)

    with timezone.override("Asia/Tokyo"):
        html = render('{{ moment|date("Y-m-d H:i") }}', moment=moment)
        django_html = Template('{{ moment|date:"Y-m-d H:i" }}').render(Context({"moment": moment}))

    assert html == django_html == "2026-12-07 07:30"


@pytest.mark.django_db
def test_a_remembered_fragment_is_rendered_once_per_content_version_and_files_its_cache_tags_again():
    versioned.forget_everything()
    rendered: list[str] = []

    def navigation() -> str:
        rendered.append("navigation")
        cache_tags.add(request, "section:7")
        return SafeString("<nav>")

    source = '{% remember "test-navigation", "en" %}{{ navigation() }}{% endremember %}'
    request = RequestFactory().get("/en/")
    first = render(source, navigation=navigation, request=request)
    request = RequestFactory().get("/en/world/")
    request.cache_tags = set()
    again = render(source, navigation=navigation, request=request)

    assert first == again == "<nav>"
    assert rendered == ["navigation"]
    assert cache_tags.of(request) == {"section:7"}
