"""Generate many published stories quickly, for the benchmarks.

    DATELINE_DATA_DIR=/tmp/dl-bench-100k .venv/bin/python -m bench.generate_stories --count 100000

Run `dateline setup` on the database first (editions and sections must exist). Stories are spread
evenly over the seven sections of the English edition, with first publication times spread over
the last two years; `--russian` gives that share of them a Russian version in the Russian edition,
linked as a translation. Each story has a lede, a body of 6–10 paragraphs (sometimes a subheading
and a quote), two to four tags, one or two authors, often an agency and a lead image from a small
pool of images drawn here with Pillow.

Saving pages one by one through Wagtail (`add_child`, revisions, signals, search indexing) takes
tens of milliseconds a story, hours for 100,000. This inserts the rows directly, in batches inside
transactions: `wagtailcore_page` rows with their treebeard path, depth and url_path, the
`articles_articlepage` rows that extend them (multi-table inheritance), tags and bylines; then it
sets the sections' `numchild`. It writes no revisions, no reference index and no search index:
readers' pages need none of them. It then checks the tree with treebeard's `find_problems()`.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bench import story_words as vocabulary
from bench.harness.environment import django_setup

django_setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from dateline.articles.models import Agency, ArticlePage, Author  # noqa: E402
from dateline.editions.models import HomePage, SectionPage  # noqa: E402
from dateline.images.models import NewsImage  # noqa: E402

BENCH_MARKER = "[bench]"  # in image titles and author bios, so generated rows are easy to find

TWO_YEARS = timedelta(days=730)
BATCH = 2000


# --- text ----------------------------------------------------------------------------------------


def sentence(rng: random.Random) -> str:
    text = f"{rng.choice(vocabulary.EN_SUBJECTS)} {rng.choice(vocabulary.EN_VERBS)} {rng.choice(vocabulary.EN_OBJECTS)} {rng.choice(vocabulary.EN_TAILS)}."
    if rng.random() < 0.5:
        text += f" {rng.choice(vocabulary.EN_CONNECTORS)} {rng.choice(vocabulary.EN_OUTCOMES)}."
    return text


def en_paragraph(rng: random.Random) -> str:
    """40–90 words, as a rich-text paragraph."""
    parts: list[str] = []
    words = 0
    target = rng.randint(40, 90)
    while words < target:
        parts.append(sentence(rng))
        words += len(parts[-1].split())
    if rng.random() < 0.15:
        parts[0] = f"<b>{parts[0]}</b>"
    return "<p>" + " ".join(parts) + "</p>"


def ru_text(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(vocabulary.RU_WORDS) for _ in range(words)]
    chosen[0] = chosen[0].capitalize()
    return " ".join(chosen) + "."


def ru_paragraph(rng: random.Random) -> str:
    return "<p>" + " ".join(ru_text(rng, rng.randint(10, 18)) for _ in range(rng.randint(3, 6))) + "</p>"


def en_headline(rng: random.Random, place: str) -> str:
    topic = rng.choice(vocabulary.EN_HEADLINE_TOPICS)
    return rng.choice(vocabulary.EN_HEADLINE_PATTERNS).format(
        subject=rng.choice(vocabulary.EN_SUBJECTS),
        verb=rng.choice(vocabulary.EN_VERBS),
        topic=topic,
        topic_cap=topic.capitalize(),
        tail=rng.choice(vocabulary.EN_TAILS),
        verb_noun=rng.choice(vocabulary.EN_VERB_NOUNS),
        place=place,
    )


def body_blocks(rng: random.Random, russian: bool) -> list[dict[str, Any]]:
    """6–10 paragraphs; sometimes a subheading half-way and a quote."""
    paragraph = ru_paragraph if russian else en_paragraph
    count = rng.randint(6, 10)
    blocks: list[dict[str, Any]] = [
        {"type": "paragraph", "value": paragraph(rng), "id": str(uuid.uuid4())} for _ in range(count)
    ]
    if rng.random() < 0.4:
        quote = {
            "text": ru_text(rng, 14) if russian else sentence(rng),
            "speaker": rng.choice(vocabulary.AUTHOR_FIRST_RU if russian else vocabulary.AUTHOR_FIRST),
            "role": "" if russian else rng.choice(vocabulary.EN_ROLES),
        }
        blocks.insert(rng.randint(2, count - 1), {"type": "quote", "value": quote, "id": str(uuid.uuid4())})
    if rng.random() < 0.3 and not russian:
        blocks.insert(
            count // 2,
            {"type": "subheading", "value": rng.choice(vocabulary.EN_SUBHEADINGS), "id": str(uuid.uuid4())},
        )
    return blocks


def word_count(lede: str, blocks: Sequence[dict[str, Any]]) -> int:
    """The same count ArticlePage.count_words() makes, without building the StreamField."""
    from django.utils.html import strip_tags

    words = len(lede.split())
    for block in blocks:
        if block["type"] == "paragraph":
            words += len(strip_tags(block["value"]).split())
        elif block["type"] == "quote":
            words += len(block["value"]["text"].split())
        elif block["type"] == "subheading":
            words += len(block["value"].split())
    return words


# --- the things stories point at -----------------------------------------------------------------


@dataclass
class Pools:
    authors: dict[str, list[Author]]  # by language code, same order: index i is one person
    agencies: dict[str, list[Agency]]
    images: list[NewsImage]
    tags_en: list[Tag]
    tags_ru: list[Tag]


def ensure_pools(locales: dict[str, Locale], rng: random.Random, images: int) -> Pools:
    """Authors, agencies, tags and images to credit; created once, reused by later runs."""
    authors: dict[str, list[Author]] = {"en": [], "ru": []}
    # Twenty people: each first name with two surnames; index i is the same person in both lists.
    for i, (first, first_ru) in enumerate(
        zip(vocabulary.AUTHOR_FIRST, vocabulary.AUTHOR_FIRST_RU, strict=True)
    ):
        for j in (i, i + 4):
            second, second_ru = (
                vocabulary.AUTHOR_LAST[j % len(vocabulary.AUTHOR_LAST)],
                vocabulary.AUTHOR_LAST_RU[j % len(vocabulary.AUTHOR_LAST_RU)],
            )
            name = f"{first} {second}"
            english = Author.objects.filter(locale=locales["en"], name=name).first()
            if english is None:
                english = Author.objects.create(
                    locale=locales["en"], name=name, role="Correspondent", bio=f"Staff writer. {BENCH_MARKER}"
                )
            russian = Author.objects.filter(
                translation_key=english.translation_key, locale=locales["ru"]
            ).first()
            if russian is None:
                russian = Author.objects.create(
                    locale=locales["ru"],
                    translation_key=english.translation_key,
                    name=f"{first_ru} {second_ru}",
                    slug=english.slug,
                    role="Корреспондент",
                    bio=f"Штатный автор. {BENCH_MARKER}",
                )
            authors["en"].append(english)
            authors["ru"].append(russian)
    agencies: dict[str, list[Agency]] = {"en": [], "ru": []}
    for name, name_ru, url in vocabulary.AGENCIES:
        english_agency = Agency.objects.filter(locale=locales["en"], name=name).first()
        if english_agency is None:
            english_agency = Agency.objects.create(locale=locales["en"], name=name, url=url)
        russian_agency = Agency.objects.filter(
            translation_key=english_agency.translation_key, locale=locales["ru"]
        ).first()
        if russian_agency is None:
            russian_agency = english_agency.copy_for_translation(locales["ru"])
            russian_agency.name = name_ru
            russian_agency.save()
        agencies["en"].append(english_agency)
        agencies["ru"].append(russian_agency)

    tag_names = [
        f"{word} {place.lower()}" for word in vocabulary.EN_TAG_WORDS for place in vocabulary.PLACES[:12]
    ] + vocabulary.EN_TAG_WORDS
    tags_en = ensure_tags(tag_names)
    tags_ru = ensure_tags(vocabulary.RU_TAGS)
    return Pools(authors, agencies, ensure_images(images, rng), tags_en, tags_ru)


def ensure_tags(names: Sequence[str]) -> list[Tag]:
    slugs = {slugify(name, allow_unicode=True): name for name in names}
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=slugs)}
    missing = [Tag(name=name, slug=slug) for slug, name in slugs.items() if slug not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    return list(Tag.objects.filter(slug__in=slugs).order_by("pk"))


def ensure_images(count: int, rng: random.Random) -> list[NewsImage]:
    """A pool of lead images: flat-coloured 1600×900 JPEGs with a horizon, drawn here."""
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw

    existing = list(NewsImage.objects.filter(title__endswith=BENCH_MARKER).order_by("pk"))
    for number in range(len(existing), count):
        sky = tuple(rng.randint(60, 200) for _ in range(3))
        ground = tuple(rng.randint(20, 120) for _ in range(3))
        picture = Image.new("RGB", (1600, 900), sky)  # type: ignore[arg-type]
        draw = ImageDraw.Draw(picture)
        horizon = rng.randint(450, 700)
        draw.rectangle((0, horizon, 1600, 900), fill=ground)  # type: ignore[arg-type]
        for _ in range(12):
            x = rng.randint(0, 1550)
            height = rng.randint(60, 380)
            draw.rectangle((x, horizon - height, x + rng.randint(40, 160), horizon), fill=ground)  # type: ignore[arg-type]
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        image = NewsImage(
            title=f"Skyline {number + 1} {BENCH_MARKER}",
            caption="A city skyline at dusk.",
            credit="Dateline bench",
            file=ImageFile(buffer, name=f"bench-skyline-{number + 1}.jpg"),
        )
        image.save()
        existing.append(image)
    return existing[:count]


# --- the stories ---------------------------------------------------------------------------------


@dataclass
class SectionSlot:
    """A section stories are appended to, with the next free treebeard step and the slugs taken."""

    page: Page
    next_step: int
    slugs: set[str] = field(default_factory=set)
    added: int = 0

    @classmethod
    def load(cls, section: Page) -> SectionSlot:
        children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        last = children.aggregate(last=Max("path"))["last"]
        next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        return cls(section, next_step, set(children.values_list("slug", flat=True)))

    def place(self, slug: str) -> tuple[str, str]:
        """The path and unique slug of a new last child."""
        candidate, n = slug, 2
        while candidate in self.slugs:
            candidate, n = f"{slug}-{n}", n + 1
        self.slugs.add(candidate)
        path = Page._get_path(self.page.path, self.page.depth + 1, self.next_step)
        self.next_step += 1
        self.added += 1
        return path, candidate


@dataclass
class Story:
    """One row of wagtailcore_page and one of articles_articlepage, plus its tags and bylines."""

    page: Page
    kicker: str
    lede: str
    place: str
    body: list[dict[str, Any]]
    agency_id: int | None
    lead_image_id: int | None
    tag_ids: list[int]
    author_ids: list[int]


def make_story(
    rng: random.Random,
    slot: SectionSlot,
    published: datetime,
    locale: Locale,
    content_type_id: int,
    pools: Pools,
    author_index: list[int],
    translation_key: uuid.UUID,
    serial: int,
) -> Story:
    russian = locale.language_code == "ru"
    place = rng.choice(vocabulary.PLACES)
    if russian:
        title = ru_text(rng, rng.randint(6, 10))[:-1]
        lede = ru_text(rng, rng.randint(20, 30))
        kicker = rng.choice(vocabulary.RU_KICKERS) if rng.random() < 0.15 else ""
        tags = rng.sample(pools.tags_ru, 2)
    else:
        title = en_headline(rng, place)
        lede = " ".join(sentence(rng) for _ in range(2))
        kicker = rng.choice(vocabulary.EN_KICKERS) if rng.random() < 0.15 else ""
        tags = rng.sample(pools.tags_en, rng.randint(2, 4))
    slug_base = f"{slugify(title, allow_unicode=True)[:70].strip('-')}-{serial}"
    path, slug = slot.place(slug_base)
    updated = published + timedelta(hours=rng.uniform(1, 30)) if rng.random() < 0.1 else published
    page = Page(
        path=path,
        depth=slot.page.depth + 1,
        numchild=0,
        title=title,
        draft_title=title,
        slug=slug,
        live=True,
        has_unpublished_changes=False,
        url_path=f"{slot.page.url_path}{slug}/",
        seo_title="",
        show_in_menus=False,
        search_description="",
        content_type_id=content_type_id,
        locale_id=locale.pk,
        translation_key=translation_key,
        first_published_at=published,
        last_published_at=updated,
        latest_revision_created_at=updated,
    )
    agencies = pools.agencies[locale.language_code]
    images = pools.images
    return Story(
        page=page,
        kicker=kicker,
        lede=lede,
        place=place if rng.random() < 0.8 else "",
        body=body_blocks(rng, russian),
        agency_id=rng.choice(agencies).pk if rng.random() < 0.5 else None,
        lead_image_id=rng.choice(images).pk if images and rng.random() < 0.7 else None,
        tag_ids=[tag.pk for tag in tags],
        author_ids=[pools.authors[locale.language_code][i].pk for i in author_index],
    )


def insert(stories: Sequence[Story]) -> None:
    """Write one batch: the page rows, then the rows that extend them, their tags and bylines."""
    pages = Page.objects.bulk_create([story.page for story in stories], batch_size=500)
    fields = {f.attname: f for f in ArticlePage._meta.local_concrete_fields}
    columns = [
        "page_ptr_id",
        "kicker",
        "lede",
        "dateline_place",
        "dateline_date",
        "body",
        "word_count",
        "agency_id",
        "lead_image_id",
        "discussion",
    ]
    assert set(columns) == set(fields), f"articles_articlepage has changed: {sorted(fields)}"
    rows = []
    for page, story in zip(pages, stories, strict=True):
        values = {
            "page_ptr_id": page.pk,
            "kicker": story.kicker,
            "lede": story.lede,
            "dateline_place": story.place,
            "dateline_date": None,  # the dateline shows the day of publication
            "body": story.body,
            "word_count": word_count(story.lede, story.body),
            "agency_id": story.agency_id,
            "lead_image_id": story.lead_image_id,
            "discussion": "",  # as its section says
        }
        rows.append([fields[c].get_db_prep_save(values[c], connection) for c in columns])
    # The body is a JSON list; StreamField's JSONField adapts it for the database in use.
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    tag_table = connection.ops.quote_name("articles_articletag")
    byline_table = connection.ops.quote_name("articles_articlebyline")
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", rows)  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {tag_table} (content_object_id, tag_id) VALUES (%s, %s)",  # noqa: S608
            [
                (page.pk, tag_id)
                for page, story in zip(pages, stories, strict=True)
                for tag_id in story.tag_ids
            ],
        )
        cursor.executemany(
            f"INSERT INTO {byline_table} (page_id, author_id, sort_order) VALUES (%s, %s, %s)",  # noqa: S608
            [
                (page.pk, author_id, order)
                for page, story in zip(pages, stories, strict=True)
                for order, author_id in enumerate(story.author_ids)
            ],
        )


def publication_times(count: int, rng: random.Random) -> Iterator[datetime]:
    """`count` times over the last two years, oldest first, as a site accumulates them."""
    now = timezone.now()
    offsets = sorted((rng.random() for _ in range(count)), reverse=True)
    for offset in offsets:
        yield now - TWO_YEARS * offset


def generate(count: int, russian_share: float, images: int, seed: int) -> None:
    rng = random.Random(seed)
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    homes = {
        code: HomePage.objects.filter(locale=locales[code]).first()
        for code in ("en", "ru")
        if code in locales
    }
    if not homes.get("en"):
        sys.exit("No English edition: run `dateline setup` on this database first.")
    english_sections = list(SectionPage.objects.child_of(homes["en"]).order_by("path"))
    russian_sections = {
        section.translation_key: section
        for section in (SectionPage.objects.child_of(homes["ru"]) if homes.get("ru") else [])
    }
    if not english_sections:
        sys.exit("The English edition has no sections: run `dateline setup` on this database first.")
    if russian_share and not russian_sections:
        sys.exit("No Russian sections to put translations in: run `dateline setup` first.")
    pools = ensure_pools(locales, rng, images)
    content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
    slots = {section.pk: SectionSlot.load(section) for section in english_sections}
    ru_slots = {section.pk: SectionSlot.load(section) for section in russian_sections.values()}
    serial = Page.objects.aggregate(last=Max("pk"))["last"] or 0

    started = time.monotonic()
    batch: list[Story] = []
    made = 0
    for published in publication_times(count, rng):
        serial += 1
        section = rng.choice(english_sections)
        people = rng.sample(range(len(pools.authors["en"])), 1 if rng.random() < 0.8 else 2)
        key = uuid.uuid4()
        batch.append(
            make_story(
                rng, slots[section.pk], published, locales["en"], content_type_id, pools, people, key, serial
            )
        )
        if rng.random() < russian_share:
            ru_section = russian_sections[section.translation_key]
            later = published + timedelta(minutes=rng.uniform(10, 240))
            batch.append(
                make_story(
                    rng,
                    ru_slots[ru_section.pk],
                    later,
                    locales["ru"],
                    content_type_id,
                    pools,
                    people,
                    key,
                    serial,
                )
            )
        made += 1
        if len(batch) >= BATCH or made == count:
            with transaction.atomic():
                insert(batch)
            batch = []
            rate = made / (time.monotonic() - started)
            print(f"\r{made:>7} / {count} stories  ({rate:,.0f}/s)", end="", flush=True)
    print()
    with transaction.atomic():
        for slot in [*slots.values(), *ru_slots.values()]:
            children = Page.objects.filter(path__startswith=slot.page.path, depth=slot.page.depth + 1).count()
            Page.objects.filter(pk=slot.page.pk).update(numchild=children)
    print(f"{made} English stories ({sum(s.added for s in ru_slots.values())} Russian versions) "
          f"in {time.monotonic() - started:.1f} s")  # fmt: skip


def check_tree(thorough: bool = False) -> bool:
    """Check the page tree as treebeard's `find_problems()` does, and that every story has its row.

    `find_problems()` runs two queries per page (minutes for 100,000 pages); the same five checks
    are made here in memory from one query. `thorough` runs treebeard's own as well.
    """
    started = time.monotonic()
    rows = list(Page.objects.values_list("pk", "path", "depth", "numchild"))
    alphabet, steplen = set(Page.alphabet), Page.steplen
    paths = {path for _pk, path, _depth, _numchild in rows}
    children: dict[str, int] = {}
    for _pk, path, _depth, _numchild in rows:
        children[path[:-steplen]] = children.get(path[:-steplen], 0) + 1
    problems: dict[str, list[int]] = {
        "bad characters in path": [],
        "bad path length": [],
        "orphans": [],
        "wrong depth": [],
        "wrong numchild": [],
    }
    for pk, path, depth, numchild in rows:
        if not set(path) <= alphabet:
            problems["bad characters in path"].append(pk)
        elif len(path) % steplen:
            problems["bad path length"].append(pk)
        elif len(path) > steplen and path[:-steplen] not in paths:
            problems["orphans"].append(pk)
        elif depth != len(path) // steplen:
            problems["wrong depth"].append(pk)
        elif numchild != children.get(path, 0):
            problems["wrong numchild"].append(pk)
    if thorough:
        names = list(problems)
        for name, ids in zip(names, Page.find_problems(), strict=True):
            problems[name] = sorted(set(problems[name]) | set(ids))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    missing = Page.objects.filter(content_type=content_type, articlepage__isnull=True).count()
    for name, ids in problems.items():
        if ids:
            print(f"tree problem: {name}: {ids[:20]}{' …' if len(ids) > 20 else ''}")
    if missing:
        print(f"tree problem: {missing} story pages without their articles_articlepage row")
    sound = not any(problems.values()) and not missing
    how = "treebeard's find_problems() and in memory" if thorough else "in memory"
    print(
        f"page tree {'sound' if sound else 'BROKEN'}: {len(rows)} pages, "
        f"{ArticlePage.objects.count()} stories (checked {how} in {time.monotonic() - started:.1f} s)"
    )
    return sound


def check_rendering() -> bool:
    """The newest, the oldest and a Russian story, and the edition homes, answer 200."""
    from django.test import Client

    stories = ArticlePage.objects.live().order_by("first_published_at")
    urls = [story.url for story in (stories.first(), stories.last()) if story is not None]
    russian = stories.filter(locale__language_code="ru").last()
    urls += [russian.url] if russian is not None else []
    urls += ["/en/", "/ru/"]
    client = Client()
    ok = True
    for url in urls:
        status = client.get(url).status_code
        print(f"GET {url} → {status}")
        ok = ok and status == 200
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="English stories to add (default 100000)")
    parser.add_argument(
        "--russian", type=float, default=0.05, help="share that also gets a Russian version (default 0.05)"
    )
    parser.add_argument(
        "--images", type=int, default=12, help="lead images in the pool (default 12; 0: none)"
    )
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--check-only", action="store_true", help="only check the page tree and rendering")
    parser.add_argument("--thorough", action="store_true", help="also run treebeard's (slow) find_problems()")
    arguments = parser.parse_args()
    if not arguments.check_only:
        if arguments.count < 1:
            parser.error("--count must be at least 1")
        generate(arguments.count, arguments.russian, arguments.images, arguments.seed)
    sound = check_tree(arguments.thorough)
    renders = check_rendering()
    return 0 if sound and renders else 1


if __name__ == "__main__":
    sys.exit(main())
