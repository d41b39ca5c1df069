"""`{% remember "name" key… %}…{% endremember %}`: a fragment every page shares, rendered once per
process and content version (`dateline.core.versioned`) instead of on every page.

The key names what the fragment depends on besides published content (the edition, the section
in view); the page's language is always part of it. Cache tags the fragment filed the page under
are remembered with it and filed again each time it is reused, so purges still find the page.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from dateline.core import cache_tags, versioned

register = template.Library()


class RememberNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: FilterExpression, keys: list[Any]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        key = (
            "fragment",
            self.name.resolve(context),
            translation.get_language(),
            *(str(expression.resolve(context)) for expression in self.keys),
        )

        def render_once() -> tuple[str, frozenset[str]]:
            before = set(cache_tags.of(request) or ()) if request is not None else set()
            html = self.nodelist.render(context)
            after = set(cache_tags.of(request) or ()) if request is not None else set()
            return html, frozenset(after - before)

        html, tags = versioned.remembered(key, request, render_once)
        if request is not None and tags and cache_tags.of(request) is not None:
            cache_tags.add(request, *tags)
        return mark_safe(html)  # noqa: S308  (the fragment was rendered, and escaped, by the template)


@register.tag
def remember(parser: Parser, token: Token) -> RememberNode:
    """`{% remember "name" key1 key2 %}…{% endremember %}`"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("remember needs a name")
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
