"""The reader's own pages: profile settings, the public profile, the data export, deleting it all."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dateline.accounts.forms import DeleteAccountForm, ProfileForm
from dateline.accounts.models import profile_of
from dateline.core import ratelimit
from dateline.discussion.models import Comment, CommentReaction, CommentReport


@login_required
@require_http_methods(["GET", "POST"])
def reader_settings(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return HttpResponseRedirect(reverse("reader_settings"))
    return render(request, "accounts/settings.html", {"form": form, "profile": profile})


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
            logout(request)
            user.delete()
        messages.success(request, _("Your account and everything in it were deleted."))
        return HttpResponseRedirect("/")
    return render(request, "accounts/delete.html", {"form": form})
