"""The demo newsroom: its journalists, the agencies it credits and its picture library.

Every name here is invented for the demo. Stories in the other modules refer to these by key.
"""

from __future__ import annotations

from dateline.demo.content import Agency, Author, Image

AGENCIES = [
    Agency(
        "meridian",
        {"en": "Meridian Press", "ru": "Меридиан Пресс", "ar": "ميريديان برس"},
        "https://meridian.example.org/",
    ),
    Agency(
        "nordwire",
        {"en": "Nordwire", "ru": "Нордвайр", "ar": "نوردواير"},
        "https://nordwire.example.net/",
    ),
    Agency(
        "pacific",
        {"en": "Pacific Wire Service", "ru": "Пасифик Уайр Сервис", "ar": "خدمة باسيفيك الإخبارية"},
        "https://pacific-wire.example.org/",
    ),
    Agency(
        "sahel",
        {"en": "Sahel News Agency", "ru": "Агентство новостей Сахель", "ar": "وكالة أنباء الساحل"},
        "https://sahel-news.example.net/",
    ),
]

AUTHORS = [
    Author(
        "amelia-hart",
        {"en": "Amelia Hart", "ru": "Амелия Харт", "ar": "أميليا هارت"},
        {"en": "World editor", "ru": "редактор отдела международных новостей", "ar": "محررة الشؤون الدولية"},
        {
            "en": "Amelia Hart runs the world desk from London. She has reported from four continents "
            "and still prefers a notebook to a recorder.",
            "ru": "Амелия Харт руководит международным отделом в Лондоне. Работала на четырёх "
            "континентах и до сих пор предпочитает блокнот диктофону.",
            "ar": "تدير أميليا هارت قسم الشؤون الدولية من لندن. عملت مراسلةً في أربع قارات، "
            "وما زالت تفضّل الدفتر على جهاز التسجيل.",
        },
    ),
    Author(
        "kenji-mori",
        {"en": "Kenji Mori", "ru": "Кэндзи Мори", "ar": "كينجي موري"},
        {"en": "Tokyo correspondent", "ru": "корреспондент в Токио", "ar": "مراسل طوكيو"},
        {
            "en": "Kenji Mori covers Japan and the Korean peninsula, with a soft spot for trains, "
            "typhoons and the politics of city budgets.",
            "ru": "Кэндзи Мори пишет о Японии и Корейском полуострове; особенно любит темы поездов, "
            "тайфунов и городских бюджетов.",
            "ar": "يغطي كينجي موري أخبار اليابان وشبه الجزيرة الكورية، ويهوى الكتابة عن القطارات "
            "والأعاصير وميزانيات المدن.",
        },
    ),
    Author(
        "olga-sokolova",
        {"en": "Olga Sokolova", "ru": "Ольга Соколова", "ar": "أولغا سوكولوفا"},
        {
            "en": "Nordic and Arctic correspondent",
            "ru": "корреспондент в Скандинавии и Арктике",
            "ar": "مراسلة دول الشمال والقطب الشمالي",
        },
        {
            "en": "Olga Sokolova reports from Oslo on the Nordic countries, the Arctic and the sea, "
            "from fishing grounds to shipping lanes.",
            "ru": "Ольга Соколова работает в Осло и пишет о северных странах, Арктике и море — от "
            "рыболовных промыслов до морских путей.",
            "ar": "تكتب أولغا سوكولوفا من أوسلو عن دول الشمال والقطب الشمالي والبحر، من مناطق "
            "الصيد إلى خطوط الملاحة.",
        },
    ),
    Author(
        "daniel-osei",
        {"en": "Daniel Osei", "ru": "Дэниел Осеи", "ar": "دانيال أوسي"},
        {
            "en": "East Africa correspondent",
            "ru": "корреспондент в Восточной Африке",
            "ar": "مراسل شرق أفريقيا",
        },
        {
            "en": "Daniel Osei is based in Nairobi and covers infrastructure, trade and elections "
            "across East Africa.",
            "ru": "Дэниел Осеи живёт в Найроби и пишет об инфраструктуре, торговле и выборах в "
            "странах Восточной Африки.",
            "ar": "يقيم دانيال أوسي في نيروبي ويغطي البنية التحتية والتجارة والانتخابات في شرق أفريقيا.",
        },
    ),
    Author(
        "lucia-ferreira",
        {"en": "Lucia Ferreira", "ru": "Лусия Ферейра", "ar": "لوسيا فيريرا"},
        {
            "en": "Latin America correspondent",
            "ru": "корреспондент в Латинской Америке",
            "ar": "مراسلة أمريكا اللاتينية",
        },
        {
            "en": "Lucia Ferreira writes from Lima about the Andes and the Pacific coast: mining, "
            "farming, cities and the people who run them.",
            "ru": "Лусия Ферейра пишет из Лимы об Андах и тихоокеанском побережье: о горнодобыче, "
            "сельском хозяйстве, городах и тех, кто ими управляет.",
            "ar": "تكتب لوسيا فيريرا من ليما عن جبال الأنديز وساحل المحيط الهادئ: التعدين والزراعة "
            "والمدن ومن يديرونها.",
        },
    ),
    Author(
        "ivan-petrov",
        {"en": "Ivan Petrov", "ru": "Иван Петров", "ar": "إيفان بيتروف"},
        {"en": "Economics editor", "ru": "экономический обозреватель", "ar": "محرر الشؤون الاقتصادية"},
        {
            "en": "Ivan Petrov explains markets, central banks and trade. Before journalism he spent "
            "six years building forecasting models.",
            "ru": "Иван Петров объясняет, как устроены рынки, центральные банки и торговля. До "
            "журналистики шесть лет строил прогнозные модели.",
            "ar": "يشرح إيفان بيتروف الأسواق والبنوك المركزية والتجارة. قبل الصحافة أمضى ست سنوات "
            "في بناء نماذج التنبؤ.",
        },
    ),
    Author(
        "sara-haddad",
        {"en": "Sara Haddad", "ru": "Сара Хаддад", "ar": "سارة حداد"},
        {
            "en": "Middle East correspondent",
            "ru": "корреспондент на Ближнем Востоке",
            "ar": "مراسلة الشرق الأوسط",
        },
        {
            "en": "Sara Haddad reports from Amman on the Middle East and North Africa, with a focus "
            "on water, energy and education.",
            "ru": "Сара Хаддад работает в Аммане и пишет о Ближнем Востоке и Северной Африке — "
            "прежде всего о воде, энергетике и образовании.",
            "ar": "تكتب سارة حداد من عمّان عن الشرق الأوسط وشمال أفريقيا، مع تركيز على المياه "
            "والطاقة والتعليم.",
        },
    ),
    Author(
        "tom-whitaker",
        {"en": "Tom Whitaker", "ru": "Том Уитакер", "ar": "توم ويتاكر"},
        {"en": "Sports writer", "ru": "спортивный обозреватель", "ar": "كاتب رياضي"},
        {
            "en": "Tom Whitaker has covered four World Cups, three Olympic Games and far too many "
            "penalty shoot-outs.",
            "ru": "Том Уитакер освещал четыре чемпионата мира, трое Олимпийских игр и слишком много "
            "серий пенальти.",
            "ar": "غطّى توم ويتاكر أربع بطولات لكأس العالم وثلاث دورات أولمبية، وعددًا كبيرًا جدًا "
            "من ركلات الترجيح.",
        },
    ),
    Author(
        "priya-raman",
        {"en": "Priya Raman", "ru": "Прия Раман", "ar": "بريا رامان"},
        {
            "en": "Science and technology correspondent",
            "ru": "научный корреспондент",
            "ar": "مراسلة العلوم والتكنولوجيا",
        },
        {
            "en": "Priya Raman writes about space, climate and the technology in our pockets, from "
            "Bengaluru and wherever the next launch is.",
            "ru": "Прия Раман пишет о космосе, климате и технологиях, которые мы носим в кармане, — из "
            "Бангалора и оттуда, где следующий запуск.",
            "ar": "تكتب بريا رامان عن الفضاء والمناخ والتكنولوجيا التي نحملها في جيوبنا، من بنغالور "
            "ومن حيث يكون الإطلاق التالي.",
        },
    ),
    Author(
        "hannah-lindqvist",
        {"en": "Hannah Lindqvist", "ru": "Ханна Линдквист", "ar": "هانا ليندكفيست"},
        {"en": "Columnist", "ru": "колумнист", "ar": "كاتبة عمود"},
        {
            "en": "Hannah Lindqvist writes a weekly column on cities, work and how we live together.",
            "ru": "Ханна Линдквист раз в неделю пишет колонку о городах, работе и о том, как мы живём "
            "вместе.",
            "ar": "تكتب هانا ليندكفيست عمودًا أسبوعيًا عن المدن والعمل وكيف نعيش معًا.",
        },
    ),
]

GRAPHICS = "Dateline graphics"

# Motifs are drawing routines in dateline/demo/images.py; palettes are (sky/background, main, accent).
IMAGES = [
    Image(
        "tokyo-skyline",
        "City skyline at dusk",
        "Towers catch the last light over a coastal capital.",
        GRAPHICS,
        "skyline",
        ("#1d2b53", "#ff8a5b", "#ffd166"),
    ),
    Image(
        "rain-city",
        "Rain over a city street at night",
        "Rain sweeps across the lit windows of an evening city.",
        GRAPHICS,
        "rain",
        ("#101820", "#3a5a78", "#f2c14e"),
    ),
    Image(
        "old-town",
        "Rooftops of an old town",
        "Tiled roofs and towers of an old quarter.",
        GRAPHICS,
        "rooftops",
        ("#f4d6a0", "#9c4f2e", "#2e4057"),
    ),
    Image(
        "harbour-cranes",
        "Cranes over a container harbour",
        "Gantry cranes work the quay of a busy port.",
        GRAPHICS,
        "port",
        ("#9ad1d4", "#e76f51", "#264653"),
    ),
    Image(
        "container-ship",
        "Container ship at sea",
        "A loaded container ship heads out to sea.",
        GRAPHICS,
        "ship",
        ("#cfe8ef", "#1b4965", "#f4a261"),
    ),
    Image(
        "fishing-boats",
        "Fishing boats on a grey northern sea",
        "Trawlers ride the swell in northern waters.",
        GRAPHICS,
        "waves",
        ("#c9d6df", "#1e3d59", "#f5f0e1"),
    ),
    Image(
        "ocean-waves",
        "Waves rolling towards the shore",
        "Swell rolls in from the open ocean.",
        GRAPHICS,
        "waves",
        ("#ffe5b4", "#006d77", "#83c5be"),
    ),
    Image(
        "river-delta",
        "A river delta seen from above",
        "Channels of a delta fan out towards the sea.",
        GRAPHICS,
        "river",
        ("#3a7d44", "#7fc8f8", "#f6e7cb"),
    ),
    Image(
        "market-chart",
        "Market chart on a dark screen",
        "Prices on a trading screen.",
        GRAPHICS,
        "chart",
        ("#0b132b", "#5bc0be", "#f25f5c"),
    ),
    Image(
        "coffee-chart",
        "Commodity price chart",
        "A commodity price curve over a year of trading.",
        GRAPHICS,
        "chart",
        ("#2b1d14", "#d4a373", "#faedcd"),
    ),
    Image(
        "wheat-field",
        "Wheat field under a summer sky",
        "Ripe wheat ahead of the harvest.",
        GRAPHICS,
        "field",
        ("#8ecae6", "#e9c46a", "#6a994e"),
    ),
    Image(
        "coffee-hills",
        "Rows of coffee bushes on a hillside",
        "Coffee grows in rows on terraced hills.",
        GRAPHICS,
        "field",
        ("#f7d08a", "#386641", "#a7c957"),
    ),
    Image(
        "solar-field",
        "Rows of solar panels",
        "A solar farm stretches to the horizon.",
        GRAPHICS,
        "solar",
        ("#fdf0d5", "#1d3557", "#f4a261"),
    ),
    Image(
        "wind-farm",
        "Wind turbines on a ridge",
        "Turbines turn above rolling farmland.",
        GRAPHICS,
        "wind",
        ("#caf0f8", "#f8f9fa", "#52796f"),
    ),
    Image(
        "mountain-village",
        "Village below snowy mountains",
        "A village sits in a valley beneath the peaks.",
        GRAPHICS,
        "mountains",
        ("#a2d2ff", "#5e548e", "#fefae0"),
    ),
    Image(
        "andes-peaks",
        "High mountain range at sunrise",
        "Sunrise over a high mountain range.",
        GRAPHICS,
        "mountains",
        ("#ffcdb2", "#6d597a", "#ffffff"),
    ),
    Image(
        "forest-canopy",
        "Forest canopy in morning mist",
        "Mist lifts from a dense forest canopy.",
        GRAPHICS,
        "forest",
        ("#d8f3dc", "#2d6a4f", "#95d5b2"),
    ),
    Image(
        "stadium-night",
        "Stadium under floodlights",
        "Floodlights over a packed stadium.",
        GRAPHICS,
        "stadium",
        ("#0d1b2a", "#2a9d8f", "#ffe66d"),
    ),
    Image(
        "football-pitch",
        "Football pitch seen from the stands",
        "A freshly marked pitch before kick-off.",
        GRAPHICS,
        "stadium",
        ("#89c2d9", "#2f9e44", "#ffffff"),
    ),
    Image(
        "running-track",
        "Lanes of a running track",
        "The bend of an athletics track.",
        GRAPHICS,
        "track",
        ("#c1121f", "#fdf0d5", "#003049"),
    ),
    Image(
        "parliament-dome",
        "Dome of a parliament building",
        "The dome of a parliament building against the sky.",
        GRAPHICS,
        "dome",
        ("#bde0fe", "#f1faee", "#457b9d"),
    ),
    Image(
        "ballot-crowd",
        "Voters queueing outside a polling station",
        "People wait their turn to vote.",
        GRAPHICS,
        "crowd",
        ("#ffd6a5", "#3d405b", "#e07a5f"),
    ),
    Image(
        "night-market",
        "Crowd at a night market",
        "Lanterns light a busy night market.",
        GRAPHICS,
        "crowd",
        ("#14213d", "#000000", "#fca311"),
    ),
    Image(
        "classroom",
        "Pupils in a classroom",
        "Pupils listen at the start of a lesson.",
        GRAPHICS,
        "crowd",
        ("#e9f5db", "#344e41", "#f4a259"),
    ),
    Image(
        "circuit-board",
        "Close-up of a circuit board",
        "Traces and chips on a circuit board.",
        GRAPHICS,
        "circuit",
        ("#081c15", "#52b788", "#d8f3dc"),
    ),
    Image(
        "newsroom-desk",
        "Screens on a newsroom desk",
        "Screens on a newsroom desk during a busy shift.",
        GRAPHICS,
        "screens",
        ("#22223b", "#4a4e69", "#f2e9e4"),
    ),
    Image(
        "world-globe",
        "Globe with trade routes",
        "Routes criss-cross a stylised globe.",
        GRAPHICS,
        "globe",
        ("#03045e", "#0077b6", "#ffb703"),
    ),
    Image(
        "satellite-orbit",
        "Satellite orbiting the Earth",
        "A satellite passes over the Earth.",
        GRAPHICS,
        "orbit",
        ("#000814", "#4361ee", "#ffffff"),
    ),
    Image(
        "desert-road",
        "Road across the desert",
        "A straight road runs into the desert.",
        GRAPHICS,
        "road",
        ("#ffb703", "#d62828", "#3d405b"),
    ),
    Image(
        "savanna-railway",
        "Railway line across the savanna",
        "A new line crosses open savanna.",
        GRAPHICS,
        "rail",
        ("#ffbe0b", "#6b4226", "#3a5a40"),
    ),
    Image(
        "train-station",
        "Train at a station platform",
        "A train waits at the platform.",
        GRAPHICS,
        "rail",
        ("#e0fbfc", "#293241", "#ee6c4d"),
    ),
    Image(
        "lab-glassware",
        "Glassware on a laboratory bench",
        "Flasks and beakers on a laboratory bench.",
        GRAPHICS,
        "lab",
        ("#edf6f9", "#006d77", "#e29578"),
    ),
    Image(
        "chess-board",
        "Chess pieces on a board",
        "The middle game on a chess board.",
        GRAPHICS,
        "chess",
        ("#2b2d42", "#edf2f4", "#ef233c"),
    ),
]
