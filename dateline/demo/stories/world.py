"""World demo stories: an earthquake drill, a railway, Arctic fishing, a flood-season warning and more."""

from __future__ import annotations

from dateline.demo.content import Story, Version

STORIES: list[Story] = [
    Story(
        key="tokyo-earthquake-drill",
        section="world",
        hours_ago=3,
        updated_hours_later=1.5,
        authors=["kenji-mori"],
        agency="pacific",
        image="tokyo-skyline",
        versions={
            "en": Version(
                kicker="Disaster readiness",
                title="Tokyo stops for eight minutes as a million people rehearse the next big earthquake",
                lede="Trains halted, lifts opened their doors and schoolchildren crouched under desks "
                "across the capital on Tuesday in the largest earthquake drill the city has run in a "
                "decade.",
                place="Tokyo",
                tags=["Japan", "Earthquakes", "Cities"],
                body=[
                    (
                        "p",
                        "At 10:02 a.m. the phones of almost everyone in central Tokyo sounded the same "
                        "rising alarm, and for eight minutes the city behaved as if the ground had started "
                        "to move. Commuter trains rolled to a stop between stations, traffic lights turned "
                        "red in every direction and office workers filed down emergency stairs while "
                        "wardens in orange vests counted heads on the pavement. City officials said more "
                        "than 1.1 million people in offices, schools, hospitals and shops took part in the "
                        "exercise.",
                    ),
                    (
                        "p",
                        "The drill was built around a scenario in which a magnitude 7.3 earthquake strikes "
                        "directly beneath the capital in mid-morning, the hour when the largest number of "
                        "people are away from home. Planners added two complications this year: a "
                        "simulated failure of the mobile data network for the first twenty minutes, and "
                        "heavy rain forecast for the evening, which would slow the clearing of roads "
                        "blocked by debris.",
                    ),
                    ("h", "Rehearsing the walk home"),
                    (
                        "p",
                        "The part of the exercise that drew the most attention was the walk home. In the "
                        "real earthquake the city expects, trains could stay suspended for a day or more, "
                        "leaving several million commuters stranded far from their families. Since the "
                        "last major drill, the city has asked large employers to keep three days of water "
                        "and food for their staff and to tell them to stay put rather than set off on foot "
                        "into crowded streets.",
                    ),
                    (
                        "quote",
                        "The most dangerous moment is not always the shaking. It is the hour afterwards, "
                        "when everyone decides at once to go home on foot and the pavements fill up faster "
                        "than the roads can be cleared.",
                        "Haruka Ishida",
                        "Director of disaster planning, Tokyo Metropolitan Government",
                    ),
                    (
                        "p",
                        "At a primary school in Shinagawa, pupils practised leaving the building in "
                        "silence and then waited in the playground for their parents, who had to show a "
                        "pick-up card before a teacher would release a child. Head teacher Masato Kubo "
                        "said the routine had been shortened by four minutes since last year, mainly "
                        "because the cards now carry a barcode instead of a handwritten name.",
                    ),
                    (
                        "image",
                        "rain-city",
                        "Planners added a simulated evening downpour to this year's scenario.",
                    ),
                    (
                        "p",
                        "Not everything went to plan. Several district offices reported that their backup "
                        "radios could not reach the central command post for the first quarter of an hour, "
                        "and a shopping centre in Ikebukuro opened its doors to the street before its own "
                        "wardens had finished checking the stairwells. Officials said both problems would "
                        "be written into the city's lessons report, due to be published next month, and "
                        "that a second, smaller drill focused on communications is planned for the spring.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Готовность к бедствиям",
                title="Токио замер на восемь минут: миллион человек отрепетировали сильное землетрясение",
                lede="Во вторник по всей японской столице остановились поезда, лифты открыли двери, а "
                "школьники спрятались под парты — город провёл крупнейшие за десять лет учения на случай "
                "землетрясения.",
                place="Токио",
                tags=["Япония", "Землетрясения", "Города"],
                body=[
                    (
                        "p",
                        "В 10:02 утра телефоны почти у всех, кто находился в центре Токио, издали "
                        "одинаковый нарастающий сигнал тревоги, и следующие восемь минут город вёл себя "
                        "так, будто земля уже начала двигаться. Пригородные электрички остановились между "
                        "станциями, светофоры на перекрёстках загорелись красным во всех направлениях, а "
                        "сотрудники офисов спустились по пожарным лестницам на улицу, где дежурные в "
                        "оранжевых жилетах пересчитывали людей. По данным городских властей, в учениях "
                        "участвовали более 1,1 миллиона человек — в офисах, школах, больницах и магазинах.",
                    ),
                    (
                        "p",
                        "Сценарий учений исходил из того, что землетрясение магнитудой 7,3 происходит "
                        "прямо под столицей в середине утра — в то время, когда вдали от дома находится "
                        "больше всего людей. В этом году организаторы добавили два осложнения: условный "
                        "отказ мобильного интернета на первые двадцать минут и сильный дождь, обещанный "
                        "синоптиками на вечер, — он замедлил бы расчистку дорог от завалов.",
                    ),
                    ("h", "Дорога домой пешком"),
                    (
                        "p",
                        "Больше всего внимания привлекла та часть учений, которая касалась возвращения "
                        "домой. При настоящем сильном землетрясении поезда могут не ходить сутки и дольше, "
                        "и несколько миллионов человек окажутся далеко от своих семей. После прошлых "
                        "крупных учений город попросил крупных работодателей держать трёхдневный запас "
                        "воды и еды для сотрудников и объяснять им, что лучше оставаться на месте, чем "
                        "отправляться пешком по переполненным улицам.",
                    ),
                    (
                        "quote",
                        "Самый опасный момент — не всегда сами толчки. Опаснее час после них, когда все "
                        "одновременно решают идти домой пешком и тротуары заполняются быстрее, чем "
                        "успевают расчистить дороги.",
                        "Харука Исида",
                        "директор по планированию на случай бедствий, правительство Токио",
                    ),
                    (
                        "p",
                        "В начальной школе в районе Синагава ученики потренировались выходить из здания "
                        "молча, а затем ждали на школьном дворе родителей: учитель отпускал ребёнка, "
                        "только увидев специальную карточку. Директор школы Масато Кубо рассказал, что по "
                        "сравнению с прошлым годом вся процедура стала на четыре минуты короче — главным "
                        "образом потому, что на карточках теперь штрихкод, а не имя, написанное от руки.",
                    ),
                    (
                        "image",
                        "rain-city",
                        "В этом году к сценарию учений добавили условный вечерний ливень.",
                    ),
                    (
                        "p",
                        "Не всё прошло гладко. Несколько районных управ сообщили, что их резервные "
                        "радиостанции первые четверть часа не могли связаться с центральным штабом, а "
                        "торговый центр в Икэбукуро открыл двери на улицу раньше, чем его собственные "
                        "дежурные закончили проверять лестницы. Чиновники пообещали включить обе проблемы "
                        "в отчёт об итогах учений, который опубликуют в следующем месяце. Весной "
                        "запланированы ещё одни, менее масштабные учения, посвящённые связи.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="east-africa-rail-link",
        section="world",
        hours_ago=20,
        authors=["daniel-osei"],
        agency="meridian",
        image="savanna-railway",
        versions={
            "en": Version(
                kicker="Transport",
                title="First passenger trains cross the border on the new Nairobi–Arusha line",
                lede="A journey that took most of a day by bus now takes four hours and forty minutes, as "
                "the long-delayed cross-border railway opened to paying passengers on Saturday.",
                place="Nairobi",
                tags=["Kenya", "Tanzania", "Railways"],
                body=[
                    (
                        "p",
                        "The first scheduled passenger train on the new line between Nairobi and Arusha "
                        "left the capital's southern terminal at 7:15 on Saturday morning with 412 "
                        "passengers on board, many of them traders carrying sacks of goods they hope to "
                        "sell on the other side of the border. The service will run twice a day in each "
                        "direction, with a single stop for passport and customs checks at a joint border "
                        "station where officers from both countries work side by side in the same building.",
                    ),
                    (
                        "p",
                        "The corridor authority that built the line says tickets will cost about the same "
                        "as a long-distance bus seat in second class, with a cheaper fare for students and "
                        "a separate wagon for farm produce. Freight trains are expected to start in the "
                        "new year, once loading yards in both cities are finished, and the authority hopes "
                        "the line will take several hundred lorries a day off a road that is notorious for "
                        "accidents during the rainy season.",
                    ),
                    ("h", "Eleven years from plan to platform"),
                    (
                        "p",
                        "The project was first proposed more than a decade ago and stalled twice, once "
                        "over how to split its cost and once over the route through a wildlife corridor "
                        "south of the border. Engineers eventually raised a twelve-kilometre section onto "
                        "embankments with wide underpasses so that elephants and wildebeest can cross "
                        "beneath the tracks, a design that added almost a year to construction.",
                    ),
                    (
                        "quote",
                        "My sister lives in Arusha and I used to see her once a year. Now I can go on "
                        "Friday and be back for work on Monday, and I can carry my tomatoes with me.",
                        "Grace Wanjiru",
                        "Market trader, travelling on the first train",
                    ),
                    (
                        "p",
                        "Not everyone was celebrating. Bus operators on the route say they have already "
                        "lost bookings and want the government to help them switch to feeder services to "
                        "the new stations, which sit outside both city centres. The authority said it was "
                        "in talks with local transport companies and would publish a timetable for "
                        "connecting buses within a month. Its chief executive, Joseph Mwakasege, said the "
                        "first week of tickets had sold out within two days.",
                    ),
                    ("related", "arctic-fishing-quotas"),
                ],
            ),
            "ru": Version(
                kicker="Транспорт",
                title="По новой линии Найроби — Аруша через границу прошли первые пассажирские поезда",
                lede="Дорога, на которую на автобусе уходил почти целый день, теперь занимает четыре часа "
                "сорок минут: в субботу долгожданная трансграничная железная дорога приняла первых "
                "пассажиров.",
                place="Найроби",
                tags=["Кения", "Танзания", "Железные дороги"],
                body=[
                    (
                        "p",
                        "Первый пассажирский поезд по расписанию на новой линии между Найроби и Арушей "
                        "отправился с южного вокзала кенийской столицы в субботу в 7:15 утра. На борту "
                        "было 412 пассажиров, многие из них — торговцы с мешками товаров, которые они "
                        "надеются продать по ту сторону границы. Поезда будут ходить дважды в день в "
                        "каждом направлении с единственной остановкой для паспортного и таможенного "
                        "контроля на общей пограничной станции, где сотрудники обеих стран работают в "
                        "одном здании.",
                    ),
                    (
                        "p",
                        "Управление транспортного коридора, построившее линию, обещает, что билет во "
                        "второй класс будет стоить примерно столько же, сколько место в междугороднем "
                        "автобусе. Для студентов предусмотрен льготный тариф, а для сельскохозяйственной "
                        "продукции — отдельный вагон. Грузовые поезда должны пойти в начале следующего "
                        "года, когда в обоих городах достроят погрузочные площадки. В управлении надеются, "
                        "что дорога снимет с трассы несколько сотен грузовиков в день: в сезон дождей на "
                        "ней постоянно случаются аварии.",
                    ),
                    ("h", "Одиннадцать лет от плана до перрона"),
                    (
                        "p",
                        "Проект впервые предложили больше десяти лет назад, и он дважды заходил в тупик: "
                        "сначала из-за споров о том, как делить расходы, затем из-за маршрута через "
                        "миграционный коридор диких животных к югу от границы. В итоге инженеры подняли "
                        "двенадцатикилометровый участок на насыпь с широкими проходами, чтобы слоны и "
                        "антилопы гну могли пересекать линию под путями. Это решение продлило "
                        "строительство почти на год.",
                    ),
                    (
                        "quote",
                        "Моя сестра живёт в Аруше, и я виделась с ней раз в год. Теперь я могу уехать в "
                        "пятницу и вернуться к понедельнику на работу, да ещё и взять с собой помидоры.",
                        "Грейс Ванджиру",
                        "торговка с рынка, пассажирка первого поезда",
                    ),
                    (
                        "p",
                        "Радовались не все. Владельцы автобусных компаний, работающих на этом направлении, "
                        "говорят, что уже теряют заказы, и просят правительство помочь им перейти на "
                        "подвоз пассажиров к новым станциям, которые находятся за пределами центров обоих "
                        "городов. В управлении коридора сообщили, что ведут переговоры с местными "
                        "перевозчиками и в течение месяца опубликуют расписание автобусов, согласованное с "
                        "поездами. По словам главы управления Джозефа Мвакасеге, билеты на первую неделю "
                        "были распроданы за два дня.",
                    ),
                    ("related", "arctic-fishing-quotas"),
                ],
            ),
        },
    ),
    Story(
        key="arctic-fishing-quotas",
        section="world",
        hours_ago=31,
        authors=["olga-sokolova"],
        agency="nordwire",
        image="fishing-boats",
        versions={
            "en": Version(
                kicker="Arctic",
                title="Northern fishing nations agree to cut cod catch by a fifth as stocks move north",
                lede="After four days of talks in Tromsø, the members of the North Atlantic Fisheries "
                "Council settled on the deepest cut in cod quotas for twenty years, and on a joint survey "
                "of where the fish have gone.",
                place="Tromsø",
                tags=["Arctic", "Fishing", "Oceans"],
                body=[
                    (
                        "p",
                        "Delegations from six fishing nations agreed late on Thursday to reduce next "
                        "year's total allowable catch of Arctic cod by 21 percent, ending talks that had "
                        "been scheduled to last two days and ran to four. Scientists advising the North "
                        "Atlantic Fisheries Council had recommended a cut of up to 30 percent after two "
                        "poor breeding seasons, while several fleets had pushed for no change at all, "
                        "arguing that the fish had not disappeared but moved.",
                    ),
                    (
                        "p",
                        "Both sides may be right. Survey vessels have found large schools of young cod "
                        "much further north and east than they were a generation ago, in colder water near "
                        "the edge of the sea ice, where few commercial boats operate and where the fish "
                        "are harder to count. The compromise includes money for a three-year joint survey "
                        "using research ships and underwater drones, with the results to be used when "
                        "quotas are set again.",
                    ),
                    (
                        "quote",
                        "We are not arguing about whether there are fewer fish. We are arguing about where "
                        "they are, and the only honest answer is that we need to go and look.",
                        "Siri Mæland",
                        "Chair of the council's scientific committee",
                    ),
                    ("h", "Harbours brace for a lean year"),
                    (
                        "p",
                        "In Tromsø's harbour, where trawlers were unloading the last catch of the autumn "
                        "season, the reaction was muted. Skippers said a cut had been expected, but many "
                        "worry about smaller coastal boats that cannot travel the longer distances to the "
                        "new fishing grounds. Processing plants in several coastal towns employ hundreds "
                        "of seasonal workers, and local officials have asked for help to keep them open "
                        "through a leaner winter.",
                    ),
                    (
                        "quote",
                        "A big trawler can chase the cod to the ice edge. A twelve-metre boat with two "
                        "people on board cannot, and those are the boats that keep our villages alive.",
                        "Arne Solbakk",
                        "Coastal fisher and harbour councillor",
                    ),
                    (
                        "p",
                        "The agreement still has to be approved by each member government, which usually "
                        "happens without changes before the new year. Environmental groups welcomed the "
                        "survey but said the cut fell short of the scientific advice, and warned that "
                        "quotas would have to be revisited quickly if the next breeding season also "
                        "disappoints.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Арктика",
                title="Северные рыболовные страны договорились сократить вылов трески на пятую часть",
                lede="После четырёх дней переговоров в Тромсё члены Совета по рыболовству Северной "
                "Атлантики согласовали самое глубокое за двадцать лет сокращение квот на треску и "
                "совместное исследование того, куда ушла рыба.",
                place="Тромсё",
                tags=["Арктика", "Рыболовство", "Океаны"],
                body=[
                    (
                        "p",
                        "Поздно вечером в четверг делегации шести рыболовных стран договорились сократить "
                        "общий допустимый улов арктической трески на следующий год на 21%. Переговоры, "
                        "рассчитанные на два дня, растянулись на четыре. Учёные, консультирующие Совет по "
                        "рыболовству Северной Атлантики, после двух неудачных нерестовых сезонов "
                        "рекомендовали сокращение вплоть до 30%, тогда как ряд флотов выступал против "
                        "любых изменений: по их мнению, рыба никуда не исчезла, а просто переместилась.",
                    ),
                    (
                        "p",
                        "Возможно, правы и те и другие. Исследовательские суда находят большие косяки "
                        "молодой трески гораздо севернее и восточнее, чем поколение назад, — в более "
                        "холодной воде у кромки льдов, где почти не работают промысловые суда и где рыбу "
                        "труднее подсчитать. Компромисс предусматривает финансирование трёхлетнего "
                        "совместного исследования с участием научных судов и подводных дронов. Его "
                        "результаты учтут при следующем распределении квот.",
                    ),
                    (
                        "quote",
                        "Мы спорим не о том, стало ли рыбы меньше. Мы спорим о том, где она, и "
                        "единственный честный ответ — надо пойти и посмотреть.",
                        "Сири Мэланн",
                        "председатель научного комитета совета",
                    ),
                    ("h", "Порты готовятся к скудному году"),
                    (
                        "p",
                        "В порту Тромсё, где траулеры выгружали последний улов осеннего сезона, новость "
                        "встретили сдержанно. Капитаны говорят, что сокращения ждали, но многих беспокоит "
                        "судьба небольших прибрежных лодок, которым не под силу ходить к новым районам "
                        "промысла. Рыбоперерабатывающие заводы в нескольких прибрежных городах дают работу "
                        "сотням сезонных рабочих, и местные власти уже попросили помощи, чтобы продержать "
                        "их открытыми до весны.",
                    ),
                    (
                        "quote",
                        "Большой траулер может гнаться за треской до самой кромки льда. Двенадцатиметровая "
                        "лодка с двумя людьми на борту — нет, а ведь именно такие лодки и держат на плаву "
                        "наши посёлки.",
                        "Арне Сольбакк",
                        "прибрежный рыбак и член портового совета",
                    ),
                    (
                        "p",
                        "Соглашение ещё должны утвердить правительства всех стран — участниц совета; "
                        "обычно это происходит без поправок до Нового года. Экологические организации "
                        "приветствовали исследование, но заметили, что сокращение не дотягивает до "
                        "рекомендаций учёных, и предупредили: если и следующий нерест окажется слабым, "
                        "квоты придётся пересматривать быстро.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="lima-river-defences",
        section="world",
        hours_ago=54,
        updated_hours_later=5,
        authors=["lucia-ferreira"],
        image="andes-peaks",
        versions={
            "en": Version(
                title="Lima races to clear its riverbeds before the rains reach the Andes",
                lede="Crews are removing rubble and rubbish from the dry channels that cross Peru's "
                "capital, after forecasters warned that a warm Pacific could bring heavy rain to the "
                "mountains above the city early this year.",
                place="Lima",
                tags=["Peru", "Floods", "Climate"],
                body=[
                    (
                        "p",
                        "For most of the year the channels that run from the Andes down through Lima carry "
                        "little more than a trickle, and in many neighbourhoods they have quietly become "
                        "car parks, football pitches and unofficial rubbish dumps. That is what worries "
                        "the city's emergency planners. When heavy rain falls in the mountains, the same "
                        "channels can fill within an hour with fast-moving water, mud and stones, known "
                        "locally as huaicos, which sweep away anything in their path.",
                    ),
                    (
                        "p",
                        "This week more than 600 workers and 80 excavators began clearing a total of 46 "
                        "kilometres of riverbed, working from the upper valleys down towards the sea. The "
                        "city has also started fitting sirens and water-level sensors at eighteen points "
                        "along the Rímac and its tributaries, connected to a control room that can send "
                        "text alerts to phones in the districts below.",
                    ),
                    (
                        "quote",
                        "Every tyre and every pile of bricks in a dry riverbed becomes part of the flood "
                        "when the water comes. What we remove now, we do not have to dig out of someone's "
                        "house later.",
                        "Rosa Quispe",
                        "Head of risk management, Metropolitan Municipality of Lima",
                    ),
                    ("h", "Moving families out of the way"),
                    (
                        "p",
                        "The harder task is the homes. Officials estimate that about 3,800 families live "
                        "in houses built inside or on the edge of flood channels, many of them on land "
                        "they have occupied for decades. The city is offering rent support for two years "
                        "to families who agree to move to safer plots, but so far fewer than 400 have "
                        "signed up, and community leaders say the new plots are too far from work and "
                        "schools.",
                    ),
                    ("image", "river-delta", "Lima's rivers run almost dry for most of the year."),
                    (
                        "p",
                        "Forecasters stress that a warm ocean does not guarantee floods, and that the "
                        "outlook could still change over the coming weeks. The city says it will publish a "
                        "map of the riskiest streets online and run evacuation drills in twelve districts "
                        "before the end of the month. After this story was first published, the "
                        "municipality added that schools near the channels would also take part.",
                    ),
                ],
            ),
            "ru": Version(
                title="Лима торопится расчистить русла рек до того, как в Андах начнутся дожди",
                lede="Рабочие вывозят строительный мусор и отходы из сухих русел, пересекающих столицу "
                "Перу: синоптики предупредили, что тёплые воды Тихого океана могут в этом году рано "
                "принести в горы над городом сильные ливни.",
                place="Лима",
                tags=["Перу", "Наводнения", "Климат"],
                body=[
                    (
                        "p",
                        "Большую часть года по руслам, которые спускаются с Анд через Лиму, течёт разве "
                        "что тонкий ручеёк, и во многих районах они незаметно превратились в парковки, "
                        "футбольные поля и стихийные свалки. Именно это и беспокоит городских специалистов "
                        "по чрезвычайным ситуациям. Когда в горах идут сильные дожди, эти же русла за час "
                        "заполняются стремительным потоком воды, грязи и камней — здесь его называют "
                        "«уайко», — который сносит всё на своём пути.",
                    ),
                    (
                        "p",
                        "На этой неделе более 600 рабочих и 80 экскаваторов начали расчищать в общей "
                        "сложности 46 километров речных русел, двигаясь от верхних долин к морю. Город "
                        "также устанавливает сирены и датчики уровня воды в восемнадцати точках вдоль реки "
                        "Римак и её притоков. Они подключены к диспетчерскому центру, который может "
                        "рассылать предупреждения на телефоны жителей районов ниже по течению.",
                    ),
                    (
                        "quote",
                        "Каждая покрышка и каждая груда кирпичей в сухом русле становится частью потока, "
                        "когда приходит вода. То, что мы уберём сейчас, нам не придётся потом откапывать "
                        "из чьего-то дома.",
                        "Роса Киспе",
                        "руководитель службы управления рисками, муниципалитет Лимы",
                    ),
                    ("h", "Переселить семьи с пути воды"),
                    (
                        "p",
                        "Сложнее всего с жильём. По оценкам чиновников, около 3800 семей живут в домах, "
                        "построенных прямо в руслах или на их краю, многие — на земле, которую занимают "
                        "десятилетиями. Город предлагает двухлетнюю помощь с арендой тем, кто согласится "
                        "переехать на более безопасные участки, но пока согласились меньше 400 семей. "
                        "Лидеры местных общин говорят, что новые участки слишком далеко от работы и школ.",
                    ),
                    ("image", "river-delta", "Большую часть года реки Лимы почти пересыхают."),
                    (
                        "p",
                        "Синоптики подчёркивают, что тёплый океан не гарантирует наводнений и прогноз ещё "
                        "может измениться в ближайшие недели. Город обещает опубликовать в интернете карту "
                        "самых опасных улиц и до конца месяца провести учения по эвакуации в двенадцати "
                        "районах. Уже после публикации этой статьи в муниципалитете добавили, что в "
                        "учениях примут участие и школы, расположенные рядом с руслами.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="jakarta-sea-wall-homes",
        section="world",
        hours_ago=97,
        authors=["kenji-mori", "amelia-hart"],
        agency="pacific",
        image="ocean-waves",
        versions={
            "en": Version(
                kicker="Feature",
                title="Behind Jakarta's new sea wall, a fishing village learns to live below the tide",
                lede="A two-kilometre concrete barrier now keeps high tides out of Tanjung Lestari. "
                "Residents say they sleep better, but the boats that feed them are on the other side.",
                place="Jakarta",
                tags=["Indonesia", "Sea level", "Cities"],
                body=[
                    (
                        "p",
                        "From the top of the new sea wall in north Jakarta, the difference is easy to see. "
                        "On one side, the grey water of the bay slaps against the concrete almost at the "
                        "height of a person's chest. On the other, the roofs of Tanjung Lestari sit well "
                        "below it, because the ground beneath this old fishing district has sunk by more "
                        "than two metres in forty years as wells drew water from the soil.",
                    ),
                    (
                        "p",
                        "The wall, finished in the spring, was built to stop the tidal floods that used to "
                        "pour through the narrow lanes several times a year. Since then, residents say, "
                        "the water has not come over once. Pumps at the end of each canal now push "
                        "rainwater out into the bay, a job that used to be left to gravity and usually "
                        "failed in the wet season.",
                    ),
                    (
                        "quote",
                        "Before, I kept our rice and our papers on the top shelf and moved the motorbike "
                        "every full moon. This year I have not moved anything.",
                        "Siti Rahmawati",
                        "Resident of Tanjung Lestari and owner of a small shop",
                    ),
                    ("h", "A wall with doors"),
                    (
                        "p",
                        "The fishing families have a different problem. Their boats now moor outside the "
                        "wall, and the gates that let them through open only at set hours. Several "
                        "fishermen said they had lost catches waiting for a gate to open, and the local "
                        "cooperative has asked the city for more gates and for cold storage on the harbour "
                        "side, so that fish can be kept while boats wait.",
                    ),
                    (
                        "p",
                        "City engineers say the wall buys time rather than solving the problem. Unless the "
                        "pumping of groundwater stops, the land will keep sinking and the wall will have "
                        "to be raised again. The city has promised piped water to every household in the "
                        "district within three years, so that the last private wells can be closed.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="vladivostok-island-ferry",
        section="world",
        hours_ago=140,
        authors=["olga-sokolova"],
        image="container-ship",
        versions={
            "ru": Version(
                kicker="Репортаж",
                title="Круглогодичный паром связал Владивосток с островами залива",
                lede="Новое судно ледового класса будет ходить на острова Петра Великого залива даже "
                "зимой, когда прежние катера стояли у причала по три месяца.",
                place="Владивосток",
                tags=["Владивосток", "Транспорт", "Острова"],
                body=[
                    (
                        "p",
                        "В понедельник утром от морского вокзала Владивостока отошёл первый рейс нового "
                        "парома, который будет ходить на острова залива круглый год. Судно вмещает 240 "
                        "пассажиров и шесть грузовиков, а его усиленный корпус позволяет проходить через "
                        "молодой лёд толщиной до сорока сантиметров. До сих пор зимой связь с островами "
                        "держалась на вертолёте, который летал два раза в неделю и часто отменялся из-за "
                        "ветра.",
                    ),
                    (
                        "p",
                        "Для жителей островов это не только вопрос удобства. Зимой туда было трудно "
                        "доставлять продукты и лекарства, а школьникам старших классов приходилось на "
                        "несколько месяцев переезжать к родственникам в город. Теперь паром будет ходить "
                        "ежедневно, а в выходные — дважды в день.",
                    ),
                    (
                        "quote",
                        "Раньше с ноября по март мы жили как на зимовке: что завезли осенью, то и есть. "
                        "Сегодня я впервые за много лет купила зимой свежие огурцы не втридорога.",
                        "Валентина Корнеева",
                        "жительница острова, учительница начальных классов",
                    ),
                    ("h", "Расписание подстроят под лёд"),
                    (
                        "p",
                        "Капитан парома Сергей Белых рассказал, что в самые холодные недели маршрут будет "
                        "прокладываться по каналу, который заранее проходит ледокол портового флота. По "
                        "его словам, время в пути при этом вырастет с полутора до двух с половиной часов. "
                        "Расписание на январь и февраль пообещали публиковать за неделю вперёд с учётом "
                        "ледовой обстановки.",
                    ),
                    (
                        "p",
                        "Стоимость билета для жителей островов останется прежней, туристы будут платить "
                        "вдвое больше. Если первая зима пройдёт без срывов, весной на линию может выйти "
                        "второе судно такого же типа, чтобы связать с городом и самые дальние острова "
                        "залива.",
                    ),
                ],
            ),
        },
    ),
]
