"""The pages about the publication every edition starts with (About, Contact, Privacy, Terms): a
starting text the newsroom rewrites, created once by `dateline setup` and never overwritten."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InfoPageDefaults:
    slug: str
    titles: dict[str, str]
    intros: dict[str, str]
    bodies: dict[str, str]


INFO_PAGES = [
    InfoPageDefaults(
        "about",
        {"en": "About us", "ru": "О нас", "ar": "من نحن"},
        {
            "en": "An independent newsroom reporting the world's news as it happens.",
            "ru": "Независимая редакция, которая рассказывает о мировых событиях в момент, когда они происходят.",
            "ar": "غرفة أخبار مستقلة تنقل أخبار العالم لحظة وقوعها.",
        },
        {
            "en": (
                "<p>We report the news from around the world in several languages, with live "
                "coverage of the events that matter and analysis of what they mean.</p>"
                "<h2>How we work</h2><p>Every story carries the place it was filed from, the date "
                "and the people who wrote it. When we get something wrong we correct it and say so "
                "under the story.</p>"
                "<p>Editors: replace this text in the newsroom (Pages → this edition → About us).</p>"
            ),
            "ru": (
                "<p>Мы рассказываем о событиях со всего мира на нескольких языках: прямые "
                "трансляции важных событий и разбор того, что они значат.</p>"
                "<h2>Как мы работаем</h2><p>В каждом материале указано, откуда он передан, дата и "
                "авторы. Если мы ошиблись, мы исправляем ошибку и сообщаем об этом под материалом.</p>"
                "<p>Редакторам: замените этот текст в редакции (Страницы → это издание → О нас).</p>"
            ),
            "ar": (
                "<p>ننقل الأخبار من حول العالم بعدة لغات، مع تغطيات مباشرة للأحداث المهمة "
                "وتحليل لما تعنيه.</p>"
                "<h2>كيف نعمل</h2><p>تحمل كل قصة المكان الذي أُرسلت منه وتاريخها وأسماء كاتبيها. "
                "وإذا أخطأنا نصحّح الخطأ ونذكر ذلك أسفل القصة.</p>"
                "<p>إلى المحررين: استبدلوا هذا النص في غرفة الأخبار (الصفحات ← هذه النسخة ← من نحن).</p>"
            ),
        },
    ),
    InfoPageDefaults(
        "contact",
        {"en": "Contact", "ru": "Контакты", "ar": "اتصل بنا"},
        {
            "en": "How to reach the newsroom with a tip, a correction or a question.",
            "ru": "Как связаться с редакцией: сообщить новость, исправление или задать вопрос.",
            "ar": "كيف تتواصل مع غرفة الأخبار لإرسال معلومة أو تصحيح أو سؤال.",
        },
        {
            "en": (
                '<p>Write to the newsroom at <a href="mailto:newsroom@example.com">'
                "newsroom@example.com</a>. Tell us which story you mean and how to reach you.</p>"
                "<h2>Corrections</h2><p>If a story is wrong, write to us with its address and what "
                "should be corrected.</p>"
            ),
            "ru": (
                '<p>Пишите в редакцию: <a href="mailto:newsroom@example.com">'
                "newsroom@example.com</a>. Укажите, о каком материале речь и как с вами связаться.</p>"
                "<h2>Исправления</h2><p>Если в материале ошибка, пришлите нам его адрес и что нужно "
                "исправить.</p>"
            ),
            "ar": (
                '<p>راسل غرفة الأخبار على <a href="mailto:newsroom@example.com">'
                "newsroom@example.com</a>. اذكر القصة التي تقصدها وكيف نصل إليك.</p>"
                "<h2>التصحيحات</h2><p>إذا وجدت خطأ في قصة فأرسل إلينا رابطها وما يجب تصحيحه.</p>"
            ),
        },
    ),
    InfoPageDefaults(
        "privacy",
        {"en": "Privacy", "ru": "Конфиденциальность", "ar": "الخصوصية"},
        {
            "en": "What we keep about you, why, and how to take it away or delete it.",
            "ru": "Какие данные о вас мы храним, зачем и как их получить или удалить.",
            "ar": "ما نحتفظ به عنك، ولماذا، وكيف تأخذه أو تحذفه.",
        },
        {
            "en": (
                "<p>You can read every story without an account and without being tracked: we use "
                "no advertising or analytics scripts from other companies.</p>"
                "<h2>Accounts</h2><p>If you register to join the discussion we keep your e-mail "
                "address, the name and picture you choose, your comments and reactions. You can "
                "download all of it, or delete your account, from your profile.</p>"
                "<h2>Newsletters and alerts</h2><p>If you subscribe we keep your e-mail address and "
                "the newsletters you chose, or your browser's push address for alerts. Every mail "
                "has a link to unsubscribe.</p>"
                "<h2>Cookies</h2><p>We set a cookie only when you sign in or send a form: to keep "
                "you signed in and to protect the form.</p>"
            ),
            "ru": (
                "<p>Читать материалы можно без регистрации и без слежки: мы не используем рекламные "
                "и аналитические скрипты других компаний.</p>"
                "<h2>Учётные записи</h2><p>Если вы регистрируетесь, чтобы участвовать в обсуждениях, "
                "мы храним ваш адрес электронной почты, выбранные имя и картинку, ваши комментарии "
                "и реакции. Всё это можно скачать или удалить вместе с учётной записью в профиле.</p>"
                "<h2>Рассылки и оповещения</h2><p>Если вы подписываетесь, мы храним ваш адрес и "
                "выбранные рассылки или адрес браузера для оповещений. В каждом письме есть ссылка "
                "для отписки.</p>"
                "<h2>Cookie</h2><p>Мы ставим cookie, только когда вы входите или отправляете форму: "
                "чтобы вы оставались в системе и чтобы защитить форму.</p>"
            ),
            "ar": (
                "<p>يمكنك قراءة كل القصص دون حساب ودون تتبّع: لا نستخدم أي نصوص إعلانية أو "
                "تحليلية من شركات أخرى.</p>"
                "<h2>الحسابات</h2><p>إذا سجّلت للمشاركة في النقاش نحتفظ بعنوان بريدك الإلكتروني "
                "والاسم والصورة اللذين تختارهما وتعليقاتك وتفاعلاتك. يمكنك تنزيل كل ذلك أو حذف "
                "حسابك من ملفك الشخصي.</p>"
                "<h2>النشرات والتنبيهات</h2><p>إذا اشتركت نحتفظ بعنوان بريدك والنشرات التي "
                "اخترتها، أو بعنوان متصفحك للتنبيهات. في كل رسالة رابط لإلغاء الاشتراك.</p>"
                "<h2>ملفات تعريف الارتباط</h2><p>لا نضع ملف تعريف ارتباط إلا عند تسجيل الدخول أو "
                "إرسال نموذج: لإبقائك مسجّلًا ولحماية النموذج.</p>"
            ),
        },
    ),
    InfoPageDefaults(
        "terms",
        {"en": "Terms of use", "ru": "Условия использования", "ar": "شروط الاستخدام"},
        {
            "en": "The rules for using this site and taking part in its discussions.",
            "ru": "Правила пользования сайтом и участия в обсуждениях.",
            "ar": "قواعد استخدام هذا الموقع والمشاركة في نقاشاته.",
        },
        {
            "en": (
                "<p>Our stories, pictures and video are ours or our partners'. You may link to them "
                "and quote them briefly with a link back.</p>"
                "<h2>Discussions</h2><p>Be civil and stay on the subject. Moderators remove comments "
                "that insult, threaten, advertise or break the law, and may suspend readers who "
                "keep doing it.</p>"
            ),
            "ru": (
                "<p>Наши тексты, фотографии и видео принадлежат нам или нашим партнёрам. Вы можете "
                "ссылаться на них и кратко цитировать со ссылкой на источник.</p>"
                "<h2>Обсуждения</h2><p>Будьте вежливы и не уходите от темы. Модераторы удаляют "
                "комментарии с оскорблениями, угрозами, рекламой или нарушением закона и могут "
                "ограничить участие тех, кто продолжает так делать.</p>"
            ),
            "ar": (
                "<p>قصصنا وصورنا ومقاطعنا ملك لنا أو لشركائنا. يمكنك الإشارة إليها والاقتباس منها "
                "باختصار مع رابط إلى المصدر.</p>"
                "<h2>النقاشات</h2><p>التزم باللباقة وبموضوع النقاش. يحذف المشرفون التعليقات التي "
                "تتضمن إهانة أو تهديدًا أو إعلانًا أو مخالفة للقانون، وقد يوقفون من يكرر ذلك.</p>"
            ),
        },
    ),
]
