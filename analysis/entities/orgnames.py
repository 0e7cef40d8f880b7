"""Organisations the gazetteer does not list, found by the form of their names.

Reports name many more enterprises than any list: ``ОАО «Медтехника»``, ``JSC "Steklo"``,
``OAO Polymer``, ``das Witebsker Kabelwerk``, ``холдинг «Агротех»``, ``Mogilev Cable Works (MCW)``.
:func:`find_org_names` finds them in one sentence from

- a legal form before a quoted or capitalised name (ОАО, ЗАО, ООО, ОДО, УП, ПАО, АО, OAO, JSC,
  CJSC, LLC) or after it (GmbH, AG, LLC, Ltd);
- a quoted name (« », „ “, " ", “ ”) right after a word for a company (завод, комбинат,
  холдинг, объединение, Werk, Holding, Unternehmen, plant, works, holding, company ...);
- a name with a company head: ``X Holding``, ``X-Werk``, ``Minsker Kabelwerk`` (a city's
  adjective and a German ``-werk`` compound), ``Минский кабельный завод``;
- a name with its abbreviation defined in brackets: ``Vitebsk Cable Works (VCW)``;
- a capitalised one-word name listed together with two or more known enterprises.

Each name gets a canonical English short name (Cyrillic transliterated by the Wikipedia
rules of :mod:`iuliia`, Belarusian і and ў read as Russian и and в), a type
(``enterprise``, ``bank``, ``university``, ``body``) and a country: BY when a Belarusian cue says
so (a Belarusian legal form, "белорусское", "belarussische", a Belarusian city in the name, the
``Bel-`` prefix of Belarusian state companies, known Belarusian enterprises it is listed with),
the country of a foreign cue (a foreign legal form, "российская", a foreign region or city in the
name, known foreign companies it is listed with), else unknown (missing). A report's enterprise
left unknown is settled over the whole report (:func:`analysis.entities.matcher.raw_mentions`, with
:func:`trade_direction`): the country of its partners when they are all of one foreign country,
unless its sentence speaks of supplying or of a market other than Belarus's (a company that
supplies the partner or works on its market comes from elsewhere: Belarus).

The key of a name (:func:`name_key`) is its romanised form without case endings, so one company
written in several languages and cases ("Медпласта", "Medplast") gets one key.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia

_CYR = "а-яёіўА-ЯЁІЎ"
_UP = "A-ZА-ЯЁІЎ"
_WORD = rf"[{_UP}][\w{_CYR}'’.-]*"
_QUOTED = re.compile(r"«([^«»\n]{2,60})»|„([^„“”\"\n]{2,60})[“”\"]|“([^“”\n]{2,60})”|\"([^\"\n]{2,60})\"")

# Legal forms before the name; the country a form points to (None: used in several countries)
_LEGAL_BEFORE = {
    "ОАО": "BY", "ЗАО": None, "ООО": None, "ОДО": "BY", "УП": "BY", "РУП": "BY", "ЧУП": "BY", "КУП": "BY",
    "ЧТУП": "BY", "СООО": "BY", "ИООО": "BY", "ГПО": "BY", "НПО": None, "ПАО": "RU", "АО": None, "ТОО": "KZ",
    "OAO": "BY", "ZAO": None, "OOO": None, "OJSC": "BY", "CJSC": None, "JSC": None, "PJSC": "RU", "LLC": None,
    "UE": "BY", "RUE": "BY", "LLP": "KZ", "ААТ": "BY", "ЗАТ": "BY", "ТАА": "BY",
}  # fmt: skip
_LEGAL_AFTER = {"GmbH": "DE", "AG": "DE", "LLC": None, "Ltd": None, "Inc": None, "JSC": None, "Co": None}
_LEGAL_AFTER_CUE = re.compile(r"\b(?:" + "|".join(_LEGAL_AFTER) + r")\b")
_LEGAL_AFTER_RE = re.compile(rf"((?:{_WORD}\s){{1,3}})({'|'.join(_LEGAL_AFTER)})\b\.?")
_LEGAL_BEFORE_RE = re.compile(r"(?<![\w])(" + "|".join(sorted(_LEGAL_BEFORE, key=len, reverse=True)) + r")(?![\w])")
# Words for an organisation that may stand before a quoted name, with the type they give
_HEADS = {
    "enterprise": (
        "завод комбинат холдинг объединени концерн компани предприяти фабрик корпораци производител трест"
        " группа групп аб'яднанн прадпрыемств кампані фабрык"
        " werk kombinat holding unternehm konzern firma betrieb herstell gesellschaft vereinigung fabrik"
        " plant works factory holding company enterprise concern corporation manufacturer producer maker"
        " association group"
    ).split(),
    "bank": "банк bank".split(),
    "university": (
        "университет институт академи universität universitat institut hochschul university institute"
    ).split(),
}
_HEAD_TYPE = {w: kind for kind, words in _HEADS.items() for w in words}
_HEAD_WORDS = tuple(sorted(_HEAD_TYPE, key=len, reverse=True))
# Heads that can follow a name ("Amkodor Holding", "BKM-Holding", "Kabelwerk", "Cable Works")
_HEAD_AFTER = re.compile(
    rf"((?:{_WORD}[ -]){{0,2}}{_WORD}?)[ -]?(Holding|Holdings|Werk|Werke|Werks|Kombinat|Plant|Works|Factory)\b"
)
_GERMAN_WERK = re.compile(rf"\b([{_UP}][a-zäöü]+er) ([{_UP}][a-zäöüß]+)(werk|werke|werks|kombinat)\b")
_RUSSIAN_ZAVOD = re.compile(
    r"\b([А-ЯЁІЎ][а-яёіў]+(?:ский|ского|ском|ским|скі|скага))\s+([а-яёіў]+(?:ый|ого|ом|ым|ой|ы|ага))\s+"
    r"(завод|завода|заводе|заводом|заводу|комбинат|комбината|комбинате|комбинатом)\b"
)
# anything any pattern below starts from: a quote, a legal form, a head, a bracket (the literal
# cues by substring tests, the legal forms by one pattern whose first letters are looked ahead)
_CUE_STRINGS = (
    "«", "„", "“", '"', " (", "Holding", "Werk", "werk", "Kombinat", "Plant", "Works", "Factory", "завод", "комбинат",
)  # fmt: skip
_CUE_STRING = re.compile("|".join(map(re.escape, _CUE_STRINGS)))
_ALL_FORMS = sorted({*_LEGAL_BEFORE, *_LEGAL_AFTER}, key=len, reverse=True)
# a legal form as a whole word: the pattern starts with the forms themselves (so that the regex
# engine can skip to their first letters) and the word start is checked on each match
_FORM_CUE = re.compile(r"(?:" + "|".join(_ALL_FORMS) + r")(?!\w)")


def _any_cue(text: str) -> bool:
    """Whether ``text`` has anything any pattern of :func:`find_org_names` starts from."""
    if _CUE_STRING.search(text) is not None:
        return True
    return _has_form(text)


def _has_form(text: str) -> bool:
    """Whether a legal form stands as a whole word in ``text``."""
    for m in _FORM_CUE.finditer(text):
        # every form begins with a word character, so a form begins a word where the character
        # before it is none (\w is what str.isalnum or "_" is); a form found inside a word
        # consists of word characters, so no form that begins a word is skipped over
        before = m.start() - 1
        if before < 0 or not (text[before].isalnum() or text[before] == "_"):
            return True
    return False


_CHUNK_CUE_STRING = re.compile("|".join(map(re.escape, [c for c in _CUE_STRINGS if c != " ("])))


def chunk_cue(chunk: str) -> bool | None:
    """What a text's whitespace-separated part ``chunk`` tells of :func:`find_org_names`'s cues:
    True when it holds one, None when it only begins with "(" (a cue where a space stands before
    it), else False. No cue but " (" holds whitespace, so a text has a cue exactly when one of its
    chunks holds one, or one begins with "(" and the text holds " (".

    >>> chunk_cue("«Steklo»,"), chunk_cue("(MTZ)"), chunk_cue("ОАО"), chunk_cue("Cooperation")
    (True, None, True, False)
    """
    if _CHUNK_CUE_STRING.search(chunk) is not None or _has_form(chunk):
        return True
    return None if chunk.startswith("(") else False


_HEAD_AFTER_CUE = re.compile(r"Holding|Werk|Kombinat|Plant|Works|Factory")
_ABBREVIATION = re.compile(rf"((?:{_WORD} ){{1,5}}{_WORD}) \(([{_UP}][{_UP}A-Za-zа-яё]{{1,7}})\)")

_BY_CUES = ("белорус", "беларус", "belarus", "weißruss", "weissruss")
_FOREIGN_CUES = {
    "RU": ("russisch", "russian", "российск", "расійск", "русск"),
    "CN": ("chinesisch", "chinese", "китайск", "кітайск"),
    "KZ": ("kasachisch", "kazakh", "казахстанск", "казахск"),
    "UZ": ("usbekisch", "uzbek", "узбекск", "узбецк"),
    "DE": ("deutsch", "german", "немецк"),
}
# Words that are no company name however they are written
_NOT_NAMES = {
    w.casefold()
    for w in (
        "Die Der Das Den Dem Des Ein Eine Und Mit The A An And Of For In At On To By As This That These Their Its"
        " Это Этот Эта Как На В И С По Для Из Его Их Также Все Мы Он Она Они"
        " Belarus Беларусь Russland Russia Россия China Китай Republik Republic Республика"
        " Holding Werk Plant Works Company Group Union Forum Expo"
    ).split()
}
_GENERIC_TAIL = re.compile(r"(?i)[ -](holding|holdings|group|холдинг\w*|групп\w*)$")

# German and Russian product words of plant names, in English (Kabelwerk, кабельный завод → Cable Plant)
_PRODUCT_WORDS = {
    "kabel": "Cable", "кабельн": "Cable", "lager": "Bearing", "wälzlager": "Bearing", "подшипников": "Bearing",
    "traktoren": "Tractor", "тракторн": "Tractor", "motoren": "Motor", "моторн": "Motor", "automobil": "Automobile",
    "автомобильн": "Automobile", "getriebe": "Gear", "зубчат": "Gear", "reifen": "Tyre", "шинн": "Tyre",
    "glas": "Glass", "стекольн": "Glass", "zement": "Cement", "цементн": "Cement", "uhren": "Watch",
    "часов": "Watch", "räder": "Wheel", "колесн": "Wheel", "chemie": "Chemical", "химическ": "Chemical",
    "werkzeug": "Tool", "инструментальн": "Tool", "elektrotechnik": "Electrotechnical",
    "электротехническ": "Electrotechnical", "maschinenbau": "Machine-Building", "машиностроительн": "Machine-Building",
    "metallurgie": "Metallurgical", "металлургическ": "Metallurgical", "kühlschrank": "Refrigerator",
    "холодильник": "Refrigerator", "fahrrad": "Bicycle", "велосипедн": "Bicycle", "möbel": "Furniture",
    "мебельн": "Furniture", "ziegel": "Brick", "кирпичн": "Brick",
}  # fmt: skip
_TRANSLIT = iuliia.WIKIPEDIA
_BELARUSIAN_LETTERS = str.maketrans({"і": "и", "І": "И", "ў": "в", "Ў": "В", "'": "", "’": ""})
_CASE_ENDINGS = re.compile(r"(ami|ogo|omu|ому|ого|ами|ом|ем|ой|ов|ам|ах|ы|а|у|е|и|я|ю|om|oy|ov|am|ah|a|u|e|y|i)$")


def romanise(name: str) -> str:
    """A name in Latin letters: Cyrillic by the Wikipedia transliteration (Belarusian і, ў read as
    и, в); Latin names stay as written.

    >>> romanise("Белтрансгаз"), romanise("Гомельскі шклозавод"), romanise("Steklo")
    ('Beltransgaz', 'Gomelski shklozavod', 'Steklo')
    """
    if not re.search(f"[{_CYR}]", name):
        return name
    return _TRANSLIT.translate(name.translate(_BELARUSIAN_LETTERS))


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """A key one company shares across scripts, cases and spellings (lower case, romanised, case
    endings and doubled letters dropped).

    >>> name_key("Медпласта") == name_key("Medplast") == name_key("«МЕДПЛАСТ»")
    True
    >>> name_key("Автокомпоненты") == name_key("Avtokomponenty")
    True
    """
    words = []
    for word in re.findall(rf"[\w{_CYR}]+", name.casefold()):
        if len(word) > 4:
            word = _CASE_ENDINGS.sub("", word)
        word = romanise(word).casefold()
        word = re.sub(r"[^a-z0-9]", "", word.replace("kh", "h").replace("w", "v").replace("j", "y"))
        words.append(re.sub(r"(.)\1+", r"\1", word))
    return " ".join(w for w in words if w)


@lru_cache(maxsize=1 << 14)
def canonical_name(surface: str) -> str:
    """The English short name of a found name: romanised, generic heads ("Holding") dropped,
    words in capitals kept as an abbreviation when short, else capitalised.

    >>> canonical_name("БЕЛТРАНСГАЗ"), canonical_name("Агротех Холдинг"), canonical_name("ПВТ")
    ('Beltransgaz', 'Agrotekh', 'PVT')
    """
    name = _GENERIC_TAIL.sub("", surface.strip(" «»„“”\"'.,")).strip() or surface.strip()
    words = []
    for original in name.split():
        word = romanise(original)
        letters = re.sub(rf"[^A-Za-z{_CYR}]", "", original)
        if letters.isupper() and len(letters) > 5:
            word = word.capitalize()
        elif word[:1].islower() and not words:
            word = word[:1].upper() + word[1:]
        words.append(word)
    return " ".join(words)


def _is_head(word: str) -> bool:
    return word.casefold().startswith(_HEAD_WORDS)


def _head_inside(name: str) -> str | None:
    """The type a quoted name's own first or last word gives ("«Агро Холдинг»", "„Nord Bank“")."""
    words = name.split()
    for word in (words[-1], words[0]) if len(words) > 1 else ():
        w = word.casefold()
        for head in ("холдинг", "holding", "банк", "bank", "завод", "werk", "plant", "works", "group", "групп"):
            if w.startswith(head):
                return _HEAD_TYPE.get(head, "enterprise")
    return None


def _head_before(text: str, start: int) -> str | None:
    """The type of the organisation word among the three words before ``start``, if any."""
    before = _WORDS.findall(text[max(0, start - 45) : start].casefold())[-3:]
    for word in reversed(before):
        for part in (word, *word.split("-")) if "-" in word else (word,):
            # German compounds end in the head ("Gemeinschaftsunternehmen"); other words start with it
            m = _HEAD_START.match(part) or _HEAD_END.search(part)
            if m:
                return _HEAD_TYPE[m.group(0)]
    return None


_WORDS = re.compile(rf"[\w{_CYR}'’-]+")
_HEAD_START = re.compile("|".join(map(re.escape, _HEAD_WORDS)))
_HEAD_END = re.compile("(?:" + "|".join(re.escape(h) for h in _HEAD_WORDS if len(h) >= 4) + ")$")


def _country_cue(text: str, start: int, end: int) -> str | None:
    """BY or a foreign country from the words right before a name and the name itself."""
    window = text[max(0, start - 40) : end].casefold()
    window = window[window.rfind(",", 0, start - max(0, start - 40)) + 1 :] if "," in window else window
    by = bool(re.search(r"\b(?:" + "|".join(_BY_CUES) + ")", window))
    foreign = [c for c, cues in _FOREIGN_CUES.items() if re.search(r"\b(?:" + "|".join(cues) + ")", window)]
    if by and not foreign:
        return "BY"
    if foreign and not by:
        return foreign[0]
    return None


# Prefixes of one-word company names that tell their country: Bel- (Beltransgaz, Белшина) but not
# Belgorod's; Ros-, Sib-, Ural-, Volga-, Tat-, Bash- (Rosneft, Sibur, Uralkali, Tatneft); Kaz-, Uz-
_PREFIXES = (
    ("BY", ("bel",), ("belgorod", "belaya", "belyy", "belyi")),
    ("RU", ("ros", "sib", "ural", "volg", "volzh", "tat", "bash", "kuzbas", "dalne", "prikam"), ("rost",)),
    ("KZ", ("kaz",), ("kazan",)),
    ("UZ", ("uz",), ()),
)


def _prefix_country(name: str) -> str | None:
    word = romanise(name.split()[0]).casefold() if name.split() else ""
    for country, starts, not_starts in _PREFIXES:
        whole = len(name.split()) > 1 and word in starts  # "Ural Turbine Works"
        if whole or (len(word) >= 6 and word.startswith(starts) and not word.startswith(not_starts)):
            return country
    return None


# Parts of the compound names of Soviet-era industry (Bel-kommun-mash, Gom-sel-mash,
# Mogilev-lift-mash), whose initials make the abbreviation a company is also known by (BKM)
_MORPHEMES = (
    "bel kommun komun mash sel agro prom lift trans khim neft gaz stroy stroi torf avto med energo tekh"
    " moto velo gom mogilev lid bobruisk grodno vitebsk brest minsk pinsk drev shina kali azot volokno"
    " steklo santekh lakt mebel les rem servis elektro priborn pribor mont"
).split()
_COMPOUND = re.compile("(?:" + "|".join(sorted(_MORPHEMES, key=len, reverse=True)) + ")[eo]?")


def abbreviations(name: str) -> set[str]:
    """Abbreviations a company name may be written as: the initials of a name of several words
    (Минский автомобильный завод → МАЗ, in Cyrillic and romanised) and of the parts of a
    compound name (Belkommunmash → BKM).

    >>> sorted(abbreviations("Belkommunmash")), sorted(abbreviations("Минский моторный завод"))
    (['BKM'], ['MMZ', 'ММЗ'])
    """
    out = set()
    words = [w for w in re.findall(rf"[\w{_CYR}]+", name) if len(w) >= 3]
    if len(words) >= 2:
        initials = "".join(w[0] for w in words).upper()
        out |= {initials, romanise(initials).upper()}
    elif words:
        word = romanise(words[0]).casefold()
        parts = []
        pos = 0
        while pos < len(word):
            m = _COMPOUND.match(word, pos)
            if not m:
                return out
            parts.append(m.group(0))
            pos = m.end()
        if len(parts) >= 3:
            out.add("".join(p[0] for p in parts).upper())
    return out


# Words of trade (supplies, deliveries, exports, sales) and of a market, in every language
_TRADE_WORDS = re.compile(
    r"(?i)(?:supplie|suppl(?:y|ied)|deliver|export|shipp|\bsell|\bsales?\b|liefer|absatz|verkauf|"
    r"поставк|постав[лиюяь]|поставщ|экспорт|продаж|пастаўк|экспарт)"
)
_MARKET_WORDS = re.compile(r"(?i)(?:\bmarket|markt\b|märkte|рын(?:ок|ак|к))")
# Trade toward Belarus: "nach Belarus", "to Belarus", "в Беларусь", "у Беларусь", "в Республику Беларусь"
_TO_BELARUS = re.compile(
    r"(?i)\b(?:nach|to|into|в|во|у|ў)\s+(?:the\s+)?(?:Republik\s+|Republic\s+of\s+|Республик[уі]\s+)?"
    r"(?:Belarus|Wei(?:ß|ss)russland|Беларусь|Белоруссию|Беларусі|Белорусь)"
)


def trade_direction(sentence: str) -> str | None:
    """``"to Belarus"`` where a sentence speaks of goods going to Belarus, ``"elsewhere"`` where
    it speaks of trade or a market otherwise (supplies to a region, work on its market), else None.

    >>> trade_direction("Die Firma soll Erdöl nach Belarus liefern.")
    'to Belarus'
    >>> trade_direction("Медицинские изделия завода поставят в Пермский край."), trade_direction("Они встретились.")
    ('elsewhere', None)
    """
    trade = _TRADE_WORDS.search(sentence) is not None
    if trade and _TO_BELARUS.search(sentence):
        return "to Belarus"
    if trade or _MARKET_WORDS.search(sentence):
        return "elsewhere"
    return None


def _place_before(text: str, start: int, known: list[dict]) -> str | None:
    """The country of a region or city named in the same clause within four words before a name
    ("Новосибирского завода полупроводниковых приборов «Восток»", "the Kazan plant X")."""
    clause = max(text.rfind(c, 0, start) for c in ",;:(–")
    lo = max(clause + 1, start - 60)
    places = [
        k for k in known
        if k["entity_type"] == "region" and lo <= k["start"] and k["end"] <= start
        and len(text[k["end"] : start].split()) <= 4
    ]  # fmt: skip
    return places[-1]["country"] if places else None


def find_org_names(
    text: str, known: list[dict], definitions: dict[str, dict] | None = None, *, cue: bool | None = None
) -> list[dict]:
    """Organisation names by their form in one sentence.

    Parameters
    ----------
    text : str
        The sentence.
    known : list of dict
        The gazetteer's mentions in it (``start``, ``end``, ``entity_type``, ``country``,
        ``entity_id``): names inside them are not found again, and they give country cues.
    definitions : dict, optional
        Abbreviations defined earlier in the same report (``ABBR`` → the found name's dict);
        filled with those this sentence defines.
    cue : bool, optional
        Whether ``text`` holds anything the patterns start from, when the caller knows it (see
        :func:`chunk_cue`); looked for when None.

    Returns
    -------
    list of dict
        ``surface``, ``start``, ``end``, ``canonical_name``, ``key`` (:func:`name_key`),
        ``org_type`` and ``country`` (None when unknown), in text order, not overlapping.

    Examples
    --------
    >>> [(x["canonical_name"], x["org_type"], x["country"]) for x in find_org_names(
    ...     "Das belarussische Unternehmen „Steklomash“ und die Firma Otto GmbH liefern.", [])]
    [('Steklomash', 'enterprise', 'BY'), ('Otto', 'enterprise', 'DE')]
    >>> [(x["canonical_name"], x["country"]) for x in find_org_names("ОАО «Стеклозавод» и ПАО «Волжский кран».", [])]
    [('Steklozavod', 'BY'), ('Volzhsky kran', 'RU')]
    """
    definitions = {} if definitions is None else definitions
    if cue is None:
        cue = _any_cue(text)
    if not definitions and not cue and sum(k["entity_type"] == "enterprise" for k in known) < 2:
        return []  # no form of a name here: most sentences
    taken = [(m["start"], m["end"]) for m in known]
    found: list[dict] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(start, end, name, org_type, country, *, check_from=None):
        name = name.strip(" ,.;:-")
        if len(re.sub(r"\W", "", name)) < 2 or name.casefold() in _NOT_NAMES or not free(check_from or start, end):
            return None
        if not re.match(rf"[{_UP}0-9]", name):
            return None
        inside = [m for m in known if start <= m["start"] and m["end"] <= end + 40 and m["start"] < end + 2]
        places = {m["country"] for m in inside if m["entity_type"] in ("region", "country") and m["country"]}
        if country is None and len(places) == 1:
            country = places.pop()
        if country is None:
            country = _prefix_country(name) or _place_before(text, start, known)
        canonical = canonical_name(name)
        item = {
            "surface": text[start:end],
            "start": start,
            "end": end,
            "canonical_name": canonical,
            "key": name_key(canonical),
            "org_type": org_type,
            "country": country,
        }
        found.append(item)
        taken.append((start, end))
        return item

    # 1. a legal form, then a quoted or capitalised name
    for lm in _LEGAL_BEFORE_RE.finditer(text):
        rest = text[lm.end() :]
        q = re.match(r"\s*" + _QUOTED.pattern, rest)
        form_country = _LEGAL_BEFORE[lm.group(1)]
        if q:
            name = next(g for g in q.groups() if g)
            end = lm.end() + q.end()
        else:
            w = re.match(rf"\s+((?:{_WORD})(?:\s+[{_UP}][\w{_CYR}-]*){{0,1}})", rest)
            if not w or w.group(1).casefold() in _NOT_NAMES:
                continue
            name = w.group(1)
            end = lm.end() + w.end()
        country = form_country or _country_cue(text, lm.start(), end)
        add(lm.start(), end, name, _head_before(text, lm.start()) or "enterprise", country)
    # 2. a quoted name after a word for an organisation
    for q in _QUOTED.finditer(text):
        name = next(g for g in q.groups() if g)
        kind = _head_before(text, q.start()) or _head_inside(name)
        if kind is None:
            continue
        add(q.start(), q.end(), name, kind, _country_cue(text, q.start(), q.end()))
    # 3. a legal form after the name
    for lm in _LEGAL_AFTER_RE.finditer(text) if _LEGAL_AFTER_CUE.search(text) else ():
        words = lm.group(1).split()
        while words and (words[0].casefold() in _NOT_NAMES or _is_head(words[0])):
            words = words[1:]
        if words:
            start = lm.start(1) + lm.group(1).find(words[0])
            country = _LEGAL_AFTER[lm.group(2)] or _country_cue(text, start, lm.end())
            add(start, lm.end(), " ".join(words), "enterprise", country)
    # 4. plant names made of a city adjective and a product (Minsker Kabelwerk, Минский кабельный завод)
    for rx, cue in (
        (_GERMAN_WERK, "werk"),
        (_GERMAN_WERK, "kombinat"),
        (_RUSSIAN_ZAVOD, "завод"),
        (_RUSSIAN_ZAVOD, "комбинат"),
    ):
        for m in rx.finditer(text) if cue in text else ():
            city = [k for k in known if k["start"] == m.start(1) and k["entity_type"] == "region"]
            product = _product(m.group(2))
            if city and product:
                city_name = city[0].get("city") or city[0]["canonical_name"]
                name = f"{city_name} {product} Plant"
                item = add(m.start(), m.end(), name, "enterprise", city[0]["country"], check_from=m.start(2))
                if item is not None:
                    item["key"] = name_key(name)
    # 5. a name before a company head (X Holding, X-Werk, X Works)
    for m in _HEAD_AFTER.finditer(text) if _HEAD_AFTER_CUE.search(text) else ():
        words = [w for w in re.split(r"[ -]", m.group(1)) if w]
        while words and (words[0].casefold() in _NOT_NAMES or _is_head(words[0])):
            words = words[1:]
        if not words:
            continue
        start = m.start(1) + m.group(1).find(words[0])
        # a city or region may begin the name ("Grodno Glass Works"), no other known name
        places = [k["end"] for k in known if k["entity_type"] == "region" and k["start"] == start]
        check_from = places[0] if places and places[0] < m.start(2) - 1 else start
        if free(check_from, m.end()):
            country = _country_cue(text, start, m.end())
            add(start, m.end(), " ".join(words), "enterprise", country, check_from=check_from)
    # 6. abbreviations defined in brackets, and abbreviations defined before
    for m in _ABBREVIATION.finditer(text) if " (" in text else ():
        long_start, long_end, abbr = m.start(1), m.end(1), m.group(2)
        target = next((k for k in known if long_start <= k["start"] and k["end"] == long_end), None)
        target = target or next((f for f in found if f["end"] == long_end), None)
        if target is not None:
            definitions[abbr] = target
    for abbr, target in definitions.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
            if free(m.start(), m.end()) and not (m.start() > 0 and text[m.start() - 1] == "("):
                item = dict(target, surface=abbr, start=m.start(), end=m.end())
                found.append(item)
                taken.append((m.start(), m.end()))
    # 7. one-word names listed with two or more known enterprises
    found += _listed_with_known(text, known, free, taken)
    return sorted(found, key=lambda x: x["start"])


def _product(word: str) -> str | None:
    w = word.casefold()
    return next((en for stem, en in _PRODUCT_WORDS.items() if w.startswith(stem)), None)


_LIST_ITEM = re.compile(rf"[{_UP}][\w{_CYR}-]{{1,30}}")
_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bsowie\b|\bи\b|\bі\b|\bды\b)\s*")


def _listed_with_known(text: str, known: list[dict], free, taken) -> list[dict]:
    """Capitalised one-word items of an enumeration ("A, MAZ, B, BelAZ und C") that names at least
    two known enterprises; they take the known ones' country when all agree.

    The enumeration runs from the first to the last known enterprise, and on to one more item on
    either side when a comma or "and" joins it: the word after the last one, the word before the
    first (when a lower-case word, the list's verb or preposition, stands before that)."""
    enterprises = [k for k in known if k["entity_type"] == "enterprise"]
    if len(enterprises) < 2:
        return []
    first, last = min(k["start"] for k in enterprises), max(k["end"] for k in enterprises)
    pieces = []  # (start, end) of the text between separators
    pos = first
    for m in _SEPARATOR.finditer(text, first, last):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, last))
    before = re.search(rf"(?:^|\s)[a-zäöüа-яёіў]+\s+({_LIST_ITEM.pattern})\s*,\s*$", text[:first])
    if before:
        pieces.insert(0, (before.start(1), before.end(1)))
    after = re.match(
        rf"\s*(?:,|\band\b|\bund\b|\bи\b)\s*({_LIST_ITEM.pattern})(?=\s*(?:[,.;:]|$|\s[a-zäöüа-яёіў]))", text[last:]
    )
    if after:
        pieces.append((last + after.start(1), last + after.end(1)))
    countries = {k["country"] for k in enterprises}
    candidates = []
    for s, e in pieces:
        words = text[s:e].split()
        while len(words) > 1 and words[0].casefold() in _ARTICLES:  # "die Holding X" is one item
            s += text[s:e].find(words[1])
            words = words[1:]
        if not free(s, e):
            if not any(k["start"] <= s and e <= k["end"] + 1 for k in known):
                return []  # a name with more words around it: not an enumeration of names
            continue
        if len(words) != 1 or not _LIST_ITEM.fullmatch(words[0]) or words[0].casefold() in _NOT_NAMES:
            return []
        candidates.append((s, words[0]))
    out = []
    for s, name in candidates:
        out.append(
            {
                "surface": name,
                "start": s,
                "end": s + len(name),
                "canonical_name": canonical_name(name),
                "key": name_key(name),
                "org_type": "enterprise",
                "country": next(iter(countries)) if len(countries) == 1 else None,
            }
        )
        taken.append((s, s + len(name)))
    return out


_ARTICLES = {"die", "der", "das", "den", "dem", "the", "a", "holding"}
