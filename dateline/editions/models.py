"""Editions (one home page per language) and their sections."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from dateline.core import cache_tags, versioned
from dateline.discussion.models import DiscussionMode
from dateline.editions import listing, navigation

LATEST_ON_HOME = 8
# How many of the newest stories the front page shares out between its lists in one query.
RECENT_ON_HOME = 300
STORIES_PER_SECTION_BLOCK = 4


class HomePage(navigation.ReaderPageMixin, RoutablePageMixin, Page):
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

    @property
    def localized(self) -> Page:
        """The edition home of the request's language, from the navigation every page loads
        (Wagtail asks the database, twice, on every request)."""
        request = versioned.current_request()
        edition = navigation.current_edition(request) if request is not None else None
        if edition is not None and edition.home.translation_key == self.translation_key:
            return edition.home
        return super().localized

    @classmethod
    def for_locale(cls, locale_id: int) -> HomePage | None:
        return cls.objects.live().filter(locale_id=locale_id).first()

    def purge_tags(self) -> list[str]:
        """A change to an edition's home shows on all its pages (navigation, top story)."""
        return [cache_tags.edition(self.locale_id)]

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """Into a section through the navigation the page loads anyway, sparing two queries."""
        if path_components and self.locale_id == getattr(
            navigation.current_edition(request), "locale_id", None
        ):
            for section in navigation.sections(request):
                if section.slug == path_components[0]:
                    return section.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("")
    def front_page(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, context_overrides=self.front_page_context(request))

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        return {**self.get_context(request), **self.front_page_context(request)}

    def front_page_context(self, request: HttpRequest) -> dict[str, Any]:
        """The top story, the latest stories and a block per section.

        The newest stories' ids are read in one light query and shared out between the latest
        list and the section blocks; only a section with nothing that recent gets a query of its
        own. Then every card of the page is fetched at once.
        """
        sections = navigation.sections(request)
        stories = listing.published_stories(self.locale_id, request)
        recent = list(stories.values_list("pk", "path")[:RECENT_ON_HOME])
        top_id = self.top_story_id or (recent[0][0] if recent else None)
        latest_ids = [pk for pk, _path in recent if pk != top_id][:LATEST_ON_HOME]
        shown = {top_id, *latest_ids}
        picked: dict[int, list[int]] = {section.pk: [] for section in sections}
        section_of_path = {section.path: section.pk for section in sections}
        for pk, story_path in recent:
            section_pk = section_of_path.get(story_path[: -self.steplen])
            if (
                pk not in shown
                and section_pk is not None
                and len(picked[section_pk]) < STORIES_PER_SECTION_BLOCK
            ):
                picked[section_pk].append(pk)
        for section in sections:
            if len(picked[section.pk]) < STORIES_PER_SECTION_BLOCK and len(recent) == RECENT_ON_HOME:
                older = listing.in_section(stories, section).exclude(pk__in=shown)
                picked[section.pk] = list(older.values_list("pk", flat=True)[:STORIES_PER_SECTION_BLOCK])
        wanted = shown | {pk for ids in picked.values() for pk in ids}
        # By id, unordered: ordered, SQLite would walk the whole edition newest first to find them.
        cards = {
            story.pk: story for story in listing.with_card_data(stories.order_by().filter(pk__in=wanted))
        }
        top = cards.get(top_id) if top_id else None
        if top is None and self.top_story_id:
            # The chosen top story was withdrawn: lead with the latest one instead.
            top = cards.get(latest_ids.pop(0)) if latest_ids else None
        latest = [cards[pk] for pk in latest_ids if pk in cards]
        blocks = []
        for section in sections:
            section_cards = [cards[pk] for pk in picked[section.pk] if pk in cards]
            if section_cards:
                blocks.append((section, section_cards))
        everything = list(cards.values())
        listing.attach_sections(everything, sections)
        listing.tag_stories(request, everything)
        cache_tags.add(request, cache_tags.home(self.locale_id), cache_tags.edition(self.locale_id))
        return {"top": top, "latest": latest, "section_blocks": blocks}

    @re_path(r"^tags/(?P<tag_slug>[-\w]{1,100})/$", name="tag")
    def tag_page(self, request: HttpRequest, tag_slug: str) -> HttpResponse:
        from taggit.models import Tag

        tag = get_object_or_404(Tag, slug=tag_slug)
        stories = listing.published_stories(self.locale_id, request).filter(tags=tag)
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
        stories = listing.published_stories(self.locale_id, request).filter(
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


class SectionPage(navigation.ReaderPageMixin, Page):
    """A section of an edition (World, Politics, …) that holds its stories."""

    blurb = models.CharField(
        _("blurb"),
        max_length=300,
        blank=True,
        help_text=_("One line under the section name, e.g. “The latest news from around the world”"),
    )

    discussion = models.CharField(
        _("discussion under its stories"),
        max_length=12,
        choices=DiscussionMode.choices,
        default=DiscussionMode.OPEN,
        help_text=_("Stories of this section take comments unless a story says otherwise."),
    )

    content_panels = [*Page.content_panels, FieldPanel("blurb"), FieldPanel("discussion")]
    show_in_menus_default = True
    parent_page_types = ["editions.HomePage"]
    subpage_types = ["articles.ArticlePage", "coverage.LiveCoveragePage"]
    template = "editions/section_page.html"

    class Meta:
        verbose_name = _("section")

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """A story of this section in one query (Wagtail's routing takes two per level)."""
        if len(path_components) != 1:
            return super().route(request, path_components)
        from dateline.articles.models import ArticlePage

        story = (
            ArticlePage.objects.filter(
                path__startswith=self.path, depth=self.depth + 1, slug=path_components[0]
            )
            .select_related("agency", "lead_image", "locale")
            .first()
        )
        if story is None:
            return super().route(request, path_components)  # another kind of page, or a 404
        if story.content_type_id != ContentType.objects.get_for_model(ArticlePage).pk:
            story = story.specific  # a kind of story, such as live coverage
        story._cached_parent_obj = self
        return story.route(request, [])

    def purge_tags(self) -> list[str]:
        """Sections are in every page's navigation."""
        return [cache_tags.edition(self.locale_id)]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        stories = listing.in_section(listing.published_stories(self.locale_id, request), self)
        context["stories"] = listing.paginate(request, stories, navigation.sections(request))
        context["current_section"] = self
        cache_tags.add(request, cache_tags.section(self.pk), cache_tags.edition(self.locale_id))
        return context
