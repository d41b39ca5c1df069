"""What reader pages' Jinja2 templates use besides Jinja2's own, listed in TEMPLATES' Jinja2
`extensions` as a Django app's template tags are loaded:

- `{% translate "Search" %}` and `{% translate "," context "list separator" %}`, in Django's
  spelling, which `makemessages` reads in any template;
- `{% remember "name", key… %}…{% endremember %}`, a fragment every page shares
  (`core/fragments.py`);
- `static("…")`, `url("name", …)`, `reader_messages()`, Django's `|date` (in the reader's time
  zone, as Django's filter) and `|urlencode`.
"""

from __future__ import annotations

from datetime import date as calendar_date
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from jinja2 import Environment, nodes, pass_context
from jinja2.ext import Extension
from jinja2.parser import Parser
from jinja2.runtime import Context

from dateline.core import fragments, jinja
from dateline.core.templatetags.reader_messages import reader_messages


def translate(text: str, context: str | None = None) -> str:
    """`text` in the active language, in `context` if given."""
    return _translated(translation.get_language(), text, context)


@lru_cache(maxsize=4096)
def _translated(language: str | None, text: str, context: str | None) -> str:
    """A template's phrase in `language`, looked up in the catalogs once per process: they are
    loaded once, and a reader page's layout asks for some forty phrases."""
    return pgettext(context, text) if context is not None else gettext(text)


class TranslateExtension(Extension):
    """`{% translate "text" %}`, `{% translate "text" context "context" %}`: the phrase, escaped."""

    tags = {"translate"}

    def parse(self, parser: Parser) -> nodes.Output:
        """Parses the tag: a phrase, then optionally `context` and the phrase's context."""
        lineno = next(parser.stream).lineno
        text = parser.parse_expression()
        context: nodes.Expr = nodes.Const(None)
        if parser.stream.skip_if("name:context"):
            context = parser.parse_expression()
        return nodes.Output([self.call_method("_translate", [text, context])], lineno=lineno)

    def _translate(self, text: str, context: str | None) -> str:
        return translate(text, context)


class RememberExtension(Extension):
    """`{% remember "sections", edition.language_code, section_pk %}…{% endremember %}`: the
    fragment rendered once per process and content version, with the same keys as Django's tag
    had (a missing value is "")."""

    tags = {"remember"}

    def parse(self, parser: Parser) -> nodes.CallBlock:
        """Parses the tag: the fragment's name, its keys after commas, the body to `endremember`."""
        lineno = next(parser.stream).lineno
        name = parser.parse_expression()
        keys = []
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endremember",), drop_needle=True)
        call = self.call_method("_remember", [nodes.ContextReference(), name, nodes.List(keys)])
        return nodes.CallBlock(call, [], [], body, lineno=lineno)

    def _remember(self, context: Context, name: str, keys: list[Any], caller: Any) -> str:
        return fragments.remember(context.get("request"), name, keys, caller)


def date(value: Any, format_string: str) -> str:
    """Django's `|date`, which shows a moment in the reader's time zone; a date or a moment is
    formatted once per process, zone and language (`jinja.date_format`)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if isinstance(value, calendar_date):  # a moment too
        return jinja.date_format(value, format_string)
    return defaultfilters.date(value, format_string)


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """Django's `{% url %}`."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


class PagesExtension(Extension):
    """The functions and filters above, for every reader page."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(static=static, url=url, reader_messages=pass_context(reader_messages))
        environment.filters.update(date=date, urlencode=defaultfilters.urlencode)


translations = TranslateExtension
remembered_fragments = RememberExtension
pages = PagesExtension
