"""Word lists the geoparser reads: region heads, cue words, stop lists, actor verbs.

Everything here is data: plain frozensets and dicts of lower-cased words (Latin
words as written, Cyrillic words as stems where marked). The rules in
:mod:`frontmap.geoparse` only look words up here, so extending the parser to a
new phrasing is a one-line change in this file.
"""

from __future__ import annotations

#: Words that make the preceding name(s) a first-level unit: "Kharkiv region", "the Luhansk and Donetsk regions".
ADMIN1_HEADS: frozenset[str] = frozenset(
    {"region", "regions", "oblast", "oblasts", "oblasti", "province", "provinces", "krai", "kray", "territory", "governorate"}
)
#: Words that make the preceding name a second-level unit: "Pokrovsk district", "Chuhuiv raion".
ADMIN2_HEADS: frozenset[str] = frozenset({"raion", "raions", "rayon", "rayons", "district", "districts"})
#: "the Donetsk and Luhansk republics", "Donetsk People's Republic": the occupation entities stand for their oblasts.
REPUBLIC_HEADS: frozenset[str] = frozenset({"republic", "republics"})
#: Words allowed between a name and its region head: "the Dnipropetrovsk industrial region", "Kharkiv border region".
REGION_ADJECTIVES: frozenset[str] = frozenset(
    {
        "industrial", "border", "frontier", "frontline", "front", "line", "occupied", "partially", "partly", "annexed",
        "adjacent", "neighbouring", "neighboring", "embattled", "contested", "eastern", "western", "northern", "southern",
        "northeastern", "northwestern", "southeastern", "southwestern", "north", "south", "east", "west", "central",
        "entire", "whole", "key", "coal", "mining", "agricultural", "breakaway", "separatist", "self", "proclaimed",
        "russian", "ukrainian", "russia", "ukraine", "s", "people", "peoples", "popular", "administrative", "regional",
        "war", "torn", "ravaged", "hit", "strategic", "heavily", "fortified", "sprawling", "vast", "rural",
    }
)
#: Words that join names in a list of regions: "Kharkiv, Sumy and Poltava regions".
LIST_JOINERS: frozenset[str] = frozenset({"and", "or", "&", ",", "as well as", "plus", "и", "і", "та", "й", "или", "або"})
#: Cyrillic region heads (stems): область/області/областях, район/районі, край, республіка/республика.
CYR_ADMIN1_HEAD_STEMS: tuple[str, ...] = ("област", "облас", "обл", "краю", "края", "край")
CYR_ADMIN2_HEAD_STEMS: tuple[str, ...] = ("район",)
CYR_REPUBLIC_HEAD_STEMS: tuple[str, ...] = ("республік", "республик")
CYR_PEOPLES_STEMS: tuple[str, ...] = ("народн",)

#: Acronyms of the occupation entities, mapped to the oblast they claim (the project counts DPR as Donetsk Oblast).
ENTITY_ACRONYMS: dict[str, str] = {
    "dpr": "Donetsk", "dnr": "Donetsk", "днр": "Donetsk", "lpr": "Luhansk", "lnr": "Luhansk", "лнр": "Luhansk",
}

#: Capitals whose names stand for their governments ("Moscow said"); checked on the normalised key.
CAPITALS: frozenset[str] = frozenset(
    {
        "kyiv", "kiev", "moscow", "washington", "minsk", "london", "paris", "berlin", "beijing", "brussels", "warsaw",
        "ankara", "tehran", "pyongyang", "budapest", "bratislava", "chisinau", "tbilisi", "tallinn", "riga", "vilnius",
        "rome", "tokyo", "ottawa", "helsinki", "stockholm", "oslo", "copenhagen", "prague", "vienna", "bucharest",
        "sofia", "new delhi", "delhi", "seoul", "baku", "yerevan", "astana", "damascus", "the hague", "bern", "madrid",
        "lisbon", "athens", "dublin", "canberra", "kiev", "киев", "київ", "москва", "вашингтон", "минск", "мінськ",
    }
)
#: Buildings that stand for a government; resolved to their city with role "actor".
SEAT_METONYMS: dict[str, str] = {
    "kremlin": "Moscow", "white house": "Washington", "pentagon": "Washington", "downing street": "London",
    "elysee": "Paris", "bankova": "Kyiv", "кремль": "Moscow", "кремля": "Moscow", "кремлю": "Moscow",
    "кремлем": "Moscow", "кремле": "Moscow",
}
#: Verbs (and auxiliaries) that, after a capital or a country, make it the government speaking or acting.
ACTOR_VERBS: frozenset[str] = frozenset(
    {
        "said", "says", "say", "claimed", "claims", "claim", "announced", "announces", "reported", "reports", "denied",
        "denies", "insisted", "insists", "accused", "accuses", "warned", "warns", "launched", "launches", "sent", "sends",
        "responded", "responds", "demanded", "demands", "signed", "signs", "agreed", "agrees", "rejected", "rejects",
        "refused", "refuses", "wants", "want", "hopes", "believes", "considers", "plans", "planned", "stated", "states",
        "admitted", "admits", "confirmed", "confirms", "pursues", "pursued", "began", "begins", "started", "starts",
        "captured", "captures", "took", "takes", "seized", "seizes", "controls", "controlled", "ordered", "orders",
        "threatened", "threatens", "urged", "urges", "called", "calls", "told", "tells", "vowed", "vows", "blamed",
        "blames", "condemned", "condemns", "welcomed", "welcomes", "dismissed", "dismisses", "declined", "declines",
        "retaliated", "struck", "strikes", "attacked", "attacks", "pushed", "pushes", "deployed", "deploys", "needs",
        "needed", "expects", "expected", "intends", "intended", "seeks", "sought", "tried", "tries", "mounted", "mounts",
        "has", "had", "have", "is", "was", "will", "would", "could", "can", "may", "might", "must", "should", "does",
        "did", "sees", "saw", "regards", "views", "hailed", "praised", "released", "published", "gained", "gains",
        "withdrew", "withdraws", "moved", "moves", "decided", "decides", "offered", "offers", "proposed", "proposes",
        "sanctioned", "imposed", "supplied", "supplies", "provided", "provides", "received", "receives",
        "заявил", "заявила", "заявили", "сообщил", "сообщила", "сообщили", "заявив", "заявила", "повідомив",
        "повідомила", "повідомили", "утверждает", "считает", "відкидає", "отрицает",
    }
)
#: Nouns that, after "<capital/country>'s", make it the state: "Kyiv's forces", "Moscow's claims".
ACTOR_NOUNS: frozenset[str] = frozenset(
    {
        "forces", "force", "troops", "army", "armies", "military", "government", "regime", "authorities", "officials",
        "leadership", "leaders", "leader", "command", "ministry", "side", "soldiers", "units", "decision", "position",
        "envoy", "envoys", "allies", "diplomats", "diplomacy", "war", "invasion", "offensive", "counteroffensive",
        "counter", "control", "progress", "claims", "claim", "demands", "strategy", "plans", "aims", "intentions",
        "defence", "defense", "air", "navy", "president", "foreign", "defense", "defence", "general", "generals",
        "propaganda", "statement", "statements", "negotiators", "delegation", "campaign", "push", "drive", "attacks",
        "assault", "proposal", "response", "efforts", "effort", "troop", "grip", "advance", "advances", "gains",
    }
)
#: Adverbs and fillers skipped between an actor name and its verb: "Moscow has repeatedly said".
ACTOR_SKIP: frozenset[str] = frozenset(
    {"also", "already", "repeatedly", "previously", "earlier", "now", "then", "later", "still", "has", "had", "have",
     "is", "was", "will", "would", "could", "not", "never", "officially", "reportedly", "again", "quickly", "long",
     "been", "formally", "publicly", "itself", "first", "finally", "last", "this", "week", "on", "friday", "monday",
     "tuesday", "wednesday", "thursday", "saturday", "sunday"}
)
#: Phrases before a name that make it a speaker: "according to Moscow".
ACTOR_PRECEDERS: tuple[tuple[str, ...], ...] = (("according", "to"), ("under",), ("by",))

#: Titles and honorifics: a name right after one of these is a person ("Gen. Valery Gerasimov", "President Zelensky").
TITLES: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "gen", "general", "col", "colonel", "maj", "major", "lt", "lieutenant", "capt",
        "captain", "sgt", "sergeant", "adm", "admiral", "president", "premier", "minister", "governor", "mayor",
        "spokesman", "spokeswoman", "spokesperson", "commander", "chief", "prime", "deputy", "secretary", "senator",
        "sen", "rep", "representative", "ambassador", "envoy", "patriarch", "pope", "king", "queen", "prince", "sir",
        "lord", "chancellor", "marshal", "defence", "defense", "analyst", "journalist", "correspondent", "officer",
        "st", "saint", "head", "director", "speaker", "chairman", "chairwoman", "leader", "blogger", "milblogger",
        "министр", "президент", "губернатор", "генерал", "глава", "эксперт", "експерт", "міністр",
    }
)
#: Words after a place name that make the whole phrase an organisation, outlet or unit: "Kyiv Independent",
#: "Azov brigade", "Khortytsia group of forces", "Kharkiv Oblast Prosecutor Office".
ORG_TAILS: frozenset[str] = frozenset(
    {
        "independent", "post", "times", "herald", "journal", "today", "news", "daily", "radio", "tv", "television",
        "tribune", "pravda", "gazette", "telegraph", "insider", "review", "observer", "express", "weekly", "online",
        "media", "press", "agency", "channel", "brigade", "brigades", "regiment", "battalion", "battalions", "division",
        "corps", "battlegroup", "group", "grouping", "unit", "units", "squadron", "detachment", "legion", "company",
        "fc", "club", "university", "institute", "airlines", "bank", "npp", "nuclear", "hpp", "highway"
    }
)
#: Words before a place name that make it a unit or organisation name: "Battlegroup Dnepr", "Operation Kharkiv".
ORG_HEADS: frozenset[str] = frozenset(
    {"battlegroup", "group", "grouping", "operation", "brigade", "regiment", "battalion", "task", "force", "team", "fc",
     "club", "hotel", "группировка", "группировки", "группировкой", "группировке", "угруповання"}
)
#: Outlets written with a place in their name, as whole normalised phrases.
OUTLETS: frozenset[str] = frozenset(
    {"kyiv independent", "kyiv post", "moscow times", "kyiv independent s", "ukrainska pravda", "ukrainian pravda",
     "rbc ukraine", "ukraine today", "ukrinform", "radio svoboda", "kharkiv today", "odesa journal", "novaya gazeta",
     "moscow news", "kyiv press", "ukrainian pravda s"}
)
#: Capitalised English words that are never places when they stand alone, whatever a gazetteer says
#: (months, weekdays, demonyms, pronouns and common sentence openers that are also village or city names).
STOP_WORDS: frozenset[str] = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "russian", "russians", "ukrainian", "ukrainians", "american", "americans", "european", "europeans", "british",
        "german", "french", "polish", "belarusian", "chechen", "crimean", "soviet", "slovak", "slovakian", "swiss",
        "italian", "turkish", "iranian", "chinese", "korean", "north", "south", "east", "west", "northern", "southern",
        "eastern", "western", "central", "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she",
        "they", "we", "our", "us", "his", "her", "their", "there", "here", "then", "when", "where", "what", "who",
        "why", "how", "and", "but", "or", "if", "in", "on", "at", "of", "for", "by", "with", "from", "to", "as", "after",
        "before", "since", "until", "while", "during", "also", "yet", "still", "even", "only", "just", "all", "some",
        "many", "most", "more", "other", "another", "each", "every", "both", "either", "neither", "no", "not", "new",
        "old", "great", "big", "small", "little", "good", "best", "free", "hope", "peace", "victory", "freedom",
        "independence", "liberty", "union", "progress", "glory", "friendship", "unity", "dawn", "sunrise", "rise",
        "spring", "summer", "autumn", "winter", "fall", "day", "night", "morning", "evening", "today", "tomorrow",
        "yesterday", "week", "month", "year", "time", "war", "army", "forces", "president", "minister", "ministry",
        "general", "defence", "defense", "state", "states", "government", "office", "news", "report", "reports",
        "source", "sources", "update", "read", "more", "share", "posted", "sponsored", "related", "context",
        "explainer", "international", "world", "europe", "asia", "africa", "america", "sea", "river", "lake", "city",
        "town", "village", "region", "oblast", "district", "province", "republic", "people", "popular", "mark",
        "will", "can", "said", "says", "reading", "mobile", "split", "nice", "bath", "male", "sale", "over", "under",
        "about", "above", "below", "near", "far", "late", "early", "last", "next", "first", "second", "third", "one",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand", "million",
        "telegram", "facebook", "twitter", "youtube", "google", "center", "centre", "school", "church", "battle",
        "front", "line", "border", "frontier", "institute", "study", "think", "tank", "brigade", "group", "sector",
        "armed", "military", "command", "general staff", "staff", "service", "security", "intelligence", "police",
        "guard", "national", "federal", "federation", "kremlin", "deepstate", "osint", "isw", "nato", "un", "eu",
        "mp", "pr", "ap", "afp", "bbc", "cnn", "tass", "dpa", "ria", "interfax", "reuters", "sputnik", "novosti",
        "sever", "tsentr", "vostok", "zapad", "yug", "pravda", "media", "gazeta", "vesti",
        "восток", "запад", "юг", "север", "центр", "южная", "южный", "северный", "восточный", "западный",
    }
)
#: English words that are also gazetteer names ("Never" -> Nevir, "Human" -> Uman, "Bar", "Side", "Step"):
#: a single capitalised word from this list is taken for the word, not the place. Generated by intersecting
#: the gazetteer's one-word Latin keys with an English word list (Debian wamerican), then removing words
#: that really are used as place names in English (China, Turkey, Chile ...).
COMMON_WORDS: frozenset[str] = frozenset(
    {
    "angora", "arc", "as", "babel", "balky", "bar", "baste", "begun", "bile", "bistro", "bred", "burs", "canton",
    "chin", "chop", "cop", "dacha", "damask", "deli", "delis", "dilly", "dimer", "dining", "downtown", "dual",
    "fez", "flora", "gate", "gay", "gory", "grim", "gut", "hang", "hart", "hat", "hay", "hock", "hue", "human",
    "hut", "jerky", "karma", "lazy", "lime", "limo", "logos", "lone", "luck", "lug", "male", "mane", "mare",
    "maria", "marina", "marine", "mars", "martini", "meshed", "milky", "never", "nosy", "nova", "omit", "perky",
    "pert", "pesky", "pet", "play", "plot", "plug", "pole", "police", "polo", "port", "postal", "potash",
    "pristine", "prone", "pueblo", "pun", "ray", "revel", "rim", "ripen", "rivets", "sack", "sad", "sari",
    "shack", "shyly", "side", "signal", "siren", "smile", "snow", "sol", "soul", "spas", "spat", "star", "stare",
    "step", "sumo", "tin", "tor", "tub", "tuba", "tunes", "ugly", "valley", "vary", "vine", "warez", "wary",
    "wean", "wiry",
    }
)
#: Given names frequent in this domain: a capitalised name right after one is a surname ("Oleksandr Syrskyi").
GIVEN_NAMES: frozenset[str] = frozenset(
    {
        "volodymyr", "vladimir", "oleksandr", "aleksandr", "alexander", "olexander", "valery", "valerii", "valeriy",
        "valerij", "sergei", "sergey", "serhiy", "serhii", "sergiy", "andrei", "andriy", "andrii", "andrey", "dmitry",
        "dmytro", "denis", "denys", "vitaly", "vitalii", "vitaliy", "yevhen", "yevgeny", "evgeny", "nazar", "hanna",
        "anna", "iryna", "irina", "olena", "elena", "yulia", "maria", "mariia", "kyrylo", "kirill", "viktor", "victor",
        "vadym", "vadim", "oleh", "oleg", "mykola", "nikolai", "nikolay", "ivan", "petro", "pyotr", "pavlo", "pavel",
        "yuriy", "yurii", "yuri", "mykhailo", "mikhail", "ruslan", "rustem", "ramzan", "igor", "ihor", "roman",
        "maksym", "maxim", "anton", "artem", "artyom", "bohdan", "taras", "vasyl", "vasily", "stepan", "alexei",
        "alexey", "oleksiy", "oleksii", "denis", "kostiantyn", "konstantin", "yaroslav", "svitlana", "svetlana",
        "natalia", "tetiana", "tatiana", "lyudmila", "liudmyla", "zuzana", "donald", "joe", "mason", "james", "john",
        "guido", "emmanuel", "olaf", "boris", "keir", "antony", "lloyd", "jake", "mark", "mike", "kamala", "recep",
        "alexander", "gennady", "hennadiy", "yevgeniy", "nikita", "andrzej", "viktor", "pyotr", "fedir", "fyodor",
        "andrej", "juraj", "robert", "jens", "ursula", "charles", "william", "david", "michael", "peter", "paul",
        "george", "thomas", "richard", "marco", "matteo", "giorgia", "antonio", "kaja", "annalena", "rishi",
        "андрей", "никита", "владимир", "сергей", "александр", "дмитрий", "валерий", "денис", "виталий", "алексей",
        "андрій", "кирило", "володимир", "олександр", "сергій", "дмитро", "валерій", "віталій", "олексій",
    }
)
#: Words in front of a name that mark it as a city, not the oblast of the same name.
CITY_CUES_BEFORE: frozenset[str] = frozenset(
    {"city", "town", "village", "settlement", "outskirts", "centre", "center", "suburbs", "streets", "downtown",
     "residents", "mayor", "gates", "heart", "around", "near", "outside", "nearby", "towards", "toward", "encircle",
     "encircling", "encirclement"}
)
#: Words right after a name that mark it as a city: "Kharkiv city", "Donetsk, the region's main city".
CITY_CUES_AFTER: frozenset[str] = frozenset(
    {"city", "town", "village", "mayor", "residents", "outskirts", "airport", "suburbs", "centre", "center",
     "capital", "garrison"}
)
#: Words right after a name that make it the oblast's institution, so the oblast: "Kursk governor",
#: "Kharkiv Military-Civil Administration", "the Belgorod regional centre".
REGION_CUES_AFTER: frozenset[str] = frozenset(
    {"governor", "governorate", "administration", "regional", "prosecutor", "prosecutors", "oblenergo", "region s"}
)
#: Direction words for relative expressions ("east of Izium", "18 km north-west of Bakhmut").
DIRECTIONS: dict[str, tuple[float, float]] = {
    "north": (1.0, 0.0), "south": (-1.0, 0.0), "east": (0.0, 1.0), "west": (0.0, -1.0),
    "northeast": (0.7, 0.7), "northwest": (0.7, -0.7), "southeast": (-0.7, 0.7), "southwest": (-0.7, -0.7),
    "north east": (0.7, 0.7), "north west": (0.7, -0.7), "south east": (-0.7, 0.7), "south west": (-0.7, -0.7),
    "northeastern": (0.7, 0.7), "northwestern": (0.7, -0.7), "southeastern": (-0.7, 0.7), "southwestern": (-0.7, -0.7),
    "northern": (1.0, 0.0), "southern": (-1.0, 0.0), "eastern": (0.0, 1.0), "western": (0.0, -1.0),
}
#: Words in front of an anchor place in a relative expression: "near Bakhmut", "outside Kherson".
NEAR_WORDS: frozenset[str] = frozenset(
    {"near", "outside", "around", "nearby", "close", "beside", "towards", "toward", "from", "of", "to", "past",
     "beyond", "behind", "within", "outskirts", "approaches", "под", "возле", "около", "біля", "поблизу", "неподалік"}
)
#: Distance units in relative expressions.
DISTANCE_UNITS: frozenset[str] = frozenset(
    {"km", "kms", "kilometers", "kilometres", "kilometer", "kilometre", "mi", "miles", "mile", "m", "meters",
     "metres", "км", "километров", "километра", "кілометрів", "кілометри"}
)
#: Ukrainian first-level units on Russia's border (a "km from the Russian border" cue favours them).
BORDER_ADMIN1: frozenset[str] = frozenset(
    {"Chernihiv Oblast", "Sumy Oblast", "Kharkiv Oblast", "Luhansk Oblast", "Donetsk Oblast"}
)
