"""The newsletters' panel on the newsroom's dashboard: mailings and browser alerts of the last
week that failed somewhere, for those who see the mailings (editors, administrators)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dateline.newsroom.desk import ROWS, DeskPanel
from dateline.subscriptions import newsroom
from dateline.subscriptions.models import Mailing, PushAlert

# An older failure has been seen to, or is for the mailing's own page: the desk is for this week.
RECENT = timedelta(days=7)


class FailedSendingPanel(DeskPanel):
    """Mailings with failed messages and browser alerts with failed browsers or a failed run."""

    name = "failed-sending"
    order = 140
    heading = _("Failed mailings and alerts")
    empty_text = _("No mailing or browser alert of the last seven days failed.")
    template_name = "subscriptions/newsroom/desk.html"

    def is_shown_to(self, user: Any) -> bool:
        return bool(user.has_perm(newsroom.VIEW))

    def contents(self, request: HttpRequest) -> dict[str, Any]:
        since = timezone.now() - RECENT
        mailings = list(
            newsroom.with_progress(Mailing.objects.filter(created_at__gte=since).select_related("newsletter"))
            .filter(failed__gt=0)
            .order_by("-created_at", "-pk")[:ROWS]
        )
        alerts = list(
            PushAlert.objects.filter(created_at__gte=since)
            .filter(Q(failed__gt=0) | ~Q(error=""))
            .select_related("locale")
            .order_by("-created_at", "-pk")[:ROWS]
        )
        rows = [{"mailing": mailing, "at": mailing.created_at} for mailing in mailings]
        rows += [{"alert": alert, "at": alert.created_at} for alert in alerts]
        return {"rows": sorted(rows, key=lambda row: row["at"], reverse=True)[:ROWS]}
