"""The reader's own pages: profile settings, notifications, the public profile, the data export,
deleting it all; the signed-in state the cached pages' masthead asks for; and the way from every
other login page to the one sign-in."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from dateline.accounts.forms import DeleteAccountForm, ProfileForm
from dateline.accounts.models import default_display_name, profile_of
from dateline.core import ratelimit
from dateline.core.reader_text import clip_marks
from dateline.discussion import notifications
from dateline.discussion.models import Comment, CommentReaction, CommentReport, Notification
from dateline.subscriptions import actions as subscription_actions
from dateline.subscriptions.models import PushSubscription

NOTIFICATIONS_PER_PAGE = 30


def sign_in(request: HttpRequest, default_next: str = "") -> HttpResponse:
    """Wagtail's login pages (the newsroom's, page privacy's): allauth's sign-in, with its rate
    limits and two-factor stage, is the only one; it brings the visitor back where they were going."""
    return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or str(default_next), "account_login")


@login_required
@require_http_methods(["GET", "POST"])
def reader_settings(request: HttpRequest) -> HttpResponse:
    """The reader's name, avatar and e-mail preferences."""
    profile = profile_of(request.user)
    if request.method == "POST" and not ratelimit.allow(
        "profile", str(request.user.pk), settings.DATELINE_PROFILE_RATE
    ):
        # A name and a picture others see, and an image to decode: not something to change in a loop.
        messages.error(request, _("You have changed your profile too often. Please try again later."))
        form = ProfileForm(instance=profile)
        return render(request, "accounts/settings.html", {"form": form, "profile": profile}, status=429)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return HttpResponseRedirect(reverse("reader_settings"))
    return render(request, "accounts/settings.html", {"form": form, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def reader_notifications(request: HttpRequest) -> HttpResponse:
    """The reader's notifications, newest first. Those on the page count as read once it is rendered
    (so they are still marked new in it); a POST marks them all read."""
    if request.method == "POST":
        notifications.mark_all_read(request.user)
        messages.success(request, _("All your notifications are marked as read."))
        return HttpResponseRedirect(reverse("reader_notifications"))
    shown = Notification.objects.filter(recipient_id=request.user.pk).select_related(
        "comment__story", "comment__author__reader_profile"
    )
    page = Paginator(shown, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    response = render(
        request,
        "accounts/notifications.html",
        {"page": page, "unread": notifications.unread_count(request.user)},
    )
    notifications.mark_read(request.user, [notification.pk for notification in page])
    return response


@require_GET
def reader_state(request: HttpRequest) -> HttpResponse:
    """Who is reading, for the masthead of pages that are cached and the same for everyone."""
    response = JsonResponse(reader_state_of(request.user))
    response["Cache-Control"] = "private, no-store"
    return response


def reader_state_of(user: Any) -> dict[str, Any]:
    """The signed-in reader's name and unread notifications, with labels in the active language."""
    if not user.is_authenticated:
        return {"signed_in": False}
    profile = getattr(user, "reader_profile", None)
    unread = notifications.unread_count(user)
    return {
        "signed_in": True,
        "name": clip_marks(profile.display_name if profile is not None else default_display_name(user)),
        "unread": unread,
        # The plural forms of Russian and Arabic need the count, so the label is made here.
        "unread_label": ngettext("%(count)d new notification", "%(count)d new notifications", unread)
        % {"count": unread},
        "notifications_label": _("Notifications"),
        "notifications_url": reverse("reader_notifications"),
        "settings_url": reverse("reader_settings"),
        "logout_label": _("Log out"),
        "logout_url": reverse("account_logout"),
    }


@require_GET
def reader_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    """What a reader has said in public: their name, avatar and published comments, newest first."""
    reader = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    comments = (
        Comment.objects.filter(author=reader).published().select_related("story").order_by("-created_at")
    )
    page = Paginator(comments, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/profile.html",
        {"reader": profile_of(reader), "page": page, "comment_total": page.paginator.count},
    )


def export_of(user: Any) -> dict[str, Any]:
    """Everything Dateline keeps about a reader, as they would want to take it away."""
    from allauth.account.models import EmailAddress

    profile = profile_of(user)
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
        },
        "profile": {
            "display_name": profile.display_name,
            "avatar": profile.avatar.url if profile.avatar else None,
            "email_on_reply": profile.email_on_reply,
        },
        "comments": [
            {
                "id": comment.pk,
                "story": comment.story.url if comment.story else None,
                "body": comment.body,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                "in_reply_to": comment.reply_to_id or comment.thread_id,
            }
            for comment in Comment.objects.filter(author=user).select_related("story").order_by("created_at")
        ],
        "reactions": [
            {"comment": comment_id, "kind": kind, "created_at": created.isoformat()}
            for comment_id, kind, created in CommentReaction.objects.filter(reader=user).values_list(
                "comment_id", "kind", "created_at"
            )
        ],
        "reports": [
            {"comment": comment_id, "reason": reason, "created_at": created.isoformat()}
            for comment_id, reason, created in CommentReport.objects.filter(reporter=user).values_list(
                "comment_id", "reason", "created_at"
            )
        ],
        "newsletters": [
            {
                "email": subscriber.email,
                "edition": subscriber.locale.language_code,
                "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
                "paused": subscriber.paused,
                "lists": sorted(subscriber.newsletters.values_list("key", flat=True)),
            }
            for subscriber in subscription_actions.subscribers_of(user)
        ],
        "browser_alerts": PushSubscription.objects.filter(user=user).count(),
    }


@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export_of(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{settings.SITE_NAME.lower()}-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """After the password: comments stay as deleted traces (replies keep their place), the rest goes."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and not ratelimit.allow("delete-account", str(request.user.pk), "5/10m"):
        form.add_error(None, _("Too many attempts. Please wait a few minutes."))
    elif request.method == "POST" and form.is_valid():
        user = get_user_model().objects.get(pk=request.user.pk or 0)
        with transaction.atomic():
            Comment.objects.filter(author=user).update(body="", status=Comment.Status.REMOVED, author=None)
            subscription_actions.subscribers_of(user).delete()
            PushSubscription.objects.filter(user=user).delete()
            logout(request)
            user.delete()
        messages.success(request, _("Your account and everything in it were deleted."))
        return HttpResponseRedirect("/")
    return render(request, "accounts/delete.html", {"form": form})
