"""Politics demo stories: a mayoral run-off, a citizens' assembly, a people's budget, a river treaty."""

from __future__ import annotations

from dateline.demo.content import Story, Version

STORIES: list[Story] = [
    Story(
        key="valparaiso-mayor-runoff",
        section="politics",
        hours_ago=7,
        updated_hours_later=2,
        authors=["lucia-ferreira"],
        agency="meridian",
        image="ballot-crowd",
        versions={
            "en": Version(
                kicker="Election",
                title="Independent wins Valparaíso run-off by 312 votes after a night-long count",
                lede="Marine biologist Camila Reyes, who ran without a party, will be the port city's next "
                "mayor after a recount confirmed her narrow lead over the two-term deputy mayor.",
                place="Valparaíso",
                tags=["Chile", "Elections", "Cities"],
                body=[
                    (
                        "p",
                        "Camila Reyes, a 41-year-old marine biologist who entered politics two years ago "
                        "to campaign against the closure of a public ferry, was declared the winner of "
                        "Valparaíso's mayoral run-off on Monday morning, after election officials finished "
                        "a recount of ballots from four polling stations in the hills above the port. She "
                        "took 50.2 percent of the vote against 49.8 percent for Andrés Fuentealba, who has "
                        "served two terms as deputy mayor.",
                    ),
                    (
                        "p",
                        "Turnout was 58 percent, high for a local election and ten points up on the first "
                        "round, with long queues outside schools in the hillside neighbourhoods where "
                        "Reyes campaigned door to door. Her platform centred on repairing the city's "
                        "ageing funiculars, bringing back the public ferry and moving the municipal fleet "
                        "to electric buses within eight years.",
                    ),
                    (
                        "quote",
                        "Three hundred and twelve votes is not a mandate to do whatever I like. It is a "
                        "reminder that half of this city wanted someone else, and I will be the mayor of "
                        "that half too.",
                        "Camila Reyes",
                        "Mayor-elect of Valparaíso",
                    ),
                    ("h", "A recount without drama"),
                    (
                        "p",
                        "The count was slowed by a rule that triggers an automatic recount when the margin "
                        "falls below half a percentage point. Observers from both campaigns sat at every "
                        "table, and the electoral service streamed the recount of the disputed boxes "
                        "online. Fuentealba conceded shortly after eight in the morning and said he would "
                        "offer his team's help with the handover.",
                    ),
                    (
                        "quote",
                        "The people have spoken, by a whisper, but they have spoken. I will call Ms Reyes "
                        "today and wish her well.",
                        "Andrés Fuentealba",
                        "Outgoing deputy mayor and defeated candidate",
                    ),
                    (
                        "p",
                        "Reyes takes office in six weeks and will have to govern with a city council in "
                        "which candidates close to her hold only five of eleven seats. Her first test will "
                        "be next year's budget, which must be approved before the end of March.",
                    ),
                    ("related", "dakar-participatory-budget"),
                ],
            ),
            "ru": Version(
                kicker="Выборы",
                title="Во втором туре выборов мэра Вальпараисо победила независимый кандидат — с перевесом "
                "в 312 голосов",
                lede="Морской биолог Камила Рейес, шедшая на выборы без партии, станет следующим мэром "
                "портового города: пересчёт подтвердил её минимальное преимущество над вице-мэром, "
                "проработавшим два срока.",
                place="Вальпараисо",
                tags=["Чили", "Выборы", "Города"],
                body=[
                    (
                        "p",
                        "41-летнюю Камилу Рейес, морского биолога, которая пришла в политику два года "
                        "назад, выступив против закрытия городского парома, в понедельник утром объявили "
                        "победительницей второго тура выборов мэра Вальпараисо. Перед этим избирательная "
                        "комиссия закончила пересчёт бюллетеней с четырёх участков в холмистых кварталах "
                        "над портом. Рейес набрала 50,2% голосов, её соперник Андрес Фуэнтеальба, два "
                        "срока занимавший пост вице-мэра, — 49,8%.",
                    ),
                    (
                        "p",
                        "Явка составила 58% — много для местных выборов и на десять пунктов больше, чем в "
                        "первом туре. У школ в районах на склонах, где Рейес лично обходила квартиры, "
                        "выстраивались длинные очереди. Её программа строилась на ремонте старых городских "
                        "фуникулёров, возвращении муниципального парома и переводе городского автопарка на "
                        "электробусы в течение восьми лет.",
                    ),
                    (
                        "quote",
                        "Триста двенадцать голосов — это не мандат делать всё, что мне захочется. Это "
                        "напоминание о том, что половина города хотела видеть на этом месте другого "
                        "человека, и я буду мэром и для этой половины.",
                        "Камила Рейес",
                        "избранный мэр Вальпараисо",
                    ),
                    ("h", "Пересчёт без скандала"),
                    (
                        "p",
                        "Подсчёт затянулся из-за правила, по которому при разрыве меньше половины "
                        "процентного пункта пересчёт проводится автоматически. За каждым столом сидели "
                        "наблюдатели от обоих штабов, а избирательная служба транслировала пересчёт "
                        "спорных урн в интернете. Вскоре после восьми утра Фуэнтеальба признал поражение и "
                        "пообещал, что его команда поможет с передачей дел.",
                    ),
                    (
                        "quote",
                        "Люди сказали своё слово — шёпотом, но сказали. Сегодня я позвоню сеньоре Рейес и "
                        "пожелаю ей удачи.",
                        "Андрес Фуэнтеальба",
                        "уходящий вице-мэр, проигравший кандидат",
                    ),
                    (
                        "p",
                        "Рейес вступит в должность через шесть недель, и ей придётся работать с городским "
                        "советом, в котором близкие к ней депутаты занимают лишь пять мест из одиннадцати. "
                        "Первым испытанием станет бюджет на следующий год: его нужно утвердить до конца "
                        "марта.",
                    ),
                    ("related", "dakar-participatory-budget"),
                ],
            ),
        },
    ),
    Story(
        key="tampere-citizens-assembly",
        section="politics",
        hours_ago=28,
        authors=["olga-sokolova", "amelia-hart"],
        agency="nordwire",
        image="old-town",
        versions={
            "en": Version(
                kicker="Democracy",
                title="Tampere residents chosen by lot back a congestion charge, and leave the council to "
                "decide",
                lede="Fifty residents picked at random spent six weekends studying the city's traffic. "
                "Their final vote, 34 to 16, asks councillors for a charge on cars entering the centre at "
                "rush hour.",
                place="Tampere",
                tags=["Finland", "Democracy", "Transport"],
                body=[
                    (
                        "p",
                        "A citizens' assembly of fifty Tampere residents, selected by lottery to mirror "
                        "the city's population by age, district and income, has recommended a charge of "
                        "four euros on cars entering the city centre on weekday mornings and afternoons. "
                        "The assembly, the first of its kind in the city, was asked in the spring how "
                        "Tampere should cut traffic in its centre by a third within ten years without "
                        "making life harder for people who depend on their cars.",
                    ),
                    (
                        "p",
                        "Members heard from traffic engineers, bus drivers, shopkeepers, disability groups "
                        "and researchers from two universities, and visited neighbourhoods on the edge of "
                        "the city where bus connections are thin. Their final report, presented to the "
                        "city council on Wednesday, also calls for the money raised to be spent on more "
                        "frequent buses to those neighbourhoods and for exemptions for care workers and "
                        "people with reduced mobility.",
                    ),
                    (
                        "quote",
                        "I came in sure that a charge would punish people like me who drive to a night "
                        "shift. I am leaving sure that it can work, if the buses come first and the charge "
                        "comes second.",
                        "Jukka Lehtinen",
                        "Assembly member and hospital porter",
                    ),
                    ("h", "Advice, not a decision"),
                    (
                        "p",
                        "The council is not bound by the recommendation, and reactions from its groups "
                        "were mixed. Several councillors praised the depth of the report but questioned "
                        "whether a charge would hurt small shops in the centre, while others said they "
                        "would back it only if a trial period were written into the decision. The mayor's "
                        "office said the council would debate the report in full before the summer break "
                        "and publish a written answer to each of its 23 recommendations.",
                    ),
                    (
                        "p",
                        "Organisers said attendance had stayed above ninety percent over the six weekends, "
                        "and that members had received a fee equal to a day's average wage for each "
                        "session, along with childcare. The city plans to hold a second assembly next year "
                        "on housing.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Демократия",
                title="Жители Тампере, выбранные по жребию, поддержали плату за въезд в центр — решать "
                "теперь совету",
                lede="Пятьдесят случайно отобранных горожан шесть выходных подряд изучали дорожное "
                "движение. Итоговым голосованием — 34 против 16 — они предложили депутатам ввести плату за "
                "въезд машин в центр в часы пик.",
                place="Тампере",
                tags=["Финляндия", "Демократия", "Транспорт"],
                body=[
                    (
                        "p",
                        "Гражданская ассамблея из пятидесяти жителей Тампере, отобранных по жребию так, "
                        "чтобы по возрасту, району и доходу они отражали население города, рекомендовала "
                        "ввести плату в четыре евро за въезд автомобилей в центр по будним дням утром и "
                        "вечером. Весной этой первой в истории города ассамблее поручили ответить на "
                        "вопрос, как за десять лет сократить движение в центре на треть и не усложнить при "
                        "этом жизнь тем, кто без машины обойтись не может.",
                    ),
                    (
                        "p",
                        "Участники выслушали инженеров-транспортников, водителей автобусов, владельцев "
                        "магазинов, представителей организаций людей с инвалидностью и исследователей из "
                        "двух университетов, а также побывали в районах на окраине, куда автобусы ходят "
                        "редко. В итоговом докладе, представленном городскому совету в среду, они также "
                        "предлагают тратить собранные деньги на более частые автобусы в эти районы и "
                        "освободить от платы социальных работников и людей с ограниченной подвижностью.",
                    ),
                    (
                        "quote",
                        "Я шёл сюда с уверенностью, что плата ударит по таким, как я, — по тем, кто ездит "
                        "на ночную смену. Ухожу с уверенностью, что это может сработать, если сначала "
                        "появятся автобусы, а уже потом плата.",
                        "Юкка Лехтинен",
                        "участник ассамблеи, санитар городской больницы",
                    ),
                    ("h", "Совет, а не решение"),
                    (
                        "p",
                        "Городской совет не обязан следовать рекомендации, и фракции отреагировали "
                        "по-разному. Несколько депутатов высоко оценили глубину доклада, но усомнились, не "
                        "пострадают ли от платы небольшие магазины в центре; другие заявили, что поддержат "
                        "идею, только если в решение будет заложен пробный период. В мэрии сообщили, что "
                        "совет обсудит доклад целиком до летних каникул и даст письменный ответ на каждую "
                        "из 23 рекомендаций.",
                    ),
                    (
                        "p",
                        "По словам организаторов, посещаемость все шесть выходных держалась выше 90%. За "
                        "каждое заседание участники получали сумму, равную среднему дневному заработку, а "
                        "на время заседаний для их детей работала няня. В следующем году город планирует "
                        "собрать вторую ассамблею — по жилищному вопросу.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="dakar-participatory-budget",
        section="politics",
        hours_ago=66,
        authors=["daniel-osei"],
        agency="sahel",
        image="classroom",
        versions={
            "en": Version(
                title="Dakar puts five percent of its budget to a public vote, and 140,000 people take part",
                lede="Street lighting, school toilets and a covered market topped the list of projects "
                "chosen by residents in the city's first participatory budget.",
                place="Dakar",
                tags=["Senegal", "Cities", "Budgets"],
                body=[
                    (
                        "p",
                        "More than 140,000 residents of Dakar voted over three weeks to decide how the "
                        "city should spend five percent of next year's investment budget, in the first "
                        "exercise of its kind in the Senegalese capital. Residents could vote online, by "
                        "text message or at booths set up in markets and town halls, choosing from 212 "
                        "projects proposed and costed by neighbourhood associations over the summer.",
                    ),
                    (
                        "p",
                        "The winning list, published by the city on Tuesday, includes solar street "
                        "lighting on 60 kilometres of roads in outer districts, new toilets and washbasins "
                        "in 48 primary schools, and a covered market for fish traders near the coast. "
                        "Together the 37 chosen projects are worth about 4.8 billion CFA francs, roughly "
                        "7.3 million euros.",
                    ),
                    (
                        "quote",
                        "People told us for years that the council never asks them anything. This time we "
                        "asked, and they answered in numbers we did not expect. Now we have to deliver, "
                        "because they will be watching.",
                        "Aminata Diallo",
                        "Deputy mayor for citizen participation",
                    ),
                    ("h", "Teenagers at the ballot booth"),
                    (
                        "p",
                        "Voting was open to anyone over fifteen living in the city, and organisers said "
                        "almost a fifth of votes came from people under twenty-five. School pupils "
                        "campaigned for the toilet project in several districts, arguing that the lack of "
                        "clean facilities kept girls at home during their periods. Youth groups also "
                        "helped older residents vote by text message at market stalls.",
                    ),
                    (
                        "p",
                        "Some councillors have criticised the scheme, saying that better-organised "
                        "neighbourhoods will always win more projects. The city says it weighted votes "
                        "slightly in favour of the poorest districts and will publish a progress tracker "
                        "online for every chosen project, with the first works due to start in February.",
                    ),
                ],
            ),
            "ru": Version(
                title="Дакар вынес на народное голосование 5% бюджета — проголосовали 140 тысяч человек",
                lede="Уличное освещение, туалеты в школах и крытый рынок возглавили список проектов, "
                "которые жители столицы Сенегала выбрали в рамках первого в городе партисипаторного "
                "бюджета.",
                place="Дакар",
                tags=["Сенегал", "Города", "Бюджет"],
                body=[
                    (
                        "p",
                        "Более 140 тысяч жителей Дакара за три недели проголосовали за то, на что городу "
                        "потратить пять процентов инвестиционного бюджета следующего года. Для столицы "
                        "Сенегала такой опыт — первый. Голосовать можно было через интернет, по СМС или в "
                        "кабинках, установленных на рынках и в районных администрациях. На выбор было 212 "
                        "проектов, которые летом подготовили и просчитали соседские объединения.",
                    ),
                    (
                        "p",
                        "В итоговый список, опубликованный мэрией во вторник, вошли уличные фонари на "
                        "солнечных батареях вдоль 60 километров дорог в отдалённых районах, новые туалеты "
                        "и умывальники в 48 начальных школах и крытый рынок для торговцев рыбой у "
                        "побережья. Всего отобраны 37 проектов общей стоимостью около 4,8 млрд франков КФА "
                        "— примерно 7,3 млн евро.",
                    ),
                    (
                        "quote",
                        "Годами люди говорили нам, что мэрия никогда ни о чём их не спрашивает. На этот "
                        "раз мы спросили — и ответили столько людей, сколько мы не ожидали. Теперь нам "
                        "нужно выполнить обещанное, потому что они будут следить.",
                        "Амината Диалло",
                        "заместитель мэра по вопросам участия граждан",
                    ),
                    ("h", "Подростки у урн"),
                    (
                        "p",
                        "Голосовать могли все жители города старше пятнадцати лет, и, по словам "
                        "организаторов, почти пятая часть голосов пришлась на людей младше двадцати пяти. "
                        "В нескольких районах школьники агитировали за проект с туалетами, объясняя, что "
                        "из-за отсутствия нормальных санитарных условий девочки пропускают занятия во "
                        "время менструации. Молодёжные группы также помогали пожилым жителям голосовать по "
                        "СМС прямо у рыночных прилавков.",
                    ),
                    (
                        "p",
                        "Некоторые депутаты критикуют программу: по их мнению, лучше организованные "
                        "кварталы всегда будут выигрывать больше проектов. В мэрии отвечают, что голоса "
                        "самых бедных районов получили небольшой дополнительный вес, и обещают публиковать "
                        "в интернете ход работ по каждому проекту. Первые работы должны начаться в феврале.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="upper-basin-river-treaty",
        section="politics",
        hours_ago=118,
        authors=["sara-haddad", "amelia-hart"],
        agency="meridian",
        image="river-delta",
        versions={
            "en": Version(
                kicker="Diplomacy",
                title="Six countries on a shared river agree to publish their water data every day",
                lede="After three years of talks, members of the Upper Basin River Commission signed an "
                "agreement in Geneva to share dam releases and river levels in real time, a step diplomats "
                "called small but overdue.",
                place="Geneva",
                tags=["Water", "Diplomacy", "Rivers"],
                body=[
                    (
                        "p",
                        "Representatives of the six countries that share the basin of a major river signed "
                        "an agreement in Geneva on Friday committing them to publish daily figures on "
                        "river flows, reservoir levels and planned releases from dams. Until now such data "
                        "has been exchanged only on request, often weeks late, and disputes over sudden "
                        "changes in the river's level have twice led to the suspension of talks between "
                        "neighbouring governments.",
                    ),
                    (
                        "p",
                        "Under the agreement, each country will send measurements from at least twelve "
                        "monitoring stations to a shared platform run by the commission's secretariat, "
                        "which will publish them openly. Planned dam releases above a set volume must be "
                        "announced at least 72 hours in advance, except in emergencies, and a new "
                        "technical committee will meet every month to compare forecasts during the flood "
                        "season.",
                    ),
                    (
                        "quote",
                        "Nobody gave up an inch of sovereignty today. What they gave up is the habit of "
                        "surprise, and on a river that is worth a great deal.",
                        "Laila Mansour",
                        "Executive secretary, Upper Basin River Commission",
                    ),
                    ("h", "What the agreement leaves out"),
                    (
                        "p",
                        "The text does not touch the hardest question, how the river's water should be "
                        "shared in dry years, which negotiators agreed to leave to a later round. Farmers' "
                        "organisations downstream welcomed the deal but said daily data would matter "
                        "little if upstream reservoirs were allowed to hold back water during a drought. "
                        "Environmental groups asked for sediment and water-quality figures to be added to "
                        "the platform.",
                    ),
                    (
                        "p",
                        "The agreement enters into force once four of the six countries have ratified it. "
                        "Diplomats said they expected that to happen within a year, and that the first "
                        "data could appear on the platform before next year's flood season.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Дипломатия",
                title="Шесть стран общего речного бассейна договорились ежедневно публиковать данные о воде",
                lede="После трёх лет переговоров участники Комиссии верхнего речного бассейна подписали в "
                "Женеве соглашение об обмене данными о сбросах из водохранилищ и уровне воды в реальном "
                "времени. Дипломаты назвали этот шаг небольшим, но давно назревшим.",
                place="Женева",
                tags=["Вода", "Дипломатия", "Реки"],
                body=[
                    (
                        "p",
                        "В пятницу в Женеве представители шести стран, расположенных в бассейне крупной "
                        "реки, подписали соглашение, по которому обязуются ежедневно публиковать данные о "
                        "расходе воды, наполнении водохранилищ и планируемых сбросах через плотины. До сих "
                        "пор такими данными обменивались только по запросу, нередко с опозданием на "
                        "несколько недель, а споры из-за резких перепадов уровня реки уже дважды приводили "
                        "к приостановке переговоров между соседними правительствами.",
                    ),
                    (
                        "p",
                        "По условиям соглашения каждая страна будет передавать показания как минимум "
                        "двенадцати гидрологических постов на общую платформу, которую ведёт секретариат "
                        "комиссии; данные будут находиться в открытом доступе. О плановых сбросах выше "
                        "установленного объёма нужно будет объявлять не менее чем за 72 часа, за "
                        "исключением чрезвычайных ситуаций. Кроме того, новый технический комитет в сезон "
                        "паводков будет ежемесячно сверять прогнозы.",
                    ),
                    (
                        "quote",
                        "Сегодня никто не уступил ни пяди суверенитета. Уступили привычку к сюрпризам, а "
                        "на реке это дорогого стоит.",
                        "Лейла Мансур",
                        "исполнительный секретарь Комиссии верхнего речного бассейна",
                    ),
                    ("h", "О чём соглашение умалчивает"),
                    (
                        "p",
                        "Самого трудного вопроса — как делить воду реки в засушливые годы — текст не "
                        "касается: переговорщики договорились оставить его на следующий раунд. Фермерские "
                        "организации в низовьях приветствовали договорённость, но заметили, что от "
                        "ежедневных данных будет мало толку, если в засуху водохранилищам выше по течению "
                        "разрешат удерживать воду. Экологи попросили добавить на платформу сведения о "
                        "наносах и качестве воды.",
                    ),
                    (
                        "p",
                        "Соглашение вступит в силу после ратификации четырьмя странами из шести. Дипломаты "
                        "рассчитывают, что это произойдёт в течение года и первые данные появятся на "
                        "платформе ещё до следующего сезона паводков.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="kyoto-youth-council",
        section="politics",
        hours_ago=190,
        authors=["kenji-mori"],
        image="parliament-dome",
        versions={
            "en": Version(
                title="Kyoto gives its new youth council a budget of its own, and a seat at committee "
                "meetings",
                lede="Thirty residents aged 15 to 24 will control 50 million yen a year and may speak, but "
                "not vote, in the city council's committees.",
                place="Kyoto",
                tags=["Japan", "Youth", "Local government"],
                body=[
                    (
                        "p",
                        "Kyoto's city council voted on Thursday to create a permanent youth council of "
                        "thirty members aged between 15 and 24, with its own annual budget of 50 million "
                        "yen and the right to speak in the council's standing committees. Members will be "
                        "chosen partly by election in schools and universities and partly by lot from the "
                        "city's residents register, so that young people who are neither studying nor in "
                        "work are also represented.",
                    ),
                    (
                        "p",
                        "The decision follows a two-year pilot in which an informal youth forum advised "
                        "the city on late-night bus services, study spaces and the cost of sports "
                        "facilities. Officials said several of its proposals, including keeping two "
                        "libraries open until ten in the evening during exam season, had proved popular "
                        "well beyond the age group that suggested them.",
                    ),
                    (
                        "quote",
                        "We were tired of being consulted about the future and then left out of the "
                        "present. A budget means we can try things, and a seat means we can explain "
                        "ourselves to the people who decide.",
                        "Yui Takeda",
                        "University student and member of the pilot forum",
                    ),
                    ("h", "Limits on the new body"),
                    (
                        "p",
                        "The youth council will not be able to vote on city legislation, and its budget "
                        "must be spent on projects approved by the city's finance office. Some councillors "
                        "argued that the sum was too small to make a difference; others questioned whether "
                        "members chosen by lot would stay involved for a two-year term. The council agreed "
                        "to review the arrangement after four years.",
                    ),
                    (
                        "p",
                        "The first members are due to be chosen in the spring, with their first meeting "
                        "planned for May in the council chamber. City officials said the sessions would be "
                        "streamed and archived online, as the full council's meetings already are.",
                    ),
                ],
            ),
        },
    ),
]
