"""A running live coverage for the demo: a storm coming ashore, followed entry by entry.

Like the stories, it is fictional (an invented storm, invented people) in a real place, written for
this project, in English with a Russian version linked as its translation. Entries are created
through the coverage actions, so a running server shows them as they would be in the newsroom.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page

from dateline.articles.models import Author
from dateline.coverage import actions
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.editions.models import SectionPage

SLUG = "storm-amaru-live"
AUTHOR_KEY = "lucia-ferreira"

TITLES = {
    "en": "Storm Amaru makes landfall: live",
    "ru": "Шторм «Амару» выходит на сушу: трансляция",
}
LEDES = {
    "en": "Gales and high water along the central coast of Chile; ports are closed, trains cancelled "
    "and low-lying streets of Valparaíso evacuated.",
    "ru": "Штормовой ветер и высокая вода на центральном побережье Чили: порты закрыты, поезда отменены, "
    "жителей низких кварталов Вальпараисо эвакуируют.",
}
PLACES = {"en": "Valparaíso", "ru": "Вальпараисо"}

# (minutes ago, headline or "", text, key event, pinned, (quote, speaker, role) or None)
ENTRIES = {
    "en": [
        (
            200,
            "Port closed",
            "<p>The harbour office closed the port of Valparaíso to all traffic at dawn. "
            "Container ships at anchor have been told to ride out the storm offshore.</p>",
            True,
            False,
            None,
        ),
        (
            170,
            "",
            "<p>Rail services between Valparaíso and Santiago are cancelled for the rest of the day; "
            "buses will run where the coast road allows.</p>",
            False,
            False,
            None,
        ),
        (
            140,
            "",
            "<p>Waves are breaking over the sea wall along the Avenida Altamirano. Police have closed "
            "the road in both directions.</p>",
            False,
            False,
            None,
        ),
        (
            110,
            "Evacuation of the low streets",
            "<p>The city has opened four schools on the hills as shelters. "
            "About 3,000 residents of the lowest blocks have been asked to leave by midday.</p>",
            True,
            False,
            (
                "We would rather move people twice for nothing than once too late.",
                "Marta Quiroga",
                "head of the city's emergency office",
            ),
        ),
        (
            80,
            "",
            "<p>Gusts of 118 km/h were measured at the Punta Ángeles lighthouse, the strongest there "
            "in eleven years.</p>",
            False,
            False,
            None,
        ),
        (
            50,
            "",
            "<p>Power is out in parts of Cerro Alegre and Cerro Concepción. The grid operator says "
            "crews will go out once the wind drops below 70 km/h.</p>",
            False,
            False,
            None,
        ),
        (
            25,
            "High tide passes without a breach",
            "<p>The evening high tide came and went without the sea "
            "wall giving way. Water still stands in several streets near the market.</p>",
            True,
            False,
            None,
        ),
        (
            5,
            "What we know",
            "<p>Port closed, trains cancelled, 3,000 people moved to shelters, no injuries "
            "reported. The storm is expected to weaken overnight as it moves inland.</p>",
            False,
            True,
            None,
        ),
    ],
    "ru": [
        (
            200,
            "Порт закрыт",
            "<p>На рассвете портовая служба закрыла порт Вальпараисо для всех судов. "
            "Контейнеровозам на рейде велено переждать шторм в открытом море.</p>",
            True,
            False,
            None,
        ),
        (
            110,
            "Эвакуация низких кварталов",
            "<p>Город открыл четыре школы на холмах как пункты временного "
            "размещения. Около 3000 жителей нижних кварталов попросили уйти до полудня.</p>",
            True,
            False,
            (
                "Лучше дважды переселить людей зря, чем один раз опоздать.",
                "Марта Кирога",
                "глава городской службы по чрезвычайным ситуациям",
            ),
        ),
        (
            80,
            "",
            "<p>На маяке Пунта-Анхелес зафиксированы порывы до 118 км/ч — сильнейшие там за "
            "одиннадцать лет.</p>",
            False,
            False,
            None,
        ),
        (
            25,
            "Прилив прошёл без прорыва",
            "<p>Вечерний прилив прошёл, а волнолом выдержал. В нескольких "
            "улицах у рынка всё ещё стоит вода.</p>",
            True,
            False,
            None,
        ),
        (
            5,
            "Что известно",
            "<p>Порт закрыт, поезда отменены, 3000 человек в пунктах размещения, "
            "о пострадавших не сообщается. Ночью шторм, уходя вглубь материка, должен ослабнуть.</p>",
            False,
            True,
            None,
        ),
    ],
}


def ensure_live_coverage() -> int:
    """Create the demo coverage in English and Russian if missing; returns how many pages it made."""
    created = 0
    english: LiveCoveragePage | None = None
    for code in ("en", "ru"):
        locale = Locale.objects.get(language_code=code)
        existing = LiveCoveragePage.objects.filter(slug=SLUG, locale=locale).first()
        if existing is not None:
            english = english or existing
            continue
        section = SectionPage.objects.get(slug="world", locale=locale)
        if english is None:
            page = LiveCoveragePage(
                title=TITLES[code], slug=SLUG, lede=LEDES[code], dateline_place=PLACES[code], body=[]
            )
            section.add_child(instance=page)
        else:
            page = english.copy_for_translation(locale)
            page.title, page.lede, page.dateline_place = TITLES[code], LEDES[code], PLACES[code]
        page.save_revision().publish()
        created += 1
        began = timezone.now() - timedelta(minutes=ENTRIES[code][0][0] + 10)
        Page.objects.filter(pk=page.pk).update(first_published_at=began, last_published_at=began)
        author = Author.objects.filter(slug=AUTHOR_KEY, locale=locale).first()
        start = timezone.now()
        for minutes, headline, body, key_event, pinned, quote in ENTRIES[code]:
            entry = LiveEntry(
                page=page,
                headline=headline,
                body=body,
                is_key_event=key_event,
                is_pinned=pinned,
                author=author,
            )
            if quote:
                entry.quote_text, entry.quote_speaker, entry.quote_role = quote
            actions.do_add_entry(entry)
            LiveEntry.objects.filter(pk=entry.pk).update(created_at=start - timedelta(minutes=minutes))
        english = english or page
    return created
