"""Turn the demo content (`dateline.demo.stories`) into pages, snippets and images.

Everything is found again before it is created, so running the loader twice adds nothing: authors
by their key (kept as the slug), agencies by name, images by title, stories by slug in each edition.
A story is written first in English when it has an English version, published, then copied into
the other editions as a linked translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from io import TextIOBase
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from dateline.articles.models import Agency, ArticleByline, ArticlePage, Author
from dateline.demo import content, stories
from dateline.demo.images import ensure_images
from dateline.editions.models import HomePage, SectionPage
from dateline.editions.setup import SECTIONS, ensure_editions
from dateline.images.models import NewsImage

# The story each edition leads with; an edition without it leads with its newest illustrated story.
TOP_STORY = "tokyo-earthquake-drill"
# Translations appear a little after the original, as they would in a real newsroom.
TRANSLATION_DELAY = timedelta(minutes=7)


@dataclass
class Summary:
    """What one run of the loader did."""

    stories_created: int = 0
    stories_existing: int = 0
    pages_created: int = 0
    scheduled: int = 0
    images_created: int = 0
    authors_created: int = 0
    agencies_created: int = 0
    editions: set[str] = field(default_factory=set)

    def line(self) -> str:
        return (
            f"created {self.stories_created} stories, {self.stories_existing} already there "
            f"({self.pages_created} new pages in {len(self.editions)} editions, {self.scheduled} scheduled; "
            f"new: {self.images_created} images, {self.authors_created} authors, "
            f"{self.agencies_created} agencies)"
        )


def check_catalogue(
    catalogue: Sequence[content.Story],
    authors: Iterable[content.Author],
    agencies: Iterable[content.Agency],
    images: Iterable[content.Image],
) -> None:
    """Every key a story refers to exists, and every version is in an edition this site has."""
    author_keys = {author.key for author in authors}
    agency_keys = {agency.key for agency in agencies}
    image_keys = {image.key for image in images}
    story_keys = {story.key for story in catalogue}
    section_slugs = {section.slug for section in SECTIONS}
    languages = {code for code, _name in settings.LANGUAGES}
    problems = []
    for story in catalogue:
        where = f"demo story {story.key!r}"
        problems += [f"{where}: unknown author {key!r}" for key in story.authors if key not in author_keys]
        if story.agency and story.agency not in agency_keys:
            problems.append(f"{where}: unknown agency {story.agency!r}")
        if story.image and story.image not in image_keys:
            problems.append(f"{where}: unknown image {story.image!r}")
        if story.section not in section_slugs:
            problems.append(f"{where}: unknown section {story.section!r}")
        if not story.versions:
            problems.append(f"{where}: no versions")
        for code, version in story.versions.items():
            if code not in languages:
                problems.append(f"{where}: no {code!r} edition")
            for block in version.body:
                if block[0] == "image" and block[1] not in image_keys:
                    problems.append(f"{where} ({code}): unknown image {block[1]!r}")
                elif block[0] == "related" and block[1] not in story_keys:
                    problems.append(f"{where} ({code}): unknown related story {block[1]!r}")
                elif block[0] not in {"p", "h", "quote", "image", "related"}:
                    problems.append(f"{where} ({code}): unknown block {block[0]!r}")
    if problems:
        raise ValueError("The demo content does not fit together:\n  " + "\n  ".join(problems))


def writing_order(story: content.Story) -> list[str]:
    """The languages of a story, the one written first (English when there is one) leading."""
    return sorted(story.versions, key=lambda code: code != settings.LANGUAGE_CODE)


def load_demo(stdout: TextIOBase | None = None, only: Sequence[content.Story] | None = None) -> Summary:
    """Create the demo content that is not there yet and say what was done.

    `only` loads some of the stories and the images they show (the tests use it); authors and
    agencies are always loaded in full.
    """
    catalogue = stories.STORIES
    check_catalogue(catalogue, stories.AUTHORS, stories.AGENCIES, stories.IMAGES)
    selected = list(only) if only is not None else catalogue
    pictures = stories.IMAGES
    if only is not None:
        shown = images_shown(selected)
        pictures = [image for image in stories.IMAGES if image.key in shown]
    # Every save would queue Wagtail's reference-index update of the object for the worker; a
    # translation's bylines are replaced right after being copied, and the updates queued for the
    # copies failed on finding them gone (32 failed tasks on a fresh `make run`). The loader brings
    # the index up to date itself, once, for what it loaded.
    with transaction.atomic(), disable_reference_index_auto_update():
        loader = Loader(stdout)
        summary = loader.run(selected, catalogue, pictures)
        loader.index_references()
        return summary


def images_shown(selected: Iterable[content.Story]) -> set[str]:
    """The keys of the lead and body images of some stories."""
    keys = set()
    for story in selected:
        if story.image:
            keys.add(story.image)
        keys.update(
            block[1] for version in story.versions.values() for block in version.body if block[0] == "image"
        )
    return keys


class Loader:
    """One run of the demo loader; it remembers what it found or made along the way."""

    def __init__(self, stdout: TextIOBase | None) -> None:
        self.stdout = stdout
        self.summary = Summary()
        self.now = timezone.now()
        self.locales: dict[str, Locale] = {}
        self.sections: dict[tuple[str, str], SectionPage] = {}
        self.authors: dict[tuple[str, str], Author] = {}
        self.agencies: dict[tuple[str, str], Agency] = {}
        self.images: dict[str, NewsImage] = {}
        self.pages: dict[tuple[str, str], ArticlePage] = {}
        self.stories: dict[str, content.Story] = {}

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")

    def run(
        self,
        selected: Sequence[content.Story],
        catalogue: Sequence[content.Story],
        pictures: Sequence[content.Image],
    ) -> Summary:
        homes = ensure_editions()
        self.locales = {code: home.locale for code, home in homes.items()}
        for code, home in homes.items():
            for section in SectionPage.objects.child_of(home):
                self.sections[(code, section.slug)] = section
        self.stories = {story.key: story for story in catalogue}
        self.load_agencies(stories.AGENCIES)
        self.load_authors(stories.AUTHORS)
        self.images, self.summary.images_created = ensure_images(pictures)

        created: list[tuple[content.Story, str, ArticlePage]] = []
        for story in selected:
            created += self.load_story(story)
        self.fill_forward_links(created)
        for story, code, page in created:
            self.set_times(story, code, page)
        self.choose_top_stories(homes)
        return self.summary

    def index_references(self) -> None:
        """What the loaded stories, authors, agencies and images refer to, in Wagtail's index."""
        loaded = [
            *self.images.values(),
            *self.agencies.values(),
            *self.authors.values(),
            *self.pages.values(),
        ]
        for item in loaded:
            if ReferenceIndex.is_indexed(type(item)):
                ReferenceIndex.create_or_update_for_object(item)

    # --- snippets ---------------------------------------------------------------------------------

    def load_agencies(self, agencies: Iterable[content.Agency]) -> None:
        default = settings.LANGUAGE_CODE
        for agency in agencies:
            original = Agency.objects.filter(locale=self.locales[default], name=agency.names[default]).first()
            if original is None:
                original = Agency.objects.create(
                    locale=self.locales[default], name=agency.names[default], url=agency.url
                )
                self.summary.agencies_created += 1
            for code, locale in self.locales.items():
                translated = original if code == default else self._translation(Agency, original, locale)
                if translated is None:
                    translated = original.copy_for_translation(locale)
                    translated.name = agency.names.get(code, agency.names[default])
                    translated.save()
                self.agencies[(agency.key, code)] = translated

    def load_authors(self, authors: Iterable[content.Author]) -> None:
        default = settings.LANGUAGE_CODE
        for author in authors:
            original = Author.objects.filter(locale=self.locales[default], slug=author.key).first()
            if original is None:
                original = Author(locale=self.locales[default], slug=author.key)
                self._describe_author(original, author, default)
                original.save()
                self.summary.authors_created += 1
            for code, locale in self.locales.items():
                translated = original if code == default else self._translation(Author, original, locale)
                if translated is None:
                    translated = original.copy_for_translation(locale)
                    self._describe_author(translated, author, code)
                    translated.save()
                self.authors[(author.key, code)] = translated

    @staticmethod
    def _describe_author(row: Author, author: content.Author, code: str) -> None:
        default = settings.LANGUAGE_CODE
        row.name = author.names.get(code, author.names[default])
        row.role = author.roles.get(code, author.roles.get(default, ""))
        row.bio = author.bios.get(code, author.bios.get(default, ""))

    @staticmethod
    def _translation(model: Any, original: Any, locale: Locale) -> Any:
        return model.objects.filter(translation_key=original.translation_key, locale=locale).first()

    # --- stories ----------------------------------------------------------------------------------

    def load_story(self, story: content.Story) -> list[tuple[content.Story, str, ArticlePage]]:
        """Every version of one story, the first one written and the others as its translations."""
        codes = writing_order(story)
        first_code = codes[0]
        created = []
        original = self._find_original(story, first_code)
        if original is None:
            original = self._create_original(story, first_code)
            created.append((story, first_code, original))
            self.summary.stories_created += 1
            if story.hours_ago < 0:
                self.summary.scheduled += 1
        else:
            self.summary.stories_existing += 1
        self.pages[(story.key, first_code)] = original
        for code in codes[1:]:
            translation = self._translation(ArticlePage, original, self.locales[code])
            if translation is None:
                translation = self._create_translation(story, code, original)
                created.append((story, code, translation))
            self.pages[(story.key, code)] = translation
        self.summary.pages_created += len(created)
        self.summary.editions.update(code for _story, code, _page in created)
        for _story, code, page in created:
            self.say(f"  {code}: {page.title}")
        return created

    def _find_original(self, story: content.Story, code: str) -> ArticlePage | None:
        slug = story.versions[code].slug or story.key
        return ArticlePage.objects.filter(locale=self.locales[code], slug=slug).first()

    def _create_original(self, story: content.Story, code: str) -> ArticlePage:
        version = story.versions[code]
        page = ArticlePage(locale=self.locales[code], slug=version.slug or story.key)
        self._fill(page, story, code)
        if story.hours_ago < 0:
            # A story scheduled ahead: publishing a revision with a future go-live time only
            # approves it; the worker makes it live when the time comes.
            page.live = False
            page.go_live_at = self.now - timedelta(hours=story.hours_ago)
        self.sections[(code, story.section)].add_child(instance=page)
        page.save_revision().publish()
        return page

    def _create_translation(self, story: content.Story, code: str, original: ArticlePage) -> ArticlePage:
        page = original.copy_for_translation(self.locales[code])
        version = story.versions[code]
        if version.slug:
            page.slug = version.slug
        self._fill(page, story, code)
        page.save_revision().publish()
        return page

    def _fill(self, page: ArticlePage, story: content.Story, code: str) -> None:
        version = story.versions[code]
        page.title = version.title
        page.kicker = version.kicker
        page.lede = version.lede
        page.dateline_place = version.place
        page.agency = self.agencies[(story.agency, code)] if story.agency else None
        page.lead_image = self.images[story.image] if story.image else None
        page.body = self.body(version.body, code)
        page.bylines = [
            ArticleByline(author=self.authors[(key, code)], sort_order=i)
            for i, key in enumerate(story.authors)
        ]
        page.tags.clear()
        page.tags.add(*version.tags)

    def body(self, blocks: Iterable[content.Block], code: str) -> list[dict[str, Any]]:
        """The StreamField data for a body; a link to a story not loaded yet is left out for now."""
        stream: list[dict[str, Any]] = []
        for kind, *values in blocks:
            if kind == "p":
                stream.append({"type": "paragraph", "value": f"<p>{values[0]}</p>"})
            elif kind == "h":
                stream.append({"type": "subheading", "value": values[0]})
            elif kind == "quote":
                text, speaker, role = (*values, "", "")[:3]
                stream.append({"type": "quote", "value": {"text": text, "speaker": speaker, "role": role}})
            elif kind == "image":
                caption = values[1] if len(values) > 1 else ""
                image = self.images[values[0]]
                stream.append(
                    {"type": "image", "value": {"image": image.pk, "caption": caption, "credit": ""}}
                )
            elif kind == "related":
                target = self.related_page(values[0], code)
                if target is not None:
                    stream.append({"type": "related_story", "value": {"page": target.pk, "label": ""}})
        return stream

    def related_page(self, key: str, code: str) -> ArticlePage | None:
        """The linked story in the same edition if it has a version there, else its first version."""
        story = self.stories[key]
        codes = [code] if code in story.versions else []
        codes += writing_order(story)
        for candidate in codes:
            if (key, candidate) not in self.pages:
                found = ArticlePage.objects.filter(
                    locale=self.locales[candidate], slug=story.versions[candidate].slug or key
                ).first()
                if found is None:
                    continue
                self.pages[(key, candidate)] = found
            return self.pages[(key, candidate)]
        return None

    def fill_forward_links(self, created: Sequence[tuple[content.Story, str, ArticlePage]]) -> None:
        """Publish again the pages whose related stories were written after them."""
        for story, code, page in created:
            if not any(block[0] == "related" for block in story.versions[code].body):
                continue
            body = self.body(story.versions[code].body, code)
            linked = sum(1 for block in page.body if block.block_type == "related_story")
            if sum(1 for block in body if block["type"] == "related_story") > linked:
                # Publishing works on a copy made from the revision: start again from the database.
                published = ArticlePage.objects.get(pk=page.pk)
                published.body = body
                published.save_revision().publish()

    # --- times and front pages --------------------------------------------------------------------

    def set_times(self, story: content.Story, code: str, page: ArticlePage) -> None:
        """Date the story as if it had been published `hours_ago` (and updated some time later)."""
        if story.hours_ago < 0:
            return
        first = self.now - timedelta(hours=story.hours_ago)
        if code != writing_order(story)[0]:
            first = min(first + TRANSLATION_DELAY, self.now)
        last = first
        if story.updated_hours_later is not None:
            last = min(first + timedelta(hours=story.updated_hours_later), self.now)
        Page.objects.filter(pk=page.pk).update(
            first_published_at=first, last_published_at=last, latest_revision_created_at=last
        )

    def choose_top_stories(self, homes: dict[str, HomePage]) -> None:
        """Give each edition without a top story one; an editor's choice is left alone."""
        for code, stale_home in homes.items():
            home = HomePage.objects.get(pk=stale_home.pk)
            if home.top_story_id is not None:
                continue
            live = ArticlePage.objects.live().filter(locale=home.locale)
            chosen = self.pages.get((TOP_STORY, code))
            top = live.filter(pk=chosen.pk).first() if chosen else None
            if top is None:
                top = live.filter(lead_image__isnull=False).order_by("-first_published_at").first()
            if top is not None:
                home.top_story = top
                home.save_revision().publish()
