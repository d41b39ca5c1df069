"""The wire queue: the current items, newest first, narrowed by the newsroom's filters.

The text search is a substring match (LIKE) over the current items' headline, lede and body text,
case-folded as they are recorded (`WireItem.search_text`) so that it ignores case in any script:
enough for a month of a few agencies, not a search engine. The filters
come from the query string through `QueueFilter`, whose bad values are reported on the form, never
turned into an error page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dateline.wire.models import WireItem, WireSource

SEARCH_CHARACTERS = 100
PERIODS = {
    "1h": (timedelta(hours=1), _("Last hour")),
    "6h": (timedelta(hours=6), _("Last 6 hours")),
    "24h": (timedelta(days=1), _("Last 24 hours")),
    "7d": (timedelta(days=7), _("Last 7 days")),
}
URGENCIES = [
    ("", _("Any urgency")),
    ("2", _("Flash and urgent (1–2)")),
    ("4", _("1–4")),
    ("6", _("1–6")),
]


class QueueFilter(forms.Form):
    """The queue's filters: agency, language, urgency, category, time and text."""

    source = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=WireSource.objects.order_by("name"),
        required=False,
        empty_label=_("All agencies"),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=URGENCIES, required=False)
    category = forms.CharField(label=_("Category"), required=False, max_length=100)
    period = forms.ChoiceField(
        label=_("Received"),
        required=False,
        choices=[("", _("Any time")), *((key, label) for key, (_delta, label) in PERIODS.items())],
    )
    q = forms.CharField(label=_("Text"), required=False, max_length=SEARCH_CHARACTERS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The editions' languages: an agency's "en-GB" is found under "en", and no query over the
        # items is needed to draw the form.
        language_field = self.fields["language"]
        assert isinstance(language_field, forms.ChoiceField)
        language_field.choices = [("", _("All languages")), *settings.LANGUAGES]

    def items(self) -> QuerySet[WireItem]:
        """The current items the valid filters let through, newest first (all of them if none are)."""
        items = WireItem.objects.filter(current=True).select_related("source").order_by("-received_at", "-id")
        if not self.is_valid():
            return items
        data = self.cleaned_data
        if data["source"] is not None:
            items = items.filter(source=data["source"])
        if data["language"]:
            language = data["language"]
            items = items.filter(Q(language__iexact=language) | Q(language__istartswith=f"{language}-"))
        if data["urgency"]:
            items = items.filter(urgency__lte=int(data["urgency"]))
        if data["category"].strip():
            items = items.filter(category__iexact=data["category"].strip())
        if data["period"]:
            items = items.filter(received_at__gte=timezone.now() - PERIODS[data["period"]][0])
        if search := data["q"].strip():
            items = items.filter(search_text__contains=search.casefold())
        return items
