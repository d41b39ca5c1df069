"""The story editor's form: slugs that never stop a publication, and the dateline in its fields.

- The slug is made from the headline, in Latin letters (`dateline.core.slugs`), while it is typed
  and again on the server when it arrives empty. A story not yet published whose slug another page
  under the section already has gets the next free one (-2, -3…) instead of an error on the Promote
  tab: a retry after a failed publication, or a draft autosaved meanwhile, never meets "in use".
- A dateline typed into the first paragraph is refused at publication with a message saying so,
  or moved into the dateline fields when the editor ticks "Move".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import Locale, Page
from wagtail.snippets.widgets import AdminSnippetChooser

from dateline.articles.datelines import TypedDateline, typed_dateline, without_typed_dateline
from dateline.core import slugs


class EditionAgencyChooser(AdminSnippetChooser):
    """The agency chooser of a story: it lists, and creates in, the story's edition."""

    def __init__(self, model: Any, locale: Locale | None, **kwargs: Any) -> None:
        self.locale = locale
        super().__init__(model, **kwargs)

    def get_chooser_modal_url(self) -> str:
        url = super().get_chooser_modal_url()
        return f"{url}?locale={self.locale.language_code}" if self.locale else url


class ArticlePageForm(WagtailAdminPageForm):
    data: QueryDict
    move_dateline = forms.BooleanField(
        label=_("Move the dateline from the first paragraph into the dateline fields"),
        required=False,
        help_text=_("Tick it when the first paragraph starts with “TOKYO, September 11 (Agency) –”"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locale = self.edition_locale()
        if "title" in self.fields:
            # A headline wraps as it grows; Enter does not break it (a headline is one line).
            self.fields["title"].widget = AdminAutoHeightTextInput(
                attrs={
                    "maxlength": 255,
                    "data-controller": "w-autosize w-action",
                    "data-action": "keydown.enter->w-action#noop:prevent",
                }
            )
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Made from the headline when left empty")
            self.fields["slug"].widget = SlugInput(
                attrs={"data-w-slug-allow-unicode-value": "false"},
                formatters=slugs.js_formatters(),
                locale=locale,
            )
        if "agency" in self.fields:
            agency_model = self._meta.model._meta.get_field("agency").related_model
            self.fields["agency"].widget = EditionAgencyChooser(agency_model, locale)
        self.moved_dateline: TypedDateline | None = None

    def edition_locale(self) -> Locale | None:
        if self.instance.locale_id:
            return self.instance.locale
        return self.parent_page.locale if self.parent_page is not None else None

    # --- validation --------------------------------------------------------------------------------

    def clean_title(self) -> str:
        """One line, however it was pasted."""
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        self.fill_in_slug()
        cleaned_data = super().clean()
        publishing = not self.is_deferred_validation
        body = cleaned_data.get("body")
        if publishing and body is not None and not has_text(body) and self._meta.model.body_required:
            self.add_error("body", _("Write the story before publishing it."))
        if body:
            self.check_typed_dateline(body)
        return cleaned_data

    def fill_in_slug(self) -> None:
        """Before Wagtail checks the slug: make it from the headline, or free it, if it needs to be."""
        if "slug" not in self.cleaned_data or self.parent_page is None:
            return  # a slug that is not one keeps its error
        typed = self.cleaned_data["slug"]
        slug = typed or slugs.slug_for(self.cleaned_data.get("title") or "")
        if not typed or not self.is_public():
            slug = self.instance.free_slug(slug, parent=self.parent_page)
        if slug != typed:
            self.cleaned_data["slug"] = slug
            data = self.data.copy()  # shown again if the form is: the slug it will be published under
            data[self.add_prefix("slug")] = slug
            self.data = data

    def is_public(self) -> bool:
        """Whether readers know this story's address: a published one keeps it or says why not."""
        return bool(self.instance.pk and (self.instance.live or self.instance.first_published_at))

    def check_typed_dateline(self, body: Any) -> None:
        first = next((block for block in body if block.block_type == "paragraph"), None)
        found = typed_dateline(first.value.source) if first is not None else None
        if found is None:
            return
        if self.cleaned_data.get("move_dateline"):
            self.moved_dateline = found
        elif not self.is_deferred_validation:
            self.add_error(
                "body",
                _(
                    "The first paragraph starts with a dateline (“%(dateline)s”), which readers "
                    "would see twice. Tick “Move the dateline…” under Dateline to move it into "
                    "the dateline fields, or delete it from the paragraph."
                )
                % {"dateline": found.text.strip()},
            )

    # --- saving ------------------------------------------------------------------------------------

    def save(self, commit: bool = True) -> Page:
        if self.moved_dateline is not None:
            self.move_typed_dateline(self.instance, self.moved_dateline)
        return super().save(commit=commit)

    def move_typed_dateline(self, page: Any, found: TypedDateline) -> None:
        """The typed dateline into the fields (its agency found or added in the story's edition),
        and out of the first paragraph."""
        page.dateline_place = found.place_name
        if found.day:
            page.dateline_date = found.day
        if found.agency:
            agencies = self._meta.model._meta.get_field("agency").related_model
            locale = self.edition_locale()
            page.agency = agencies.objects.filter(
                locale=locale, name__iexact=found.agency
            ).first() or agencies.objects.create(locale=locale, name=found.agency)
        for block in page.body:
            if block.block_type == "paragraph":
                block.value = type(block.value)(without_typed_dateline(block.value.source, found))
                break


def has_text(body: Any) -> bool:
    """Whether a body says anything: an empty paragraph the editor added and left does not."""
    return any(block.block_type != "paragraph" or strip_tags(block.value.source).strip() for block in body)
