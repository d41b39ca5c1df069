"""The feeds in reader pages' Jinja2 templates: `feed_links()` in the <head> and
`feed_formats(kind, slug)`, as Django's `{% feed_links %}` and `{% feed_formats %}`."""

from __future__ import annotations

from jinja2 import Environment, pass_context
from jinja2.ext import Extension

from dateline.subscriptions.templatetags.feed_tags import feed_formats, feed_links


class FeedsExtension(Extension):
    """Listed in TEMPLATES' Jinja2 `extensions`, as a Django app's template tags are loaded."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(feed_links=pass_context(feed_links), feed_formats=feed_formats)


feeds = FeedsExtension
