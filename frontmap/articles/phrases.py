"""The phrase tables the residue stripper matches against (data, not logic).

Web pages share a small vocabulary of interface text: share buttons, subscription and
donation appeals, cookie notices, "Read more" links, section headings above lists of other
articles. These tables hold that vocabulary in English, Ukrainian and Russian; the rules
that use them live in :mod:`frontmap.articles.residue`. Every entry is general page chrome,
never the wording of one site. Regular expressions are matched case-insensitively.

To teach the stripper a new phrase, add it to the right table and a case to
``tests/cases/articles_residue.jsonl``.
"""

from __future__ import annotations

#: Interface labels: a line made only of these (in any order, with separators) is dropped,
#: and a chain of them glued in front of a sentence is cut off ("Share Subscribe Give once
#: The army ..." keeps "The army ...").
UI_LABELS: tuple[str, ...] = (
    # sharing
    "share", "share this", "share this article", "share this story", "share article", "shares",
    "share on facebook", "share on twitter", "share on x", "share via email", "share via",
    "tweet", "copy link", "copy the link", "link copied", "copy url", "email", "e-mail", "print",
    "facebook", "twitter", "x", "telegram", "whatsapp", "viber", "linkedin", "reddit", "pinterest",
    "flipboard", "messenger", "vk", "вконтакте", "одноклассники", "threads", "bluesky",
    "поділитися", "поделиться", "поширити", "копіювати посилання", "скопіювати посилання",
    "копировать ссылку", "скопировать ссылку", "посилання скопійовано", "ссылка скопирована",
    "save", "save article", "bookmark", "gift article", "gift this article",
    # listening and reading aids
    "listen", "listen to this article", "listen to article", "play", "pause", "audio",
    "font size", "text size", "a+", "a-", "dark mode",
    "comments", "comment", "leave a comment", "add a comment", "show comments", "view comments",
    "коментарі", "коментар", "комментарии", "комментарий", "прокоментувати", "комментировать",
    # subscribing, donating, accounts
    "subscribe", "subscribe now", "subscribe monthly", "subscribe today", "subscribed",
    "make a single gift", "make a one-time gift", "make a monthly gift", "give once", "give monthly",
    "donate", "donate now", "support us", "support", "become a member", "join", "join now",
    "sign up", "sign in", "log in", "login", "log out", "register", "my account", "account",
    "newsletter", "newsletters", "follow", "follow us", "unfollow",
    "підписатися", "підпишіться", "подписаться", "подпишитесь", "допомогти", "підтримати",
    "підтримати нас", "поддержать", "поддержать нас", "задонатити", "увійти", "войти",
    # navigation
    "menu", "main menu", "search", "close", "open", "back", "back to top", "to top", "top",
    "next", "previous", "prev", "next article", "previous article", "more", "show more",
    "load more", "see more", "view more", "see all", "view all", "loading", "loading...",
    "home", "homepage", "skip to content", "skip to main content", "skip navigation",
    "головна", "главная", "меню", "пошук", "поиск", "закрити", "закрыть", "назад", "далі",
    "далее", "ще", "ещё", "еще", "більше", "больше", "показати більше", "показать еще",
    "показать больше", "наверх", "вгору",
    # site sections (a menu is a run of these)
    "news", "world", "politics", "business", "economy", "sport", "sports", "culture", "opinion",
    "opinions", "analysis", "technology", "tech", "science", "health", "lifestyle", "video", "videos",
    "podcasts", "podcast", "weather", "entertainment", "travel", "photo", "photos", "multimedia",
    "europe", "world news", "live", "latest", "features", "investigations", "editorial",
    "новини", "новости", "політика", "политика", "економіка", "экономика", "спорт", "культура",
    "світ", "мир", "суспільство", "общество", "здоров'я", "здоровье", "відео", "видео", "фото",
    "наука", "технології", "технологии", "погода", "блоги", "колонки", "мнения", "думки",
    "події", "события", "регіони", "регионы", "війна", "война", "україна", "украина",
    # advertising
    "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "promoted",
    "paid content", "partner content", "реклама", "партнерський матеріал", "партнерский материал",
    "промо", "на правах реклами", "на правах рекламы",
    # cookie banner buttons
    "accept", "accept all", "accept cookies", "accept all cookies", "allow all", "reject",
    "reject all", "decline", "agree", "i agree", "ok", "got it", "cookie settings",
    "manage cookies", "cookie policy", "manage preferences", "customize", "settings",
    "прийняти", "принять", "згоден", "согласен", "зрозуміло", "понятно",
    # site footer
    "privacy", "privacy policy", "terms", "terms of use", "terms of service", "contact",
    "contact us", "about", "about us", "careers", "imprint", "impressum", "editorial policy",
    "rss", "sitemap", "faq", "help", "contacts", "advertise", "advertise with us",
    "контакти", "контакты", "про нас", "о нас", "політика конфіденційності",
    "политика конфиденциальности", "правила", "реклама на сайті", "реклама на сайте",
)

#: A line that is exactly one of these (optionally ending in ":") heads a list of links
#: to other articles: the heading and the teaser lines under it are dropped.
SECTION_HEADINGS: tuple[str, ...] = (
    "related", "related articles", "related news", "related stories", "related content",
    "related posts", "related coverage", "related topics", "read more", "read also", "also read",
    "more from", "more stories", "more news", "more on this story", "more on this topic",
    "latest", "latest news", "latest stories", "news feed", "newsfeed", "live feed",
    "most read", "most popular", "popular", "popular now", "top stories", "top news",
    "trending", "trending now", "recommended", "recommended for you", "you may also like",
    "you might also like", "you may be interested in", "editor's picks", "editors' picks",
    "don't miss", "what to read next", "further reading", "other news", "in other news",
    "news", "more", "see also", "watch", "videos", "photos", "in pictures",
    "матеріали", "новини", "новости", "читайте також", "читайте также", "дивіться також",
    "смотрите также", "останні новини", "последние новости", "популярне", "популярное",
    "головне", "главное", "схожі новини", "похожие новости", "схожі матеріали",
    "похожие материалы", "по темі", "по теме", "ещё по теме", "еще по теме", "більше новин",
    "більше за темою", "інші новини", "другие новости", "рекомендуємо", "рекомендуем",
    "стрічка новин", "лента новостей", "вибір редакції", "выбор редакции", "найпопулярніше",
    "самое читаемое", "самое популярное", "топ новини", "топ новости",
)

#: Whole-line patterns of interface text (anchored at both ends of the stripped line).
UI_LINE_PATTERNS: tuple[str, ...] = (
    r"(reading|read) time:? ?\d+ ?(min|mins|minutes?)( read)?",
    r"\d+ ?(min|mins|minutes?) (read|listen)",
    r"час (читання|прочитання):? ?\d+ ?(хв|хвилин\w*)",
    r"время (чтения|прочтения):? ?\d+ ?(мин|минут\w*)",
    r"audio (version|player)\b.{0,80}",
    r"(listen to|hear) (this|the) (article|story)\b.{0,60}",
    r"\d+ (comments?|коментар\w*|комментари\w*)",
    r"(comments?|коментар\w*|комментари\w*)\s*[(\[]?\d+[)\]]?",
    r"((updated|published|posted|оновлено|обновлено)\s+)?\d+ (minutes?|mins?|hours?|days?|хвилин\w*|годин\w*|"
    r"минут\w*|час\w*|дн\w*) (ago|тому|назад)",
    r"(spotted|found|noticed|see|saw) an? (mistake|error|typo)\b.{0,80}",
    r"(report an? (error|typo|mistake)|помітили помилку|заметили ошибку)\b.{0,100}",
    r".{0,80}\bctrl\s*\+\s*enter\b.{0,40}",
    r"(join|follow|subscribe to) (us|our\b.{0,30}\b(channel|page|account|community|group))\b.{0,60}",
    r"follow .{1,40} on (telegram|twitter|x|facebook|instagram|whatsapp|youtube|tiktok|threads|bluesky)"
    r"\b.{0,40}",
    r"(read|see) (the rest|more) of (this|the) (story|article|report)\b.{0,60}",
    r"(continue reading|keep reading|read the full (story|article)|full story|click here)\b.{0,80}",
    r"(©|\(c\)|copyright\b).{0,200}",
    r"(tags|topics|keywords|теги|теґи|мітки|теми|темы|рубрики)\s*:.{0,300}",
    r"(follow|find) us on\b.{0,80}",
    r"(підписуйтес[ья]|стежте за нами|читайте нас|подписывайтесь|следите за нами|читайте нас)\b.{0,100}",
    r"(updated|last updated|published|posted|оновлено|обновлено|опубліковано|опубликовано)\s*:?\s*",
    r"(by|автор|author)\s*:?\s*$",
    r"(image|photo|video|picture|illustrative image) (credit|source)\s*:?.{0,120}",
    r"(photo|фото|image|illustration|ілюстрація|иллюстрация|video|відео|видео)\s*:.{0,160}",
    r"(getty images|afp via getty images|reuters|ap photo|epa|anadolu)(/.{0,60})?",
    r"(scroll|swipe) (down|to continue).{0,40}",
    r"(install|download|get) (our|the) app\b.{0,80}",
    r"(advertisement|реклама)\s*[-–—:]?\s*(scroll|continue|продовження|продолжение).{0,60}",
)

#: Phrases that mark a short line (a footer) as interface text wherever they occur in it.
UI_LINE_PHRASES: tuple[str, ...] = (
    "all rights reserved", "усі права захищені", "всі права захищені", "все права защищены",
    "використання матеріалів дозволяється", "при использовании материалов",
)

#: Patterns that mark a line as a link to another article when they open it ("Read more: ...").
READ_MORE_PREFIXES: tuple[str, ...] = (
    r"read more", r"read also", r"also read", r"see also", r"more on this", r"related",
    r"related article", r"related story", r"recommended", r"watch also", r"must read",
    r"don't miss", r"читайте також", r"читайте также", r"дивіться також", r"смотрите также",
    r"по темі", r"по теме", r"більше за темою", r"також читайте", r"также читайте",
)
#: Prefixes that mark a link to another article only once the article has begun: above it,
#: "Analysis: ..." or "Explainer: ..." is the report's own headline.
LATE_READ_MORE_PREFIXES: tuple[str, ...] = (
    r"explainer", r"analysis", r"live updates", r"live", r"watch", r"video", r"listen",
    r"opinion", r"podcast", r"пояснення", r"аналіз", r"анализ", r"відео", r"видео",
)

#: Words that mark a line as a cookie notice when it also contains "cookie" (or a Cyrillic form).
COOKIE_WORDS: tuple[str, ...] = (
    r"cookies?", r"куки", r"файл\w* cookie", r"кукі",
)
COOKIE_CONTEXT: tuple[str, ...] = (
    r"use", r"uses", r"using", r"accept", r"consent", r"agree", r"settings", r"policy", r"browsing",
    r"experience", r"preferences", r"personali[sz]e", r"використову\w*", r"використання",
    r"используе\w*", r"использовани\w*", r"згод\w*", r"соглас\w*", r"політик\w*", r"политик\w*",
)

#: Sentence-form appeals: subscription and newsletter offers, donation requests, app installs.
#: A line is an appeal when it matches one of these, addresses the reader (see
#: READER_WORDS), carries no attribution (see ATTRIBUTION_WORDS) and is short.
APPEAL_PATTERNS: tuple[str, ...] = (
    r"\bdonat(e|es|ed|ion|ions|ing)\b",
    r"\bmake an? (single|one[- ]time|monthly|recurring|regular|small)? ?(gift|donation|contribution)",
    r"\bsupport (our|independent|quality|local|free|trusted|fearless|ukrainian) "
    r"(journalism|reporting|newsroom|media|work|press)",
    r"\bindependent (journalism|reporting|media)\b",
    r"\bbecome an? (member|patron|supporter|subscriber|donor)\b",
    r"\bstand with us\b",
    r"\breaders like you\b",
    r"\b(rel(y|ies)|depends?|survives?) on (its|our|the support of (its|our)) "
    r"(readers|audience|members|supporters)",
    r"\bhelp us (keep|continue|stay|remain|do|to)\b",
    r"\bsupport us\b",
    r"\bnewsletters?\b",
    r"\b(delivered|straight|directly|right) (to|in|into) your inbox\b",
    r"\bsubscri(be|ption|bers?)\b",
    r"\bunlimited access\b",
    r"\bfree trial\b",
    r"\balready a (subscriber|member)\b",
    r"\b(install|download) (our|the) app\b",
    r"\bturn on notifications\b",
    r"\bpatreon\b",
    # Ukrainian
    r"\bпідтрима(йте|ти|йте нас|ти нас)\b",
    r"\b(під|за)трим\w* .{0,40}(журналіст\w*|редакці\w*|медіа|видання|змі)\b",
    r"\bзадонат\w*|\bдонат\w*",
    r"\bдопоможіть\b",
    r"\b(можете|можеш) (лише|тільки) (ви|ти)\b",
    r"\bнезалежн\w* (журналіст\w*|медіа|видання|змі)\b",
    r"\bпідпи(шіться|суйтеся|сатися|ска|ку)\b",
    r"\bрозсилк\w*\b",
    r"\bгрантодавц\w*\b",
    # Russian
    r"\bподдерж(ите|ать|ите нас|ать нас)\b",
    r"\bподдерж\w* .{0,40}(журналист\w*|редакци\w*|медиа|издани\w*|сми)\b",
    r"\b(можете|можешь) (лишь|только) (вы|ты)\b",
    r"\bнезависим\w* (журналист\w*|медиа|издани\w*|сми)\b",
    r"\bподпи(шитесь|сывайтесь|саться|ска|ку)\b",
    r"\bрассылк\w*\b",
    r"\b(установите|скачайте) (наше )?приложение\b",
    r"\bответьте на .{0,30}вопрос\w*",
    r"\bпонравил\w* .{0,30}\?",
)

#: Words that show a line speaks to the reader or for the outlet ("you", "us", "Ви", "нас").
#: Matched with their case as written, so "US" (the country) is not "us"; Cyrillic words
#: also match capitalised.
READER_WORDS: tuple[str, ...] = (
    "you", "your", "yours", "us", "our", "we", "You", "Your", "Yours", "Us", "Our", "We",
    # Ukrainian
    "ви", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваші", "вашу", "вашого", "вашій", "вашим", "ваших",
    "нас", "нам", "наш", "наша", "наше", "наші", "нашу", "нашого", "нашій", "нашим", "наших", "ми", "ти",
    "тебе",
    # Russian
    "вы", "ваши", "вашего", "вашей", "наши", "нашего", "нашей", "мы", "ты", "тебя",
)

#: Reporting words and phrases: a line that attributes speech is article text, never an appeal.
ATTRIBUTION_WORDS: tuple[str, ...] = (
    "said", "says", "say", "told", "tells", "stated", "added", "wrote", "announced", "reported", "claimed",
    "сказав", "сказала", "заявив", "заявила", "повідомив", "повідомила", "повідомили", "зазначив",
    "зазначила", "сказал", "заявил", "сообщил", "сообщила", "сообщили", "отметил", "отметила",
)
ATTRIBUTION_PHRASES: tuple[str, ...] = ("according to", "за словами", "по словам", "за даними", "по данным")
