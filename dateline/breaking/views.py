"""Newsroom views: mark a story as breaking news, see the alerts, clear one.

Each view parses the request, calls one action from `dateline.breaking.actions` and responds.
State changes are POSTs (CSRF-protected like the rest of the newsroom).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from dateline.articles.models import ArticlePage
from dateline.breaking import actions
from dateline.breaking.forms import MarkBreakingForm
from dateline.breaking.models import BreakingNews

PAST_ALERTS_SHOWN = 50


@require_http_methods(["GET", "POST"])
def mark(request: HttpRequest, page_id: int) -> HttpResponse:
    """The "Mark as breaking" form of one story: the banner's wording and how long it stays up."""
    story = get_object_or_404(ArticlePage, pk=page_id)
    next_url = get_valid_next_url_from_request(request)
    try:
        actions.check_can_mark_breaking(story, request.user)
    except actions.BreakingNewsError as error:
        messages.error(request, str(error))
        return redirect(next_url or reverse("wagtailadmin_pages:edit", args=[story.pk]))
    existing = BreakingNews.objects.filter(story=story).first()
    active = existing if existing is not None and existing.is_active() else None
    form = MarkBreakingForm(
        request.POST if request.method == "POST" else None,
        initial={"headline": active.headline} if active else None,
    )
    if form.is_valid():
        actions.do_mark_breaking(
            story, user=request.user, headline=form.cleaned_data["headline"], hours=form.cleaned_data["hours"]
        )
        messages.success(request, _("“%(title)s” is now breaking news.") % {"title": story.title})
        return redirect(next_url or reverse("breaking:index"))
    return TemplateResponse(
        request,
        "breaking/newsroom/mark.html",
        {
            "story": story,
            "active": active,
            "form": form,
            "next_url": next_url,
            "page_title": _("Mark as breaking news"),
            "header_title": _("Mark as breaking news"),
            "page_subtitle": story.title,
            "header_icon": "warning",
        },
    )


@require_POST
def clear(request: HttpRequest, alert_id: int) -> HttpResponse:
    """Take an alert down now, on every page of its edition."""
    alert = get_object_or_404(BreakingNews.objects.select_related("story"), pk=alert_id)
    actions.check_can_clear_breaking(alert, request.user)
    if actions.do_clear_breaking(alert, user=request.user):
        messages.success(request, _("The breaking-news banner for “%(title)s” is down.") % {"title": alert})
    else:
        messages.warning(request, _("That alert had already ended."))
    return HttpResponseRedirect(get_valid_next_url_from_request(request) or reverse("breaking:index"))


def index(request: HttpRequest) -> HttpResponse:
    """Alerts on now, then the latest that ended; a "Clear" button where the user may clear."""
    if not request.user.has_perm("breaking.view_breakingnews"):
        raise PermissionDenied
    now = timezone.now()
    alerts = BreakingNews.objects.select_related("story", "story__locale", "marked_by", "cleared_by")
    active = list(alerts.current(now).order_by("-started_at"))
    past = list(
        alerts.exclude(pk__in=[alert.pk for alert in active]).order_by("-started_at")[:PAST_ALERTS_SHOWN]
    )
    for alert in active:
        alert.can_clear = alert.story.permissions_for_user(request.user).can_publish()  # type: ignore[attr-defined]
    return TemplateResponse(
        request,
        "breaking/newsroom/index.html",
        {
            "active": active,
            "past": past,
            "page_title": _("Breaking news"),
            "header_title": _("Breaking news"),
            "header_icon": "warning",
        },
    )
