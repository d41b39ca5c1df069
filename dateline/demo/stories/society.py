"""Society demo stories: a car-free old town, a language school, a vendors' cooperative, rain gardens."""

from __future__ import annotations

from dateline.demo.content import Story, Version

STORIES: list[Story] = [
    Story(
        key="society-old-town-car-ban",
        section="society",
        hours_ago=3,
        updated_hours_later=1.5,
        authors=["lucia-ferreira"],
        agency="meridian",
        image="old-town",
        versions={
            "en": Version(
                kicker="Cities",
                title="Montevideo closes its old town to cars, and shopkeepers are divided",
                lede="Private cars will be barred from the historic Ciudad Vieja from the start of next "
                "month under a two-year pilot that the city council approved by 21 votes to 10.",
                place="Montevideo",
                tags=["Cities", "Transport", "Urban planning"],
                body=[
                    (
                        "p",
                        "Montevideo will close the streets of its historic Ciudad Vieja district to "
                        "private cars from the start of next month, after the city council approved a "
                        "two-year pilot scheme by 21 votes to 10. Delivery vans will be allowed in until "
                        "eleven in the morning, residents will keep permits for their own garages, and "
                        "buses, taxis and emergency vehicles will continue to use two through-routes. "
                        "Everyone else will have to park outside the district and arrive on foot, by "
                        "bicycle or by public transport.",
                    ),
                    ("h", "Quieter streets, fewer customers?"),
                    (
                        "p",
                        "Supporters say the change will make the narrow colonial streets safer and more "
                        "pleasant, and point to a smaller trial last summer, when four blocks closed to "
                        "traffic at weekends drew more pedestrians and fewer complaints about noise. "
                        "Opponents, including an association of shop and restaurant owners, fear that "
                        "customers from other neighbourhoods will simply stop coming. They asked the "
                        "council for discounted parking at the edge of the district, and a reduced version "
                        "of that scheme was added to the final plan.",
                    ),
                    (
                        "quote",
                        "I am not against walking. I am against my customers walking to another "
                        "neighbourhood because they can no longer find a way to reach mine.",
                        "Graciela Benítez",
                        "Owner of a hardware shop in the Ciudad Vieja",
                    ),
                    (
                        "quote",
                        "The old town was built for people, not for cars. We are giving it back to them, "
                        "and we will check every month whether it works.",
                        "Martín Olivera",
                        "Head of urban mobility, Montevideo city council",
                    ),
                    (
                        "p",
                        "The city will publish monthly figures on air quality, noise, footfall and the "
                        "sales reported by businesses in the district, and the council must vote again "
                        "when the pilot ends. Officials said they would use the data to decide whether to "
                        "change delivery hours, add more bicycle parking or extend the scheme to "
                        "neighbouring streets. The first figures are due six weeks after the closure "
                        "begins.",
                    ),
                    ("related", "society-night-market"),
                ],
            ),
            "ru": Version(
                kicker="Города",
                title="Монтевидео закрывает старый город для машин, владельцы магазинов разделились во "
                "мнениях",
                lede="С начала следующего месяца частным автомобилям закроют въезд в исторический район "
                "Сьюдад-Вьеха: двухлетний эксперимент городской совет одобрил 21 голосом против "
                "10.",
                place="Монтевидео",
                tags=["Города", "Транспорт", "Градостроительство"],
                body=[
                    (
                        "p",
                        "С начала следующего месяца Монтевидео закроет улицы исторического района "
                        "Сьюдад-Вьеха для частных автомобилей: городской совет 21 голосом против 10 "
                        "одобрил двухлетнюю пилотную программу. Фургонам доставки разрешат въезжать до "
                        "одиннадцати утра, жители сохранят пропуска к собственным гаражам, а автобусы, "
                        "такси и экстренные службы продолжат ездить по двум сквозным улицам. Всем "
                        "остальным придётся оставлять машину за пределами района и добираться пешком, на "
                        "велосипеде или общественным транспортом.",
                    ),
                    ("h", "Тише улицы — меньше покупателей?"),
                    (
                        "p",
                        "Сторонники перемен уверены, что узкие улицы колониальной застройки станут "
                        "безопаснее и приятнее, и ссылаются на прошлогодний летний эксперимент: когда "
                        "четыре квартала закрыли для машин по выходным, пешеходов стало больше, а жалоб на "
                        "шум — меньше. Противники, в том числе ассоциация владельцев магазинов и "
                        "ресторанов, опасаются, что покупатели из других районов просто перестанут "
                        "приезжать. Они попросили совет о льготной парковке на границе района, и урезанный "
                        "вариант этой схемы вошёл в окончательный план.",
                    ),
                    (
                        "quote",
                        "Я не против того, чтобы ходить пешком. Я против того, чтобы мои покупатели "
                        "уходили пешком в другой район, потому что больше не могут добраться до моего.",
                        "Грасьела Бенитес",
                        "владелица хозяйственного магазина в Сьюдад-Вьехе",
                    ),
                    (
                        "quote",
                        "Старый город строили для людей, а не для машин. Мы возвращаем его людям и будем "
                        "каждый месяц проверять, работает ли это.",
                        "Мартин Оливера",
                        "руководитель отдела городской мобильности Монтевидео",
                    ),
                    (
                        "p",
                        "Город будет ежемесячно публиковать данные о качестве воздуха, уровне шума, потоке "
                        "пешеходов и выручке, которую декларируют предприятия района, а по окончании "
                        "эксперимента совет проголосует снова. По словам чиновников, эти данные помогут "
                        "решить, менять ли часы доставки, добавить ли велопарковок или распространить "
                        "режим на соседние улицы. Первые цифры ожидаются через шесть недель после того, "
                        "как район закроют для машин.",
                    ),
                    ("related", "society-night-market"),
                ],
            ),
            "ar": Version(
                kicker="مدن",
                title="مونتيفيديو تغلق بلدتها القديمة أمام السيارات، وأصحاب المتاجر منقسمون",
                lede="سيُمنع دخول السيارات الخاصة إلى حي سيوداد فييخا التاريخي اعتباراً من بداية الشهر "
                "المقبل، بموجب تجربة مدتها عامان أقرها مجلس المدينة بأغلبية 21 صوتاً مقابل 10.",
                place="مونتيفيديو",
                tags=["مدن", "النقل", "التخطيط العمراني"],
                body=[
                    (
                        "p",
                        "ستغلق مونتيفيديو شوارع حي سيوداد فييخا التاريخي أمام السيارات الخاصة اعتباراً من "
                        "بداية الشهر المقبل، بعدما أقر مجلس المدينة برنامجاً تجريبياً مدته عامان بأغلبية "
                        "21 صوتاً مقابل 10. وسيُسمح لشاحنات التوصيل بالدخول حتى الحادية عشرة صباحاً، "
                        "وسيحتفظ السكان بتصاريح الوصول إلى مرائبهم، فيما ستواصل الحافلات وسيارات الأجرة "
                        "ومركبات الطوارئ السير في شارعين رئيسيين. أما الآخرون فعليهم ركن سياراتهم خارج "
                        "الحي والوصول إليه سيراً على الأقدام أو بالدراجات أو بوسائل النقل العام.",
                    ),
                    ("h", "شوارع أهدأ وزبائن أقل؟"),
                    (
                        "p",
                        "يقول المؤيدون إن التغيير سيجعل الشوارع الضيقة ذات الطابع الاستعماري أكثر أماناً "
                        "وراحة، ويستشهدون بتجربة أصغر جرت الصيف الماضي، حين أدى إغلاق أربعة مربعات سكنية "
                        "أمام السيارات في عطلات نهاية الأسبوع إلى زيادة عدد المشاة وتراجع الشكاوى من "
                        "الضجيج. أما المعارضون، ومنهم جمعية لأصحاب المتاجر والمطاعم، فيخشون أن يتوقف "
                        "الزبائن القادمون من الأحياء الأخرى عن المجيء ببساطة. وقد طلبوا من المجلس توفير "
                        "مواقف بأسعار مخفضة عند أطراف الحي، وأُدرجت نسخة مقلصة من هذا المقترح في الخطة "
                        "النهائية.",
                    ),
                    (
                        "quote",
                        "لست ضد المشي. أنا ضد أن يمشي زبائني إلى حي آخر لأنهم لم يعودوا يجدون طريقاً "
                        "للوصول إلى حيّي.",
                        "غراسييلا بينيتيث",
                        "صاحبة متجر أدوات منزلية في سيوداد فييخا",
                    ),
                    (
                        "quote",
                        "بُنيت البلدة القديمة للناس لا للسيارات. نحن نعيدها إليهم، وسنتحقق كل شهر مما إذا "
                        "كانت التجربة ناجحة.",
                        "مارتين أوليفيرا",
                        "رئيس إدارة التنقل الحضري في بلدية مونتيفيديو",
                    ),
                    (
                        "p",
                        "ستنشر المدينة أرقاماً شهرية عن جودة الهواء ومستوى الضجيج وأعداد المارة والمبيعات "
                        "التي تصرّح بها المتاجر في الحي، وسيتعين على المجلس التصويت مجدداً عند انتهاء "
                        "التجربة. وقال المسؤولون إنهم سيستخدمون هذه البيانات لتقرير ما إذا كان ينبغي تعديل "
                        "ساعات التوصيل أو إضافة مواقف للدراجات أو توسيع النظام ليشمل الشوارع المجاورة. ومن "
                        "المنتظر صدور الأرقام الأولى بعد ستة أسابيع من بدء الإغلاق.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="society-language-school",
        section="society",
        hours_ago=52,
        authors=["amelia-hart"],
        image="classroom",
        versions={
            "en": Version(
                kicker="Education",
                title="A Kazan school where children learn their grandparents' language by playing in it",
                lede="An immersion school that opened three years ago with nine pupils now teaches 84 "
                "children in Tatar and has a waiting list of more than 200 families.",
                place="Kazan",
                tags=["Education", "Languages", "Families"],
                body=[
                    (
                        "p",
                        "On a weekday morning at the Bakcha school in Kazan, a dozen six-year-olds sit in "
                        "a circle on the floor and argue, in Tatar, about whose turn it is to feed the "
                        "class rabbit. Few of them heard the language at home before they started here. "
                        "The school, founded three years ago by a group of parents and two retired "
                        "teachers, teaches every subject in Tatar until the age of eight and then "
                        "introduces Russian and English step by step.",
                    ),
                    ("h", "Grandparents in the classroom"),
                    (
                        "p",
                        "Twice a week, grandparents come in to cook, tell stories and teach the games they "
                        "played as children. The founders say this was the idea that changed everything: "
                        "pupils who were shy in lessons began chatting with the older visitors, and many "
                        "families reported that their children had started speaking Tatar with relatives "
                        "for the first time. The school now has 84 pupils, and more than 200 families are "
                        "on its waiting list.",
                    ),
                    (
                        "quote",
                        "We did not want a museum of the language. We wanted children to need it, to use "
                        "it to play, to argue and to tell jokes.",
                        "Alsu Gabdrakhmanova",
                        "Co-founder and head teacher, Bakcha school",
                    ),
                    (
                        "p",
                        "Linguists who study minority languages say schools like this work best when "
                        "children also hear the language outside the classroom. Bakcha runs weekend clubs "
                        "for parents, and its teachers have recorded a series of short cartoons with local "
                        "animators that are now shown on a regional children's channel. Several families "
                        "of former pupils say Tatar has become the language of the dinner table again, "
                        "something they had not expected when they first enrolled their children.",
                    ),
                    ("h", "A grant that must be renewed every year"),
                    (
                        "p",
                        "Money remains the main worry. Fees cover about two thirds of the school's costs; "
                        "the rest comes from private donors and a municipal culture grant that has to be "
                        "renewed every year. The founders would like to open a second building for older "
                        "children but say they will not do so until they have secured funding for at least "
                        "three years ahead, so that no class has to be closed halfway through.",
                    ),
                ],
            ),
            "ru": Version(
                kicker="Образование",
                title="Казанская школа, где дети учат язык бабушек и дедушек, играя на нём",
                lede="Школа с полным языковым погружением, которая открылась три года назад с девятью "
                "учениками, теперь учит на татарском 84 ребёнка, а в очереди на зачисление стоят "
                "больше 200 семей.",
                place="Казань",
                tags=["Образование", "Языки", "Семья"],
                body=[
                    (
                        "p",
                        "Будний день, утро, школа «Бакча» в Казани. Дюжина шестилеток сидит кругом на полу "
                        "и спорит — по-татарски, — чья очередь кормить классного кролика. До того как "
                        "прийти сюда, мало кто из них слышал этот язык дома. Школа, которую три года назад "
                        "основали несколько родителей и две учительницы на пенсии, ведёт все предметы на "
                        "татарском до восьми лет, а затем постепенно вводит русский и английский.",
                    ),
                    ("h", "Бабушки и дедушки в классе"),
                    (
                        "p",
                        "Дважды в неделю в школу приходят бабушки и дедушки: они готовят, рассказывают "
                        "истории и учат детей играм своего детства. Основатели говорят, что именно эта "
                        "идея всё изменила: ученики, стеснявшиеся на уроках, начали болтать с пожилыми "
                        "гостями, а многие семьи заметили, что дети впервые заговорили по-татарски с "
                        "родственниками. Сейчас в школе 84 ученика, а в листе ожидания — больше 200 семей.",
                    ),
                    (
                        "quote",
                        "Мы не хотели делать музей языка. Мы хотели, чтобы он был нужен детям, чтобы они "
                        "на нём играли, спорили и шутили.",
                        "Алсу Габдрахманова",
                        "сооснователь и директор школы «Бакча»",
                    ),
                    (
                        "p",
                        "Лингвисты, изучающие языки меньшинств, говорят, что такие школы работают лучше "
                        "всего, когда дети слышат язык и за пределами класса. «Бакча» проводит клубы "
                        "выходного дня для родителей, а учителя вместе с местными аниматорами записали "
                        "серию коротких мультфильмов, которые теперь показывает региональный детский "
                        "канал. Несколько семей бывших учеников рассказывают, что татарский снова стал "
                        "языком семейного ужина, — чего они никак не ожидали, когда впервые привели детей "
                        "в школу.",
                    ),
                    ("h", "Грант, который надо продлевать каждый год"),
                    (
                        "p",
                        "Главной заботой остаются деньги. Плата за обучение покрывает около двух третей "
                        "расходов школы, остальное дают частные жертвователи и муниципальный грант на "
                        "культуру, который приходится продлевать ежегодно. Основатели хотели бы открыть "
                        "второе здание для детей постарше, но говорят, что не сделают этого, пока не "
                        "обеспечат финансирование хотя бы на три года вперёд, — чтобы ни один класс не "
                        "пришлось закрывать на полпути.",
                    ),
                ],
            ),
        },
    ),
    Story(
        key="society-night-market",
        section="society",
        hours_ago=118,
        authors=["kenji-mori"],
        agency="pacific",
        image="night-market",
        versions={
            "en": Version(
                kicker="Work",
                title="Hanoi street-food sellers form a cooperative to share a kitchen and bargain over rent",
                lede="Sixty vendors from a night market in the Vietnamese capital have pooled their "
                "savings to rent a shared kitchen, buy ingredients in bulk and negotiate with "
                "landlords as one.",
                place="Hanoi",
                tags=["Work", "Food", "Cooperatives"],
                body=[
                    (
                        "p",
                        "Sixty street-food vendors from a night market in Hanoi's old quarter have formed "
                        "a cooperative, pooling part of their savings to rent a shared kitchen a few "
                        "streets away and to buy rice, noodles, herbs and cooking gas in bulk. The group, "
                        "registered with the city as the Lantern Street Vendors' Cooperative, says members "
                        "have cut their ingredient costs by about fifteen percent in the first three "
                        "months, and now prepare broths and sauces in a clean, inspected kitchen rather "
                        "than on the pavement behind their stalls.",
                    ),
                    ("h", "Buying rice by the tonne"),
                    (
                        "p",
                        "The idea came after a difficult year in which rents for the small spaces behind "
                        "the market rose sharply and several families gave up their stalls. A retired "
                        "accountant who sells sweet soup offered to keep the books, and a noodle seller "
                        "whose cousin works in the rice trade arranged the first bulk order. Members pay a "
                        "monthly fee according to the size of their stall, and decisions are taken by a "
                        "vote of everyone present at a meeting held on the first Monday of each month, "
                        "after the market closes.",
                    ),
                    (
                        "quote",
                        "Alone, each of us is a small stall that anyone can push aside. Together we are "
                        "sixty families, and people have started to listen.",
                        "Tran Van Duc",
                        "Chairman of the cooperative and a noodle-soup seller",
                    ),
                    (
                        "image",
                        "old-town",
                        "The market fills the narrow streets of the old quarter from early evening.",
                    ),
                    (
                        "p",
                        "The cooperative is now negotiating a three-year lease on the shared kitchen and "
                        "has asked the district for permission to install proper drains and lighting along "
                        "the market street. District officials said they welcomed the initiative and would "
                        "consider the request. Customers have noticed little change, members say, except "
                        "that the fish sauce now tastes the same at every stall, because they all buy it "
                        "from a single supplier.",
                    ),
                    ("related", "society-old-town-car-ban"),
                ],
            ),
            "ru": Version(
                kicker="Работа",
                title="Продавцы уличной еды в Ханое создали кооператив, чтобы делить кухню и торговаться "
                "об аренде",
                lede="Шестьдесят торговцев с ночного рынка во вьетнамской столице объединили "
                "сбережения, чтобы арендовать общую кухню, закупать продукты оптом и вести "
                "переговоры с арендодателями единым фронтом.",
                place="Ханой",
                tags=["Работа", "Еда", "Кооперативы"],
                body=[
                    (
                        "p",
                        "Шестьдесят продавцов уличной еды с ночного рынка в старом квартале Ханоя создали "
                        "кооператив. Они сложились частью сбережений, чтобы снять общую кухню в нескольких "
                        "улицах от рынка и закупать рис, лапшу, зелень и баллонный газ оптом. Объединение, "
                        "зарегистрированное в городе как Кооператив торговцев Фонарной улицы, сообщает, "
                        "что за первые три месяца его участники сократили расходы на продукты примерно на "
                        "15%. Бульоны и соусы теперь варят на чистой, прошедшей проверку кухне, а не на "
                        "тротуаре за прилавками.",
                    ),
                    ("h", "Рис — тоннами"),
                    (
                        "p",
                        "Идея появилась после тяжёлого года, когда аренда маленьких помещений за рынком "
                        "резко подорожала и несколько семей бросили свои прилавки. Бухгалтер на пенсии, "
                        "торгующая сладким супом, вызвалась вести учёт, а продавец лапши, чей двоюродный "
                        "брат работает в рисовой торговле, организовал первую оптовую закупку. Члены "
                        "кооператива платят ежемесячный взнос в зависимости от размера прилавка, а решения "
                        "принимают голосованием всех присутствующих на собрании, которое проходит в первый "
                        "понедельник месяца после закрытия рынка.",
                    ),
                    (
                        "quote",
                        "Поодиночке каждый из нас — маленький прилавок, который любой может отодвинуть. "
                        "Вместе мы шестьдесят семей, и нас начали слушать.",
                        "Чан Ван Дык",
                        "председатель кооператива, продавец супа с лапшой",
                    ),
                    (
                        "image",
                        "old-town",
                        "С наступлением вечера рынок заполняет узкие улицы старого квартала.",
                    ),
                    (
                        "p",
                        "Сейчас кооператив договаривается об аренде общей кухни на три года и попросил "
                        "районные власти разрешить проложить вдоль рыночной улицы нормальные стоки и "
                        "освещение. В администрации района заявили, что приветствуют инициативу и "
                        "рассмотрят просьбу. Покупатели почти не заметили перемен, говорят члены "
                        "кооператива, разве что рыбный соус теперь у всех прилавков одинаковый: его "
                        "закупают у одного поставщика.",
                    ),
                    ("related", "society-old-town-car-ban"),
                ],
            ),
        },
    ),
    Story(
        key="society-rain-gardens",
        section="society",
        hours_ago=218,
        authors=["hannah-lindqvist"],
        agency="pacific",
        image="rain-city",
        versions={
            "en": Version(
                kicker="Environment",
                title="Vancouver neighbours dig 300 rain gardens to keep their basements dry",
                lede="Residents of an east-side neighbourhood have turned strips of lawn into planted "
                "hollows that soak up storm water, and early measurements suggest the drains are "
                "coping better.",
                place="Vancouver",
                tags=["Climate", "Cities", "Gardens"],
                body=[
                    (
                        "p",
                        "After three autumns in which heavy rain flooded dozens of basements on the same "
                        "few streets, residents of an east-side Vancouver neighbourhood decided to dig. "
                        "Over two years, volunteers and homeowners have built about 300 rain gardens: "
                        "shallow, planted hollows in front yards and on grass boulevards that catch water "
                        "running off roofs and pavements and let it sink slowly into the ground instead of "
                        "rushing into overloaded storm drains.",
                    ),
                    ("h", "Sedges, ferns and gravel"),
                    (
                        "p",
                        "Each garden is a little different, but most follow a design drawn up by a "
                        "neighbourhood group called Sponge Street with advice from a local landscape "
                        "architect: a basin about thirty centimetres deep, a layer of gravel and sandy "
                        "soil, and hardy native plants such as sedges, ferns and flowering shrubs that "
                        "tolerate both flooding and dry summers. Homeowners contribute the labour and a "
                        "share of the cost, and a small city grant pays for the rest.",
                    ),
                    (
                        "quote",
                        "Nobody here thought of themselves as a climate activist. People just got tired of "
                        "carrying wet boxes up from the basement every November.",
                        "Priya Sandhu",
                        "Organiser, Sponge Street neighbourhood group",
                    ),
                    (
                        "p",
                        "Flow meters installed by engineering students in two storm drains suggest that "
                        "peak flows during heavy rain have fallen by roughly a quarter since the gardens "
                        "were planted, although the students caution that two seasons of data are not "
                        "enough to be sure. Only two basements on the affected streets flooded last "
                        "autumn, compared with more than thirty three years earlier. The group is now "
                        "sharing its plans with neighbourhoods across the city.",
                    ),
                ],
            ),
        },
    ),
]
