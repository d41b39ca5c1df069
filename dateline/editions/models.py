"""Editions (one home page per language) and their sections."""

from __future__ import annotations

from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from dateline.core import cache_tags, versioned
from dateline.editions.reader_pages import ReaderPageMixin, public


class DiscussionMode(models.TextChoices):
    """Whether a story takes comments: set per section, and per story where it differs."""

    OPEN = "open", _("Open")
    PREMODERATED = "premoderated", _("Pre-moderated: a moderator approves each comment")
    CLOSED = "closed", _("Closed")


class HomePage(ReaderPageMixin, RoutablePageMixin, Page):
    """The front page of one language edition, e.g. /en/ or /ru/.

    It also serves the edition's tags (/en/tags/, /en/tags/<tag>/), authors (/en/authors/,
    /en/authors/<slug>/) and its archive by month (/en/archive/, /en/archive/2026/12/).
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
    subpage_types = ["editions.SectionPage", "editions.InfoPage"]
    template = "editions/home_page.html"

    class Meta:
        verbose_name = _("edition home page")

    @classmethod
    def edition_homes(cls, request: HttpRequest | None) -> list[HomePage]:
        """Every live edition's home in the order of settings.LANGUAGES, remembered per content
        version (the navigation of every page starts from them)."""
        return versioned.remembered("edition-homes", request, cls._load_edition_homes)

    @classmethod
    def _load_edition_homes(cls) -> list[HomePage]:
        # Ids first, from the small table: joined to wagtailcore_page, SQLite (without table
        # statistics) walks every page of the site to find the few homes.
        homes = (
            cls.objects.live()
            .filter(pk__in=list(cls.objects.order_by().values_list("pk", flat=True)))
            .select_related("locale")
        )
        order = [code for code, _name in settings.LANGUAGES]
        return sorted(
            homes,
            key=lambda home: (
                order.index(home.locale.language_code) if home.locale.language_code in order else len(order)
            ),
        )

    @classmethod
    def current_home(cls, request: HttpRequest | None) -> HomePage | None:
        """The home of the edition of the request's language prefix, or the first edition's."""
        homes = cls.edition_homes(request)
        language = translation.get_language() or settings.LANGUAGE_CODE
        for home in homes:
            if home.locale.language_code == language:
                return home
        return homes[0] if homes else None

    @property
    def localized(self) -> Page:
        """The edition home of the request's language, from the navigation every page loads
        (Wagtail asks the database, twice, on every request)."""
        request = versioned.current_request()
        home = HomePage.current_home(request) if request is not None else None
        if home is not None and home.translation_key == self.translation_key:
            return home
        return super().localized

    @classmethod
    def for_locale(cls, locale_id: int) -> HomePage | None:
        return cls.objects.live().filter(locale_id=locale_id).first()

    def purge_tags(self) -> list[str]:
        """A change to an edition's home shows on all its pages (navigation, top story)."""
        return [cache_tags.edition(self.locale_id)]

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """Into a section through the navigation the page loads anyway, sparing two queries."""
        if path_components and self.locale_id == getattr(HomePage.current_home(request), "locale_id", None):
            for section in SectionPage.menus(request).get(self.locale_id, []):
                if section.slug == path_components[0]:
                    return section.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("")
    def front_page(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, context_overrides=self.front_page_context(request))

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        return {**self.get_context(request), **self.front_page_context(request)}

    def front_page_context(self, request: HttpRequest) -> dict[str, Any]:
        """The top story, the latest stories and a block per section."""
        return story_lists().front_page(self, request)

    @path("tags/", name="tags")
    def tags_index(self, request: HttpRequest) -> HttpResponse:
        """Every tag of the edition's stories, refreshed whenever a story is published."""
        return self.render(
            request,
            template="editions/tags_index.html",
            context_overrides=story_lists().tags_index(self, request),
        )

    @path("authors/", name="authors")
    def authors_index(self, request: HttpRequest) -> HttpResponse:
        """Everyone credited on the edition's stories."""
        return self.render(
            request,
            template="editions/authors_index.html",
            context_overrides=story_lists().authors_index(self, request),
        )

    @path("archive/", name="archive")
    def archive_index(self, request: HttpRequest) -> HttpResponse:
        """The months of the edition's archive, from its first story to its latest."""
        return self.render(
            request,
            template="editions/archive_index.html",
            context_overrides=story_lists().archive_index(self, request),
        )

    @re_path(r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", name="archive_month")
    def archive_month(self, request: HttpRequest, year: str, month: str) -> HttpResponse:
        """The edition's stories of one month, oldest last, a page at a time."""
        return self.render(
            request,
            template="editions/archive_month.html",
            context_overrides=story_lists().archive_month(self, request, int(year), int(month)),
        )

    @re_path(r"^tags/(?P<tag_slug>[-\w]{1,100})/$", name="tag")
    def tag_page(self, request: HttpRequest, tag_slug: str) -> HttpResponse:
        return self.render(
            request,
            template="editions/tag_page.html",
            context_overrides=story_lists().tag_page(self, request, tag_slug),
        )

    @re_path(r"^authors/(?P<author_slug>[-\w]{1,120})/$", name="author")
    def author_page(self, request: HttpRequest, author_slug: str) -> HttpResponse:
        return self.render(
            request,
            template="editions/author_page.html",
            context_overrides=story_lists().author_page(self, request, author_slug),
        )


class SectionPage(ReaderPageMixin, Page):
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

    @classmethod
    def menus(cls, request: HttpRequest | None) -> dict[int, list[SectionPage]]:
        """Every edition's sections in menu order, by locale id, remembered per content version."""
        return versioned.remembered("sections", request, lambda: cls._load_menus(request))

    @classmethod
    def _load_menus(cls, request: HttpRequest | None) -> dict[int, list[SectionPage]]:
        ids = list(cls.objects.order_by().values_list("pk", flat=True))
        by_edition: dict[int, list[SectionPage]] = {}
        sections = public(cls.objects.live().filter(pk__in=ids, show_in_menus=True), request)
        for section in sections.order_by("path"):
            section.nav_url = section.url  # worked out once per version, not on every page
            by_edition.setdefault(section.locale_id, []).append(section)
        return by_edition

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """A story of this section in one query (Wagtail's routing takes two per level)."""
        if len(path_components) != 1:
            return super().route(request, path_components)
        story = story_lists().story_in_section(self, path_components[0], request)
        if story is None:
            return super().route(request, path_components)  # another kind of page, or a 404
        story._cached_parent_obj = self
        return story.route(request, [])

    def purge_tags(self) -> list[str]:
        """Sections are in every page's navigation."""
        return [cache_tags.edition(self.locale_id)]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(story_lists().section_page(self, request), current_section=self)
        return context


class InfoPage(ReaderPageMixin, Page):
    """A page about the publication itself (About, Contact, Privacy, Terms), linked from every
    footer of its edition."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the title"),
    )
    body = RichTextField(
        _("body"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields]
    parent_page_types = ["editions.HomePage"]
    subpage_types: list[str] = []
    template = "editions/info_page.html"

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def purge_tags(self) -> list[str]:
        """Information pages are linked from every footer of their edition."""
        return [cache_tags.page(self.pk), cache_tags.edition(self.locale_id)]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        cache_tags.add(request, cache_tags.page(self.pk), cache_tags.edition(self.locale_id))
        return context


class StoryLists(Protocol):
    """What an edition's pages show of stories: each method returns a view's template context
    (or, for routing, a story), and raises Http404 for a list that does not exist.

    Editions are the lower layer: an edition's home and its sections exist before any kind of
    story, and `dateline.articles`, which defines stories, builds on them. So a home or section
    page does not import stories; it asks the `StoryLists` that the articles app registers
    (`articles/edition_lists.py`, imported by its `AppConfig.ready()`, the way Wagtail's hooks
    are), one call per view, and renders the context it gets. The lists run the same queries,
    file the page under the same cache tags and are remembered the same way
    (`dateline.core.versioned`) as when the pages built them themselves.

    Template tags that fetched the lists while the page renders would need no registration, but a
    list decides the response before rendering starts: a month outside the archive or a tag
    without stories is a 404, and a section finds its story in one query while routing.
    """

    def front_page(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        """The front page: `top`, `latest` and `section_blocks` (section, stories)."""
        ...

    def section_page(self, section: SectionPage, request: HttpRequest) -> dict[str, Any]:
        """A section's page of stories (`stories`), newest first."""
        ...

    def story_in_section(self, section: SectionPage, slug: str, request: HttpRequest) -> Page | None:
        """The story `slug` of the section, its specific kind, or None for another kind of page."""
        ...

    def tags_index(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        """Every tag of the edition's stories (`tags`)."""
        ...

    def authors_index(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        """Everyone credited on the edition's stories (`authors`)."""
        ...

    def archive_index(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        """The months of the edition's archive (`years`)."""
        ...

    def archive_month(self, home: HomePage, request: HttpRequest, year: int, month: int) -> dict[str, Any]:
        """A page of the edition's stories of one month (`month`, `stories`)."""
        ...

    def tag_page(self, home: HomePage, request: HttpRequest, tag_slug: str) -> dict[str, Any]:
        """A page of the edition's stories with one tag (`tag`, `stories`)."""
        ...

    def author_page(self, home: HomePage, request: HttpRequest, author_slug: str) -> dict[str, Any]:
        """A page of the edition's stories by one author (`author`, `stories`)."""
        ...


_registered: StoryLists | None = None


def register_story_lists(lists: StoryLists) -> None:
    """Make `lists` what every edition's pages list (once, as Django loads the apps)."""
    global _registered
    _registered = lists


def story_lists() -> StoryLists:
    """The registered story lists."""
    if _registered is None:
        raise ImproperlyConfigured("No app registered the stories an edition lists (dateline.articles).")
    return _registered
