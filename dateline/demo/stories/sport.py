"""Sport demo stories: an amateur marathon winner, a chess upset, a cup final and a fan-owned club."""

from __future__ import annotations

from dateline.demo.content import Story, Version

STORIES: list[Story] = [
    Story(
        key="sport-marathon-amateur",
        section="sport",
        hours_ago=14,
        updated_hours_later=3,
        authors=["tom-whitaker"],
        agency="pacific",
        image="running-track",
        versions={
            "en": Version(
                kicker="Athletics",
                title="Maths teacher who trains before dawn wins Santiago's Hills Marathon",
                lede="Valentina Quiroga, 34, who has no sponsor and no coach, won the women's race in 2 "
                "hours 31 minutes, overtaking the favourite in the final five kilometres.",
                place="Santiago",
                tags=["Athletics", "Marathon", "Running"],
                body=[
                    (
                        "p",
                        "Valentina Quiroga, a 34-year-old mathematics teacher who fits her training around "
                        "a full timetable of classes, won the women's race at Santiago's Hills Marathon in "
                        "2 hours 31 minutes and 12 seconds. Quiroga, who has no sponsor and no coach, ran "
                        "most of the race in a group of four behind the pre-race favourite and moved to "
                        "the front only at the 37th kilometre, on the long climb towards the finish in the "
                        "city's eastern parks.",
                    ),
                    ("h", "Training in the dark"),
                    (
                        "p",
                        "Quiroga runs between 100 and 110 kilometres a week, almost all of it between half "
                        "past four and half past six in the morning, before she leaves for the secondary "
                        "school where she has taught for nine years. She writes her own training plans in "
                        "a spreadsheet and tests new shoes on the school's running track at lunchtime. "
                        "Until this year her best result was sixth place in a regional half-marathon, and "
                        "she entered the race hoping to finish in the top ten.",
                    ),
                    (
                        "quote",
                        "My students asked me this morning whether I would still give them the test on "
                        "Monday. I said yes. Then I said I would bring a cake.",
                        "Valentina Quiroga",
                        "Winner of the women's race",
                    ),
                    (
                        "p",
                        "The favourite, a professional runner competing in her first marathon, had led by "
                        "almost a minute at halfway but slowed sharply in the heat, which reached 27 "
                        "degrees by late morning, and finished fourth. The men's race was won in 2 hours "
                        "12 minutes by a club runner from the southern city of Temuco, the first time in "
                        "the event's history that neither winner was a professional. Almost 14,000 runners "
                        "started the race.",
                    ),
                    (
                        "quote",
                        "We invite professionals to make the race fast. Today the city reminded us that "
                        "the people who run it every year can be fast too.",
                        "Ignacio Palma",
                        "Race director",
                    ),
                    ("related", "sport-chess-upset"),
                ],
            ),
            "ru": Version(
                kicker="Лёгкая атлетика",
                title="Учительница математики, которая тренируется до рассвета, выиграла Марафон холмов "
                "в Сантьяго",
                lede="34-летняя Валентина Кирога, у которой нет ни спонсора, ни тренера, выиграла "
                "женский забег за 2 часа 31 минуту, обойдя фаворитку на последних пяти километрах.",
                place="Сантьяго",
                tags=["Лёгкая атлетика", "Марафон", "Бег"],
                body=[
                    (
                        "p",
                        "Валентина Кирога, 34-летняя учительница математики, которая подстраивает "
                        "тренировки под плотное расписание уроков, выиграла женский забег Марафона холмов "
                        "в Сантьяго с результатом 2 часа 31 минута 12 секунд. Кирога, у которой нет ни "
                        "спонсора, ни тренера, большую часть дистанции бежала в группе из четырёх "
                        "спортсменок позади фаворитки и вышла вперёд лишь на 37-м километре — на длинном "
                        "подъёме к финишу в парках восточной части города.",
                    ),
                    ("h", "Тренировки в темноте"),
                    (
                        "p",
                        "Кирога пробегает от 100 до 110 километров в неделю, почти всё — между половиной "
                        "пятого и половиной седьмого утра, прежде чем отправиться в среднюю школу, где "
                        "преподаёт уже девять лет. Тренировочные планы она составляет сама в электронной "
                        "таблице, а новые кроссовки проверяет в обеденный перерыв на школьной беговой "
                        "дорожке. До этого года её лучшим результатом было шестое место на региональном "
                        "полумарафоне, и на этот старт она выходила в надежде попасть в десятку.",
                    ),
                    (
                        "quote",
                        "Сегодня утром ученики спросили, будет ли в понедельник контрольная. Я сказала, "
                        "что будет. А потом сказала, что принесу торт.",
                        "Валентина Кирога",
                        "победительница женского забега",
                    ),
                    (
                        "p",
                        "Фаворитка, профессиональная бегунья, выступавшая на своём первом марафоне, на "
                        "половине дистанции опережала соперниц почти на минуту, но резко сбавила темп в "
                        "жару — к концу утра температура поднялась до 27 градусов — и финишировала "
                        "четвёртой. Мужской забег за 2 часа 12 минут выиграл любитель из беговой секции "
                        "южного города Темуко: впервые в истории соревнований ни один из победителей не "
                        "оказался профессионалом. На старт вышли почти 14 тысяч бегунов.",
                    ),
                    (
                        "quote",
                        "Мы приглашаем профессионалов, чтобы забег был быстрым. Сегодня город напомнил "
                        "нам, что быстрыми могут быть и те, кто бежит его каждый год.",
                        "Игнасио Пальма",
                        "директор марафона",
                    ),
                    ("related", "sport-chess-upset"),
                ],
            ),
        },
    ),
    Story(
        key="sport-chess-upset",
        section="sport",
        hours_ago=101,
        authors=["ivan-petrov"],
        agency="nordwire",
        image="chess-board",
        versions={
            "en": Version(
                kicker="Chess",
                title="Students and a retired engineer topple the top seeds at the Inter-City Chess Olympiad",
                lede="Emajõgi Chess Club from the Estonian university town of Tartu beat the top-seeded "
                "home side, Volga Knights, 2.5–1.5 in the fifth round in Kazan.",
                place="Kazan",
                tags=["Chess", "Olympiad", "Underdogs"],
                body=[
                    (
                        "p",
                        "A club team from Tartu made up of three university students and a 71-year-old "
                        "retired engineer beat the top seeds of the Inter-City Chess Olympiad in Kazan, "
                        "winning their fifth-round match 2.5–1.5 against the home favourites, Volga "
                        "Knights. Emajõgi Chess Club, named after the river that runs through the Estonian "
                        "town, came into the event ranked 23rd of 40 teams, and none of its players holds "
                        "a grandmaster title. Volga Knights field two grandmasters and had won all four of "
                        "their previous matches.",
                    ),
                    ("h", "A queen sacrifice on board four"),
                    (
                        "p",
                        "The match turned on the fourth board, where Heino Lepik, the retired engineer, "
                        "played an old-fashioned gambit he says he first learned from a magazine in the "
                        "1970s. His opponent, a rising junior rated more than 300 points higher, accepted "
                        "a pawn, then a rook, and on move 31 was faced with a queen sacrifice that forced "
                        "checkmate in six moves. A draw on the top board, a loss on board two and a "
                        "hard-fought win by a 19-year-old physics student on board three did the rest.",
                    ),
                    (
                        "quote",
                        "I have played this opening since 1974. The young players think it is "
                        "old-fashioned. Today it was old-fashioned and it worked.",
                        "Heino Lepik",
                        "Board four, Emajõgi Chess Club",
                    ),
                    (
                        "p",
                        "The result leaves five teams level at the top of the table with four rounds to "
                        "play, and Emajõgi will face another of the favourites, a team from Belgrade, in "
                        "the next round. Organisers said the upset had doubled the audience of the "
                        "tournament's live broadcast, with viewers drawn in by an evening replay of "
                        "Lepik's game, analysed move by move. The Tartu club crowdfunded its trip to "
                        "Kazan, and its players are staying in a student hostel across the river from the "
                        "playing hall.",
                    ),
                    (
                        "quote",
                        "On paper we were better prepared. But chess is not played on paper.",
                        "Rustam Ziganshin",
                        "Captain, Volga Knights",
                    ),
                    ("related", "sport-marathon-amateur"),
                ],
            ),
            "ru": Version(
                kicker="Шахматы",
                title="Студенты и инженер на пенсии обыграли главных фаворитов Межгородской шахматной "
                "олимпиады",
                lede="Шахматный клуб «Эмайыги» из эстонского университетского города Тарту в пятом туре "
                "в Казани победил первых сеяных — команду хозяев «Волжские рыцари» — со счётом "
                "2,5:1,5.",
                place="Казань",
                tags=["Шахматы", "Олимпиада", "Сенсации"],
                body=[
                    (
                        "p",
                        "Клубная команда из Тарту — три студента университета и 71-летний инженер на "
                        "пенсии — обыграла первых сеяных Межгородской шахматной олимпиады в Казани, "
                        "выиграв матч пятого тура у фаворитов-хозяев, «Волжских рыцарей», со счётом "
                        "2,5:1,5. Шахматный клуб «Эмайыги», названный в честь реки, протекающей через "
                        "эстонский город, приехал на турнир с 23-м рейтингом из 40 команд, и ни у одного "
                        "из его игроков нет звания гроссмейстера. За «Волжских рыцарей» играют два "
                        "гроссмейстера, и до этого они выиграли все четыре матча.",
                    ),
                    ("h", "Жертва ферзя на четвёртой доске"),
                    (
                        "p",
                        "Исход матча решила четвёртая доска, где инженер на пенсии Хейно Лепик разыграл "
                        "старомодный гамбит, который, по его словам, впервые увидел в журнале в 1970-х. "
                        "Его соперник, перспективный юниор с рейтингом на триста с лишним пунктов выше, "
                        "принял в жертву пешку, затем ладью, а на 31-м ходу столкнулся с жертвой ферзя, "
                        "которая вела к мату в шесть ходов. Остальное сделали ничья на первой доске, "
                        "поражение на второй и упорная победа 19-летнего студента-физика на третьей.",
                    ),
                    (
                        "quote",
                        "Я играю это начало с 1974 года. Молодые считают его старомодным. Сегодня оно было "
                        "старомодным — и сработало.",
                        "Хейно Лепик",
                        "четвёртая доска, шахматный клуб «Эмайыги»",
                    ),
                    (
                        "p",
                        "После этого результата за четыре тура до конца пять команд делят первое место, а "
                        "в следующем туре «Эмайыги» встретится с ещё одним фаворитом — командой из "
                        "Белграда. По данным организаторов, сенсация удвоила аудиторию прямой трансляции "
                        "турнира: зрителей привлёк вечерний повтор партии Лепика с разбором каждого хода. "
                        "Клуб из Тарту собрал деньги на поездку в Казань через краудфандинг, а его "
                        "шахматисты живут в студенческом общежитии на другом берегу реки от игрового зала.",
                    ),
                    (
                        "quote",
                        "На бумаге мы были подготовлены лучше. Но в шахматы играют не на бумаге.",
                        "Рустам Зиганшин",
                        "капитан «Волжских рыцарей»",
                    ),
                    ("related", "sport-marathon-amateur"),
                ],
            ),
        },
    ),
    Story(
        key="sport-womens-cup-final",
        section="sport",
        hours_ago=38,
        authors=["tom-whitaker"],
        agency="sahel",
        image="football-pitch",
        versions={
            "en": Version(
                kicker="Football",
                title="Harbour Queens win the Coastal Women's Cup on penalties before a record crowd",
                lede="Lagos Harbour Queens beat Ibadan Sunrise 4–3 in a shoot-out after a 1–1 draw, as "
                "27,000 spectators filled the stadium for the biggest day in the competition's "
                "history.",
                place="Lagos",
                tags=["Football", "Women's football", "Cup finals"],
                body=[
                    (
                        "p",
                        "Lagos Harbour Queens won the Coastal Women's Cup for the first time, beating "
                        "Ibadan Sunrise 4–3 on penalties after a 1–1 draw in a final watched by 27,000 "
                        "spectators, a record for a women's club match in the competition. Sunrise took "
                        "the lead through a header from their captain midway through the first half, and "
                        "the Queens equalised ten minutes from the end of normal time when a long-range "
                        "shot deflected off a defender and looped over the goalkeeper.",
                    ),
                    ("h", "A goalkeeper's night"),
                    (
                        "p",
                        "Neither side could find a winner in extra time, although Sunrise hit the crossbar "
                        "twice. In the shoot-out, the Queens' goalkeeper Chiamaka Obi saved the second and "
                        "fifth penalties, diving to her left both times, while her teammates scored four "
                        "of their five. Obi, 22, joined the club from a university team eighteen months "
                        "ago and was a substitute for most of last season. She spent much of the week "
                        "before the final studying video of every penalty Sunrise had taken this year.",
                    ),
                    (
                        "quote",
                        "I watched their penalties until I saw them in my sleep. Tonight, for two of them, "
                        "I already knew where the ball was going.",
                        "Chiamaka Obi",
                        "Harbour Queens goalkeeper",
                    ),
                    ("image", "stadium-night", "The stadium was full an hour before kick-off."),
                    (
                        "p",
                        "The attendance was more than three times that of last year's final and surprised "
                        "even the organisers, who opened an extra stand on the morning of the match. The "
                        "competition, founded six years ago with eight clubs, now has twenty, and its "
                        "sponsors agreed before the final to double the prize money from next season. Both "
                        "finalists said they would use the extra income to pay their players for the full "
                        "year rather than only during the season.",
                    ),
                    (
                        "quote",
                        "For years we were told that nobody would come to watch. Tonight 27,000 people "
                        "came, and most of them will be back.",
                        "Bisola Adekunle",
                        "Chief executive, Coastal Women's Cup",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Футбол",
                title="«Харбор Квинз» выиграли Прибрежный женский кубок по пенальти при рекордной публике",
                lede="«Лагос Харбор Квинз» обыграли «Ибадан Санрайз» в серии пенальти со счётом 4:3 "
                "после ничьей 1:1, а на трибунах собрались 27 тысяч зрителей — больше, чем "
                "когда-либо в истории турнира.",
                place="Лагос",
                tags=["Футбол", "Женский футбол", "Финалы кубков"],
                body=[
                    (
                        "p",
                        "«Лагос Харбор Квинз» впервые выиграли Прибрежный женский кубок, победив «Ибадан "
                        "Санрайз» в серии пенальти со счётом 4:3 после ничьей 1:1. Финал посмотрели 27 "
                        "тысяч зрителей — рекорд для клубного матча женских команд в этом турнире. "
                        "«Санрайз» повели в середине первого тайма после удара головой капитана команды, а "
                        "«Квинз» сравняли счёт за десять минут до конца основного времени: дальний удар "
                        "срикошетил от защитника и по дуге перелетел через вратаря.",
                    ),
                    ("h", "Вечер вратаря"),
                    (
                        "p",
                        "Победный гол не удалось забить ни одной из команд и в дополнительное время, хотя "
                        "«Санрайз» дважды попали в перекладину. В серии пенальти вратарь «Квинз» Чиамака "
                        "Оби отразила второй и пятый удары, оба раза бросившись влево, а её партнёрши "
                        "реализовали четыре удара из пяти. 22-летняя Оби перешла в клуб из университетской "
                        "команды полтора года назад и большую часть прошлого сезона провела в запасе. "
                        "Почти всю неделю перед финалом она изучала видео всех пенальти, которые «Санрайз» "
                        "пробивали в этом году.",
                    ),
                    (
                        "quote",
                        "Я смотрела их пенальти, пока они не начали мне сниться. Сегодня в двух случаях я "
                        "уже знала, куда полетит мяч.",
                        "Чиамака Оби",
                        "вратарь «Харбор Квинз»",
                    ),
                    ("image", "stadium-night", "Стадион заполнился за час до начала матча."),
                    (
                        "p",
                        "Посещаемость более чем втрое превысила прошлогодний финал и удивила даже "
                        "организаторов, которым утром в день матча пришлось открыть дополнительную "
                        "трибуну. Турнир, основанный шесть лет назад восемью клубами, теперь объединяет "
                        "двадцать, а спонсоры ещё до финала согласились со следующего сезона удвоить "
                        "призовой фонд. Обе команды-финалистки заявили, что направят дополнительные деньги "
                        "на то, чтобы платить футболисткам зарплату круглый год, а не только во время "
                        "сезона.",
                    ),
                    (
                        "quote",
                        "Годами нам говорили, что на женский футбол никто не придёт. Сегодня пришли 27 "
                        "тысяч человек, и большинство из них вернётся.",
                        "Бисола Адекунле",
                        "исполнительный директор Прибрежного женского кубка",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="sport-fan-owned-club",
        section="sport",
        hours_ago=171,
        authors=["tom-whitaker"],
        image="stadium-night",
        versions={
            "en": Version(
                kicker="Basketball",
                title="Supporters buy their basketball club for one franc and vow to keep it in Geneva",
                lede="A fans' association with 4,100 members has taken over Léman Herons after the "
                "previous owner said he could no longer fund the team and would look for a buyer "
                "in another city.",
                place="Geneva",
                tags=["Basketball", "Fans", "Club ownership"],
                body=[
                    (
                        "p",
                        "Supporters of the Léman Herons basketball club have taken full control of the "
                        "team after buying it from its owner for a symbolic one franc, ending a summer of "
                        "uncertainty in which the club came close to leaving Geneva. The new owner is the "
                        "Herons Supporters' Trust, an association founded four years ago by a group of "
                        "season-ticket holders, which has grown to 4,100 members who each pay an annual "
                        "fee of 120 francs and have one vote at its meetings.",
                    ),
                    ("h", "One member, one vote"),
                    (
                        "p",
                        "In return for the nominal price, the trust has taken on the club's debts of about "
                        "900,000 francs, which it plans to repay over five years from membership fees, a "
                        "new local sponsorship deal and a share of ticket sales. Under the club's new "
                        "statutes, any move away from Geneva, change of name or change of colours would "
                        "need the approval of two thirds of members. The board will include two players' "
                        "representatives and a seat reserved for the women's team.",
                    ),
                    (
                        "quote",
                        "We are not rich, so we will not buy famous players. What we can promise is that "
                        "the club will still be here, in this hall, in twenty years.",
                        "Nadia Perrenoud",
                        "President, Herons Supporters' Trust",
                    ),
                    (
                        "p",
                        "The previous owner, a property developer who bought the club eight years ago, "
                        "said he was glad it had found a home with people who cared about it. The players "
                        "learned of the sale at a training session. The team's captain said the squad "
                        "would accept a modest pay cut this season and had agreed to visit schools across "
                        "the city to recruit young players and, the trust hopes, a few thousand new "
                        "members.",
                    ),
                ],
            ),
        },
    ),
]
