"""Feeds of an edition's stories: RSS 2.0, Atom (RFC 4287) and JSON Feed 1.1.

There is one `Feed` class per kind of list (the edition, a section, a tag, an author) and the
format is a parameter: Django's syndication framework gathers the items once, and a generator per
format writes them. RSS and Atom are Django's own generators with the WebSub hub link and every
author added; JSON Feed is a small generator of our own over the same item dictionaries.

A feed is a public page like any other: it files itself under cache tags so that the page cache
keeps it until a story it lists (or may now list) is published, changed or withdrawn, and it
answers conditional requests with 304.
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import feedgenerator, translation
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import conditional_page

from dateline.articles import listing
from dateline.articles.models import ArticlePage, ArticleTag, Author
from dateline.core import cache_tags
from dateline.core.links import absolute
from dateline.core.public import public_content
from dateline.editions import navigation
from dateline.editions.models import SectionPage
from dateline.editions.reader_pages import public
from dateline.images.models import SHARE_IMAGE_SPEC, NewsImage

if TYPE_CHECKING:
    from dateline.editions.navigation import Edition

# The picture a story's own page shares (its og:image), so usually made already.
FILE_NAMES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
FORMAT_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
# XML 1.0 cannot carry these; an editor's pasted text sometimes does (Word's line break is \x0b).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


# --- addresses ------------------------------------------------------------------------------------


class FormatConverter:
    """`rss.xml`, `atom.xml` or `feed.json` in an address; "rss", "atom" or "json" in Python."""

    regex = "rss\\.xml|atom\\.xml|feed\\.json"

    def to_python(self, value: str) -> str:
        return next(name for name, file_name in FILE_NAMES.items() if file_name == value)

    def to_url(self, value: str) -> str:
        return FILE_NAMES[value]


class SlugConverter:
    """A section, tag or author slug, in any script (Wagtail, taggit and authors allow Unicode)."""

    regex = "[-\\w]{1,255}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def feed_path(kind: str, feed_format: str, slug: str = "") -> str:
    """The address of a feed in the active language's edition, e.g. `/en/feeds/sections/world/rss.xml`.

    `kind` is "edition", "section", "tag" or "author"; all but the edition's need the `slug`.
    """
    kwargs = {"feed_format": feed_format, **({"slug": slug} if slug else {})}
    return reverse(f"feed_{kind}", kwargs=kwargs)


def feed_title(name: str = "") -> str:
    """A feed's title, also that of its autodiscovery link: the site, then the section, tag or author."""
    if not name:
        return settings.SITE_NAME
    return gettext("%(site)s — %(name)s") % {"site": settings.SITE_NAME, "name": name}


def xml_text(text: str) -> str:
    return NOT_XML.sub(" ", text)


# --- generators -----------------------------------------------------------------------------------


class RssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the WebSub hub beside its `atom:link rel="self"`, and every author."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        super().add_root_elements(handler)
        if self.feed["hub"]:
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": self.feed["hub"]})

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author["name"])


class AtomFeed(feedgenerator.Atom1Feed):
    """Atom with the WebSub hub beside its `link rel="self"`, and every author."""

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        super().add_root_elements(handler)
        if self.feed["hub"]:
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["hub"]})

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})  # type: ignore[arg-type]  # a dict, as Django's Atom1Feed passes
            handler.addQuickElement("name", author["name"])
            if author["url"]:
                handler.addQuickElement("uri", author["url"])
            handler.endElement("author")


class JsonFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written from the same feed and item
    dictionaries that Django's RSS and Atom generators write."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile: Any, encoding: str) -> None:
        feed = self.feed
        document: dict[str, Any] = {
            "version": self.version,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "authors": [{"name": feed["author_name"], "url": feed["author_link"]}],
        }
        if feed["hub"]:
            document["hubs"] = [{"type": "WebSub", "url": feed["hub"]}]
        document["items"] = [self.item_object(item) for item in self.items]
        outfile.write(json.dumps(document, ensure_ascii=False))

    def item_object(self, item: dict[str, Any]) -> dict[str, Any]:
        enclosures = item["enclosures"]
        entry: dict[str, Any] = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["description"],
            "summary": item["summary"],
        }
        if enclosures:
            entry["image"] = enclosures[0].url
        if item["pubdate"]:
            entry["date_published"] = feedgenerator.rfc3339_date(item["pubdate"])
        if item["updateddate"]:
            entry["date_modified"] = feedgenerator.rfc3339_date(item["updateddate"])
        if item["authors"]:
            entry["authors"] = [
                {key: value for key, value in author.items() if value} for author in item["authors"]
            ]
        if item["categories"]:
            entry["tags"] = list(item["categories"])
        if enclosures:
            entry["attachments"] = [
                {
                    "url": enclosure.url,
                    "mime_type": enclosure.mime_type,
                    "size_in_bytes": int(enclosure.length),
                }
                for enclosure in enclosures
            ]
        return entry


GENERATORS: dict[str, type[feedgenerator.SyndicationFeed]] = {
    "rss": RssFeed,
    "atom": AtomFeed,
    "json": JsonFeed,
}


# --- feeds ----------------------------------------------------------------------------------------


@dataclass
class Channel:
    """What one feed lists: a list page of an edition, and the stories it shows."""

    edition: Edition
    slug: str  # of the section, tag or author; empty for the edition itself
    name: str
    link: str
    description: str
    stories: QuerySet[ArticlePage]
    cache_tags: list[str] = field(default_factory=list)


def tag_names(stories: Sequence[ArticlePage]) -> dict[int, list[str]]:
    """Each story's tags, in the order they were given, in one query (taggit's prefetch costs
    more than the rest of a feed's queries together)."""
    names: dict[int, list[str]] = {}
    rows = (
        ArticleTag.objects.filter(content_object_id__in=[story.pk for story in stories])
        .order_by("pk")
        .values_list("content_object_id", "tag__name")
    )
    for story_id, name in rows:
        names.setdefault(story_id, []).append(name)
    return names


def edition_of(request: HttpRequest) -> Edition:
    """The edition whose address the feed is under (a language without a live edition has none)."""
    edition = navigation.current_edition(request)
    if edition is None or edition.language_code != translation.get_language():
        raise Http404("No such edition")
    return edition


class StoryFeed(Feed):
    """The latest stories of a channel, in the format given to the constructor.

    Subclasses find their channel (`channel`); everything else is shared. An instance serves one
    request (`as_view` makes it), so that the item hooks, which Django calls without the request,
    can read it from `self.request`.
    """

    kind: ClassVar[str]
    request: HttpRequest

    def __init__(self, feed_format: str) -> None:
        self.feed_format = feed_format
        self.feed_type = GENERATORS[feed_format]
        self.authors: dict[int, list[Author]] = {}
        self.tag_names: dict[int, list[str]] = {}

    @classmethod
    def as_view(cls) -> Callable[..., HttpResponse]:
        """The view: the feed with ETag and Last-Modified, and 304 when the reader has it already."""

        @public_content
        @conditional_page
        def view(request: HttpRequest, feed_format: str, **kwargs: str) -> HttpResponse:
            return cls(feed_format)(request, **kwargs)

        return view

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def channel(self, request: HttpRequest, edition: Edition, slug: str = "") -> Channel:
        """The list this feed follows; Http404 if there is no such section, tag or author."""
        raise NotImplementedError

    # --- the channel ------------------------------------------------------------------------------

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Channel:
        """The channel of the address's edition, section, tag or author."""
        return self.channel(request, edition_of(request), **kwargs)

    def title(self, channel: Channel) -> str:
        """The site's name, then the section's, tag's or author's, as the autodiscovery link says."""
        return xml_text(feed_title(channel.name))

    def link(self, channel: Channel) -> str:
        """The page that lists the same stories."""
        return channel.link

    def description(self, channel: Channel) -> str:
        """The edition's tagline, the section's blurb, or a line saying what the feed follows."""
        return xml_text(channel.description)

    def feed_url(self, channel: Channel) -> str:
        """The feed's own address (`rel="self"`), as WebSub pings name it: reversed, not the request's."""
        return absolute(feed_path(self.kind, self.feed_format, channel.slug))

    def author_name(self) -> str:
        """The publisher: Atom needs an author for entries without a byline."""
        return settings.SITE_NAME

    def author_link(self) -> str:
        """The site's front door."""
        return settings.BASE_URL + "/"

    def feed_extra_kwargs(self, channel: Channel) -> dict[str, Any]:
        """The WebSub hub our generators name, if one is configured."""
        return {"hub": settings.DATELINE_WEBSUB_HUB}

    def items(self, channel: Channel) -> list[ArticlePage]:
        """The newest stories, with everything their items show, in a fixed number of queries."""
        stories = list(
            channel.stories.prefetch_related(
                "bylines",
                "agency",
                Prefetch("lead_image", queryset=NewsImage.objects.prefetch_renditions(SHARE_IMAGE_SPEC)),
            )[: settings.DATELINE_FEED_ITEMS]
        )
        self.attach_sections(stories)
        self.tag_names = tag_names(stories)
        self.authors = {story.pk: story.localized_authors(self.request) for story in stories}
        cache_tags.add(self.request, *channel.cache_tags, cache_tags.edition(channel.edition.locale_id))
        cache_tags.add(
            self.request,
            *(cache_tags.author(author.pk) for authors in self.authors.values() for author in authors),
            *{cache_tags.agency(story.agency_id) for story in stories if story.agency_id},
        )
        listing.tag_stories(self.request, stories)
        return stories

    def attach_sections(self, stories: Sequence[ArticlePage]) -> None:
        """Each story's section: from the navigation, or in one query for those not in the menu."""
        sections = {section.path: section for section in navigation.sections(self.request)}
        missing = {story.path[: -story.steplen] for story in stories} - sections.keys()
        if missing:
            sections.update(
                (section.path, section) for section in SectionPage.objects.filter(path__in=missing)
            )
        listing.attach_sections(stories, list(sections.values()))

    # --- each story -------------------------------------------------------------------------------

    def item_title(self, story: ArticlePage) -> str:
        """The headline, as text (Django's default escapes it twice, for old RSS readers)."""
        return xml_text(story.title)

    def item_description(self, story: ArticlePage) -> str:
        """The lede: plain text, and a description is HTML, so escaped."""
        return escape(xml_text(story.lede))

    def item_link(self, story: ArticlePage) -> str:
        """The story's address on the configured site, as its canonical link says."""
        return absolute(story.get_url(self.request))

    def item_guid(self, story: ArticlePage) -> str:
        """A tag URI (RFC 4151) from the story's id: it stays when a story is renamed or moved."""
        host = urlsplit(settings.BASE_URL).hostname
        published = story.first_published_at.date().isoformat() if story.first_published_at else "0"
        return f"tag:{host},{published}:story:{story.pk}"

    def item_guid_is_permalink(self, story: ArticlePage) -> bool:
        """The id is a tag URI, not an address."""
        return False

    def item_pubdate(self, story: ArticlePage) -> Any:
        """First publication."""
        return story.first_published_at

    def item_updateddate(self, story: ArticlePage) -> Any:
        """The last publication; the newest item's is the feed's Last-Modified."""
        return story.last_published_at

    def item_categories(self, story: ArticlePage) -> list[str]:
        """The section, then the tags."""
        section = story.__dict__.get("section")
        names = [section.title] if section is not None else []
        return [xml_text(name) for name in [*names, *self.tag_names.get(story.pk, [])]]

    def item_enclosures(self, story: ArticlePage) -> list[feedgenerator.Enclosure]:
        """The lead image, as the story's page shares it, with its size in bytes and its type."""
        if story.lead_image is None:
            return []
        rendition = story.lead_image.get_rendition(SHARE_IMAGE_SPEC)
        media_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
        try:
            length = rendition.file.size
        except OSError:
            length = 0  # a file gone from the media storage leaves the item its picture's address
        return [feedgenerator.Enclosure(absolute(rendition.url), str(length), media_type)]

    def item_extra_kwargs(self, story: ArticlePage) -> dict[str, Any]:
        """Every author with their page (Django's generators take one), and the lede as plain text.

        A story without a byline (agency copy, mostly) is credited to its agency, or else to the
        site: an item never goes out without an author."""
        authors = [
            {"name": xml_text(author.name), "url": absolute(author.get_url(self.request))}
            for author in self.authors.get(story.pk, [])
        ]
        if not authors and story.agency is not None:
            authors = [{"name": xml_text(story.agency.name), "url": story.agency.url}]
        elif not authors:
            authors = [{"name": self.author_name(), "url": self.author_link()}]
        return {"authors": authors, "summary": story.lede}


class EditionFeed(StoryFeed):
    """The edition's latest stories."""

    kind = "edition"

    def channel(self, request: HttpRequest, edition: Edition, slug: str = "") -> Channel:
        locale_id = edition.locale_id
        return Channel(
            edition=edition,
            slug="",
            name="",
            link=absolute(edition.url),
            description=edition.home.tagline
            or gettext("The latest stories from %(site)s") % {"site": settings.SITE_NAME},
            stories=listing.published_stories(locale_id, request),
            cache_tags=[cache_tags.home(locale_id)],
        )


class SectionFeed(StoryFeed):
    """The latest stories of one of the edition's sections."""

    kind = "section"

    def channel(self, request: HttpRequest, edition: Edition, slug: str = "") -> Channel:
        sections = public(SectionPage.objects.live(), request)
        section = sections.filter(locale_id=edition.locale_id, slug=slug).first()
        if section is None:
            raise Http404("No such section in this edition")
        return Channel(
            edition=edition,
            slug=section.slug,
            name=section.title,
            link=absolute(section.get_url(request)),
            description=section.blurb
            or gettext("The latest stories in %(section)s") % {"section": section.title},
            stories=listing.in_section(listing.published_stories(edition.locale_id, request), section),
            cache_tags=[cache_tags.section(section.pk)],
        )


class TagFeed(StoryFeed):
    """The latest stories of the edition with one tag."""

    kind = "tag"

    def channel(self, request: HttpRequest, edition: Edition, slug: str = "") -> Channel:
        from taggit.models import Tag

        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("No such tag")
        home = edition.home
        return Channel(
            edition=edition,
            slug=tag.slug,
            name=tag.name,
            link=absolute(edition.url + home.reverse_subpage("tag", args=[tag.slug])),
            description=gettext("The latest stories tagged “%(tag)s”") % {"tag": tag.name},
            stories=listing.published_stories(edition.locale_id, request).filter(tags=tag),
            cache_tags=[cache_tags.tag(edition.locale_id, tag.slug)],
        )

    def items(self, channel: Channel) -> list[ArticlePage]:
        stories = super().items(channel)
        if not stories:
            # As the tag's page: a tag no story of this edition carries is not one of its tags.
            raise Http404("No stories with this tag in this edition")
        return stories


class AuthorFeed(StoryFeed):
    """The latest stories of the edition by one author (in any of their versions' bylines)."""

    kind = "author"

    def channel(self, request: HttpRequest, edition: Edition, slug: str = "") -> Channel:
        author = Author.objects.filter(locale_id=edition.locale_id, slug=slug).first()
        if author is None:
            raise Http404("No such author in this edition")
        author.edition_home = edition.home
        stories = listing.published_stories(edition.locale_id, request).filter(
            bylines__author__translation_key=author.translation_key
        )
        return Channel(
            edition=edition,
            slug=author.slug,
            name=author.name,
            link=absolute(author.get_url(request)),
            description=gettext("The latest stories by %(author)s") % {"author": author.name},
            stories=stories,
            cache_tags=[cache_tags.author(pk) for pk in author.translation_ids()],
        )
