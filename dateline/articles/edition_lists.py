"""The story lists of an edition's pages: its front page, its sections, its indexes of tags,
authors and months. Registered as the editions' `StoryLists` when this module is imported (by the
app's `ready()`)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from taggit.models import Tag
from wagtail.models import Page

from dateline.articles import indexes, listing, queries
from dateline.articles.models import Agency, ArticlePage, Author, all_authors
from dateline.core import cache_tags, rows
from dateline.editions import navigation
from dateline.editions.models import HomePage, SectionPage, register_story_lists
from dateline.editions.reader_pages import restricted_paths
from dateline.images.models import NewsImage

LATEST_ON_HOME = 8
# How many of the newest stories the front page shares out between its lists in one query.
RECENT_ON_HOME = 300
STORIES_PER_SECTION_BLOCK = 4


class EditionStoryLists:
    """Every list of stories an edition's pages show; each files the page under the cache tags of
    what it shows."""

    def front_page(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        """The top story, the latest stories and a block per section.

        The newest stories' ids are read in one light query and shared out between the latest
        list and the section blocks; only a section with nothing that recent gets a query of its
        own. Then every card of the page is fetched at once.
        """
        sections = navigation.sections(request)
        recent = queries.newest_stories(
            ArticlePage, home.locale_id, restricted_paths(request), RECENT_ON_HOME
        )
        top_id = home.top_story_id or (recent[0][0] if recent else None)
        latest_ids = [pk for pk, _path in recent if pk != top_id][:LATEST_ON_HOME]
        shown = {top_id, *latest_ids}
        picked: dict[int, list[int]] = {section.pk: [] for section in sections}
        section_of_path = {section.path: section.pk for section in sections}
        for pk, story_path in recent:
            section_pk = section_of_path.get(story_path[: -home.steplen])
            if (
                pk not in shown
                and section_pk is not None
                and len(picked[section_pk]) < STORIES_PER_SECTION_BLOCK
            ):
                picked[section_pk].append(pk)
        for section in sections:
            if len(picked[section.pk]) < STORIES_PER_SECTION_BLOCK and len(recent) == RECENT_ON_HOME:
                stories = listing.published_stories(home.locale_id, request)
                older = listing.in_section(stories, section).exclude(pk__in=shown)
                picked[section.pk] = list(older.values_list("pk", flat=True)[:STORIES_PER_SECTION_BLOCK])
        wanted = shown | {pk for ids in picked.values() for pk in ids}
        cards = listing.cards(request, [pk for pk in wanted if pk is not None], home.locale_id)
        top = cards.get(top_id) if top_id else None
        if top is None and home.top_story_id:
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
        cache_tags.add(request, cache_tags.home(home.locale_id), cache_tags.edition(home.locale_id))
        return {"top": top, "latest": latest, "section_blocks": blocks}

    def section_page(self, section: SectionPage, request: HttpRequest) -> dict[str, Any]:
        stories = listing.in_section(listing.published_stories(section.locale_id, request), section)
        page = listing.paginate(request, stories, section.locale_id, navigation.sections(request))
        cache_tags.add(request, cache_tags.section(section.pk), cache_tags.edition(section.locale_id))
        return {"stories": page}

    def story_in_section(self, section: SectionPage, slug: str, request: HttpRequest) -> Page | None:
        """In one written-out statement (Wagtail's routing takes two queries per level), with its
        edition's locale, its agency and its lead image, which its page shows."""
        story = queries.story_in_section(ArticlePage, section.path, section.depth, slug)
        if story is None:
            return None
        if story.content_type_id != ContentType.objects.get_for_model(ArticlePage).pk:
            return story.specific  # a kind of story, such as live coverage
        locale = navigation.locales(request).get(story.locale_id)
        if locale is not None:
            story._state.fields_cache["locale"] = locale
        story._state.fields_cache["agency"] = (
            rows.by_key(Agency, story.agency_id) if story.agency_id else None
        )
        story._state.fields_cache["lead_image"] = (
            rows.by_key(NewsImage, story.lead_image_id) if story.lead_image_id else None
        )
        return story

    def tags_index(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        cache_tags.add(request, cache_tags.home(home.locale_id), cache_tags.edition(home.locale_id))
        return {"tags": list(indexes.tags_in_use(home.locale_id, request))}

    def authors_index(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        authors = indexes.authors_with_stories(home.locale_id, all_authors(request))
        cache_tags.add(
            request,
            cache_tags.home(home.locale_id),
            cache_tags.edition(home.locale_id),
            *(cache_tags.author(author.pk) for author in authors),
        )
        return {"authors": authors}

    def archive_index(self, home: HomePage, request: HttpRequest) -> dict[str, Any]:
        stories = listing.published_stories(home.locale_id, request)
        cache_tags.add(request, cache_tags.home(home.locale_id), cache_tags.edition(home.locale_id))
        return {"years": indexes.archive_years(indexes.archive_span(stories))}

    def archive_month(self, home: HomePage, request: HttpRequest, year: int, month: int) -> dict[str, Any]:
        span = indexes.archive_span(listing.published_stories(home.locale_id, request))
        if not 1 <= month <= 12 or span is None:
            raise Http404("No such month in the archive")
        shown = indexes.Month(year, month)
        oldest, newest = span
        if not oldest.first_day <= shown.first_day <= newest.first_day:
            raise Http404("No such month in the archive")
        stories = indexes.stories_of_month(home.locale_id, request, shown)
        page = listing.paginate(request, stories, home.locale_id, navigation.sections(request))
        cache_tags.add(request, cache_tags.home(home.locale_id), cache_tags.edition(home.locale_id))
        return {"month": shown, "stories": page}

    def tag_page(self, home: HomePage, request: HttpRequest, tag_slug: str) -> dict[str, Any]:
        tag = get_object_or_404(Tag, slug=tag_slug)
        stories = listing.published_stories(home.locale_id, request).filter(tags=tag)
        page = listing.paginate(request, stories, home.locale_id, navigation.sections(request))
        if not page.object_list and page.number == 1:
            raise Http404("No stories with this tag in this edition")
        cache_tags.add(request, cache_tags.tag(home.locale_id, tag.slug), cache_tags.edition(home.locale_id))
        return {"tag": tag, "stories": page}

    def author_page(self, home: HomePage, request: HttpRequest, author_slug: str) -> dict[str, Any]:
        author = get_object_or_404(
            Author.objects.select_related("photo"), locale_id=home.locale_id, slug=author_slug
        )
        stories = listing.published_stories(home.locale_id, request).filter(
            bylines__author__translation_key=author.translation_key
        )
        page = listing.paginate(request, stories, home.locale_id, navigation.sections(request))
        cache_tags.add(
            request,
            *(cache_tags.author(pk) for pk in author.translation_ids()),
            cache_tags.edition(home.locale_id),
        )
        return {"author": author, "stories": page}


register_story_lists(EditionStoryLists())
