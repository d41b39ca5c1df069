"""Business demo stories: interest rates, a port, coffee, solar power, freight, batteries and honey."""

from __future__ import annotations

from dateline.demo.content import Story, Version

STORIES: list[Story] = [
    Story(
        key="coral-sea-rates-hold",
        section="business",
        hours_ago=5,
        authors=["ivan-petrov"],
        agency="pacific",
        image="market-chart",
        versions={
            "en": Version(
                kicker="Interest rates",
                title="Coral Sea Monetary Authority holds rates, says the fight with prices is not over",
                lede="The authority kept its main rate at 4.25 percent for a fourth meeting in a row, and "
                "signalled that it would not cut before the middle of next year.",
                place="Suva",
                tags=["Interest rates", "Inflation", "Pacific"],
                body=[
                    (
                        "p",
                        "The Coral Sea Monetary Authority, which sets interest rates for four island "
                        "economies sharing a common currency, left its benchmark rate unchanged at 4.25 "
                        "percent on Wednesday, in line with the expectations of most economists. In a "
                        "statement, the authority's board said that inflation had fallen to 3.6 percent "
                        "from a peak of more than 7 percent last year, but that prices of food and "
                        "services were still rising faster than it would like.",
                    ),
                    (
                        "p",
                        "Governor Mere Tuilagi told reporters that the board had discussed a cut but "
                        "decided that it was too early. Shipping costs for imported goods have fallen "
                        "sharply, she said, but rents and wages in the tourism sector are climbing, and a "
                        "strong cyclone season could push food prices up again. Most of the region's food "
                        "is imported, which makes prices sensitive to both freight costs and the exchange "
                        "rate.",
                    ),
                    (
                        "quote",
                        "We would rather be a few months late in cutting than have to raise rates again "
                        "next year. Families here have already paid for one bout of inflation; they should "
                        "not have to pay for two.",
                        "Mere Tuilagi",
                        "Governor, Coral Sea Monetary Authority",
                    ),
                    ("h", "Borrowers wait for relief"),
                    (
                        "p",
                        "Business groups had hoped for a small cut to ease the cost of loans for hotels "
                        "and fishing companies that borrowed heavily to recover from the pandemic years. "
                        "The region's chamber of commerce said it understood the decision but urged the "
                        "authority to spell out what it would need to see before lowering rates. Mortgage "
                        "rates at the main commercial banks are at their highest in fifteen years.",
                    ),
                    (
                        "p",
                        "The authority's next meeting is in eight weeks. Its updated forecasts, published "
                        "alongside the decision, show inflation returning to its target range of 2 to 3 "
                        "percent in the third quarter of next year, slightly later than it had predicted "
                        "in the summer.",
                    ),
                    ("related", "singapore-freight-rates"),
                ],
            ),
            "ru": Version(
                kicker="Процентные ставки",
                title="Денежно-кредитное управление Кораллового моря сохранило ставку: борьба с ростом цен "
                "не окончена",
                lede="Управление в четвёртый раз подряд оставило основную ставку на уровне 4,25% и дало "
                "понять, что не станет снижать её раньше середины следующего года.",
                place="Сува",
                tags=["Процентные ставки", "Инфляция", "Тихий океан"],
                body=[
                    (
                        "p",
                        "Денежно-кредитное управление Кораллового моря, которое определяет процентные "
                        "ставки для четырёх островных экономик с общей валютой, в среду сохранило базовую "
                        "ставку на уровне 4,25%. Этого ожидало большинство экономистов. В заявлении совета "
                        "управления говорится, что инфляция снизилась до 3,6% с пика выше 7% в прошлом "
                        "году, однако продукты питания и услуги по-прежнему дорожают быстрее, чем хотелось "
                        "бы регулятору.",
                    ),
                    (
                        "p",
                        "Глава управления Мере Туилаги сообщила журналистам, что совет обсуждал снижение "
                        "ставки, но счёл его преждевременным. По её словам, стоимость доставки импортных "
                        "товаров резко упала, однако арендная плата и зарплаты в туристической отрасли "
                        "растут, а сильный сезон циклонов может снова подтолкнуть вверх цены на продукты. "
                        "Большая часть продовольствия в регион завозится, поэтому цены чувствительны и к "
                        "стоимости фрахта, и к валютному курсу.",
                    ),
                    (
                        "quote",
                        "Лучше снизить ставку на несколько месяцев позже, чем в следующем году снова её "
                        "повышать. Семьи здесь уже заплатили за одну волну инфляции — платить за вторую "
                        "они не должны.",
                        "Мере Туилаги",
                        "глава Денежно-кредитного управления Кораллового моря",
                    ),
                    ("h", "Заёмщики ждут облегчения"),
                    (
                        "p",
                        "Деловые объединения надеялись на небольшое снижение, которое удешевило бы кредиты "
                        "для гостиниц и рыболовных компаний, много занимавших, чтобы восстановиться после "
                        "пандемии. Торговая палата региона заявила, что понимает решение, но призвала "
                        "регулятора прямо сказать, каких показателей он ждёт для снижения ставки. Ставки "
                        "по ипотеке в крупнейших коммерческих банках сейчас самые высокие за пятнадцать "
                        "лет.",
                    ),
                    (
                        "p",
                        "Следующее заседание управления пройдёт через восемь недель. Согласно обновлённому "
                        "прогнозу, опубликованному вместе с решением, инфляция вернётся в целевой диапазон "
                        "от 2 до 3% в третьем квартале следующего года — немного позже, чем регулятор "
                        "рассчитывал летом.",
                    ),
                    ("related", "singapore-freight-rates"),
                ],
            ),
        },
    ),
    Story(
        key="valencia-port-automation",
        section="business",
        hours_ago=23,
        authors=["amelia-hart"],
        agency="meridian",
        image="harbour-cranes",
        versions={
            "en": Version(
                kicker="Ports",
                title="Valencia terminal switches to remote-controlled cranes after a deal with dockworkers",
                lede="Crane drivers will move from cabins forty metres above the quay to a control room, "
                "and no jobs will be cut for six years under an agreement reached after months of talks.",
                place="Valencia",
                tags=["Spain", "Shipping", "Jobs"],
                body=[
                    (
                        "p",
                        "The operator of Levante Terminal, one of the largest container terminals in "
                        "Valencia's port, will begin moving its ship-to-shore cranes to remote control in "
                        "January, after dockworkers' unions approved an agreement guaranteeing current "
                        "jobs until at least the end of the decade. The deal, backed by 71 percent of "
                        "union members in a vote on Monday, ends a dispute that led to two one-day strikes "
                        "in the summer.",
                    ),
                    (
                        "p",
                        "Under the plan, crane drivers who now spend their shifts in small cabins high "
                        "above the quay will work from a control room on the ground, operating up to three "
                        "cranes each with the help of cameras and software that takes over the most "
                        "repetitive moves. The terminal says the change will allow it to handle about 20 "
                        "percent more containers with the same number of cranes, and reduce the back and "
                        "neck injuries common among drivers.",
                    ),
                    (
                        "quote",
                        "For thirty years I have looked down between my feet for ten hours a night. If "
                        "they want me to do the same job in a chair with my back straight, I will not "
                        "complain. What I wanted was a guarantee that my son still has a job here.",
                        "Vicente Llorca",
                        "Crane driver and union delegate",
                    ),
                    ("h", "Retraining instead of redundancy"),
                    (
                        "p",
                        "The agreement commits the operator to retrain every driver who wants to move to "
                        "the control room, and to offer other roles on the terminal to those who do not. "
                        "No worker can be made redundant because of automation before 2031, and any future "
                        "reduction in staff must be achieved through retirement or voluntary departures. "
                        "The company will also fund an apprenticeship programme with a local vocational "
                        "school.",
                    ),
                    (
                        "image",
                        "container-ship",
                        "Larger ships are putting pressure on terminals to work faster.",
                    ),
                    (
                        "p",
                        "Port economists say the deal could become a model for other Mediterranean "
                        "terminals facing the same pressure from ever larger ships. Shipping lines "
                        "increasingly choose ports by how quickly they can turn a vessel around, and "
                        "several terminals in the region are planning similar investments.",
                    ),
                    ("related", "singapore-freight-rates"),
                ],
            ),
            "ru": Version(
                kicker="Порты",
                title="Терминал в Валенсии переводит краны на дистанционное управление после соглашения с "
                "докерами",
                lede="Крановщики переберутся из кабин на высоте сорока метров над причалом в "
                "диспетчерскую, а сокращений не будет шесть лет — об этом договорились после нескольких "
                "месяцев переговоров.",
                place="Валенсия",
                tags=["Испания", "Судоходство", "Работа"],
                body=[
                    (
                        "p",
                        "Оператор терминала «Леванте», одного из крупнейших контейнерных терминалов порта "
                        "Валенсии, в январе начнёт переводить причальные краны на дистанционное "
                        "управление. Перед этим профсоюзы докеров одобрили соглашение, гарантирующее "
                        "сохранение нынешних рабочих мест как минимум до конца десятилетия. "
                        "Договорённость, которую в понедельник поддержал 71% членов профсоюзов, кладёт "
                        "конец конфликту, из-за которого летом прошли две однодневные забастовки.",
                    ),
                    (
                        "p",
                        "По плану крановщики, которые сейчас проводят смены в тесных кабинах высоко над "
                        "причалом, будут работать в диспетчерской на земле. Каждый сможет управлять тремя "
                        "кранами с помощью камер и программы, которая берёт на себя самые однообразные "
                        "операции. По оценке терминала, это позволит обрабатывать примерно на 20% больше "
                        "контейнеров тем же числом кранов и сократить число травм спины и шеи, обычных для "
                        "крановщиков.",
                    ),
                    (
                        "quote",
                        "Тридцать лет я по десять часов за ночь смотрю вниз себе под ноги. Если мне "
                        "предлагают делать ту же работу в кресле с прямой спиной, жаловаться не стану. Мне "
                        "нужна была гарантия, что у моего сына здесь тоже будет работа.",
                        "Висенте Льорка",
                        "крановщик и профсоюзный представитель",
                    ),
                    ("h", "Переобучение вместо увольнений"),
                    (
                        "p",
                        "Соглашение обязывает оператора переобучить каждого крановщика, который захочет "
                        "перейти в диспетчерскую, а тем, кто не захочет, предложить другие должности на "
                        "терминале. До 2031 года никого нельзя уволить из-за автоматизации, а любое "
                        "дальнейшее сокращение штата возможно только за счёт выхода на пенсию или "
                        "добровольного ухода. Компания также будет финансировать программу ученичества "
                        "вместе с местным профессиональным училищем.",
                    ),
                    (
                        "image",
                        "container-ship",
                        "Суда становятся всё больше, и терминалам приходится работать быстрее.",
                    ),
                    (
                        "p",
                        "Экономисты, изучающие порты, считают, что соглашение может стать образцом для "
                        "других средиземноморских терминалов, испытывающих такое же давление из-за роста "
                        "размеров судов. Судоходные линии всё чаще выбирают порты по тому, как быстро там "
                        "обрабатывают судно, и несколько терминалов региона уже планируют похожие вложения.",
                    ),
                    ("related", "singapore-freight-rates"),
                ],
            ),
        },
    ),
    Story(
        key="addis-coffee-prices",
        section="business",
        hours_ago=45,
        updated_hours_later=3,
        authors=["daniel-osei", "ivan-petrov"],
        agency="sahel",
        image="coffee-hills",
        versions={
            "en": Version(
                kicker="Commodities",
                title="Coffee prices reach a two-year high, and highland growers see little of it",
                lede="A dry season in several producing regions has pushed wholesale prices up by a third "
                "since spring, but smallholders near Addis Ababa say middlemen and transport costs are "
                "taking most of the gain.",
                place="Addis Ababa",
                tags=["Coffee", "Commodities", "Ethiopia"],
                body=[
                    (
                        "p",
                        "Wholesale prices for high-quality arabica coffee rose to their highest level in "
                        "two years this week, up about 34 percent since April, after a long dry spell cut "
                        "harvest forecasts in several of the world's main growing regions. Traders in "
                        "Addis Ababa said buyers from roasting companies were arriving earlier than usual "
                        "and paying advances for beans that have not yet been picked.",
                    ),
                    (
                        "p",
                        "On the terraced hills south-west of the capital, where most coffee is grown by "
                        "families on plots of less than two hectares, the mood is more cautious. Farmers "
                        "said the price paid at collection points had risen by only about 15 percent, "
                        "while the cost of transport, fertiliser and hired labour for the harvest had also "
                        "gone up. Many sell their cherries within days of picking because they cannot "
                        "store or dry them properly.",
                    ),
                    (
                        "image",
                        "coffee-chart",
                        "Wholesale arabica prices have risen by about a third since April.",
                    ),
                    (
                        "quote",
                        "When the price falls, we hear about it the same day. When it rises, the news "
                        "takes a whole season to walk up the hill.",
                        "Tigist Bekele",
                        "Coffee farmer and member of a growers' cooperative",
                    ),
                    ("h", "Cooperatives try to keep more of the price"),
                    (
                        "p",
                        "Growers' cooperatives have been investing in shared drying beds and small washing "
                        "stations, which let members sell processed beans for a higher price and choose "
                        "when to sell. One cooperative near Jimma said members who delivered washed coffee "
                        "this season had earned almost twice as much per kilogram as those selling fresh "
                        "cherries. The cooperatives are now asking regional banks for cheaper credit to "
                        "build warehouses.",
                    ),
                    (
                        "p",
                        "Analysts expect prices to stay high until the next harvests in South America are "
                        "known, in the second quarter of next year. After this story was first published, "
                        "the national coffee board said it would publish daily reference prices at "
                        "collection points by text message, so that farmers can compare offers before they "
                        "sell.",
                    ),
                    ("related", "coral-sea-rates-hold"),
                ],
            ),
            "ru": Version(
                kicker="Сырьё",
                title="Цены на кофе достигли двухлетнего максимума, но фермерам в горах достаётся немногое",
                lede="Засуха в нескольких регионах-производителях с весны подняла оптовые цены на треть, "
                "однако мелкие фермеры в окрестностях Аддис-Абебы говорят, что большую часть прибавки "
                "забирают посредники и перевозчики.",
                place="Аддис-Абеба",
                tags=["Кофе", "Сырьё", "Эфиопия"],
                body=[
                    (
                        "p",
                        "Оптовые цены на качественную арабику на этой неделе поднялись до самого высокого "
                        "уровня за два года — примерно на 34% выше, чем в апреле: долгая засуха ухудшила "
                        "прогнозы урожая в нескольких главных кофейных регионах мира. Трейдеры в "
                        "Аддис-Абебе рассказывают, что закупщики обжарочных компаний приезжают раньше "
                        "обычного и платят авансы за ещё не собранные зёрна.",
                    ),
                    (
                        "p",
                        "На террасных склонах к юго-западу от столицы, где кофе в основном выращивают "
                        "семьи на участках меньше двух гектаров, настроение осторожнее. Фермеры говорят, "
                        "что на приёмных пунктах цена выросла всего примерно на 15%, при этом подорожали и "
                        "перевозка, и удобрения, и наём работников на сбор урожая. Многие продают ягоды "
                        "через несколько дней после сбора, потому что не могут их правильно хранить и "
                        "сушить.",
                    ),
                    ("image", "coffee-chart", "С апреля оптовые цены на арабику выросли примерно на треть."),
                    (
                        "quote",
                        "Когда цена падает, мы узнаём об этом в тот же день. Когда растёт, новость "
                        "поднимается к нам в гору целый сезон.",
                        "Тигист Бекеле",
                        "фермер, член кооператива производителей кофе",
                    ),
                    ("h", "Кооперативы пытаются удержать больше"),
                    (
                        "p",
                        "Кооперативы производителей вкладываются в общие сушильные стеллажи и небольшие "
                        "станции мойки: это позволяет продавать обработанное зерно дороже и самим выбирать "
                        "момент продажи. В одном из кооперативов под Джиммой рассказали, что члены, "
                        "сдававшие в этом сезоне мытый кофе, заработали почти вдвое больше на килограмм, "
                        "чем те, кто продавал свежие ягоды. Теперь кооперативы просят региональные банки о "
                        "более дешёвых кредитах на строительство складов.",
                    ),
                    (
                        "p",
                        "Аналитики ожидают, что цены останутся высокими, пока не станут известны "
                        "результаты следующего урожая в Южной Америке, то есть до второго квартала "
                        "следующего года. Уже после публикации этой статьи национальный кофейный совет "
                        "сообщил, что будет ежедневно рассылать по СМС справочные цены на приёмных "
                        "пунктах, чтобы фермеры могли сравнивать предложения перед продажей.",
                    ),
                    ("related", "coral-sea-rates-hold"),
                ],
            ),
        },
    ),
    Story(
        key="aqaba-solar-desalination",
        section="business",
        hours_ago=76,
        authors=["sara-haddad"],
        image="solar-field",
        versions={
            "en": Version(
                kicker="Energy",
                title="Aqaba solar farm signs a 20-year deal to power a desalination plant",
                lede="The agreement links a new 180-megawatt solar farm in the desert with a plant that "
                "will turn Red Sea water into drinking water, with batteries to keep the pumps running "
                "after sunset.",
                place="Aqaba",
                tags=["Jordan", "Solar power", "Water"],
                body=[
                    (
                        "p",
                        "A consortium building a 180-megawatt solar farm in the desert north of Aqaba has "
                        "signed a twenty-year contract to supply electricity to a seawater desalination "
                        "plant on the Red Sea coast, the two companies said on Sunday. The plant, due to "
                        "open in two years, will produce up to 60 million cubic metres of drinking water a "
                        "year, much of it to be pumped north to cities that have faced water rationing for "
                        "decades.",
                    ),
                    (
                        "p",
                        "Desalination uses large amounts of electricity, and energy makes up about half "
                        "the cost of the water it produces. By buying solar power at a fixed price for two "
                        "decades, the plant's operator says it can keep the price of water stable and cut "
                        "the carbon emissions of each cubic metre by more than two thirds compared with "
                        "running on the national grid.",
                    ),
                    (
                        "quote",
                        "Water and electricity in this country have always been one problem wearing two "
                        "hats. With this contract we are finally treating them as one.",
                        "Rania Khalil",
                        "Chief executive of the desalination plant's operating company",
                    ),
                    ("h", "Batteries for the night shift"),
                    (
                        "p",
                        "Because the pumps must run around the clock, the solar farm will include a "
                        "battery system able to store about four hours of output. The rest of the "
                        "night-time demand will be met from the grid. Engineers said the plant's membranes "
                        "would also be cleaned and serviced at midday, when solar power is cheapest, a "
                        "scheduling trick that has been tested at smaller plants in the region.",
                    ),
                    (
                        "p",
                        "Financing for both projects comes from a group of regional and international "
                        "lenders, with the contract for the solar farm's panels and trackers to be awarded "
                        "early next year. About 1,200 workers are expected to be employed during "
                        "construction.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Энергетика",
                title="Солнечная электростанция в Акабе будет 20 лет снабжать энергией опреснительный завод",
                lede="Соглашение связывает новую солнечную станцию мощностью 180 МВт в пустыне с заводом, "
                "который будет превращать воду Красного моря в питьевую; аккумуляторы позволят насосам "
                "работать и после заката.",
                place="Акаба",
                tags=["Иордания", "Солнечная энергетика", "Вода"],
                body=[
                    (
                        "p",
                        "Консорциум, строящий солнечную электростанцию мощностью 180 МВт в пустыне к "
                        "северу от Акабы, подписал двадцатилетний контракт на поставку электроэнергии "
                        "опреснительному заводу на побережье Красного моря, сообщили в воскресенье обе "
                        "компании. Завод, который должен заработать через два года, будет производить до "
                        "60 млн кубометров питьевой воды в год. Большую её часть будут перекачивать на "
                        "север, в города, где воду десятилетиями подают по графику.",
                    ),
                    (
                        "p",
                        "Опреснение требует огромного количества электричества: на энергию приходится "
                        "около половины себестоимости получаемой воды. Покупая солнечную энергию по "
                        "фиксированной цене на двадцать лет вперёд, оператор завода рассчитывает "
                        "удерживать цену воды стабильной и сократить выбросы углекислого газа на каждый "
                        "кубометр более чем на две трети по сравнению с питанием от общей сети.",
                    ),
                    (
                        "quote",
                        "Вода и электричество в нашей стране всегда были одной проблемой в двух шляпах. С "
                        "этим контрактом мы наконец-то решаем их как одну.",
                        "Рания Халиль",
                        "генеральный директор компании — оператора опреснительного завода",
                    ),
                    ("h", "Аккумуляторы для ночной смены"),
                    (
                        "p",
                        "Насосы должны работать круглые сутки, поэтому при электростанции построят систему "
                        "накопителей, способную запасать примерно четыре часа выработки. Остальную ночную "
                        "потребность покроет общая сеть. Инженеры рассказали, что мембраны завода будут "
                        "промывать и обслуживать в полдень, когда солнечная энергия дешевле всего: такой "
                        "приём уже опробовали на небольших установках в регионе.",
                    ),
                    (
                        "p",
                        "Оба проекта финансирует группа региональных и международных кредиторов; контракт "
                        "на поставку панелей и поворотных систем для электростанции разыграют в начале "
                        "следующего года. На стройке, как ожидается, будут заняты около 1200 человек.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="singapore-freight-rates",
        section="business",
        hours_ago=101,
        authors=["ivan-petrov"],
        agency="pacific",
        image="container-ship",
        versions={
            "en": Version(
                kicker="Shipping",
                title="Container freight rates slide as a wave of new ships leaves the yards",
                lede="The cost of moving a box from Asia to Europe has fallen by almost half since the "
                "start of the year, and shipping lines are sending older vessels to the scrapyard to keep "
                "prices from falling further.",
                place="Singapore",
                tags=["Shipping", "Trade", "Asia"],
                body=[
                    (
                        "p",
                        "The average price for shipping a forty-foot container from East Asia to northern "
                        "Europe fell to its lowest level in three years this week, according to an index "
                        "compiled by a group of freight brokers in Singapore. Rates have dropped by about "
                        "46 percent since January, as shipyards deliver a record number of new container "
                        "vessels ordered during the boom years, while demand for goods has grown only "
                        "modestly.",
                    ),
                    (
                        "p",
                        "Shipping lines have responded by cancelling some sailings, slowing their ships to "
                        "save fuel and sending older vessels for recycling earlier than planned. Brokers "
                        "said almost sixty ships had been sold for scrap since the summer, the highest "
                        "number in a decade, most of them built before 2005 and less efficient than the "
                        "new generation of vessels.",
                    ),
                    (
                        "quote",
                        "The industry ordered ships as if the busy years would never end. Now it has to "
                        "find cargo for all of them, and the only lever it really has is price.",
                        "Wei Ling Tan",
                        "Head of research at a Singapore ship-broking firm",
                    ),
                    ("h", "Good news for importers, for now"),
                    (
                        "p",
                        "Retailers and manufacturers that import from Asia are the main winners, and some "
                        "have started to renegotiate annual contracts that were signed at higher prices. "
                        "Economists say lower freight costs should help bring down the price of imported "
                        "goods over the coming months, although the effect on shop prices is usually small "
                        "and slow.",
                    ),
                    (
                        "p",
                        "Analysts warn that the fall may not last. Rates on some routes rose briefly last "
                        "month when storms closed two ports, and a busy pre-holiday season or disruption "
                        "at a major canal could quickly push them up again.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="bengaluru-battery-swaps",
        section="business",
        hours_ago=165,
        authors=["priya-raman"],
        image="circuit-board",
        versions={
            "en": Version(
                kicker="Start-ups",
                title="Bengaluru battery-swap start-up raises funds to serve 40,000 delivery riders",
                lede="Riders of electric scooters swap a flat battery for a charged one in under a minute "
                "at kiosks run by Chargeline, which plans to triple its network by next year.",
                place="Bengaluru",
                tags=["India", "Electric vehicles", "Start-ups"],
                body=[
                    (
                        "p",
                        "Chargeline, a Bengaluru start-up that runs battery-swapping kiosks for electric "
                        "scooters, said on Tuesday it had raised the equivalent of 28 million dollars from "
                        "a group of investors to expand its network from 600 to 1,800 stations across "
                        "three cities. Most of its customers are delivery riders who cover more than 120 "
                        "kilometres a day and cannot afford to wait hours for a battery to recharge.",
                    ),
                    (
                        "p",
                        "At a Chargeline kiosk, a rider slides out a flat battery, pushes it into an empty "
                        "slot and takes a charged one from another, paying per swap through an app. The "
                        "company owns the batteries and leases the scooters, which lowers the upfront cost "
                        "for riders who would otherwise have to buy a vehicle and battery outright.",
                    ),
                    (
                        "quote",
                        "The scooter was never the expensive part. The expensive part was the hour I lost "
                        "every afternoon at a charger. Now I lose forty seconds.",
                        "Ramesh Gowda",
                        "Food delivery rider in Bengaluru",
                    ),
                    ("h", "Standards still missing"),
                    (
                        "p",
                        "Battery swapping has grown quickly in Indian cities, but batteries from different "
                        "companies are not interchangeable, and riders must stick to one network. "
                        "Chargeline's founder, Anjali Murthy, said the company would support a common "
                        "battery standard if one were agreed, even though that would make it easier for "
                        "riders to switch to rivals. Industry groups are working on a proposal that could "
                        "be published next year.",
                    ),
                    (
                        "p",
                        "The company said the new money would also fund a recycling line for old batteries "
                        "at its workshop on the edge of the city, where cells that can no longer power a "
                        "scooter will be rebuilt into storage units for shops and small offices.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="altai-honey-cooperative",
        section="business",
        hours_ago=212,
        authors=["ivan-petrov"],
        image="wheat-field",
        versions={
            "ru": Version(
                kicker="Малый бизнес",
                title="Пасечники Алтая объединились в кооператив, чтобы продавать мёд без перекупщиков",
                lede="Сорок две семьи из горных сёл построили общий цех фасовки и впервые отправили мёд "
                "напрямую в магазины Новосибирска и Екатеринбурга.",
                place="Барнаул",
                tags=["Алтай", "Фермеры", "Кооперативы"],
                body=[
                    (
                        "p",
                        "Сорок две семьи пасечников из сёл в предгорьях Алтая зарегистрировали "
                        "сельскохозяйственный кооператив и запустили общий цех, где мёд проверяют, фасуют "
                        "и маркируют. До сих пор большинство из них сдавало мёд оптом перекупщикам, "
                        "которые приезжали в августе с цистернами и сами назначали цену. В этом сезоне "
                        "первая партия кооператива — двенадцать тонн в стеклянных банках — ушла напрямую в "
                        "сети магазинов Новосибирска и Екатеринбурга.",
                    ),
                    (
                        "p",
                        "Цех построили на деньги самих пасечников и на областной грант для сельских "
                        "кооперативов. В нём есть небольшая лаборатория, где проверяют влажность и состав "
                        "мёда, — без таких анализов крупные магазины с мелкими хозяйствами не работают. "
                        "Каждая банка получает этикетку с названием села и именем пасечника.",
                    ),
                    (
                        "quote",
                        "Раньше я отдавала мёд по цене, которую мне называли у ворот. Теперь покупатель в "
                        "городе видит на банке мою фамилию, и мне за неё не стыдно.",
                        "Людмила Зырянова",
                        "пасечница, член кооператива",
                    ),
                    ("h", "Доход вырос, забот прибавилось"),
                    (
                        "p",
                        "По словам председателя кооператива Николая Бочкарёва, в этом году члены получили "
                        "за килограмм в среднем на треть больше, чем при продаже перекупщикам. Но и работы "
                        "стало больше: нужно самим договариваться с магазинами, следить за сроками "
                        "поставок и платить бухгалтеру. Пасечники по очереди дежурят в цехе, а вести дела "
                        "наняли выпускницу аграрного университета из Барнаула.",
                    ),
                    (
                        "p",
                        "В следующем сезоне кооператив хочет добавить к мёду пергу и воск, а также открыть "
                        "небольшой магазин для туристов на трассе, ведущей в горы. Ещё около двадцати "
                        "семей из соседних сёл уже попросились в члены.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="coffee-quality-label",
        section="business",
        hours_ago=-1 / 6,
        authors=["daniel-osei"],
        agency="sahel",
        image="coffee-hills",
        versions={
            "en": Version(
                kicker="Commodities",
                title="East African coffee exporters agree on a shared quality label",
                lede="Exporters from five countries meeting in Addis Ababa signed up to a common grading "
                "scheme, hoping that buyers will pay more for beans they can trace to a hillside.",
                place="Addis Ababa",
                tags=["Coffee", "Trade", "Ethiopia"],
                body=[
                    (
                        "p",
                        "Coffee exporters' associations from five East African countries agreed on "
                        "Thursday to adopt a shared quality label for their best beans, with common rules "
                        "for grading, tasting and tracing each lot back to the cooperative or estate that "
                        "grew it. The scheme, to be run by an independent secretariat in Addis Ababa, will "
                        "apply first to the next harvest.",
                    ),
                    (
                        "p",
                        "Exporters said buyers increasingly want to know exactly where their coffee comes "
                        "from and how it was processed, and that small growers lose out when their beans "
                        "are mixed with lower grades. Each labelled lot will carry a code that buyers can "
                        "look up to see the region, altitude, processing method and the scores given by a "
                        "panel of tasters.",
                    ),
                    (
                        "quote",
                        "A buyer in a roastery far away should be able to see the hill where this coffee "
                        "grew. When they can see it, they are willing to pay for it.",
                        "Hirut Alemu",
                        "Chair of the exporters' working group",
                    ),
                    ("h", "Who pays for the tasting"),
                    (
                        "p",
                        "The main disagreement during the talks was over fees. Smaller cooperatives feared "
                        "that the cost of grading and certification would fall on them, and the final text "
                        "caps the fee per lot and lets cooperatives pay it from the premium once the "
                        "coffee is sold. Donors have offered to fund the secretariat for its first three "
                        "years.",
                    ),
                ],
            ),
        },
    ),
]
