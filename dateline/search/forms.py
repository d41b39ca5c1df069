"""The reader's search form: what `/en/search/?q=…` may ask for, checked before anything is
searched (a value that does not fit is a 400 with a message, never a 500)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.models import Tag

from dateline.articles.models import Author
from dateline.editions.models import SectionPage
from dateline.search.engines import Filters
from dateline.search.finding import MOST_PAGES, Sort

# The longest query read: a search box is for a few words, not a pasted page.
LONGEST_QUERY = 200
EARLIEST_YEAR, LATEST_YEAR = 1800, 2999


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=LONGEST_QUERY,
        required=False,
        error_messages={"max_length": _("Search for at most %(limit_value)d characters.")},
    )
    section = forms.TypedChoiceField(label=_("Section"), coerce=int, required=False, empty_value=None)
    author = forms.TypedChoiceField(label=_("Author"), coerce=int, required=False, empty_value=None)
    tag = forms.CharField(label=_("Topic"), max_length=100, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            (Sort.RECENT, pgettext_lazy("search order", "Relevant and recent")),
            (Sort.RELEVANCE, pgettext_lazy("search order", "Most relevant")),
            (Sort.NEWEST, pgettext_lazy("search order", "Newest")),
        ],
    )
    page = forms.IntegerField(min_value=1, max_value=MOST_PAGES, required=False)

    def __init__(self, data: Any, sections: list[SectionPage], authors: list[Author]) -> None:
        super().__init__(data)
        self.fields["section"].choices = [("", _("All sections")), *((s.pk, s.title) for s in sections)]  # type: ignore[attr-defined]
        self.fields["author"].choices = [("", _("All authors")), *((a.pk, a.name) for a in authors)]  # type: ignore[attr-defined]

    def clean_tag(self) -> Tag | None:
        name = self.cleaned_data["tag"].strip()
        if not name:
            return None
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.filter(slug=name).first()
        if tag is None:
            raise forms.ValidationError(_("There is no topic “%(name)s”."), params={"name": name})
        return tag

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The first day comes after the last."))
        return cleaned

    def filters(self) -> Filters:
        """What the valid form narrows the search to (the last day included)."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        # Days outside the years of any archive narrow nothing (and stay clear of datetime's limits).
        first, last = data.get("since"), data.get("until")
        since = datetime.combine(first, time.min, zone) if first and first.year >= EARLIEST_YEAR else None
        until = (
            datetime.combine(last + timedelta(days=1), time.min, zone)
            if last and last.year <= LATEST_YEAR
            else None
        )
        tag = data.get("tag")
        return Filters(
            section_id=data.get("section"),
            author_id=data.get("author"),
            tag_id=tag.pk if tag is not None else None,
            since=since,
            until=until,
        )

    def chosen_sort(self) -> str:
        return self.cleaned_data.get("sort") or Sort.RECENT

    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1
