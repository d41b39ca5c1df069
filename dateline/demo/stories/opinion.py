"""Opinion demo pieces: columns and analysis, written in the first person and signed, with no agency."""

from __future__ import annotations

from dateline.demo.content import Story, Version

STORIES: list[Story] = [
    Story(
        key="opinion-four-day-week",
        section="opinion",
        hours_ago=0.5,
        authors=["hannah-lindqvist"],
        image="rain-city",
        versions={
            "en": Version(
                kicker="Opinion",
                title="The four-day week works, as long as we stop pretending the fifth day is free",
                lede="After a year of trials, the evidence is that people work better in four days. The "
                "harder question is who now does the work that used to happen on Friday.",
                place="Stockholm",
                tags=["Work", "Four-day week", "Productivity"],
                body=[
                    (
                        "p",
                        "For twelve months I have been collecting stories from companies that moved to a "
                        "four-day week: a design studio in my own city, a logistics firm in the north of "
                        "England, a software team spread across three time zones. Almost all of them tell "
                        "the same story. Meetings shrink, people stop answering email at midnight, sick "
                        "days fall, and output, however the managers measure it, stays roughly where it "
                        "was. After a year of listening, I am convinced that a shorter week can work. I am "
                        "less convinced that we are being honest about why.",
                    ),
                    ("h", "The hidden fifth day"),
                    (
                        "p",
                        "The trouble is that a good part of the work did not disappear; it moved. At "
                        "several of the firms I visited, the fifth day had quietly become a day of "
                        "catching up at home, unrecorded and unpaid. Parents used it for the childcare "
                        "they could no longer afford. Managers, in particular, told me they spent it "
                        "answering the questions that had piled up during the week. A four-day week that "
                        "is really four and a half is still progress, but it should not be sold as a gift.",
                    ),
                    (
                        "quote",
                        "The first three months were wonderful. Then we noticed that the managers were all "
                        "working Fridays. That is not a four-day week; it is a four-day week for some of "
                        "us.",
                        "Ruth Adebayo",
                        "Operations director at a logistics firm in Leeds",
                    ),
                    (
                        "p",
                        "The firms where the shorter week really stuck had one thing in common: they "
                        "decided what to stop doing, not only how to do things faster. One dropped a "
                        "weekly all-staff meeting whose purpose nobody could remember. Another stopped "
                        "producing three reports that only its own managers read. None of this is "
                        "glamorous, and none of it makes for a press release, but it is the difference "
                        "between a shorter week and the same week squeezed into fewer days.",
                    ),
                    (
                        "p",
                        "So yes, try the four-day week. But measure the fifth day as carefully as the "
                        "other four. If the work has gone, celebrate. If it has simply gone home with your "
                        "staff, you have not given them a day off; you have given them a second, quieter "
                        "job, and sooner or later they will notice, even if your spreadsheets do not.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Мнение",
                title="Четырёхдневка работает — если перестать делать вид, что пятый день свободен",
                lede="После года экспериментов ясно: за четыре дня люди работают лучше. Вопрос "
                "потруднее — кто теперь делает ту работу, которая раньше приходилась на пятницу.",
                place="Стокгольм",
                tags=["Работа", "Четырёхдневная неделя", "Производительность"],
                body=[
                    (
                        "p",
                        "Двенадцать месяцев я собирала истории компаний, перешедших на четырёхдневную "
                        "рабочую неделю: дизайн-студии в моём родном городе, логистической фирмы на севере "
                        "Англии, команды программистов, разбросанной по трём часовым поясам. Почти все "
                        "рассказывают одно и то же. Совещания становятся короче, люди перестают отвечать "
                        "на письма в полночь, больничных меньше, а результат — как бы его ни измеряли "
                        "руководители — остаётся примерно на прежнем уровне. За год я убедилась, что "
                        "короткая неделя может работать. Но я не уверена, что мы честно говорим о том, "
                        "почему.",
                    ),
                    ("h", "Скрытый пятый день"),
                    (
                        "p",
                        "Беда в том, что немалая часть работы никуда не исчезла — она переехала. В "
                        "нескольких компаниях, где я побывала, пятый день незаметно превратился в день "
                        "доделок дома, нигде не учтённых и никем не оплаченных. Родители тратили его на "
                        "присмотр за детьми, за который больше не могли платить. Особенно часто "
                        "руководители признавались, что отвечают в этот день на вопросы, накопившиеся за "
                        "неделю. Четырёхдневка, которая на деле длится четыре с половиной дня, — всё равно "
                        "шаг вперёд, но не стоит выдавать её за подарок.",
                    ),
                    (
                        "quote",
                        "Первые три месяца были чудесными. Потом мы заметили, что все руководители "
                        "работают по пятницам. Это не четырёхдневная неделя — это четырёхдневная неделя "
                        "для некоторых из нас.",
                        "Рут Адебайо",
                        "операционный директор логистической компании в Лидсе",
                    ),
                    (
                        "p",
                        "У фирм, где короткая неделя действительно прижилась, было одно общее: они решили, "
                        "что перестать делать, а не только как делать быстрее. Одна отказалась от "
                        "еженедельного общего собрания, цель которого уже никто не мог вспомнить. Другая "
                        "перестала готовить три отчёта, которые читали только её собственные менеджеры. "
                        "Ничего яркого в этом нет, пресс-релиз об этом не напишешь, но именно это отличает "
                        "короткую неделю от прежней, втиснутой в меньшее число дней.",
                    ),
                    (
                        "p",
                        "Так что да, пробуйте четырёхдневку. Но измеряйте пятый день так же тщательно, как "
                        "остальные четыре. Если работа действительно исчезла — празднуйте. Если она просто "
                        "ушла домой вместе с сотрудниками, вы не подарили им выходной, а дали вторую, "
                        "более тихую работу, и рано или поздно они это заметят, даже если ваши таблицы "
                        "ничего не заметят.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="opinion-water-prices",
        section="opinion",
        hours_ago=65,
        authors=["sara-haddad"],
        image="river-delta",
        versions={
            "en": Version(
                kicker="Analysis",
                title="Water bills are going up. Here is why that might be fair, and what would make it "
                "fairer",
                lede="In many cities, tariffs were set to run old pipes rather than replace them. The "
                "bill for decades of cheap water is now arriving, and how it is shared matters "
                "more than its size.",
                place="Amman",
                tags=["Water", "Utilities", "Prices"],
                body=[
                    (
                        "p",
                        "If your water bill has risen this year, you are far from alone. Utilities in "
                        "cities of every size are raising tariffs, and most of them give the same reason: "
                        "the pipes are old. Many networks were laid in a single burst of construction two "
                        "or three generations ago, and for decades prices were set to cover the cost of "
                        "running them rather than the cost of eventually replacing them. That bill was "
                        "always going to arrive. The question now is not whether households pay it but how "
                        "it is shared.",
                    ),
                    ("h", "Leaks, not luxury"),
                    (
                        "p",
                        "Consider a typical mid-sized utility of the kind I have been studying. It loses "
                        "roughly a quarter of the water it treats through leaks before that water reaches "
                        "a single tap. Replacing one kilometre of main under a busy street can cost more "
                        "than a million dollars once the road has been dug up and relaid. Spread over "
                        "thirty years and tens of thousands of households, that becomes a few dollars a "
                        "month per home, which is real money for some families and barely noticeable for "
                        "others.",
                    ),
                    (
                        "quote",
                        "People imagine that water prices pay for water. Mostly they pay for concrete, "
                        "steel and the people who fix them at three in the morning.",
                        "Helena Brandt",
                        "Economist, Lake Institute for Public Utilities",
                    ),
                    (
                        "p",
                        "That is why the design of the tariff matters more than the headline increase. A "
                        "flat charge per household falls hardest on small, poor households. A price that "
                        "rises with each block of consumption protects basic use and asks more of swimming "
                        "pools and large gardens, but it can penalise large families unless the blocks are "
                        "set per person. Several utilities now offer a free or cheap first block of around "
                        "forty litres per person per day, paid for by higher prices above it.",
                    ),
                    (
                        "image",
                        "river-delta",
                        "Most of a water bill pays for pipes, pumps and treatment, not for the water itself.",
                    ),
                    (
                        "p",
                        "None of this is as simple as it sounds, and the utilities that have done it well "
                        "spent years building reliable data on who lives where. But the principle is "
                        "sound. Water that is cheap because its infrastructure is quietly falling apart is "
                        "not really cheap; it is a debt passed on to our children. Paying it down openly, "
                        "and in proportion to what people can afford, is the fairer way.",
                    ),
                    ("related", "society-rain-gardens"),
                ],
            ),
            "ru": Version(
                kicker="Анализ",
                title="Счета за воду растут. Почему это может быть справедливо и что сделает это "
                "справедливее",
                lede="Во многих городах тарифы рассчитывали на то, чтобы обслуживать старые трубы, а не "
                "менять их. Счёт за десятилетия дешёвой воды приходит сейчас, и важнее его размера "
                "то, как его разделить.",
                place="Амман",
                tags=["Вода", "Коммунальные услуги", "Цены"],
                body=[
                    (
                        "p",
                        "Если ваш счёт за воду в этом году вырос, вы далеко не одиноки. Водоканалы в "
                        "городах любого размера повышают тарифы, и почти все называют одну причину: трубы "
                        "старые. Многие сети проложили за один строительный рывок два-три поколения назад, "
                        "и десятилетиями цены рассчитывали так, чтобы покрыть их эксплуатацию, но не "
                        "будущую замену. Этот счёт рано или поздно должен был прийти. Вопрос теперь не в "
                        "том, заплатят ли его домохозяйства, а в том, как его распределить.",
                    ),
                    ("h", "Утечки, а не роскошь"),
                    (
                        "p",
                        "Возьмём типичный водоканал среднего размера, вроде тех, что я изучаю. Примерно "
                        "четверть очищенной воды он теряет из-за утечек, прежде чем она доберётся хотя бы "
                        "до одного крана. Замена километра магистрали под оживлённой улицей с учётом "
                        "вскрытия и восстановления дороги может обойтись больше чем в миллион долларов. "
                        "Если растянуть эти расходы на тридцать лет и десятки тысяч домохозяйств, "
                        "получится несколько долларов в месяц на квартиру — заметные деньги для одних "
                        "семей и почти незаметные для других.",
                    ),
                    (
                        "quote",
                        "Люди думают, что в цене воды они платят за воду. На самом деле в основном они "
                        "платят за бетон, сталь и людей, которые чинят всё это в три часа ночи.",
                        "Хелена Брандт",
                        "экономист Озёрного института коммунальных услуг",
                    ),
                    (
                        "p",
                        "Поэтому устройство тарифа важнее, чем заголовок о повышении. Фиксированная плата "
                        "с домохозяйства сильнее всего бьёт по небольшим и бедным семьям. Цена, которая "
                        "растёт с каждым следующим объёмом потребления, защищает базовые нужды и берёт "
                        "больше за бассейны и большие сады, но может наказать многодетные семьи, если "
                        "объёмы не считать на человека. Некоторые водоканалы уже предлагают бесплатный или "
                        "дешёвый первый объём — около сорока литров на человека в день, — оплачивая его за "
                        "счёт более высоких цен сверх этой нормы.",
                    ),
                    (
                        "image",
                        "river-delta",
                        "Большая часть счёта за воду идёт на трубы, насосы и очистку, а не на саму воду.",
                    ),
                    (
                        "p",
                        "Всё это не так просто, как звучит, и водоканалы, у которых получилось, годами "
                        "собирали надёжные данные о том, кто где живёт. Но сам принцип верен. Вода, "
                        "которая дёшева потому, что её инфраструктура тихо разваливается, на самом деле не "
                        "дешёвая: это долг, который мы перекладываем на своих детей. Гасить его открыто и "
                        "соразмерно тому, что люди могут себе позволить, — более справедливый путь.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="opinion-second-day",
        section="opinion",
        hours_ago=134,
        authors=["amelia-hart"],
        image="newsroom-desk",
        versions={
            "en": Version(
                kicker="Opinion",
                title="In defence of the second day: why the best journalism often arrives late",
                lede="The first version of a story is rarely the truest one. Newsrooms should be "
                "prouder of the follow-up, and readers should ask for it.",
                place="London",
                tags=["Journalism", "Media", "News"],
                body=[
                    (
                        "p",
                        "Early in my career I worked nights under an editor who kept a handwritten sign "
                        "above her desk. It said: the first version is a draft. At the time I thought it "
                        "was an excuse for being slow. Thirty years later I think it is the most useful "
                        "sentence anyone ever said to me about this trade. The first reports of almost any "
                        "big event, a fire, a crash, a vote, are assembled from fragments, and fragments "
                        "mislead.",
                    ),
                    ("h", "What changes by the morning"),
                    (
                        "p",
                        "Look back at the coverage of any major incident and you will see the pattern. The "
                        "number of people involved changes, sometimes more than once. The cause that "
                        "everybody repeated in the first hour turns out to be a guess. The witness who was "
                        "quoted everywhere saw less than it seemed. None of this is a scandal; it is "
                        "simply how information arrives. The failure comes when we treat the first account "
                        "as finished and move on before the second, better one is written.",
                    ),
                    (
                        "quote",
                        "Speed tells the reader that something happened. Only the second day tells them "
                        "what it meant.",
                        "Margaret Quayle",
                        "Night editor in the author's first newsroom",
                    ),
                    (
                        "p",
                        "I am not arguing for slowness as a virtue. Readers need to know quickly that a "
                        "bridge is closed or a storm is coming. I am arguing for a different kind of "
                        "pride. Newsrooms celebrate being first, and rarely celebrate the patient "
                        "follow-up that corrects a figure, finds the person who really saw what happened, "
                        "or explains why an early claim was wrong. That work is less visible, but it is "
                        "where trust is earned.",
                    ),
                    (
                        "p",
                        "So here is a modest proposal. When a story changes significantly, say so at the "
                        "top, in plain words, with the time. Link the first version to the better one. And "
                        "as a reader, when a big story breaks, come back the next day. The second day is "
                        "less exciting than the first, but it is usually when the journalism starts, and "
                        "it is worth the wait.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Мнение",
                title="В защиту второго дня: почему лучшая журналистика часто приходит с опозданием",
                lede="Первая версия событий редко бывает самой точной. Редакциям стоит больше гордиться "
                "продолжением истории, а читателям — требовать его.",
                place="Лондон",
                tags=["Журналистика", "СМИ", "Новости"],
                body=[
                    (
                        "p",
                        "В начале карьеры я работала в ночную смену под началом редактора, у которой над "
                        "столом висела написанная от руки табличка: «Первая версия — это черновик». Тогда "
                        "мне казалось, что это оправдание медлительности. Спустя тридцать лет я считаю это "
                        "самой полезной фразой, которую мне когда-либо говорили о нашем ремесле. Первые "
                        "сообщения почти о любом крупном событии — пожаре, аварии, голосовании — "
                        "собираются из обрывков, а обрывки вводят в заблуждение.",
                    ),
                    ("h", "Что меняется к утру"),
                    (
                        "p",
                        "Пересмотрите освещение любого крупного происшествия, и вы увидите закономерность. "
                        "Число пострадавших меняется, иногда не раз. Причина, которую все повторяли в "
                        "первый час, оказывается догадкой. Свидетель, которого цитировали повсюду, видел "
                        "меньше, чем казалось. В этом нет ничего скандального — так просто устроено "
                        "поступление информации. Провал случается тогда, когда мы считаем первый рассказ "
                        "окончательным и переходим к следующей теме, прежде чем будет написан второй, "
                        "более точный.",
                    ),
                    (
                        "quote",
                        "Скорость сообщает читателю, что что-то произошло. Только второй день объясняет, "
                        "что это значило.",
                        "Маргарет Куэйл",
                        "ночной редактор в первой редакции автора",
                    ),
                    (
                        "p",
                        "Я не призываю превращать медлительность в добродетель. Читатели должны быстро "
                        "узнавать, что мост закрыт или надвигается шторм. Я говорю о гордости другого "
                        "рода. Редакции празднуют, когда оказываются первыми, и почти никогда — когда "
                        "терпеливое продолжение исправляет цифру, находит человека, который действительно "
                        "видел случившееся, или объясняет, почему первое утверждение было ошибочным. Эта "
                        "работа менее заметна, но именно она и зарабатывает доверие.",
                    ),
                    (
                        "p",
                        "Поэтому у меня скромное предложение. Если история существенно изменилась, скажите "
                        "об этом в самом начале, простыми словами и с указанием времени. Свяжите первую "
                        "версию с более точной. А вы, читатель, когда случается что-то большое, вернитесь "
                        "на следующий день. Второй день не так увлекателен, как первый, но обычно именно "
                        "тогда начинается журналистика, и её стоит подождать.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="opinion-night-trains",
        section="opinion",
        hours_ago=238,
        authors=["kenji-mori"],
        image="train-station",
        versions={
            "en": Version(
                kicker="Analysis",
                title="Night trains are back in fashion. Can they pay their way?",
                lede="Sleeper services are filling up again across Europe, but the carriages are "
                "expensive, the routes are long and the margins are thin. Enthusiasm alone will "
                "not keep them running.",
                place="Vienna",
                tags=["Rail", "Travel", "Transport"],
                body=[
                    (
                        "p",
                        "A decade ago the night train looked like a relic. Routes were being cut across "
                        "the continent, and the few remaining sleeper carriages were decades old. Today "
                        "the picture is different: new services have been launched, bookings on popular "
                        "routes sell out weeks ahead, and travellers who want to avoid short flights talk "
                        "about night trains with real enthusiasm. But full trains and profitable trains "
                        "are not the same thing, and the economics of sleeping on the rails remain "
                        "stubbornly difficult.",
                    ),
                    ("h", "A hotel that moves"),
                    (
                        "p",
                        "A sleeper is essentially a small hotel on wheels, with all the costs of one. Each "
                        "carriage carries perhaps thirty to forty passengers, compared with eighty or more "
                        "in a day coach, and it makes only one journey in twenty-four hours because it "
                        "spends the day parked at the terminus. Staff must be paid for night shifts, "
                        "bedding must be washed, and track access charges in some countries are higher at "
                        "night than by day. New carriages are custom-built and take years to deliver.",
                    ),
                    (
                        "quote",
                        "Our trains are full from Thursday to Sunday and half empty on Tuesdays. A hotel "
                        "can lower its prices on a Tuesday. We still have to run the whole train.",
                        "Markus Eder",
                        "Commercial director, Danube Sleeper Company",
                    ),
                    (
                        "p",
                        "The operators that are managing best mix their income. They sell a range of "
                        "berths, from shared couchettes to private compartments with showers, and they set "
                        "prices like airlines, high at weekends and low midweek. Some attach day coaches "
                        "to carry short-distance passengers on the same train. And several routes receive "
                        "public support in the form of reduced track charges, on the argument that each "
                        "full sleeper replaces dozens of short flights.",
                    ),
                    (
                        "p",
                        "That support is where the debate now lies. If governments believe night trains "
                        "help cut emissions, they will have to pay for some of the carriages or the track, "
                        "as they already do for many regional lines. If they do not, the revival may prove "
                        "as fragile as the last one. Passengers have shown that the demand is there. "
                        "Whether the trains keep running is now a question of policy, not of romance.",
                    ),
                    ("related", "opinion-four-day-week"),
                ],
            ),
            "ru": Version(
                kicker="Анализ",
                title="Ночные поезда снова в моде. Смогут ли они окупаться?",
                lede="Спальные вагоны по всей Европе снова заполняются, но вагоны дороги, маршруты "
                "длинные, а прибыль невелика. Одного энтузиазма, чтобы эти поезда продолжали "
                "ходить, не хватит.",
                place="Вена",
                tags=["Железные дороги", "Путешествия", "Транспорт"],
                body=[
                    (
                        "p",
                        "Десять лет назад ночной поезд казался пережитком. По всему континенту маршруты "
                        "сокращались, а немногие оставшиеся спальные вагоны были построены десятилетия "
                        "назад. Сегодня картина другая: запущены новые рейсы, билеты на популярные "
                        "направления раскупают за несколько недель, а путешественники, которые хотят "
                        "обойтись без коротких перелётов, говорят о ночных поездах с настоящим "
                        "воодушевлением. Но полные поезда и прибыльные поезда — не одно и то же, и "
                        "экономика сна на рельсах остаётся упрямо сложной.",
                    ),
                    ("h", "Гостиница на колёсах"),
                    (
                        "p",
                        "Спальный вагон — это, по сути, маленькая гостиница на колёсах со всеми её "
                        "расходами. В нём помещается, пожалуй, тридцать–сорок пассажиров, тогда как в "
                        "дневном вагоне — восемьдесят и больше, и за сутки он совершает лишь один рейс, "
                        "потому что днём стоит на конечной станции. Персоналу нужно платить за ночные "
                        "смены, бельё нужно стирать, а плата за доступ к путям в некоторых странах ночью "
                        "выше, чем днём. Новые вагоны строят на заказ, и поставки занимают годы.",
                    ),
                    (
                        "quote",
                        "С четверга по воскресенье наши поезда полны, а по вторникам наполовину пусты. "
                        "Гостиница во вторник может снизить цены. А нам всё равно приходится отправлять "
                        "весь состав.",
                        "Маркус Эдер",
                        "коммерческий директор компании «Дунайские спальные поезда»",
                    ),
                    (
                        "p",
                        "Лучше всего дела идут у тех операторов, которые разнообразят доходы. Они продают "
                        "места разного класса — от полок в общих купе до отдельных купе с душем — и "
                        "назначают цены, как авиакомпании: дорого в выходные и дёшево в середине недели. "
                        "Некоторые прицепляют к тому же составу дневные вагоны для пассажиров на короткие "
                        "расстояния. А ряд маршрутов получает господдержку в виде сниженной платы за пути "
                        "— на том основании, что каждый заполненный спальный поезд заменяет десятки "
                        "коротких рейсов.",
                    ),
                    (
                        "p",
                        "Именно вокруг этой поддержки сейчас и идёт спор. Если правительства считают, что "
                        "ночные поезда помогают сократить выбросы, им придётся оплачивать часть вагонов "
                        "или путей, как они уже делают для многих региональных линий. Если нет, нынешнее "
                        "возрождение может оказаться таким же хрупким, как предыдущее. Пассажиры показали, "
                        "что спрос есть. Будут ли поезда ходить дальше — теперь вопрос политики, а не "
                        "романтики.",
                    ),
                    ("related", "opinion-four-day-week"),
                ],
            ),
        },
    ),
]
