"""The Jinja2 environment of the markup a page repeats (comments, story cards)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template import engines
from django.utils.html import escape
from jinja2 import UndefinedError

from dateline.core import jinja


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
