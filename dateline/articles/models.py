"""Articles, and the people and agencies they are credited to."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from dateline.articles import queries
from dateline.articles.blocks import ArticleBodyBlock
from dateline.articles.forms import ArticlePageForm
from dateline.articles.linked import LinkedStory, linked_story
from dateline.core import cache_tags, slugs, versioned
from dateline.editions import navigation
from dateline.editions.models import DiscussionMode, HomePage, SectionPage
from dateline.editions.reader_pages import ReaderPageMixin, restricted_paths

WORDS_READ_PER_MINUTE = 200
# The hook asked for the moment before which a story must not go live: `hook(page)` gives a datetime
# or None (the wire desk answers with the embargo of the agency items the story was made from).
EARLIEST_GO_LIVE_HOOK = "story_earliest_go_live"
# A story re-published within this time of its first publication is not shown as "Updated".
UPDATE_GRACE = timedelta(minutes=5)


class Agency(TranslatableMixin, models.Model):
    """A news agency credited in datelines ("TOKYO, September 11 (Agency) –")."""

    name = models.CharField(pgettext_lazy("agency", "name"), max_length=100)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Author(TranslatableMixin, index.Indexed, models.Model):
    """A journalist; each edition has its own version of the name and biography."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("e.g. Tokyo correspondent"))
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "dateline_images.NewsImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_author_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:120] or "author"
        super().save(*args, **kwargs)

    def translation_ids(self) -> list[int]:
        """This author and their versions in the other editions."""
        return list(Author.objects.filter(translation_key=self.translation_key).values_list("pk", flat=True))

    # Set by a page that already knows the edition home, to spare a query per byline link.
    edition_home: Any = None

    def get_url(self, request: HttpRequest | None = None) -> str:
        home = self.edition_home or HomePage.for_locale(self.locale_id)
        return home.url + home.reverse_subpage("author", args=[self.slug]) if home else ""


def all_authors(request: HttpRequest | None) -> dict[int, Author]:
    """Every author by id, each knowing its edition's home, for this content version."""

    def load() -> dict[int, Author]:
        authors = {author.pk: author for author in Author.objects.all()}
        for author in authors.values():
            author.edition_home = navigation.edition_home(request, author.locale_id) if request else None
        return authors

    return versioned.remembered("authors", request, load)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        # A tag's most recently tagged stories, read backwards without sorting them all
        # (dateline.articles.related); SQLite's index on the tag alone would do, PostgreSQL's not.
        indexes = [models.Index(fields=["tag", "id"], name="articles_tag_newest")]


class ArticleByline(Orderable):
    page = ParentalKey("ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author")]


def dateline_panel() -> MultiFieldPanel:
    """Where the story was filed, the day and the agency: "TOKYO, September 11 (Agency) –"."""
    return MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("dateline_place"), FieldPanel("dateline_date"), FieldPanel("agency")]),
            FieldPanel("move_dateline"),
        ],
        heading=pgettext_lazy("story panel", "Dateline"),
    )


def schedule_panel() -> MultiFieldPanel:
    """Go-live and expiry times on the story's first tab, where an editor looks for them."""
    return MultiFieldPanel(
        [FieldRowPanel([FieldPanel("go_live_at"), FieldPanel("expire_at")])],
        heading=_("Schedule"),
        help_text=_("Leave empty to publish at once and keep the story up"),
    )


def settings_without_schedule() -> list[Any]:
    """Wagtail's settings tab without its scheduling dialog: the schedule is on the first tab, and a
    field may be in one place only."""
    return [panel for panel in Page.settings_panels if "PublishingPanel" not in getattr(panel, "path", "")]


class ArticleNote(Orderable):
    """A correction or update readers are told of ("Correction, 12 September: …")."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    page = ParentalKey("ArticlePage", on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CORRECTION)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(
        _("text"), max_length=600, help_text=_("What was wrong and what the story says now, or what is new")
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")


class ArticlePage(ReaderPageMixin, Page):
    """A news story: headline, lede, dateline, body and everything credited to it."""

    kicker = models.CharField(
        _("kicker"),
        max_length=60,
        blank=True,
        help_text=_("A word or two above the headline, e.g. “Analysis”"),
    )
    lede = models.TextField(
        _("lede"), max_length=400, help_text=_("One or two sentences that sum up the story")
    )
    dateline_place = models.CharField(
        _("dateline place"), max_length=80, blank=True, help_text=_("Where the story was filed, e.g. Tokyo")
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dateline_date = models.DateField(
        _("dateline date"),
        null=True,
        blank=True,
        help_text=_("The day the dateline gives, if not the day of publication"),
    )
    lead_image = models.ForeignKey(
        "dateline_images.NewsImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    word_count = models.PositiveIntegerField(_("word count"), default=0, editable=False)
    discussion = models.CharField(
        _("discussion"),
        max_length=12,
        choices=[("", _("As its section says")), *DiscussionMode.choices],
        blank=True,
        default="",
    )

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel(
            "title", placeholder=_("Headline"), heading=_("Headline"), help_text=_("As readers will see it")
        ),
        FieldPanel("lede"),
        dateline_panel(),
        schedule_panel(),
        InlinePanel("bylines", label=_("Authors"), min_num=0),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        InlinePanel("notes", heading=_("Corrections and updates"), label=_("Correction or update")),
        FieldPanel("tags"),
    ]
    settings_panels = [*settings_without_schedule(), FieldPanel("discussion")]
    base_form_class = ArticlePageForm
    # A story needs its text to be published; a live coverage's "Background" may stay empty.
    body_required = True
    # The newsroom's page search (and the explorer's) matches as you type, through autocomplete
    # fields only: without the lede and body among them it found headlines alone.
    search_fields = [
        *Page.search_fields,
        index.SearchField("lede"),
        index.AutocompleteField("lede"),
        index.SearchField("body"),
        index.AutocompleteField("body"),
        index.FilterField("locale"),
    ]
    parent_page_types = ["editions.SectionPage"]
    subpage_types: list[str] = []
    template = "articles/article_page.html"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    # --- derived values ---------------------------------------------------------------------------

    def discussion_mode(self) -> str:
        """Open, pre-moderated or closed: the story's own setting, or failing that its section's
        (asked once per loaded story)."""
        mode = self.discussion or getattr(self, "_section_discussion", None)
        if not mode:
            parent_path = self.path[: -self.steplen]
            mode = SectionPage.objects.filter(path=parent_path).values_list("discussion", flat=True).first()
            self._section_discussion = mode
        return mode or DiscussionMode.OPEN

    def takes_comments(self) -> bool:
        return self.discussion_mode() != DiscussionMode.CLOSED

    slug: str  # Wagtail's field, written here before Wagtail would make a Unicode one

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self.word_count = self.count_words()
        if not self.slug and (self.path or getattr(self, "_cached_parent_obj", None)):
            self.slug = self.free_slug(slugs.slug_for(self.title))
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        """Refuse a publishing schedule earlier than an embargo on the story: checked whenever a
        revision is saved, so publishing from a workflow or in bulk (which publish a revision as
        it was saved, schedule included) cannot put it live early either."""
        super().clean()
        earliest = self.earliest_go_live()
        if earliest is not None and (self.go_live_at is None or self.go_live_at < earliest):
            raise ValidationError(
                _(
                    "This story is built on an agency item embargoed until %(time)s: set its publishing "
                    "schedule to that time or later (Publishing schedule), and it goes live then."
                )
                % {"time": formats.date_format(timezone.localtime(earliest), "DATETIME_FORMAT")}
            )

    def earliest_go_live(self) -> datetime | None:
        """The latest moment any `EARLIEST_GO_LIVE_HOOK` names while it is still to come, else None."""
        if self.pk is None:
            return None
        now = timezone.now()
        moments = [moment for hook in hooks.get_hooks(EARLIEST_GO_LIVE_HOOK) if (moment := hook(self))]
        latest = max(moments, default=None)
        return latest if latest is not None and latest > now else None

    def free_slug(self, slug: str, parent: Page | None = None) -> str:
        """`slug`, or with the first suffix (-2, -3…) that no other page under the parent has."""
        parent = parent or self.get_parent()
        return slugs.unique_slug(slug, lambda candidate: not Page._slug_is_available(candidate, parent, self))

    def save(self, *args: Any, **kwargs: Any) -> Any:
        self.word_count = self.count_words()
        return super().save(*args, **kwargs)

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_READ_PER_MINUTE))

    def count_words(self) -> int:
        words = len(self.lede.split())
        for block in self.body:
            if block.block_type == "paragraph":
                words += len(strip_tags(block.value.source).split())
            elif block.block_type == "quote":
                words += len(block.value["text"].split())
            elif block.block_type == "subheading":
                words += len(str(block.value).split())
        return words

    @property
    def published_date(self) -> datetime:
        """When the story came out: first publication, its go-live time, or now for a preview."""
        return self.first_published_at or self.go_live_at or timezone.now()

    @property
    def filed_on(self) -> date:
        """The day its dateline gives: the dateline date, else the day of publication."""
        return self.dateline_date or timezone.localtime(self.published_date).date()

    @property
    def was_updated(self) -> bool:
        if not (self.first_published_at and self.last_published_at):
            return False
        return self.last_published_at - self.first_published_at > UPDATE_GRACE

    @cached_property
    def section(self) -> SectionPage | None:
        return SectionPage.objects.filter(path=self.path[: -self.steplen]).first()

    def localized_authors(
        self, request: HttpRequest | None = None, bylines: list[ArticleByline] | None = None
    ) -> list[Author]:
        """Bylines in this story's edition; a byline copied from another edition falls back.
        `bylines` are the story's, if the caller has read them.

        Authors are few and every story shows some: they are remembered per content version
        (editing one is a change of content), with their edition's home for their links.
        """
        authors = all_authors(request)
        by_key = {(a.translation_key, a.locale_id): a for a in authors.values()}
        shown = []
        for byline in self.bylines.all() if bylines is None else bylines:
            author = authors.get(byline.author_id) or byline.author
            shown.append(by_key.get((author.translation_key, self.locale_id), author))
        return shown

    def live_translations(self, request: HttpRequest | None = None) -> list[LinkedStory]:
        """The same story in the other editions, for the edition links and hreflang alternates,
        in the order of their language codes."""
        translations = [
            linked_story(request, row)
            for row in queries.live_translations(ArticlePage, self, restricted_paths(request))
        ]
        return sorted(translations, key=lambda translation: translation.locale.language_code)

    def get_next_story(self, request: HttpRequest | None = None) -> LinkedStory | None:
        """The story a reader scrolls into next: older in this section, then older in the edition."""
        row = queries.next_story(ArticlePage, self, restricted_paths(request))
        return linked_story(request, row) if row else None  # type: ignore[arg-type]

    # --- rendering --------------------------------------------------------------------------------

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        next_story = self.get_next_story(request)
        translations = self.live_translations(request)
        # A saved story's bylines, notes and tags through written-out statements; a preview shows
        # the editor's unsaved ones, which only the ORM's relations hold.
        saved = self.pk is not None and not getattr(request, "is_preview", False)
        bylines = queries.ordered_children(ArticleByline, self.pk) if saved else None
        authors = self.localized_authors(request, bylines)
        parent_path = self.path[: -self.steplen]
        section = (
            next((s for s in navigation.sections(request) if s.path == parent_path), None) or self.section
        )
        context.update(
            next_story=next_story,
            translations=translations,
            authors=authors,
            notes=queries.ordered_children(ArticleNote, self.pk) if saved else list(self.notes.all()),
            tags=queries.story_tags(ArticleTag, self.pk) if saved else list(self.tags.all()),
            section=section,
            current_section=section,
        )
        cache_tags.add(
            request,
            cache_tags.page(self.pk),
            cache_tags.edition(self.locale_id),
            *(cache_tags.author(author.pk) for author in authors),
            *([cache_tags.agency(self.agency_id)] if self.agency_id else []),
            *(cache_tags.image(image_id) for image_id in self.image_ids()),
            *(cache_tags.page(p.pk) for p in translations),
            *([cache_tags.page(next_story.pk)] if next_story else []),
        )
        return context

    def image_ids(self) -> set[int]:
        """The lead image and every image in the body."""
        ids = {self.lead_image_id} if self.lead_image_id else set()
        for block in self.body:
            if block.block_type == "image" and block.value["image"] is not None:
                ids.add(block.value["image"].pk)
        return ids

    def purge_tags(self) -> list[str]:
        """The cached pages to drop when this story is published, changed, moved or withdrawn.

        Pages that already show it are filed under its `page:` tag; the lists it may newly appear
        in are named here.
        """
        tags = [cache_tags.page(self.pk), cache_tags.home(self.locale_id)]
        if self.section:
            tags.append(cache_tags.section(self.section.pk))
        tags += [cache_tags.tag(self.locale_id, tag.slug) for tag in self.tags.all()]
        tags += [cache_tags.author(byline.author_id) for byline in self.bylines.all()]
        return tags
