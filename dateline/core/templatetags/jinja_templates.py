"""`{% jinja_include "layout/masthead.html" %}`: a Jinja2 template (templates/jinja2/) inside a
Django one, with the Django template's context (and the values the tag names, as Django's
`{% include … with level=2 %}`): the layout every reader page shares, the parts of a story that
live coverage pages show too and the story lists have one source, in Jinja2."""

from __future__ import annotations

from typing import Any, cast

from django import template
from django.template import engines
from django.template.backends.jinja2 import Jinja2
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja_include(context: template.Context, name: str, **values: Any) -> SafeString:
    jinja = cast(Jinja2, engines["jinja2"]).env.get_template(name)
    return mark_safe(jinja.render({**context.flatten(), **values}))  # noqa: S308  (escaped by the template)
