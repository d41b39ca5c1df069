"""Addresses on the configured site, for links that leave the page: feeds, mails, structured data,
browser alerts and WebSub pings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from wagtail.models import Page


def absolute(url: str) -> str:
    """An absolute address on the configured site, never on whatever Host a request named."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.BASE_URL + url


def page_address(page: Page) -> str:
    """A page's address on the configured site for a mail or a browser alert, "" for one that has
    none (not routable). Not Wagtail's `full_url`, which names the host the site record had."""
    url = page.get_url()
    return absolute(url) if url else ""
