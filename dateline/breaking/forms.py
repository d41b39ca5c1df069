"""The newsroom's "Mark as breaking" form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dateline.breaking.models import BreakingNews

LONGEST_ALERT_HOURS = 48


class MarkBreakingForm(forms.Form):
    headline = forms.CharField(
        label=_("Banner headline"),
        max_length=BreakingNews._meta.get_field("headline").max_length,
        required=False,
        help_text=_("Leave empty to use the story's headline."),
    )
    hours = forms.IntegerField(
        label=_("Show the banner for (hours)"),
        min_value=1,
        max_value=LONGEST_ALERT_HOURS,
        help_text=_("The banner comes down by itself after this time, unless you clear it sooner."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read here, not at import: settings may change (tests) after this module is loaded.
        self.fields["hours"].initial = settings.DATELINE_BREAKING_HOURS

    def clean_headline(self) -> str:
        return " ".join(self.cleaned_data["headline"].split())
