"""Science & Tech demo stories: a glacier satellite, vaccine drones, the deep sea and a listening forest."""

from __future__ import annotations

from dateline.demo.content import Story, Version

STORIES: list[Story] = [
    Story(
        key="science-glacier-satellite",
        section="science",
        hours_ago=26,
        authors=["olga-sokolova", "priya-raman"],
        agency="nordwire",
        image="satellite-orbit",
        versions={
            "en": Version(
                kicker="Space",
                title="A shoebox-sized satellite will measure 200 glaciers every five days",
                lede="Researchers in Reykjavik say their radar microsatellite, due to launch in the "
                "spring, will track the thinning of the ice almost in real time instead of once a "
                "season.",
                place="Reykjavik",
                tags=["Glaciers", "Satellites", "Climate"],
                body=[
                    (
                        "p",
                        "A team of glaciologists and engineers in Reykjavik has finished building a radar "
                        "satellite no bigger than a shoebox, designed to measure the surface height of 200 "
                        "glaciers across the North Atlantic every five days. The spacecraft, named "
                        "Jökull-1 by its makers at the Nordic Ice Observatory, passed its final vibration "
                        "tests this week and is due to reach orbit in the spring on a shared launch with "
                        "two dozen other small payloads.",
                    ),
                    ("h", "A film instead of snapshots"),
                    (
                        "p",
                        "Most glaciers in the region are surveyed once or twice a year, either from "
                        "aircraft or by field teams who cross the ice on foot with satellite receivers. "
                        "Those measurements are precise but sparse, and they can miss the sudden surges "
                        "and collapses that now account for a growing share of ice loss. By passing over "
                        "the same points every five days, the new satellite should catch such events as "
                        "they happen and give flood forecasters downstream hours or even days of extra "
                        "warning.",
                    ),
                    (
                        "quote",
                        "We have very good photographs of where the ice used to be. What we are missing is "
                        "a film of how it moves, and this satellite is the camera for that film.",
                        "Hrafnhildur Jónsdóttir",
                        "Principal investigator, Nordic Ice Observatory",
                    ),
                    (
                        "p",
                        "The satellite carries a compact radar altimeter folded into a panel that opens "
                        "like a book once it is in orbit. The engineers said the hardest problem was not "
                        "the radar itself but keeping the electronics cool while they transmit, because "
                        "the observatory's ground station in the north of Iceland can hear the spacecraft "
                        "for only about eight minutes on each pass.",
                    ),
                    (
                        "image",
                        "mountain-village",
                        "Meltwater from the ice caps feeds rivers, farms and hydropower plants downstream.",
                    ),
                    (
                        "p",
                        "All measurements will be published openly within 24 hours, a decision the "
                        "observatory described as essential for small municipalities and hydropower "
                        "operators that cannot afford commercial imagery. The project cost about 4.2 "
                        "million euros, shared between three universities and a regional research fund, a "
                        "fraction of the price of a conventional Earth-observation mission. If the first "
                        "year goes well, the team hopes to launch two more units to watch the glaciers of "
                        "Svalbard and Greenland.",
                    ),
                    ("related", "science-deep-sea-survey"),
                ],
            ),
            "ru": Version(
                kicker="Космос",
                title="Спутник размером с обувную коробку будет каждые пять дней измерять 200 ледников",
                lede="Исследователи из Рейкьявика говорят, что их радарный микроспутник, запуск "
                "которого намечен на весну, позволит следить за таянием льда почти в реальном "
                "времени, а не раз в сезон.",
                place="Рейкьявик",
                tags=["Ледники", "Спутники", "Климат"],
                body=[
                    (
                        "p",
                        "Группа гляциологов и инженеров в Рейкьявике закончила сборку радарного спутника "
                        "размером не больше обувной коробки. Он будет каждые пять дней измерять высоту "
                        "поверхности 200 ледников в Северной Атлантике. Аппарат, который его создатели из "
                        "Северной ледовой обсерватории назвали «Йёкюдль-1», на этой неделе прошёл "
                        "последние вибрационные испытания и весной должен отправиться на орбиту попутным "
                        "грузом вместе с двумя десятками других небольших спутников.",
                    ),
                    ("h", "Фильм вместо фотографий"),
                    (
                        "p",
                        "Большинство ледников в регионе обследуют раз или два в год — с самолётов или "
                        "силами полевых групп, которые пересекают лёд пешком со спутниковыми приёмниками. "
                        "Такие измерения точны, но редки, и в них могут не попасть внезапные подвижки и "
                        "обрушения, на которые теперь приходится всё большая доля потерь льда. Пролетая "
                        "над одними и теми же точками каждые пять дней, новый спутник должен замечать "
                        "такие события в момент, когда они происходят, и давать синоптикам, которые "
                        "прогнозируют паводки ниже по течению, лишние часы или даже дни на предупреждение.",
                    ),
                    (
                        "quote",
                        "У нас есть очень хорошие фотографии того, где лёд был раньше. Чего нам не "
                        "хватает, так это фильма о том, как он движется, и этот спутник — камера для "
                        "такого фильма.",
                        "Хравнхильдур Йоунсдоттир",
                        "научный руководитель проекта, Северная ледовая обсерватория",
                    ),
                    (
                        "p",
                        "Спутник несёт компактный радарный высотомер, сложенный в панель, которая "
                        "раскрывается на орбите, как книга. По словам инженеров, самой трудной задачей "
                        "оказался не сам радар, а охлаждение электроники во время передачи данных: "
                        "наземная станция обсерватории на севере Исландии слышит аппарат лишь около восьми "
                        "минут за каждый пролёт.",
                    ),
                    (
                        "image",
                        "mountain-village",
                        "Талая вода с ледниковых шапок питает реки, фермы и гидроэлектростанции ниже по "
                        "течению.",
                    ),
                    (
                        "p",
                        "Все измерения будут публиковаться в открытом доступе в течение 24 часов. В "
                        "обсерватории называют это решение принципиальным для небольших муниципалитетов и "
                        "операторов ГЭС, которым не по карману коммерческие снимки. Проект обошёлся "
                        "примерно в 4,2 млн евро, которые разделили три университета и региональный "
                        "научный фонд, — это лишь малая доля стоимости обычной миссии по наблюдению Земли. "
                        "Если первый год пройдёт успешно, команда надеется запустить ещё два аппарата, "
                        "чтобы следить за ледниками Шпицбергена и Гренландии.",
                    ),
                    ("related", "science-deep-sea-survey"),
                ],
            ),
            "ar": Version(
                kicker="الفضاء",
                title="قمر صناعي بحجم علبة أحذية سيقيس 200 نهر جليدي كل خمسة أيام",
                lede="يقول باحثون في ريكيافيك إن قمرهم الصناعي الراداري الصغير، المقرر إطلاقه في "
                "الربيع، سيتيح متابعة ذوبان الجليد في وقت شبه فوري بدلاً من مرة واحدة كل موسم.",
                place="ريكيافيك",
                tags=["الأنهار الجليدية", "الأقمار الصناعية", "المناخ"],
                body=[
                    (
                        "p",
                        "أنهى فريق من علماء الجليد والمهندسين في ريكيافيك بناء قمر صناعي راداري لا يتجاوز "
                        "حجمه علبة أحذية، صُمّم لقياس ارتفاع سطح 200 نهر جليدي في شمال المحيط الأطلسي كل "
                        "خمسة أيام. واجتاز القمر، الذي أطلق عليه صانعوه في المرصد الشمالي للجليد اسم "
                        "«يوكول-1»، اختبارات الاهتزاز النهائية هذا الأسبوع، ومن المقرر أن يبلغ مداره في "
                        "الربيع ضمن عملية إطلاق مشتركة تحمل نحو عشرين حمولة صغيرة أخرى.",
                    ),
                    ("h", "فيلم بدلاً من صور ثابتة"),
                    (
                        "p",
                        "تُمسح معظم الأنهار الجليدية في المنطقة مرة أو مرتين في السنة، إما من الطائرات أو "
                        "عبر فرق ميدانية تعبر الجليد سيراً على الأقدام حاملةً أجهزة استقبال لإشارات "
                        "الأقمار الصناعية. وهذه القياسات دقيقة لكنها متباعدة، وقد تفوتها الاندفاعات "
                        "والانهيارات المفاجئة التي باتت تمثل حصة متزايدة من فقدان الجليد. ومن خلال المرور "
                        "فوق النقاط نفسها كل خمسة أيام، يُفترض أن يرصد القمر الجديد هذه الأحداث لحظة "
                        "وقوعها، وأن يمنح خبراء التنبؤ بالفيضانات في المناطق الواقعة أسفل المجرى ساعات أو "
                        "حتى أياماً إضافية للتحذير.",
                    ),
                    (
                        "quote",
                        "لدينا صور جيدة جداً للأماكن التي كان فيها الجليد. ما ينقصنا هو فيلم يُظهر كيف "
                        "يتحرك، وهذا القمر هو الكاميرا التي ستصوّر هذا الفيلم.",
                        "هرافنهيلدور يونسدوتير",
                        "الباحثة الرئيسية في المرصد الشمالي للجليد",
                    ),
                    (
                        "p",
                        "يحمل القمر مقياس ارتفاع رادارياً مدمجاً مطوياً داخل لوح ينفتح كالكتاب بعد بلوغ "
                        "المدار. وقال المهندسون إن أصعب مشكلة لم تكن الرادار نفسه، بل إبقاء الأجهزة "
                        "الإلكترونية باردة أثناء إرسال البيانات، لأن المحطة الأرضية التابعة للمرصد في شمال "
                        "آيسلندا لا تلتقط إشارة القمر إلا لنحو ثماني دقائق في كل مرور.",
                    ),
                    (
                        "image",
                        "mountain-village",
                        "تغذي مياه ذوبان القمم الجليدية الأنهار والمزارع ومحطات الطاقة الكهرومائية في "
                        "المناطق المنخفضة.",
                    ),
                    (
                        "p",
                        "ستُنشر جميع القياسات بشكل مفتوح خلال 24 ساعة، وهو قرار وصفه المرصد بأنه ضروري "
                        "للبلديات الصغيرة ومشغلي محطات الطاقة الكهرومائية الذين لا يستطيعون تحمل كلفة "
                        "الصور التجارية. وبلغت كلفة المشروع نحو 4.2 مليون يورو تقاسمتها ثلاث جامعات وصندوق "
                        "أبحاث إقليمي، وهي جزء ضئيل من كلفة أي مهمة تقليدية لرصد الأرض. وإذا سارت السنة "
                        "الأولى على ما يرام، يأمل الفريق في إطلاق وحدتين إضافيتين لمراقبة الأنهار الجليدية "
                        "في سفالبارد وغرينلاند.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="science-cold-chain-drones",
        section="science",
        hours_ago=79,
        authors=["daniel-osei"],
        agency="meridian",
        image="mountain-village",
        versions={
            "en": Version(
                kicker="Health",
                title="Drones carry vaccines to highland clinics in a six-month cold-chain trial",
                lede="Insulated boxes flown by drones to remote health posts in western Kenya kept "
                "vaccines at safe temperatures on 97 percent of more than 2,300 flights, the "
                "trial's organisers said.",
                place="Nairobi",
                tags=["Vaccines", "Drones", "Public health"],
                body=[
                    (
                        "p",
                        "A fleet of eleven delivery drones flew 2,312 vaccine shipments to remote health "
                        "posts in Kenya's western highlands during a six-month trial, and the insulated "
                        "boxes they carried kept doses between two and eight degrees Celsius on all but a "
                        "small share of flights, the organisers reported in Nairobi. The trial was run by "
                        "the Highland Health Logistics Consortium, a partnership of county health offices, "
                        "a university engineering department and a local cooperative of drone pilots.",
                    ),
                    ("h", "A gel that melts at five degrees"),
                    (
                        "p",
                        "Keeping vaccines cold is usually the weakest link in rural immunisation. "
                        "Motorbike couriers can need four hours to reach the furthest clinics on roads "
                        "that wash away in the rainy season, and a single hot afternoon can spoil a whole "
                        "box. The drone boxes are lined with a gel that melts at five degrees and absorbs "
                        "heat as it does so, and each carries a small logger that records the temperature "
                        "every thirty seconds and uploads the readings when the drone lands.",
                    ),
                    (
                        "quote",
                        "Before, a nurse would open the cool box and hope for the best. Now she looks at a "
                        "graph on her phone and knows the doses are good.",
                        "Wanjiru Kamau",
                        "Logistics lead, Highland Health Logistics Consortium",
                    ),
                    (
                        "p",
                        "Sixty-one flights recorded a temperature outside the safe range, most of them "
                        "during a week of unusual heat when drones waited on sunlit landing pads before "
                        "being unloaded. The consortium said it has since built shaded landing cages at "
                        "the busiest clinics. Nurses reported that missed appointments for childhood "
                        "vaccines fell by about a fifth over the six months, although the researchers "
                        "cautioned that the trial was not designed to measure that effect and that other "
                        "factors may have played a part.",
                    ),
                    ("h", "Cost is the next hurdle"),
                    (
                        "p",
                        "County officials are expected to decide next month whether to extend the service "
                        "to two more districts. The main obstacle is cost: each drone delivery is "
                        "currently about three times as expensive as a motorbike run. The consortium hopes "
                        "to narrow that gap by carrying blood samples and other medicines on the return "
                        "leg, and by training nurses to swap batteries so that drones need fewer trips "
                        "back to the central depot.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Здоровье",
                title="Дроны доставляют вакцины в горные медпункты: полгода испытаний холодовой цепи",
                lede="Термоконтейнеры, которые дроны доставляли в отдалённые медпункты на западе Кении, "
                "удерживали безопасную температуру вакцин в 97% из более чем 2300 полётов, "
                "сообщили организаторы испытаний.",
                place="Найроби",
                tags=["Вакцины", "Дроны", "Здравоохранение"],
                body=[
                    (
                        "p",
                        "За шесть месяцев испытаний парк из одиннадцати грузовых дронов совершил 2312 "
                        "рейсов с вакцинами в отдалённые медпункты западного нагорья Кении. "
                        "Термоконтейнеры удерживали температуру препаратов в пределах от двух до восьми "
                        "градусов Цельсия почти во всех полётах, сообщили организаторы в Найроби. "
                        "Испытания провёл Консорциум медицинской логистики нагорья — объединение окружных "
                        "управлений здравоохранения, инженерного факультета одного из университетов и "
                        "местного кооператива пилотов дронов.",
                    ),
                    ("h", "Гель, который тает при пяти градусах"),
                    (
                        "p",
                        "Холодовая цепь — обычно самое слабое звено вакцинации в сельской местности. "
                        "Курьеру на мотоцикле бывает нужно четыре часа, чтобы добраться до самых дальних "
                        "медпунктов по дорогам, которые в сезон дождей размывает, а один жаркий день может "
                        "испортить целую коробку вакцин. Контейнеры для дронов выложены гелем, который "
                        "тает при пяти градусах и при этом поглощает тепло. В каждом установлен небольшой "
                        "регистратор: он каждые тридцать секунд записывает температуру и передаёт данные, "
                        "когда дрон приземляется.",
                    ),
                    (
                        "quote",
                        "Раньше медсестра открывала термосумку и надеялась на лучшее. Теперь она смотрит "
                        "на график в телефоне и знает, что вакцины в порядке.",
                        "Ванджиру Камау",
                        "руководитель логистики Консорциума медицинской логистики нагорья",
                    ),
                    (
                        "p",
                        "В 61 полёте температура выходила за безопасные пределы — в основном в неделю "
                        "необычной жары, когда дроны ждали разгрузки на залитых солнцем площадках. По "
                        "словам консорциума, с тех пор у самых загруженных медпунктов построили затенённые "
                        "посадочные клетки. Медсёстры сообщают, что за полгода число пропущенных детских "
                        "прививок сократилось примерно на пятую часть, однако исследователи предупреждают: "
                        "испытания не были рассчитаны на оценку этого эффекта, и свою роль могли сыграть "
                        "другие факторы.",
                    ),
                    ("h", "Следующее препятствие — цена"),
                    (
                        "p",
                        "Окружные власти в следующем месяце решат, распространять ли услугу ещё на два "
                        "района. Главное препятствие — стоимость: доставка дроном пока обходится примерно "
                        "втрое дороже поездки на мотоцикле. Консорциум надеется сократить разрыв, перевозя "
                        "на обратном пути пробы крови и другие лекарства, а также обучив медсестёр менять "
                        "аккумуляторы, чтобы дронам реже приходилось возвращаться на центральный склад.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="science-deep-sea-survey",
        section="science",
        hours_ago=150,
        authors=["lucia-ferreira"],
        agency="pacific",
        image="ocean-waves",
        versions={
            "en": Version(
                kicker="Oceans",
                title="Deep-sea expedition off Chile maps eleven uncharted seamounts",
                lede="Scientists returning to Valparaíso after forty days at sea say they charted "
                "14,000 square kilometres of seabed and collected animals that may be new to "
                "science.",
                place="Valparaíso",
                tags=["Oceans", "Biodiversity", "Expeditions"],
                body=[
                    (
                        "p",
                        "The research vessel Albatros Austral docked in Valparaíso this week after forty "
                        "days at sea, carrying more than 3,000 specimens and a new map of a chain of "
                        "undersea mountains some 600 kilometres off the Chilean coast. The expedition, "
                        "organised by the Pacific Deep Ocean Programme, a partnership of four universities "
                        "in Chile and Peru, used a remotely operated vehicle to reach depths of up to "
                        "4,200 metres, far beyond the reach of sunlight.",
                    ),
                    ("h", "A garden at 3,000 metres"),
                    (
                        "p",
                        "The most striking find, the scientists said, was a slope covered in glass sponges "
                        "and soft corals at around 3,000 metres, where the water is barely above freezing. "
                        "Video from the vehicle shows squat lobsters, brittle stars and a translucent sea "
                        "cucumber that nobody on board could match to a known species. Taxonomists expect "
                        "it will take two to three years to confirm how many of the animals are new, but "
                        "the team's first estimate is between thirty and fifty.",
                    ),
                    (
                        "quote",
                        "Every time the lights came on at the bottom we saw something none of us had seen "
                        "before. That tells you how little of the deep ocean we have actually looked at.",
                        "Mateo Arancibia",
                        "Chief scientist of the expedition",
                    ),
                    (
                        "image",
                        "lab-glassware",
                        "Specimens are sorted and preserved in the ship's laboratory before the long "
                        "voyage home.",
                    ),
                    (
                        "p",
                        "The new map, made with a sonar mounted on the ship's hull, shows eleven seamounts "
                        "that did not appear on existing charts, the tallest rising about 2,100 metres "
                        "from the seabed. Such features matter for navigation and fisheries, and for "
                        "understanding how ocean currents carry heat and nutrients. The programme said the "
                        "depth data would be shared with international seabed-mapping projects within the "
                        "year, so that the new peaks appear on public charts.",
                    ),
                    (
                        "p",
                        "The findings come as governments discuss how to protect areas of the ocean beyond "
                        "national waters. The researchers said they hoped their survey would inform "
                        "decisions about which seamounts should be set aside before any commercial "
                        "activity begins there, but declined to make specific recommendations, saying that "
                        "was a matter for policymakers rather than for the scientists who had collected "
                        "the data.",
                    ),
                    ("related", "science-glacier-satellite"),
                ],
            ),
            "ru": Version(
                kicker="Океан",
                title="Глубоководная экспедиция у берегов Чили нанесла на карту одиннадцать неизвестных "
                "подводных гор",
                lede="Учёные, вернувшиеся в Вальпараисо после сорока дней в море, говорят, что "
                "картографировали 14 тысяч квадратных километров морского дна и собрали животных, "
                "которые могут оказаться новыми для науки.",
                place="Вальпараисо",
                tags=["Океан", "Биоразнообразие", "Экспедиции"],
                body=[
                    (
                        "p",
                        "Научно-исследовательское судно «Альбатрос Аустраль» на этой неделе вернулось в "
                        "Вальпараисо после сорока дней в море. На борту — более 3000 образцов и новая "
                        "карта цепи подводных гор примерно в 600 километрах от чилийского побережья. "
                        "Экспедицию организовала Тихоокеанская программа изучения океанских глубин — "
                        "партнёрство четырёх университетов Чили и Перу. С помощью телеуправляемого "
                        "аппарата учёные опускались на глубину до 4200 метров, куда не проникает солнечный "
                        "свет.",
                    ),
                    ("h", "Сад на глубине трёх километров"),
                    (
                        "p",
                        "Самой впечатляющей находкой учёные называют склон на глубине около 3000 метров, "
                        "покрытый стеклянными губками и мягкими кораллами; вода там лишь немногим теплее "
                        "нуля. На видео с аппарата видны галатеи, офиуры и полупрозрачная голотурия, "
                        "которую никто на борту не смог отнести ни к одному известному виду. Таксономисты "
                        "рассчитывают, что на подтверждение новых видов уйдёт два-три года, но по первой "
                        "оценке команды их от тридцати до пятидесяти.",
                    ),
                    (
                        "quote",
                        "Каждый раз, когда на дне включались прожекторы, мы видели то, чего никто из нас "
                        "раньше не видел. Это лучше всего показывает, как мало мы на самом деле знаем о "
                        "глубинах океана.",
                        "Матео Арансибия",
                        "научный руководитель экспедиции",
                    ),
                    (
                        "image",
                        "lab-glassware",
                        "Образцы сортируют и консервируют в судовой лаборатории перед долгой дорогой домой.",
                    ),
                    (
                        "p",
                        "Новая карта, составленная с помощью гидролокатора на корпусе судна, показывает "
                        "одиннадцать подводных гор, которых не было на существующих картах; самая высокая "
                        "поднимается над дном примерно на 2100 метров. Такие объекты важны для судоходства "
                        "и рыболовства, а также для понимания того, как океанские течения переносят тепло "
                        "и питательные вещества. В программе пообещали в течение года передать данные о "
                        "глубинах международным проектам по картографированию дна, чтобы новые вершины "
                        "появились на общедоступных картах.",
                    ),
                    (
                        "p",
                        "Результаты экспедиции появились в то время, когда правительства обсуждают, как "
                        "защитить районы океана за пределами национальных вод. Исследователи выразили "
                        "надежду, что их работа поможет решить, какие подводные горы стоит взять под "
                        "охрану до начала любой коммерческой деятельности, но от конкретных рекомендаций "
                        "отказались, заметив, что это дело политиков, а не учёных, которые собирали "
                        "данные.",
                    ),
                    ("related", "science-glacier-satellite"),
                ],
            ),
        },
    ),
    Story(
        key="science-forest-sound",
        section="science",
        hours_ago=196,
        authors=["priya-raman"],
        agency="pacific",
        image="forest-canopy",
        versions={
            "en": Version(
                kicker="Ecology",
                title="Microphones in the treetops hear birds that survey teams never see",
                lede="A network of forty recorders in a forest reserve north of Hanoi detected 143 bird "
                "species in a year, about a third more than traditional surveys had found.",
                place="Hanoi",
                tags=["Birds", "Forests", "Conservation"],
                body=[
                    (
                        "p",
                        "Forty solar-powered recorders strapped to trees in a forest reserve north of "
                        "Hanoi picked up the calls of 143 bird species over twelve months, researchers "
                        "said, about a third more than conventional surveys had recorded in the same area. "
                        "The project, run by a team at the Red River Institute of Ecology, uses software "
                        "that recognises species from their songs and flags unfamiliar sounds for a human "
                        "expert to check by ear.",
                    ),
                    ("h", "Listening through the night"),
                    (
                        "p",
                        "Much of the gain came from the hours when no survey team is in the forest. Owls, "
                        "nightjars and several secretive ground-dwelling birds call mainly in the dark or "
                        "just before dawn, and the recorders captured them night after night. Three "
                        "species had not been confirmed in the reserve since the 1990s, among them a small "
                        "partridge that local rangers had feared was gone from the hills for good.",
                    ),
                    (
                        "quote",
                        "A person with binoculars sees a bird for a few seconds. A recorder listens for a "
                        "whole year, and it never gets tired or goes home because of the rain.",
                        "Pham Minh Chau",
                        "Acoustic ecologist, Red River Institute of Ecology",
                    ),
                    (
                        "p",
                        "The recordings also brought bad news. The software picked up the sound of "
                        "chainsaws on 37 days of the year, mostly near the southern edge of the reserve, "
                        "and the team passed the times and locations to park rangers. The institute plans "
                        "to install another sixty recorders next year and to publish its library of "
                        "labelled bird calls, so that researchers elsewhere in Southeast Asia can train "
                        "recognition models of their own.",
                    ),
                    ("related", "science-deep-sea-survey"),
                ],
            ),
        },
    ),
]
