"""The Subscribe page, and the pages a subscription e-mail links to (thin: parse, one action, answer)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from dateline.core import clients, ratelimit
from dateline.subscriptions import actions, feeds, push, push_services
from dateline.subscriptions.actions import SubscriptionError
from dateline.subscriptions.models import Newsletter, PushSubscription


def edition_locale(request: HttpRequest) -> Locale:
    """The edition of the address (/en/…, /ru/…)."""
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    if locale is None:
        raise Http404("No such edition")
    return locale


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Newsletters to choose and feeds to follow; the form asks for an address and some lists."""
    locale = edition_locale(request)
    newsletters = actions.newsletters_of(locale)
    email = request.user.email if request.user.is_authenticated else ""
    context: dict[str, Any] = {
        "newsletters": newsletters,
        "email": email,
        "chosen": set(),
        "error": "",
        "feeds": feed_links(newsletters),
        "push_key": push.application_server_key(),
    }
    if request.method == "POST":
        email = request.POST.get("email", "")
        context["email"] = email
        context["chosen"] = {int(i) for i in request.POST.getlist("newsletter") if i.isdigit()}
        try:
            clean = actions.clean_email(email)
            actions.check_rate(clients.address_of_request(request), clean)
            chosen = actions.chosen_lists(locale, request.POST.getlist("newsletter"))
            _subscriber, subscribed = actions.do_subscribe(clean, locale, chosen, request.user)
        except SubscriptionError as error:
            context["error"] = error.message
            return render(request, "subscriptions/subscribe.html", context, status=error.status)
        done = {"email": clean, "subscribed": subscribed, "chosen": chosen}
        return render(request, "subscriptions/subscribed.html", done)
    if newsletters:
        context["chosen"] = {newsletters[0].pk}
    return render(request, "subscriptions/subscribe.html", context)


def feed_links(newsletters: list[Newsletter]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The edition's feeds and its sections' (the sections its digests name), in every format."""
    links = [
        (
            _("Everything we publish"),
            [(name, feeds.feed_path("edition", kind)) for kind, name in feeds.FORMAT_NAMES.items()],
        )
    ]
    for newsletter in newsletters:
        if newsletter.section is not None:
            slug = newsletter.section.slug
            links.append(
                (
                    newsletter.section.title,
                    [
                        (name, feeds.feed_path("section", kind, slug))
                        for kind, name in feeds.FORMAT_NAMES.items()
                    ],
                )
            )
    return links


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A button to confirm, so that a mail scanner opening the link confirms nothing."""
    if request.method == "GET":
        return render(request, "subscriptions/confirm.html", {"token": token})
    try:
        subscriber = actions.do_confirm(token)
    except SubscriptionError as error:
        return _problem(request, error)
    return render(
        request,
        "subscriptions/confirmed.html",
        {
            "subscriber": subscriber,
            "manage_url": reverse("subscription_preferences", args=[actions.manage_token(subscriber)]),
        },
    )


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Change lists, pause or leave everything, from the link in every e-mail."""
    try:
        subscriber, _data = actions.read_token(token, actions.MANAGE_SALT)
    except SubscriptionError as error:
        return _problem(request, error)
    newsletters = actions.newsletters_of(subscriber.locale)
    saved = False
    if request.method == "POST":
        ids = {int(i) for i in request.POST.getlist("newsletter") if i.isdigit()}
        if request.POST.get("leave"):
            ids = set()
        actions.do_update(
            subscriber, [n for n in newsletters if n.pk in ids], bool(request.POST.get("paused"))
        )
        saved = True
    chosen = set(subscriber.subscriptions.values_list("newsletter_id", flat=True))
    return render(
        request,
        "subscriptions/preferences.html",
        {"subscriber": subscriber, "newsletters": newsletters, "chosen": chosen, "saved": saved},
    )


@csrf_exempt  # RFC 8058: mail programs POST here without cookies; the signed token is the proof
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """`List-Unsubscribe` target: a POST leaves the list at once; a GET asks first (link checkers
    open every link in a message)."""
    try:
        subscriber, data = actions.read_token(token, actions.UNSUBSCRIBE_SALT)
    except SubscriptionError as error:
        return _problem(request, error)
    newsletter = Newsletter.objects.filter(pk=data.get("n") or 0, locale=subscriber.locale).first()
    context = {"subscriber": subscriber, "newsletter": newsletter, "token": token, "done": False}
    if request.method == "POST":
        actions.do_unsubscribe(subscriber, newsletter)
        context["done"] = True
        context["manage_url"] = reverse("subscription_preferences", args=[actions.manage_token(subscriber)])
    return render(request, "subscriptions/unsubscribe.html", context)


def _problem(request: HttpRequest, error: SubscriptionError) -> HttpResponse:
    return render(request, "subscriptions/problem.html", {"message": error.message}, status=error.status)


@require_http_methods(["POST"])
def push_subscription(request: HttpRequest) -> JsonResponse:
    """The page's script hands over the browser's push subscription (or asks to forget it)."""
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return JsonResponse({"error": _("The request could not be read.")}, status=400)
    if not ratelimit.allow("push", clients.address_of_request(request), settings.DATELINE_PUSH_RATE):
        return JsonResponse({"error": _("Too many requests. Please wait a while and try again.")}, status=429)
    endpoint = data.get("endpoint")
    if data.get("remove"):
        if isinstance(endpoint, str):
            PushSubscription.objects.filter(endpoint=endpoint).delete()
        return JsonResponse({"subscribed": False})
    keys = data.get("keys")
    p256dh, auth = (keys.get("p256dh"), keys.get("auth")) if isinstance(keys, dict) else (None, None)
    if not (isinstance(endpoint, str) and push_services.allowed_endpoint(endpoint)):
        return JsonResponse(
            {"error": _("This browser's push service is not one we can send to.")}, status=400
        )
    if not (isinstance(p256dh, str) and isinstance(auth, str) and push.valid_keys(p256dh, auth)):
        return JsonResponse({"error": _("The browser's keys could not be read.")}, status=400)
    user = request.user if request.user.is_authenticated else None
    PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"p256dh": p256dh, "auth": auth, "locale": edition_locale(request), "user": user},
    )
    return JsonResponse({"subscribed": True})


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker that shows alerts, served from the site's root so it covers every page."""
    response = render(request, "subscriptions/service-worker.js", content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response
