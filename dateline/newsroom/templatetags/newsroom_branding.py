"""`{% site_name %}` for Wagtail's templates that the newsroom overrides with its own name, the
ones rendered without the reader site's context (its notification e-mails, its error pages)."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name() -> str:
    return settings.SITE_NAME
