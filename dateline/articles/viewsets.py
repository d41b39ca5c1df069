"""The newsroom's agencies: a snippet whose chooser can also create one.

Agency copy is the usual case, and an agency the newsroom has not credited before turns up while
a story is being written: the chooser beside the dateline has a "New agency" tab, so the editor
never leaves the story for the Snippets menu. The chooser opened from a story lists that story's
edition's agencies and creates the new one there (`?locale=`, see
`dateline.articles.forms.EditionAgencyChooser`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.articles.models import Agency


class AgencyCreationForm(forms.ModelForm):
    """An agency's name and website, in the edition the chooser was opened for."""

    class Meta:
        model = Agency
        fields = ["name", "url"]

    def __init__(self, *args: Any, locale: Locale | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if locale is not None:
            self.instance.locale = locale


class InEditionMixin:
    """Keeps the chooser's `?locale=` through its tabs and hands it to the creation form."""

    request: HttpRequest
    preserve_url_parameters = ["multiple", "locale"]

    def edition_locale(self) -> Locale | None:
        code = self.request.GET.get("locale", "")
        return Locale.objects.filter(language_code=code).first() if code else None

    def get_creation_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_creation_form_kwargs(), "locale": self.edition_locale()}  # type: ignore[misc]


class AgencyChooseView(InEditionMixin, ChooseView):
    pass


class AgencyChooseResultsView(InEditionMixin, ChooseResultsView):
    pass


class AgencyCreateView(InEditionMixin, SnippetCreateView):
    pass


class AgencyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = AgencyChooseView
    choose_results_view_class = AgencyChooseResultsView
    create_view_class = AgencyCreateView
    creation_form_class = AgencyCreationForm
    create_action_label = _("Add the agency")
    creation_tab_label = _("New agency")


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "globe"
    chooser_viewset_class = AgencyChooserViewSet
