"""The Jinja2 environment: the story page, the edition home and section pages, the layout every
reader page shares (`layout/`, which Django's base.html includes too), and the markup a page repeats
many times (comments, story cards).

Django's template engine takes three and a half times as long for a comment and a third longer
for a card (bench/README.md, "Markup: templates or Python"); on Jinja2 an uncached story page
takes 5% fewer instructions. Its templates live in templates/jinja2/ and differ from Jinja2's defaults in three ways:

- every value shown is escaped as Django escapes it (`&#x27;`, not `&#39;`), unless it is markup
  already, by the environment's `finalize` rather than Jinja2's autoescaping (which would check it
  again): so a `{% set %}` block or a macro gives text, escaped again where it is shown; write the
  markup out or include a template instead;
- a name the context lacks is an error, not an empty string;
- in the repeated markup (`ONE_LINE_FOLDERS`), a line break and the indentation after it are not
  part of the markup: a template is written on many lines for reading and gives one line, as the
  markup it replaced did (a space that matters is written inside a line, or as `{{ " " }}` at the
  start of one). Pages and their parts keep their lines, as the Django templates they replaced.

Translations are Django's `_()` and `{% translate "…" context "…" %}` (`core/jinja2tags.py`), which
`makemessages` finds in these templates as in Django's; a translated phrase with values in it
goes through `|interpolate`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from functools import cache, lru_cache
from typing import Any, cast

from django.template import engines
from django.template.backends.jinja2 import Jinja2
from django.utils import formats
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from jinja2 import Environment, StrictUndefined, Template, meta
from jinja2.ext import Extension

from dateline.core.reader_text import clip_marks
from dateline.core.templatetags.reader_text import isolated

LINE_BREAKS = re.compile(r"\n[ \t]*")
# The templates of markup a page repeats, written on many lines and rendered as one.
ONE_LINE_FOLDERS = ("discussion/", "includes/", "sitemaps/", "wire/")


class OneLine(Extension):
    """Drops every line break of a repeated markup's source and the indentation after it."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """The source as one line (Jinja2 calls this before parsing, once per template)."""
        if name is not None and not name.startswith(ONE_LINE_FOLDERS):
            return source
        return LINE_BREAKS.sub("", source)


def escaped(value: Any) -> Any:
    """A value shown, escaped as Django escapes it unless it is markup already (Jinja2 calls this
    for every value a template shows)."""
    if hasattr(value, "__html__"):
        return value
    return html.escape(str(value))


def date_format(value: date | datetime, format: str | None = None) -> str:
    """Django's `date_format` in the active language, remembered: a list formats the time of each
    of its stories, the same times on every page that lists them, and formatting one is a good part
    of a card's cost. A time is remembered with its zone (it is shown as its zone tells)."""
    zone = value.tzinfo if isinstance(value, datetime) else None
    return _formatted(value, zone, format, get_language())


@lru_cache(maxsize=4096)
def _formatted(value: date | datetime, zone: tzinfo | None, format: str | None, language: str | None) -> str:
    return formats.date_format(value, format)


def interpolate(text: str, **values: Any) -> SafeString:
    """A translation escaped, with `values` (escaped unless already markup) in its `%(name)s` places:
    `{{ _("in reply to %(name)s")|interpolate(name=name|isolated) }}`."""
    return mark_safe(escape(text) % {key: conditional_escape(value) for key, value in values.items()})  # noqa: S308  (escaped above)


def environment(**options: Any) -> Environment:
    """The environment Django's Jinja2 backend renders with (TEMPLATES' `environment` option)."""
    options["undefined"] = StrictUndefined
    options["extensions"] = [*options.get("extensions", ()), OneLine]
    # `escaped` escapes every value shown; Jinja2's own escaping would only check it again.
    options.pop("autoescape", None)
    # A page's template ends with a line break, as Django's did (includes keep theirs too).
    jinja = Environment(autoescape=False, finalize=escaped, keep_trailing_newline=True, **options)  # noqa: S701
    jinja.globals["_"] = gettext
    jinja.filters.update(
        clip_marks=clip_marks,
        date_format=date_format,
        interpolate=interpolate,
        isolated=isolated,
    )
    return jinja


def render(name: str, **context: Any) -> SafeString:
    """A template of templates/jinja2/ rendered with `context` in the active language.

    Jinja2's own call, without Django's request and context processors, which these templates do
    not use; `_` remembers its translations, asked for every comment and card of a page.
    """
    template = cast(Jinja2, engines["jinja2"]).env.get_template(name)
    # Jinja2's `render` copies the environment's globals into every context, a key at a time
    # through a ChainMap: for a card that was a third of rendering it. They are copied once here.
    values = {**_globals_of(template), **context, "_": _translator(get_language())}
    try:
        markup = template.environment.concat(
            template.root_render_func(template.new_context(values, shared=True))
        )  # type: ignore[attr-defined]
    except Exception:
        template.environment.handle_exception()  # raises it again, pointing at the template's line
    return mark_safe(markup)  # noqa: S308  (escaped)


@lru_cache(maxsize=256)
def _globals_of(template: Template) -> dict[str, Any]:
    """A template's globals (the environment's, which are set once, and its own) as one dict."""
    return dict(template.globals)


@cache
def _translator(language: str | None) -> Callable[[str], str]:
    """`gettext` into `language` (active whenever the result is called), remembered."""
    return cache(gettext)


def sources(name: str) -> list[bytes]:
    """The source of a template and of every template it includes, imports or extends.

    A name made at render time cannot be followed, so it is refused: what depends on these
    sources (a cache key's version) would miss a change to that template.
    """
    jinja = cast(Jinja2, engines["jinja2"]).env
    assert jinja.loader is not None
    found: list[bytes] = []
    pending, seen = [name], set()
    while pending:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.add(current)
        source = jinja.loader.get_source(jinja, current)[0]
        found.append(source.encode())
        for referenced in meta.find_referenced_templates(jinja.parse(source)):
            if referenced is None:
                raise ValueError(f"{current} names a template at render time: its source cannot be known")
            pending.append(referenced)
    return found
