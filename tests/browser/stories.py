"""The newsroom's output the browser tests read: editions, stories, a translation or two.

Everything is written for these tests. The stories are long enough that the next one only loads
when a reader scrolls near the end, and what the tests check is handed back as plain values, so
that no test needs the database while the browser runs.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from PIL import Image, ImageDraw
from wagtail.models import Locale
from wagtail.rich_text import RichText

from dateline.accounts.models import ReaderProfile
from dateline.articles.models import Agency, ArticleByline, ArticlePage, Author
from dateline.chats.models import Message, Room
from dateline.editions.models import SectionPage
from dateline.editions.setup import ensure_editions
from dateline.images.models import NewsImage

AGENCY_NAME = "Meridian Wire"


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    role: str


@dataclass(frozen=True)
class StoryDraft:
    place: str
    headline: str
    lede: str
    opening: str
    quote: Quote


@dataclass(frozen=True)
class Story:
    """What a reader should see of one published story."""

    path: str
    headline: str
    lede: str
    dateline: str
    quote: Quote
    russian_path: str = ""


@dataclass(frozen=True)
class ReaderSite:
    """The published site, as addresses and texts."""

    # The World section of the English edition, newest first: the order a reader scrolls through.
    world_stories: list[Story]
    world_section_path: str
    section_names: list[str]
    russian_section_names: list[str]
    russian_top_story: Story
    arabic_story_path: str
    arabic_quote_speaker: str
    chat_room_path: str
    arabic_chat_room_path: str

    @property
    def top_story(self) -> Story:
        return self.world_stories[0]

    @property
    def story_without_translation(self) -> Story:
        return next(story for story in self.world_stories if not story.russian_path)


# Oldest first: the last one published is the edition's top story.
WORLD_STORIES = [
    StoryDraft(
        "Valparaíso",
        "Hillside lifts reopen after a year of repairs",
        "Three of the port city's funiculars carry passengers again, restored with parts milled in "
        "local workshops.",
        "The wooden cars of three funiculars climbed the hills again on Monday, ending a closure "
        "that had sent thousands of residents up steep stairways twice a day.",
        Quote(
            "We rebuilt every pulley by hand, because nobody makes them any more.",
            "Inés Carrasco",
            "workshop foreman",
        ),
    ),
    StoryDraft(
        "Tallinn",
        "Winter ferries plug into the harbour grid",
        "Ships moored overnight now draw power from the shore instead of running their engines.",
        "Four ferries on the Baltic crossing switched off their engines at the quay this week, "
        "taking electricity from new cabinets built into the harbour wall.",
        Quote("The quay is quiet at night for the first time in forty years.", "Mart Kask", "harbour master"),
    ),
    StoryDraft(
        "Nairobi",
        "Rooftop rain tanks carry city schools through the dry season",
        "Pupils at sixty schools no longer queue at standpipes, a year after tanks were fitted.",
        "Sixty primary schools collected enough rain on their roofs during the long rains to last "
        "until the end of term, the county education office reported.",
        Quote(
            "Children spend the morning in class, not in a line for water.", "Wanjiru Mwangi", "head teacher"
        ),
    ),
    StoryDraft(
        "Hanoi",
        "Night market moves under one roof to escape the monsoon",
        "Traders who lost weeks of sales to storms have moved into a restored tram depot.",
        "More than two hundred stalls opened on Friday in a former tram depot, whose iron roof "
        "now keeps the rain off soup pots, fabric rolls and phone repair benches.",
        Quote(
            "Last summer the water reached my knees; tonight my stall is dry.",
            "Nguyen Thi Lan",
            "noodle seller",
        ),
    ),
    StoryDraft(
        "Lisbon",
        "Quieter wheels for the city's oldest tram line",
        "Rubber-cushioned wheels cut the screech of trams on the tightest curves.",
        "The yellow trams that wind through the old quarters are being fitted with wheels that "
        "absorb vibration, after years of complaints from residents along the route.",
        Quote(
            "You can hear the conversation inside the tram now, not just the rails.",
            "Rita Almeida",
            "resident",
        ),
    ),
    StoryDraft(
        "Montreal",
        "Small snow ploughs tested on protected cycle lanes",
        "The city is trying narrow machines that clear bike lanes before the morning rush.",
        "Six compact ploughs worked the protected cycle lanes overnight during the first heavy "
        "snowfall, clearing them before most cyclists set out.",
        Quote(
            "If the lane is clear at seven, people keep riding all winter.",
            "Luc Tremblay",
            "cycling association",
        ),
    ),
    StoryDraft(
        "Tbilisi",
        "Old wine cellars mapped beneath the old town",
        "Surveyors have charted more than a hundred vaulted cellars, some unused for a century.",
        "A team of surveyors and volunteers has mapped 112 vaulted cellars under the old town, "
        "many of them forgotten when the houses above changed hands.",
        Quote("Every second courtyard hides a staircase going down.", "Nino Beridze", "survey leader"),
    ),
    StoryDraft(
        "Perth",
        "Volunteers count cockatoos in record numbers",
        "The yearly count drew more than a thousand volunteers across the south-west.",
        "More than a thousand volunteers stood at watering holes and roost trees at dusk on "
        "Sunday, counting black cockatoos for the yearly survey.",
        Quote(
            "The roosts near the river were fuller than we have ever seen them.",
            "Claire Hughes",
            "survey coordinator",
        ),
    ),
    StoryDraft(
        "Marrakesh",
        "Tannery workers win shorter shifts in the summer heat",
        "An agreement moves the hardest work to the early morning from June to September.",
        "Workers at the city's tanneries will start at dawn and stop before noon during the hot "
        "months, under an agreement signed with the workshop owners.",
        Quote(
            "Nobody should stand over the vats at two in the afternoon in July.",
            "Youssef Amrani",
            "workers' representative",
        ),
    ),
    StoryDraft(
        "Oslo",
        "Public saunas open along the harbour front",
        "Floating saunas run by the city charge the price of a bus ticket.",
        "Five floating saunas opened along the harbour promenade this weekend, with a cold "
        "plunge into the fjord included in the price of a bus ticket.",
        Quote(
            "It is the cheapest warm room in the city, and the view is free.",
            "Ingrid Solberg",
            "sauna attendant",
        ),
    ),
    StoryDraft(
        "Busan",
        "Fish auctions go digital without losing the bell",
        "Buyers now bid on tablets, but the morning still starts with the old brass bell.",
        "Wholesale buyers at the fish market placed their bids on tablets for the first time on "
        "Tuesday, after the auction house retired its chalkboards.",
        Quote(
            "The numbers moved to screens, but the bell stays: it is how we know the day began.",
            "Park Ji-ho",
            "auctioneer",
        ),
    ),
    StoryDraft(
        "Tokyo",
        "Late-night trains trial for shift workers",
        "Two suburban lines will run every half hour after midnight for three months.",
        "Two suburban railway lines began running trains every thirty minutes after midnight on "
        "Friday, a trial aimed at nurses, cleaners and others who finish work after the last "
        "regular service.",
        Quote(
            "I used to sleep in the staff room twice a week because there was no way home.",
            "Aiko Tanaka",
            "hospital nurse",
        ),
    ),
]

POLITICS_STORIES = [
    StoryDraft(
        "Brussels",
        "Ministers agree on shared rules for rail tickets",
        "Travellers will be able to buy one ticket for a journey across several networks.",
        "Transport ministers agreed on Thursday on common rules that oblige rail companies to "
        "sell through tickets for journeys that cross borders.",
        Quote(
            "A trip across three countries should not need three websites.",
            "Elise Vermeulen",
            "transport minister",
        ),
    ),
    StoryDraft(
        "Ottawa",
        "Committee backs plain-language tax forms",
        "Lawmakers want every federal form readable by someone who left school at sixteen.",
        "A parliamentary committee recommended on Wednesday that federal tax forms be rewritten "
        "in plain language, after hearing from charities that help people file returns.",
        Quote(
            "If a form needs a lawyer to read it, the form is the problem.", "Marie Gagnon", "committee chair"
        ),
    ),
]


@dataclass(frozen=True)
class Language:
    """The text every story in one language shares after its own opening and quote."""

    background: list[str]
    subheading: str


# The rest of an English story: enough text for the next story to wait until the reader nears
# the end.
ENGLISH = Language(
    subheading="What happens next",
    background=[
        "Officials in {place} said the first weeks would be treated as a trial, with figures published "
        "every month so that residents can judge the results for themselves.",
        "The plan was drawn up after two years of public meetings, in which residents, shop owners "
        "and workers were asked what would make the biggest difference to their daily routine.",
        "Critics have questioned the cost, which the council put at a little under two per cent of "
        "this year's budget, and asked whether the money would have done more elsewhere.",
        "Supporters answer that similar schemes in other cities paid for themselves within a few years, "
        "through lower running costs and fewer complaints.",
        "Local newspapers in {place} have followed the project closely, and a weekly radio programme "
        "has invited listeners to call in with their first impressions.",
        "Most callers so far have been positive, although several asked for clearer signs and for "
        "information in more languages than the two now offered.",
        "The council has promised a full report at the end of the year, with an independent review of "
        "the figures by the regional audit office.",
        "Until then, staff will gather comments at information desks and online, and changes will be "
        "made where residents point to problems.",
        "Neighbouring towns have sent delegations to see the project for themselves, and two of them "
        "have already set aside money for similar plans next year.",
        "For now, the people most affected say the change is welcome, even if it took longer than "
        "promised to arrive.",
    ],
)

RUSSIAN_TRANSLATIONS = {
    "Tokyo": StoryDraft(
        "Токио",
        "Ночные поезда для тех, кто работает в смену",
        "Две пригородные линии три месяца будут ходить каждые полчаса после полуночи.",
        "В пятницу две пригородные железнодорожные линии начали пускать поезда каждые тридцать "
        "минут после полуночи: пробный график рассчитан на медсестёр, уборщиков и всех, кто "
        "заканчивает работу после последней электрички.",
        Quote(
            "Дважды в неделю я ночевала в комнате для персонала, потому что домой было не добраться.",
            "Айко Танака",
            "медсестра",
        ),
    ),
    "Oslo": StoryDraft(
        "Осло",
        "На набережной открылись общественные сауны",
        "Городские плавучие сауны стоят столько же, сколько билет на автобус.",
        "В выходные на набережной открылись пять плавучих саун, и окунуться в холодный фьорд "
        "можно за цену автобусного билета.",
        Quote("Это самая дешёвая тёплая комната в городе, а вид бесплатный.", "Ингрид Сульберг", "банщица"),
    ),
    "Lisbon": StoryDraft(
        "Лиссабон",
        "Тише колёса на старейшей трамвайной линии",
        "Колёса с резиновыми вставками заглушают скрежет трамваев на самых крутых поворотах.",
        "Жёлтые трамваи, которые петляют по старым кварталам, получают колёса, гасящие вибрацию: "
        "жители вдоль маршрута жаловались на шум много лет.",
        Quote("Теперь в трамвае слышно разговор, а не только рельсы.", "Рита Алмейда", "жительница"),
    ),
}

RUSSIAN = Language(
    subheading="Что дальше",
    background=[
        "Чиновники сказали, что первые недели станут пробными, а цифры будут публиковать каждый месяц, "
        "чтобы жители могли сами оценить результат.",
        "План составили после двух лет общественных слушаний, на которых жителей, владельцев лавок и "
        "работников спрашивали, что больше всего изменит их день.",
        "Критики сомневаются в цене проекта и спрашивают, не принесли бы эти деньги больше пользы в "
        "другом месте.",
        "Сторонники отвечают, что похожие проекты в других городах окупились за несколько лет.",
        "Совет обещает полный отчёт в конце года и независимую проверку цифр.",
        "До тех пор сотрудники будут собирать отзывы, а изменения внесут там, где жители укажут на проблемы.",
    ],
)

ARABIC_STORY = StoryDraft(
    "عمّان",
    "حافلات كهربائية جديدة تربط أحياء المدينة القديمة",
    "بدأت عشرون حافلة كهربائية العمل على خطين يمرّان بالأسواق القديمة.",
    "انطلقت صباح الأحد عشرون حافلة كهربائية على خطين جديدين يربطان الأحياء القديمة بوسط المدينة، "
    "في تجربة تستمر ستة أشهر.",
    Quote("صار الطريق إلى السوق أهدأ وأسرع من قبل.", "ليلى حداد", "صاحبة متجر"),
)

ARABIC = Language(
    subheading="ما التالي",
    background=[
        "وقال مسؤولون إن الأسابيع الأولى ستكون تجريبية، وإن الأرقام ستُنشر كل شهر ليحكم السكان بأنفسهم.",
        "ووُضعت الخطة بعد لقاءات عامة استمرت عامين، سُئل فيها السكان وأصحاب المحال عمّا يغيّر يومهم.",
        "ويتساءل منتقدون عن الكلفة، بينما يقول المؤيدون إن مشاريع مشابهة غطّت تكاليفها في سنوات قليلة.",
        "ووعد المجلس بتقرير كامل في نهاية العام، مع مراجعة مستقلة للأرقام.",
    ],
)


def create_reader_site() -> ReaderSite:
    """Publish the editions and the stories the browser tests read; return what they check."""
    homes = ensure_editions()
    locales = {code: home.locale for code, home in homes.items()}
    sections = {
        code: {section.slug: section for section in SectionPage.objects.child_of(home).specific()}
        for code, home in homes.items()
    }
    agency = Agency.objects.create(name=AGENCY_NAME, url="https://example.org/", locale=locales["en"])
    author = Author.objects.create(name="Sam Whitlock", role="Foreign desk", locale=locales["en"])
    lead_image = generated_image("Evening trains at a suburban platform", "A late train leaves")

    for draft in POLITICS_STORIES:
        publish_story(sections["en"]["politics"], draft, ENGLISH, agency, author)
    world: list[Story] = []
    russian_versions: dict[str, Story] = {}
    for number, draft in enumerate(WORLD_STORIES, start=1):
        image = lead_image if number == len(WORLD_STORIES) else None
        page = publish_story(sections["en"]["world"], draft, ENGLISH, agency, author, image)
        russian_draft = RUSSIAN_TRANSLATIONS.get(draft.place)
        if russian_draft is not None:
            russian = translate_story(page, locales["ru"], russian_draft)
            russian_versions[page.url] = story_as_read(russian, russian_draft)
        russian_path = russian_versions[page.url].path if page.url in russian_versions else ""
        world.insert(0, story_as_read(page, draft, russian_path))

    arabic_agency = agency.copy_for_translation(locales["ar"])
    arabic_agency.name = "ميريديان واير"
    arabic_agency.save()
    arabic = publish_story(sections["ar"]["world"], ARABIC_STORY, ARABIC, arabic_agency)

    return ReaderSite(
        world_stories=world,
        world_section_path=sections["en"]["world"].url,
        section_names=[section.title for section in sections["en"].values()],
        russian_section_names=[section.title for section in sections["ru"].values()],
        russian_top_story=russian_versions[world[0].path],
        arabic_story_path=arabic.url,
        arabic_quote_speaker=ARABIC_STORY.quote.speaker,
        chat_room_path=chat_room(locales["en"], "Election night", "Turnout looks high in the north."),
        arabic_chat_room_path=chat_room(locales["ar"], "كأس العالم", "هدف رائع في الدقيقة الأخيرة!"),
    )


def chat_room(locale: Locale, title: str, said: str) -> str:
    """An open chat room of the edition with one reader's message in it; its address."""
    reader = get_user_model().objects.create_user(username=f"chat-reader-{locale.language_code}")
    ReaderProfile.objects.create(user=reader, display_name="Noor Haddad")
    room = Room.objects.create(locale=locale, title=title, description="")
    Message.objects.create(room=room, author=reader, client_id=uuid.uuid4(), body=said, fingerprint="-")
    with translation.override(locale.language_code):
        return reverse("chat_room", args=[room.pk])


def publish_story(
    section: SectionPage,
    draft: StoryDraft,
    language: Language,
    agency: Agency,
    author: Author | None = None,
    lead_image: NewsImage | None = None,
) -> ArticlePage:
    story = ArticlePage(
        title=draft.headline,
        lede=draft.lede,
        dateline_place=draft.place,
        agency=agency,
        lead_image=lead_image,
        body=story_body(draft, language),
    )
    section.add_child(instance=story)
    if author is not None:
        ArticleByline.objects.create(page=story, author=author)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


def translate_story(english: ArticlePage, locale: Locale, draft: StoryDraft) -> ArticlePage:
    story = english.copy_for_translation(locale)
    story.title = draft.headline
    story.lede = draft.lede
    story.dateline_place = draft.place
    story.body = story_body(draft, RUSSIAN)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


def story_body(draft: StoryDraft, language: Language) -> list[tuple[str, object]]:
    """Opening paragraph (where the dateline goes), the quote, then the background."""
    background = [RichText(f"<p>{text.format(place=draft.place)}</p>") for text in language.background]
    middle = len(background) // 2
    quote = {"text": draft.quote.text, "speaker": draft.quote.speaker, "role": draft.quote.role}
    return [
        ("paragraph", RichText(f"<p>{draft.opening}</p>")),
        ("quote", quote),
        *(("paragraph", paragraph) for paragraph in background[:middle]),
        ("subheading", language.subheading),
        *(("paragraph", paragraph) for paragraph in background[middle:]),
    ]


def story_as_read(page: ArticlePage, draft: StoryDraft, russian_path: str = "") -> Story:
    return Story(
        path=page.url,
        headline=page.title,
        lede=page.lede,
        dateline=expected_dateline(page),
        quote=draft.quote,
        russian_path=russian_path,
    )


def expected_dateline(page: ArticlePage) -> str:
    """`TOKYO, September 11 (Agency) –` as the story's edition writes it."""
    assert page.first_published_at is not None and page.agency is not None
    with translation.override(page.locale.language_code):
        date = dateformat.format(timezone.localtime(page.first_published_at), "F j")
    return f"{page.dateline_place.upper()}, {date} ({page.agency.name}) –"


def generated_image(title: str, caption: str) -> NewsImage:
    """A picture drawn here (a dusk sky over a platform), so that no file is fetched."""
    width, height = 1600, 900
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = y / height
        draw.line([(0, y), (width, y)], fill=(int(40 + 180 * shade), int(40 + 90 * shade), 110))
    draw.ellipse((1150, 420, 1350, 620), fill=(250, 200, 120))
    draw.rectangle((0, 640, width, height), fill=(35, 35, 45))
    for x in range(80, width, 260):
        draw.rectangle((x, 560, x + 200, 650), fill=(200, 200, 190))
        for window in range(x + 15, x + 190, 45):
            draw.rectangle((window, 575, window + 30, 605), fill=(255, 230, 150))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = NewsImage.objects.create(
        title=title,
        file=ImageFile(buffer, name="browser-test-platform.png"),
        caption=caption,
        credit="Dateline test desk",
    )
    # Rendered here, so the server never writes renditions while the browser reads.
    for spec in ("width-1200", "fill-640x360-c60", "fill-1200x630-c60"):
        image.get_rendition(spec)
    return image
