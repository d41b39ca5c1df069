"""Editions (one home page per language) and their sections."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from dateline.core import cache_tags
from dateline.editions import listing, navigation

LATEST_ON_HOME = 8
STORIES_PER_SECTION_BLOCK = 4


class HomePage(RoutablePageMixin, Page):
    """The front page of one language edition, e.g. /en/ or /ru/.

    It also serves the edition's tag pages (/en/tags/<tag>/) and author pages (/en/authors/<slug>/).
    """

    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    top_story = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("top story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the latest story"),
    )

    content_panels = [*Page.content_panels, FieldPanel("tagline"), FieldPanel("top_story")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["editions.SectionPage"]
    template = "editions/home_page.html"

    class Meta:
        verbose_name = _("edition home page")

    @classmethod
    def for_locale(cls, locale_id: int) -> HomePage | None:
        return cls.objects.live().filter(locale_id=locale_id).first()

    def purge_tags(self) -> list[str]:
        """A change to an edition's home shows on all its pages (navigation, top story)."""
        return [cache_tags.edition(self.locale_id)]

    @path("")
    def front_page(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, context_overrides=self.front_page_context(request))

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        return {**self.get_context(request), **self.front_page_context(request)}

    def front_page_context(self, request: HttpRequest) -> dict[str, Any]:
        """The top story, the latest stories and a block per section."""
        sections = navigation.sections(request)
        stories = listing.published_stories(self.locale_id)
        top = None
        if self.top_story_id:
            top = stories.filter(pk=self.top_story_id).first()
        exclude = [top.pk] if top else []
        latest = list(stories.exclude(pk__in=exclude)[: LATEST_ON_HOME + 1])
        if top is None and latest:
            top = latest.pop(0)
        latest = latest[:LATEST_ON_HOME]
        shown = {story.pk for story in latest} | ({top.pk} if top else set())
        blocks = []
        for section in sections:
            in_section = listing.in_section(stories, section).exclude(pk__in=shown)
            picked = list(in_section[:STORIES_PER_SECTION_BLOCK])
            if picked:
                blocks.append((section, picked))
        everything = ([top] if top else []) + latest + [s for _section, picked in blocks for s in picked]
        # One prefetch for every card on the page, however many sections have stories to show.
        listing.prefetch_card_data(everything)
        listing.attach_sections(everything, sections)
        listing.tag_stories(request, everything)
        cache_tags.add(request, cache_tags.home(self.locale_id), cache_tags.edition(self.locale_id))
        return {"top": top, "latest": latest, "section_blocks": blocks}

    @re_path(r"^tags/(?P<tag_slug>[-\w]{1,100})/$", name="tag")
    def tag_page(self, request: HttpRequest, tag_slug: str) -> HttpResponse:
        from taggit.models import Tag

        tag = get_object_or_404(Tag, slug=tag_slug)
        stories = listing.published_stories(self.locale_id).filter(tags=tag)
        page = listing.paginate(request, stories, navigation.sections(request))
        if not page.object_list and page.number == 1:
            raise Http404("No stories with this tag in this edition")
        cache_tags.add(request, cache_tags.tag(self.locale_id, tag.slug), cache_tags.edition(self.locale_id))
        return self.render(
            request,
            template="editions/tag_page.html",
            context_overrides={"tag": tag, "stories": page},
        )

    @re_path(r"^authors/(?P<author_slug>[-\w]{1,120})/$", name="author")
    def author_page(self, request: HttpRequest, author_slug: str) -> HttpResponse:
        from dateline.articles.models import Author

        author = get_object_or_404(
            Author.objects.select_related("photo"), locale_id=self.locale_id, slug=author_slug
        )
        stories = listing.published_stories(self.locale_id).filter(
            bylines__author__translation_key=author.translation_key
        )
        page = listing.paginate(request, stories, navigation.sections(request))
        cache_tags.add(
            request,
            *(cache_tags.author(pk) for pk in author.translation_ids()),
            cache_tags.edition(self.locale_id),
        )
        return self.render(
            request,
            template="editions/author_page.html",
            context_overrides={"author": author, "stories": page},
        )


class SectionPage(Page):
    """A section of an edition (World, Politics, …) that holds its stories."""

    blurb = models.CharField(
        _("blurb"),
        max_length=300,
        blank=True,
        help_text=_("One line under the section name, e.g. “The latest news from around the world”"),
    )

    content_panels = [*Page.content_panels, FieldPanel("blurb")]
    show_in_menus_default = True
    parent_page_types = ["editions.HomePage"]
    subpage_types = ["articles.ArticlePage", "coverage.LiveCoveragePage"]
    template = "editions/section_page.html"

    class Meta:
        verbose_name = _("section")

    def purge_tags(self) -> list[str]:
        """Sections are in every page's navigation."""
        return [cache_tags.edition(self.locale_id)]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        stories = listing.in_section(listing.published_stories(self.locale_id), self)
        context["stories"] = listing.paginate(request, stories, navigation.sections(request))
        context["current_section"] = self
        cache_tags.add(request, cache_tags.section(self.pk), cache_tags.edition(self.locale_id))
        return context
