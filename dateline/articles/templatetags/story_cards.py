"""Template tags for story lists: the card each story of a list is shown as."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from dateline.articles import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def story_card(context: template.Context, story: Any, **options: Any) -> SafeString:
    """`{% story_card story lead=True compact=False show_section=True level=2 %}`"""
    return cards.story_card(context.get("request"), story, **options)
