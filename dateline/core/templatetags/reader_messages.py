"""`{% reader_messages %}`: the messages an action left for the reader ("You have confirmed…"),
at the top of the next page they see, whichever page that is.

A visitor with neither a session nor a message cookie has none, and their page is the one every
anonymous reader shares: it is rendered without looking, so that the session is not touched (which
would make the page vary by cookie). The page cache lets a visitor with a message cookie through to
Django (`asgi.page_cache`), and a page that shows one sets a cookie, so it is never shared.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_messages(context: template.Context) -> SafeString:
    request = context.get("request")
    if request is None:
        return SafeString("")
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies:
        return SafeString("")
    messages = list(get_messages(request))
    if not messages:
        return SafeString("")
    return render_to_string("includes/messages.html", {"messages": messages})
