"""The site the benchmarks measure: the story database, the pages chosen, the subscribers."""

from __future__ import annotations

import argparse
import html
import subprocess
from collections.abc import Callable
from typing import Any

from bench.harness.environment import (
    ROOT,
    data_dir,
    dateline_command,
    django_setup,
    prepare_environment,
    python_module,
)
from bench.harness.http import UNCACHED_COOKIE, fetch
from bench.harness.report import Report, show_and_save
from bench.harness.wrk import require_wrk


def generate_stories(count: int) -> None:
    """`count` more published English stories (bench/generate_stories.py), in a child process."""
    subprocess.run(python_module("bench.generate_stories", "--count", str(count)), cwd=ROOT, check=True)


def setup_database(stories: int) -> None:
    """`dateline setup`, then stories until there are `stories` English ones."""
    print(f"dateline setup on {data_dir()} …", flush=True)
    subprocess.run(dateline_command("setup"), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    have = count_english_stories()
    if have < stories:
        print(f"{have} English stories; generating {stories - have} more …", flush=True)
        generate_stories(stories - have)


def count_english_stories() -> int:
    """The English stories in the database."""
    from dateline.articles.models import ArticlePage

    return ArticlePage.objects.filter(locale__language_code="en").count()


def add_story_site_options(parser: argparse.ArgumentParser) -> None:
    """The options of the benchmarks on the page benchmarks' database: rounds, their length, the stories."""
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each measurement (default 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--stories", type=int, default=100_000, help="English stories the database must have")
    parser.add_argument("--no-setup", action="store_true", help="skip `dateline setup` and story generation")


def run_on_story_site(
    measure: Callable[[argparse.Namespace], Report], arguments: argparse.Namespace, wrk: bool = True
) -> int:
    """Prepare the environment (DATELINE_DATA_DIR default var/bench), `measure`, print and save the report."""
    prepare_environment("bench")
    if wrk:
        require_wrk()
    django_setup()
    show_and_save(measure(arguments))
    return 0


def prepare_story_site(arguments: argparse.Namespace) -> dict[str, str]:
    """The database set up (unless --no-setup) and the pages to measure (see `pick_pages`)."""
    if not arguments.no_setup:
        setup_database(arguments.stories)
    return pick_pages()


def pick_pages() -> dict[str, str]:
    """The article measured (the median-age story of the English World section) and the home."""
    from dateline.articles.models import ArticlePage
    from dateline.editions.models import SectionPage

    world = SectionPage.objects.get(locale__language_code="en", slug="world")
    stories = ArticlePage.objects.live().child_of(world).order_by("first_published_at", "pk")
    total = stories.count()
    if not total:
        raise SystemExit("The English World section has no stories: run `python -m bench.generate_stories`.")
    article = stories[total // 2]
    return {"article": article.url, "home": world.get_parent().url, "headline": article.title}


def check_cached(url: str, content_type: str = "text/html") -> tuple[bytes, dict[str, str], dict[str, str]]:
    """The second GET of `url` comes from the page cache (its ETag, a public Cache-Control), and the
    same GET with an unknown session reaches Django: the cached body and headers, Django's headers."""
    fetch(url)  # fills the cache
    status, headers, body = fetch(url)
    if (
        status != 200
        or not headers.get("content-type", "").startswith(content_type)
        or "etag" not in headers
        or "public" not in headers.get("cache-control", "")
    ):
        raise RuntimeError(f"{url}: not answered from the page cache ({status}, {headers})")
    status, django_headers, _body = fetch(url, {"Cookie": UNCACHED_COOKIE})
    if status != 200 or "public" in django_headers.get("cache-control", ""):
        raise RuntimeError(
            f"{url} with the forged staff cookie did not reach Django ({status}, {django_headers})"
        )
    return body, headers, django_headers


def verify_paths(base: str, pages: dict[str, str]) -> dict[str, Any]:
    """Check that the cached path answers from the cache and the cookie path reaches Django."""
    facts: dict[str, Any] = {}
    for name in ("article", "home"):
        url = base + pages[name]
        body, _headers, django_headers = check_cached(url)
        # The page cache puts an ETag on everything it answers; Django's own answers of pages have
        # none, and Django drops the forged staff cookie with a Set-Cookie.
        if "etag" in django_headers:
            raise RuntimeError(f"{url} with the forged staff cookie did not reach Django ({django_headers})")
        facts[f"{name}_bytes"] = len(body)
        facts[f"{name}_uncached_headers"] = django_headers
    _status, _headers, article = fetch(base + pages["article"])
    if html.escape(pages["headline"]).encode() not in article:
        raise RuntimeError("the article page does not show its headline")
    return facts


def newest_stories(count: int) -> list[int]:
    """The ids of the `count` English stories published last, newest first."""
    from dateline.articles.models import ArticlePage

    return list(
        ArticlePage.objects.live()
        .filter(locale__language_code="en")
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:count]
    )


def daily_digest() -> Any:
    """The English edition's daily digest (a newsletter)."""
    from wagtail.models import Locale

    from dateline.subscriptions.actions import newsletters_of

    english = Locale.objects.get(language_code="en")
    return next(n for n in newsletters_of(english) if n.key == "daily")


def subscribe(count: int, prefix: str) -> None:
    """`count` confirmed subscribers to the daily digest (prefixN@example.org), written in bulk."""
    from django.utils import timezone
    from wagtail.models import Locale

    from dateline.subscriptions.models import Subscriber, Subscription

    english = Locale.objects.get(language_code="en")
    daily = daily_digest()
    now = timezone.now()
    step = 5000
    for start in range(0, count, step):
        made = Subscriber.objects.bulk_create(
            [
                Subscriber(email=f"{prefix}{n}@example.org", locale=english, confirmed_at=now)
                for n in range(start, min(count, start + step))
            ]
        )
        Subscription.objects.bulk_create([Subscription(subscriber=s, newsletter=daily) for s in made])
