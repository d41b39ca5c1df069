"""Creating the editions and their sections on a new installation (running it again changes
nothing), and keeping the site's record on the configured public address."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from dateline.editions.info_pages import INFO_PAGES, InfoPageDefaults
from dateline.editions.models import HomePage, InfoPage, SectionPage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SectionDefaults:
    slug: str
    titles: dict[str, str]
    blurbs: dict[str, str]


# The starting structure of every edition; the newsroom renames, reorders and adds from here.
SECTIONS = [
    SectionDefaults(
        "world",
        {"en": "World", "ru": "В мире", "ar": "العالم"},
        {
            "en": "The latest news from around the world, live coverage, off-beat stories, features and analysis.",
            "ru": "Последние новости со всего мира, прямые трансляции, необычные истории, репортажи и аналитика.",
            "ar": "آخر الأخبار من حول العالم، وتغطيات مباشرة، وقصص طريفة، وتقارير وتحليلات.",
        },
    ),
    SectionDefaults(
        "politics",
        {"en": "Politics", "ru": "Политика", "ar": "سياسة"},
        {
            "en": "Elections, governments, diplomacy and the people who shape them.",
            "ru": "Выборы, правительства, дипломатия и люди, которые на них влияют.",
            "ar": "الانتخابات والحكومات والدبلوماسية والأشخاص الذين يصنعونها.",
        },
    ),
    SectionDefaults(
        "business",
        {"en": "Business", "ru": "Экономика", "ar": "اقتصاد"},
        {
            "en": "Markets, companies, trade and the economy, explained.",
            "ru": "Рынки, компании, торговля и экономика — с объяснениями.",
            "ar": "الأسواق والشركات والتجارة والاقتصاد بشرح واضح.",
        },
    ),
    SectionDefaults(
        "science",
        {"en": "Science & Tech", "ru": "Наука и технологии", "ar": "علوم وتكنولوجيا"},
        {
            "en": "Discoveries, space, climate, health and the technology changing our lives.",
            "ru": "Открытия, космос, климат, здоровье и технологии, которые меняют нашу жизнь.",
            "ar": "الاكتشافات والفضاء والمناخ والصحة والتكنولوجيا التي تغير حياتنا.",
        },
    ),
    SectionDefaults(
        "society",
        {"en": "Society", "ru": "Общество", "ar": "مجتمع"},
        {
            "en": "How people live, learn, work and move: cities, education, culture and rights.",
            "ru": "Как люди живут, учатся, работают и путешествуют: города, образование, культура и права.",
            "ar": "كيف يعيش الناس ويتعلمون ويعملون ويتنقلون: المدن والتعليم والثقافة والحقوق.",
        },
    ),
    SectionDefaults(
        "sport",
        {"en": "Sport", "ru": "Спорт", "ar": "رياضة"},
        {
            "en": "Results, transfers and the stories behind the games.",
            "ru": "Результаты, трансферы и истории, которые стоят за играми.",
            "ar": "النتائج والانتقالات والقصص وراء المباريات.",
        },
    ),
    SectionDefaults(
        "opinion",
        {"en": "Opinion", "ru": "Мнения", "ar": "رأي"},
        {
            "en": "Columns, commentary and analysis from our writers and guests.",
            "ru": "Колонки, комментарии и аналитика наших авторов и гостей.",
            "ar": "أعمدة وتعليقات وتحليلات من كتّابنا وضيوفنا.",
        },
    ),
]

HOME_TITLES = {"en": "Dateline", "ru": "Dateline", "ar": "Dateline"}
HOME_TAGLINES = {
    "en": "World news, as it happens",
    "ru": "Мировые новости в момент событий",
    "ar": "أخبار العالم لحظة بلحظة",
}


@transaction.atomic
def ensure_editions() -> dict[str, HomePage]:
    """Locales, an edition home per language, its sections and pages about the publication, and
    the site pointing at them."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
    }
    root = Page.get_first_root_node()
    default_code = settings.LANGUAGE_CODE
    homes: dict[str, HomePage] = {}

    english_home = HomePage.objects.filter(locale=locales[default_code]).first()
    if english_home is None:
        english_home = HomePage(
            title=HOME_TITLES[default_code],
            slug=default_code,
            locale=locales[default_code],
            tagline=HOME_TAGLINES[default_code],
        )
        root.add_child(instance=english_home)
        english_home.save_revision().publish()
        logger.info("created the %s edition", default_code)
    homes[default_code] = english_home
    _point_site_at(english_home)

    for code, locale in locales.items():
        if code == default_code:
            continue
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            home = english_home.copy_for_translation(locale)
            home.slug = code
            home.title = HOME_TITLES.get(code, HOME_TITLES[default_code])
            home.tagline = HOME_TAGLINES.get(code, "")
            home.save_revision().publish()
            logger.info("created the %s edition", code)
        homes[code] = HomePage.objects.get(pk=home.pk)

    for defaults in SECTIONS:
        english_section = _ensure_section(english_home, defaults, default_code)
        for code, home in homes.items():
            if code != default_code:
                _ensure_translated_section(english_section, home, defaults, code)
    for info_defaults in INFO_PAGES:
        english_page = _ensure_info_page(english_home, info_defaults, default_code)
        for code, home in homes.items():
            if code != default_code:
                _ensure_translated_info_page(english_page, home, info_defaults, code)
    return homes


def _ensure_info_page(home: HomePage, defaults: InfoPageDefaults, code: str) -> InfoPage:
    existing = InfoPage.objects.child_of(home).filter(slug=defaults.slug).first()
    if existing is not None:
        return existing
    page = InfoPage(
        title=defaults.titles[code],
        slug=defaults.slug,
        intro=defaults.intros[code],
        body=defaults.bodies[code],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ensure_translated_info_page(
    english: InfoPage, home: HomePage, defaults: InfoPageDefaults, code: str
) -> None:
    if InfoPage.objects.filter(translation_key=english.translation_key, locale=home.locale).exists():
        return
    page = english.copy_for_translation(home.locale)
    page.title = defaults.titles.get(code, defaults.titles["en"])
    page.intro = defaults.intros.get(code, "")
    page.body = defaults.bodies.get(code, defaults.bodies["en"])
    page.save_revision().publish()


def _ensure_section(home: HomePage, defaults: SectionDefaults, code: str) -> SectionPage:
    existing = SectionPage.objects.child_of(home).filter(slug=defaults.slug).first()
    if existing is not None:
        return existing
    section = SectionPage(
        title=defaults.titles[code], slug=defaults.slug, blurb=defaults.blurbs[code], show_in_menus=True
    )
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


def _ensure_translated_section(
    english: SectionPage, home: HomePage, defaults: SectionDefaults, code: str
) -> None:
    if SectionPage.objects.filter(translation_key=english.translation_key, locale=home.locale).exists():
        return
    section = english.copy_for_translation(home.locale)
    section.title = defaults.titles.get(code, defaults.titles["en"])
    section.blurb = defaults.blurbs.get(code, "")
    section.save_revision().publish()


def site_address() -> tuple[str, int]:
    """The host name and port of the configured public address (BASE_URL), as a site records them."""
    address = urlsplit(settings.BASE_URL)
    return address.hostname or "localhost", address.port or (443 if address.scheme == "https" else 80)


def follow_base_url() -> bool:
    """Move the default site to the configured public address if it is elsewhere; whether it moved.

    Run as every server process starts: the site's record is where Wagtail's own links get their
    host (`page.full_url`: its newsroom mails, "view live"), and the public address may have
    changed since `setup` (another DATELINE_BASE_URL, `dateline serve --port`). One query when
    nothing changed."""
    hostname, port = site_address()
    moved = (
        Site.objects.filter(is_default_site=True)
        .exclude(hostname=hostname, port=port)
        .update(hostname=hostname, port=port)
    )
    if moved:
        # Wagtail keeps the sites' addresses in the cache (Redis outlives a restart) for an hour.
        Site.clear_site_root_paths_cache()
    return bool(moved)


def _point_site_at(home: HomePage) -> None:
    """One site, on the configured base address, rooted at the default edition."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port = site_address()
    site.root_page, site.site_name = home, settings.SITE_NAME
    site.save()
    # Wagtail's placeholder page from its first migration has no place in a news site.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
