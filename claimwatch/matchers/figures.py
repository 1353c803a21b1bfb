"""Figures: a number and what it counts ("1.500 tentara", "1,500 troops", "12 ribu", "ribuan").

Indonesian writes 1.500 for one thousand five hundred and 1,5 for one and a half; English
the other way round. The sentence's language decides, except where the grouping leaves no
doubt (1.500.000, or a three-digit group in a language that would not write a decimal so).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from claimwatch.matchers.lexicon import concepts, load_seed, stopwords
from claimwatch.matchers.text import fold

MULTIPLIERS = {
    "ribu": 1e3,
    "rb": 1e3,
    "thousand": 1e3,
    "k": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "triliun": 1e12,
    "trillion": 1e12,
    "lakh": 1e5,
    "ribuan": 1e3,
    "jutaan": 1e6,
}
# Vague amounts: (value, approximate).
VAGUE = {
    "puluhan": 10.0,
    "ratusan": 100.0,
    "ribuan": 1e3,
    "puluhan ribu": 1e4,
    "ratusan ribu": 1e5,
    "jutaan": 1e6,
    "dozens of": 10.0,
    "scores of": 20.0,
    "hundreds of": 100.0,
    "thousands of": 1e3,
    "tens of thousands of": 1e4,
    "hundreds of thousands of": 1e5,
    "millions of": 1e6,
}
# Number words, read as runs ("dua ribu", "two thousand", "twenty-three", "setengah juta").
_ONES = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "setengah": 0.5, "half": 0.5,
}  # fmt: skip
_SCALES = {"belas": 10, "puluh": 10, "ratus": 100, "hundred": 100}
_RUN_MULTIPLIERS = {
    "ribu": 1e3, "seribu": 1e3, "thousand": 1e3, "ribuan": 1e3, "juta": 1e6, "sejuta": 1e6,
    "million": 1e6, "jutaan": 1e6, "miliar": 1e9, "milyar": 1e9, "billion": 1e9,
}  # fmt: skip
_WORD = re.compile(r"[a-z]+")
# A small number before "of" names a part, not a count: "one of our databases".
_PART_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
PART_BELOW = 10
_NUMBER_BEFORE = re.compile(r"(?:\d|\b(?:" + "|".join(_ONES) + r"))\s*$")
CURRENCIES = {
    "rp": "IDR", "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "rm": "MYR",
    "£": "GBP", "s$": "SGD",
}  # fmt: skip
# Currencies named after the amount ("12,500 rupiah", "5.000 dolar AS", "RM31 juta ringgit").
CURRENCY_WORDS = {
    "rupiah": "IDR", "ringgit": "MYR", "dollars": "USD", "dollar": "USD", "dolar": "USD",
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "yuan": "CNY", "won": "KRW", "yen": "JPY",
    "pesos": "PHP", "peso": "PHP", "baht": "THB", "dong": "VND", "rupees": "INR",
}  # fmt: skip
# A multiplier glued to an amount of money: "€45m", "RM31mil", "$1.2bn", "Rp5jt".
_GLUED_MULTIPLIER = {"m": 1e6, "mil": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "jt": 1e6}
# Words between a number and its noun that do not say what is counted.
_FILLERS = {
    "orang", "buah", "unit", "ekor", "more", "than", "additional", "extra", "some", "lah", "pun",
    # Counters whose noun comes before the number ("surat suara ... berjumlah 27 lembar").
    "lembar", "helai", "eksemplar", "butir", "biji",
}  # fmt: skip
# "35-40 ribu orang", "25 ribu sampai 30 ribu orang", "between 10 and 12 boats".
_RANGE_TAIL = re.compile(
    r"\s*(?:[-\u2013\u2014]|\s(?:hingga|sampai|to|dan|and)\s)\s*"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w])",
    re.IGNORECASE,
)
# A number glued to a code or a name is an identifier: "CCG 5402", "Tanjung Datu-301".
_IDENTIFIER_BEFORE = re.compile(r"(?:\b[A-Z]{2,}\s|[A-Za-z]-)$")
_NUMBER = re.compile(
    r"(?P<cur>Rp\.?\s?|US\$\s?|S\$\s?|\$|€|£|(?-i:\bRM)\s?)?"
    r"(?:(?<![\w.,])|(?<=(?-i:RM)))(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:(?<=\d)(?P<glued>mil|mn|bn|jt|m|b|k)(?=[^\w]|$))?(?![\w])"
    r"(?:\s?(?P<pct>%|persen|percent|per cent))?",
    re.IGNORECASE,
)
_DEMONYM = re.compile(r"(?:ans|ese|nos|ians|ers)$")  # Koreans, Chinese, Filipinos, Islanders
_NEXT_WORDS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_DATE_WORDS = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "january", "february", "march", "june", "july",
    "august", "october", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "oct", "nov", "dec", "wib", "wita", "wit", "am", "pm", "tahun", "years", "year",
    "hari", "days", "day", "bulan", "months", "month", "pekan", "weeks", "week",
    # Measures, not counts: "terbang 800 kilometer", "7.800 detik", "a 4-metre wave".
    "detik", "seconds", "second", "menit", "minutes", "minute", "jam", "hours", "hour",
    "km", "kilometer", "kilometers", "kilometres", "kilometre", "meter", "meters", "metres",
    "metre", "mil", "miles", "mile", "kg", "kilogram", "ton", "tons", "tonnes", "liter",
    "liters", "litres", "litre", "hektare", "hectares", "ha", "knots", "derajat", "degrees",
}  # fmt: skip


ABOUT = 0.1  # "sekitar 2.500", "about 5,000": within a tenth either way
# Words before a number that make it a bound or an estimate (folded, longest first wins).
BOUND_CUES = {
    "at least": "min", "more than": "min", "over": "min", "upward of": "min",
    "upwards of": "min", "in excess of": "min", "lebih dari": "min", "sedikitnya": "min",
    "setidaknya": "min", "minimal": "min", "paling sedikit": "min", "tak kurang dari": "min",
    "tidak kurang dari": "min", "no fewer than": "min", "no less than": "min",
    "no more than": "max", "not more than": "max", "at most": "max", "up to": "max",
    "fewer than": "max", "less than": "max", "under": "max", "kurang dari": "max",
    "tak lebih dari": "max", "tidak lebih dari": "max", "tidak melebihi": "max",
    "tak melebihi": "max", "paling banyak": "max", "maksimal": "max", "maximum of": "max",
    "about": "about", "around": "about", "roughly": "about", "some": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about",
    "nearly": "about", "almost": "about", "as many as": "about", "close to": "about",
    "sekitar": "about", "kira-kira": "about", "kira kira": "about", "kurang lebih": "about",
    "lebih kurang": "about", "hampir": "about", "mendekati": "about", "sekira": "about",
}  # fmt: skip
_BOUND_BEFORE = re.compile(
    r"\b("
    + "|".join(re.escape(c) for c in sorted(BOUND_CUES, key=len, reverse=True))
    + r")\s*(?:a\s|an\s)?(?:rp\.?\s?|us\$\s?|\$)?$"
)


_fold_word = lru_cache(maxsize=65_536)(fold)  # the words after numbers repeat endlessly


@dataclass(frozen=True, slots=True)
class Figure:
    """A number and what it counts, read as the range of values it allows.

    ``bound`` says how the number was given: "" exactly, "about" (sekitar, roughly), "min"
    (at least, lebih dari) or "max" (no more than, paling banyak); ``upper`` ends a range
    ("35-40 ribu"). ``status`` tells counts of one kind apart (dead, injured, missing ...):
    "4 people died" and "31 rescued" are not two versions of one number.
    """

    value: float
    unit: str  # the counted noun as written (folded), or a currency code, or "%"
    concept: str  # the unit's concept id where known (troops), else the unit itself
    approximate: bool = False  # a vague amount ("ribuan", "thousands of"): its magnitude
    bound: str = ""
    upper: float | None = None
    status: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        unit = str(data["unit"])
        upper = data.get("upper")
        return cls(
            float(data["value"]),
            unit,
            str(data.get("concept") or kind_of(unit)),
            bool(data.get("approximate")),
            str(data.get("bound") or ""),
            None if upper is None else float(upper),
            str(data.get("status") or ""),
        )

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"value": _plain(self.value), "unit": self.unit}
        if self.approximate:
            out["approximate"] = True
        if self.bound:
            out["bound"] = self.bound
        if self.upper is not None:
            out["upper"] = _plain(self.upper)
        if self.status:
            out["status"] = self.status
        if not self.unit:
            out["concept"] = self.concept  # a bare number: its kind came from the sentence
        return out

    def interval(self, tolerance: float = 0.05) -> tuple[float, float]:
        """The values this figure allows; two figures conflict when theirs are apart."""
        v = self.value
        if self.approximate:
            return v, v * 10  # "ribuan": thousands, not tens of thousands
        if self.upper is not None:
            return min(v, self.upper), max(v, self.upper)
        if self.bound == "min":
            return v, math.inf
        if self.bound == "max":
            return 0.0, v
        if self.bound == "about":
            return v * (1 - ABOUT), v * (1 + ABOUT)
        return v, v


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def parse_number(raw: str, lang: str) -> float:
    """Value of "1.500", "1,5", "1,500", "3.5", "1.500.000" in the given language."""
    groups = re.split(r"[.,]", raw)
    seps = re.findall(r"[.,]", raw)
    if not seps:
        return float(raw)
    if len(seps) >= 2 and len(set(seps)) == 1:
        return float("".join(groups))  # 1.500.000 / 1,500,000
    if len(set(seps)) == 2:  # 1.500,5 (id) or 1,500.5 (en): the last one is decimal
        dec = seps[-1]
        whole = raw[: raw.rfind(dec)].replace(".", "").replace(",", "")
        return float(f"{whole}.{groups[-1]}")
    sep = seps[0]
    thousands_sep = "." if lang == "id" else ","
    if sep == thousands_sep and len(groups[1]) == 3:
        return float(groups[0] + groups[1])
    if sep != thousands_sep and len(groups[1]) == 3 and groups[0] != "0" and lang == "id":
        # "1,500 troops" in an Indonesian text quoting English: grouping, not a decimal.
        return float(groups[0] + groups[1])
    return float(f"{groups[0]}.{groups[1]}")


@lru_cache(maxsize=1)
def _count_kinds() -> frozenset[str]:
    """The kinds of count figure_units.toml names (people, workers, records ...)."""
    return frozenset(figure_kinds().values()) - {"times"}


@lru_cache(maxsize=1)
def figure_kinds() -> dict[str, str]:
    """Concept id or folded word -> the kind of count it is (seeds/figure_units.toml)."""
    out: dict[str, str] = {}
    for kind, entries in load_seed("figure_units.toml").items():
        if isinstance(entries, list):
            for entry in entries:
                out.setdefault(fold(entry), kind)
    return out


@lru_cache(maxsize=1)
def figure_statuses() -> dict[str, str]:
    """Folded word or concept id -> the status it gives a count of people (dead, missing)."""
    out: dict[str, str] = {}
    for status, entries in load_seed("figure_units.toml").get("status", {}).items():
        for entry in entries:
            out.setdefault(fold(entry), status)
    return out


def _status_of(word: str) -> str:
    statuses = figure_statuses()
    return statuses.get(word) or statuses.get(concepts().get(word, ""), "")


# Where a figure's phrase ends: "4 tewas dan 31 selamat", "12 dead, 40 injured".
_PHRASE_END = re.compile(
    r"[,.;:()\[\]\"\u201c\u201d]|\b(?:dan|and|while|sementara|serta|but|namun)\b"
)


def _status_near(folded: str, start: int, end: int) -> str:
    """The status the words of a figure (number at ``start`` to ``end``, its unit and the
    three words after: "31 were rescued", "125 korban meninggal", "12 dead") or the four
    just before it ("killed 12", "injuring at least a dozen") give."""
    after = folded[end : end + 60]
    cut = _PHRASE_END.search(after)
    for word in _WORD.findall(after[: cut.start()] if cut else after)[:5]:
        if status := _status_of(word):
            return status
    before = folded[max(0, start - 30) : start]
    cut_before = list(_PHRASE_END.finditer(before))
    before = before[cut_before[-1].end() :] if cut_before else before
    for word in reversed(_WORD.findall(before)[-4:]):
        if status := _status_of(word):
            return status
    return ""


def kind_of(unit: str) -> str:
    """What a figure with this unit counts: "korban", "orang" and "dead" all count people."""
    concept = concepts().get(unit, unit)
    kinds = figure_kinds()
    return kinds.get(concept) or kinds.get(unit) or concept


def _counted(unit: str) -> bool:
    """Whether a unit is known to name a counted thing (not just the next word)."""
    return unit in concepts() or unit in figure_kinds()


_COMPOUND_AFTER = re.compile(r"-[a-z]+-[a-z]+", re.IGNORECASE)  # "14-month-old", "5-year-old"
_ERA_AFTER = re.compile(r"\s?[MH]\b(?!\.\w)")
# One-letter multipliers name millions and thousands only after money ("$5 m", "Rp 10 k"):
# "2020 M" is a year of the common era, "5 m" five metres.
_MONEY_ONLY_MULTIPLIERS = frozenset({"m", "k"})


def _unit_after(text: str, pos: int, *, money: bool = False) -> tuple[str, float, int]:
    """The counted noun after a number: (unit, multiplier, end offset).

    A number where the noun would be ("35-40 ribu") ends the search with no unit; the end
    offset is then just past the multiplier, where a range's second number starts.
    """
    multiplier = 1.0
    end = pos
    words = list(_NEXT_WORDS.finditer(text, pos, min(len(text), pos + 80)))
    stop = stopwords()
    known = concepts()
    unit = ""
    prev_end = pos
    for k, match in enumerate(words[:5]):
        if re.search(r"[,.;:()\[\]]", text[prev_end : match.start()]):
            break  # "30 orang, sementara ...": the phrase ended
        prev_end = match.end()
        end_before = end
        w = _fold_word(match.group())
        if k == 0 and w in MULTIPLIERS and (money or w not in _MONEY_ONLY_MULTIPLIERS):
            multiplier = MULTIPLIERS[w]
            end = match.end()
            continue
        if w[0].isdigit():
            break
        if w in _DATE_WORDS:
            return w, multiplier, match.end()
        if w in _FILLERS or w in stop:
            if w in known and not unit:
                unit, end = w, match.end()  # "3 orang": people, unless a noun follows
            continue
        if k + 1 < len(words) and not unit:
            pair = f"{w} {_fold_word(words[k + 1].group())}"
            if pair in figure_kinds():  # "300 surat suara"
                return pair, multiplier, words[k + 1].end()
        if w in known or kind_of(w) in _count_kinds():
            return w, multiplier, match.end()
        ahead = _counted_ahead(text, words[k + 1 : k + 4], match.end())
        if ahead is not None and (match.group()[0].islower() or _DEMONYM.search(match.group())):
            return ahead[0], multiplier, ahead[1]  # "3.1 million past and present members"
        if not unit:
            unit = w
            end = match.end()
        if match.group()[0].isupper() and _DEMONYM.search(match.group()):
            return "nationals", multiplier, match.end()  # "16 South Koreans", "3 Germans"
        # Skip a capitalised adjective or actor name ("1,500 North Korean troops").
        if match.group()[0].isupper() and k < 3:
            unit, end = "", end_before  # a name is no part of the figure ("Rp 5.400 ke Rp")
            continue
        break
    return unit, multiplier, end


# Words that join the adjectives between a number and its noun ("current and former").
_ADJECTIVE_JOINERS = frozenset({"and", "dan", "or", "atau"})


def _counted_ahead(
    text: str, words: Sequence[re.Match[str]], prev_end: int
) -> tuple[str, int] | None:
    """A noun of a kind of count (figure_units.toml) a few words on, past adjectives the
    lexicons do not know: "one ballistic missile", "12 foreign fishing boats",
    "3.1 million past and present members"; (unit, end offset) or None."""
    stop = stopwords()
    for match in words:
        if re.search(r"[^\s-]", text[prev_end : match.start()]):
            return None  # the phrase ended ("12 boats, 40 dead")
        prev_end = match.end()
        w = _fold_word(match.group())
        if w[0].isdigit() or w in _DATE_WORDS:
            return None
        if _status_of(w):
            return None  # "the 9-month-old boy died": a verb of what happened
        if kind_of(w) in _count_kinds():
            return w, match.end()
        if w in _ADJECTIVE_JOINERS:
            continue
        if w in stop or w in concepts():
            return None  # a verb or another noun: "20 ditangkap polisi" counts no police
    return None


def _range_upper(text: str, lang: str, end: int) -> tuple[float, str, float, int] | None:
    """A range's upper end after a number ("35-40 ribu orang", "10 to 12 boats"): its value,
    unit, multiplier and end offset, if one follows."""
    tail = _RANGE_TAIL.match(text, end)
    if tail is None:
        return None
    upper = parse_number(tail.group("num"), lang)
    unit, multiplier, unit_end = _unit_after(text, tail.end())
    if not unit or (1900 <= upper <= 2100 and multiplier == 1 and not _counted(unit)):
        return None
    return upper, unit, multiplier, unit_end


def _bound_before(folded: str, start: int) -> str:
    """How the words before a number give it: "" (exactly), "about", "min" or "max"."""
    cue = _BOUND_BEFORE.search(folded, max(0, start - 24), start)
    return BOUND_CUES[cue.group(1)] if cue else ""


def _numeral_figure(
    text: str, folded: str, match: re.Match[str], lang: str
) -> tuple[Figure | None, int]:
    """The figure a written number gives, if it counts something, and where it ends (past
    a range's upper end, which is part of it)."""
    raw = match.group("num")
    none = (None, match.end())
    before = folded[max(0, match.start() - 12) : match.start()]
    if re.search(r"(?:pukul|jam|tanggal|no\.?|nomor|pasal|article)\s*$", before):
        return none
    if _MONTH_BEFORE.search(before):
        return none  # "July 13": a date
    if re.search(r"\bat\s*$", before) and (len(raw) <= 2 or re.fullmatch(r"\d+[.:]\d\d", raw)):
        return none  # "at 10", "at 10.30": a time; "put the crowd at 10,000" is a count
    if not match.group("cur") and _IDENTIFIER_BEFORE.search(
        text, max(0, match.start() - 24), match.start()
    ):
        return none
    value = parse_number(raw, lang)
    cur = match.group("cur")
    glued = match.group("glued")
    if glued and not cur:
        return none  # "10m", "5k": metres, a run; not a count
    if _COMPOUND_AFTER.match(text, match.end()):
        return none  # "a 14-month-old girl", "the 3-year-old": an age, not a count
    if 1300 <= value <= 2100 and _ERA_AFTER.match(text, match.end()):
        return none  # "2024 M/1445 H": years of the common and the Hijri era
    bound = _bound_before(folded, match.start() - (len(cur) if cur else 0))
    if match.group("pct"):
        return Figure(value, "%", "percent", bound=bound), match.end()
    unit, multiplier, end = _unit_after(text, match.end(), money=bool(cur))
    if glued:
        multiplier = _GLUED_MULTIPLIER[glued.lower()]
    if not cur and unit in CURRENCY_WORDS:  # "12,500 rupiah", "5.000 dolar AS"
        code = CURRENCY_WORDS[unit]
        return Figure(value * multiplier, code, code, bound=bound), end
    said = text[match.end() : end].split(maxsplit=1)
    multiplier_word = _fold_word(said[0]) if said else ""
    if multiplier_word.endswith("an") and multiplier_word in MULTIPLIERS:
        bound = bound or "about"  # "100 ribuan": some hundred thousand
    upper: float | None = None
    if not unit:
        ranged = _range_upper(text, lang, end)
        if ranged is not None:
            top, unit, upper_multiplier, end = ranged
            multiplier = multiplier if multiplier != 1 else upper_multiplier
            upper = top * upper_multiplier
    if cur:
        code = CURRENCIES.get(fold(cur.strip().rstrip(".")), "IDR")
        return Figure(value * multiplier, code, code, bound=bound, upper=upper), end
    if not unit or unit in _DATE_WORDS:
        return none
    if value < PART_BELOW and _PART_AFTER.match(text, match.end()):
        return none
    is_year = 1900 <= value <= 2100 and multiplier == 1 and raw.isdigit()
    if is_year and not _counted(unit):
        return none
    figure = Figure(
        value * multiplier,
        unit,
        kind_of(unit),
        bound=bound,
        upper=upper,
        status=_status_near(folded, match.start(), match.end()),
    )
    return figure, end


# Compiled once: extract_figures reads every sentence of every article.
_VAGUE_PATTERNS = [
    (phrase, value, re.compile(rf"\b{re.escape(phrase)}\b"))
    for phrase, value in sorted(VAGUE.items(), key=lambda kv: -len(kv[0]))
]
_ANY_VAGUE = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in VAGUE))
_ANY_NUMBER_WORD = re.compile(
    r"\b(?:"
    + "|".join(sorted({*_ONES, "seribu", "sejuta", "dozen"}, key=len, reverse=True))
    + r")\b"
)


def _word_runs(folded: str) -> list[tuple[float, int, int]]:
    """Numbers written in words: (value, start, end) of each run ("dua ribu", "twenty-three",
    "setengah juta", "half a million")."""
    runs: list[tuple[float, int, int]] = []
    words = list(_WORD.finditer(folded))
    i = 0
    while i < len(words):
        w = words[i].group()
        if w not in _ONES and w not in ("seribu", "sejuta", "dozen"):
            i += 1
            continue
        total, current, j = 0.0, 0.0, i
        while j < len(words):
            w = words[j].group()
            if j > i and folded[words[j - 1].end() : words[j].start()] not in (" ", "-"):
                break
            if w in _ONES:
                current += _ONES[w]
            elif w == "dozen":
                current = (current or 1) * 12  # "a dozen", "two dozen"
            elif w in _SCALES and j > i:
                current = current + 10 if w == "belas" else (current or 1) * _SCALES[w]
            elif w in _RUN_MULTIPLIERS:
                total += (current or 1) * _RUN_MULTIPLIERS[w]
                current = 0.0
            elif w == "a" and words[j - 1].group() == "half":
                pass
            else:
                break
            j += 1
        value = total + current
        if value and value != 0.5:
            runs.append((value, words[i].start(), words[j - 1].end()))
        i = j
    return runs


def extract_figures(text: str, lang: str, folded: str | None = None) -> list[Figure]:
    """Every counted figure in a sentence, skipping years, dates, times and identifiers
    (``folded``: the text folded, where the caller has it)."""
    figures: list[Figure] = []
    folded = fold(text) if folded is None else folded
    consumed = 0
    for match in _NUMBER.finditer(text):
        if match.start() < consumed:
            continue  # the upper end of a range read with its lower end
        figure, consumed = _numeral_figure(text, folded, match, lang)
        if figure is not None:
            figures.append(figure)
    vague_units: set[str] = set()  # one vague amount per unit (a set: a text may hold many)
    for _phrase, value, pattern in _VAGUE_PATTERNS if _ANY_VAGUE.search(folded) else ():
        for match in pattern.finditer(folded):
            if _NUMBER_BEFORE.search(folded, max(0, match.start() - 16), match.start()):
                continue  # "100 ribuan", "dua ribuan": a number, read above or below
            unit, _mult, _end = _unit_after(folded, match.end())
            if unit and unit not in vague_units:
                vague_units.add(unit)
                status = _status_near(folded, match.start(), match.end())
                figures.append(Figure(value, unit, kind_of(unit), approximate=True, status=status))
    for value, start, end in _word_runs(folded) if _ANY_NUMBER_WORD.search(folded) else ():
        unit, multiplier, _end = _unit_after(folded, end)
        if value < PART_BELOW and _PART_AFTER.match(folded, end):
            continue  # "one of our databases"
        if unit and _counted(unit):
            bound = _bound_before(folded, start)
            if folded[end - 2 : end] == "an" and folded[start:end].split()[-1] in MULTIPLIERS:
                bound = bound or "about"  # "dua ribuan"
            status = _status_near(folded, start, end)
            figures.append(
                Figure(value * multiplier, unit, kind_of(unit), bound=bound, status=status)
            )
    return _sentence_status(folded, figures)


# A running total over years ("has shed 40,000 jobs since 2023", "sejak awal tahun", "so far
# this year"): a count of many events, never a version of one event's count. "Since July" is
# too often one outbreak's or one disaster's toll.
_OVER_A_PERIOD = re.compile(
    r"\b(?:since|sejak)\s+(?:(?:early|late|awal|akhir)\s+)?(?:\d{4}\b|the (?:start|beginning) "
    r"of (?:the|this) year|awal tahun)|\bso far this year\b|\bsepanjang (?:tahun|\d{4})\b|"
    r"\bthroughout \d{4}\b"
)
PERIOD = "period"  # the status of a running total over a period


def _sentence_status(folded: str, figures: list[Figure]) -> list[Figure]:
    """Figures with no status of their own count the dead when the sentence speaks of
    deaths and of no other status: "korban meninggal bertambah menjadi 17 korban", "seven
    more bodies, raising the death toll to 11". A sentence that counts over a period
    gives its figures the status :data:`PERIOD`."""
    if figures and _OVER_A_PERIOD.search(folded):
        return [replace(f, status=f"{f.status} {PERIOD}".strip()) for f in figures]
    if not figures or all(f.status for f in figures):
        return figures
    said = {status for word in _WORD.findall(folded) if (status := _status_of(word))}
    if said != {"dead"}:
        return figures  # a toll is told so; "3.000 orang, tak ada warga ditangkap" not
    (status,) = said
    return [f if f.status else replace(f, status=status) for f in figures]


# A bare number ("police put the number at 45,000", "\"30 ribu,\" kata Kapolres") counts
# what its sentence is about when the sentence names one kind of count; under 10 it is
# too often a score, a rank or a day to count anything.
BARE_MIN = 10
_MONTH_BEFORE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s*$"  # "July 13"
)
_NOT_COUNTS_BEFORE = re.compile(
    r"(?:pukul|jam|tanggal|no\.?|nomor|pasal|article|page|halaman|/|-)\s*$|" + _MONTH_BEFORE.pattern
)


UNKNOWN_KIND = "?"  # a bare number in a sentence that names no kind of count
BARE_UNKNOWN_MIN = 100  # ... counts something only from this size ("30 ribu," kata Kapolres)


def sentence_figures(text: str, lang: str) -> list[Figure]:
    """See :func:`_sentence_figures` (cached: a sentence is read for each of its clauses)."""
    return list(_sentence_figures(text, lang))


@lru_cache(maxsize=4096)
def _sentence_figures(text: str, lang: str) -> tuple[Figure, ...]:
    """The figures of a whole sentence, bare numbers included: they count what the sentence
    names ("the organizers put the crowd at 300,000": people), or, where it names no one
    kind, an unknown kind (:data:`UNKNOWN_KIND`) that only a version close by can tell. A
    second version of a figure often leaves the noun out."""
    folded = fold(text)
    figures = [f for f in extract_figures(text, lang, folded) if _counted_figure(f)]
    kinds = _sentence_kinds(folded)
    kind = next(iter(kinds)) if len(kinds) == 1 else UNKNOWN_KIND
    least = BARE_MIN if kind != UNKNOWN_KIND else BARE_UNKNOWN_MIN
    bare = [
        Figure(value, "", kind, bound=bound)
        for value, bound, total in _bare_numbers(text, folded, lang)
        if value >= least or (total and kind != UNKNOWN_KIND)
    ]
    return tuple(_sentence_status(folded, figures + bare) if bare else figures)


# A total brought to a number: "bringing the number of deaths to three", "raising the death
# toll to 11", "jumlah korban meninggal bertambah menjadi 27": a count however small.
_TOTAL_TO = re.compile(
    r"\b(?:toll|number of|jumlah|total)\b[^.;:]{0,80}\b(?:to|menjadi|jadi)\s+"
    r"(?:about\s+|sekitar\s+)?$"
)


def _total_before(folded: str, start: int) -> bool:
    return bool(_TOTAL_TO.search(folded, max(0, start - 100), start))


def _bare_numbers(text: str, folded: str, lang: str) -> list[tuple[float, str, bool]]:
    """(value, bound, whether a total is brought to it) of the numbers with no counted noun
    after them, dates, times, years, sums and identifiers left out."""
    out: list[tuple[float, str, bool]] = []
    for match in _NUMBER.finditer(text):
        if match.group("cur") or match.group("pct") or match.group("glued"):
            continue
        raw = match.group("num")
        if _NOT_COUNTS_BEFORE.search(folded, max(0, match.start() - 12), match.start()):
            continue
        if text[match.end() : match.end() + 1] in "/-" and match.end() < len(text):
            continue  # "(2/10)", "2-3": a date or a score
        value = parse_number(raw, lang)
        unit, multiplier, _end = _unit_after(text, match.end())
        if unit and (_counted(unit) or unit in _DATE_WORDS or unit in CURRENCY_WORDS):
            continue  # read by extract_figures, a date or a sum
        if 1900 <= value <= 2100 and raw.isdigit() and multiplier == 1:
            continue
        if re.search(r"\bat\s*$", folded[max(0, match.start() - 4) : match.start()]) and (
            value <= 24 or re.fullmatch(r"\d+[.:]\d\d", raw)
        ):
            continue  # "at 10", "at 10.30": a time
        if _IDENTIFIER_BEFORE.search(text, max(0, match.start() - 24), match.start()):
            continue
        bound = _bound_before(folded, match.start())
        said = folded[match.end() : match.end() + 12].split(maxsplit=1)
        if said and said[0].endswith("an") and said[0] in MULTIPLIERS:
            bound = bound or "about"
        out.append((value * multiplier, bound, _total_before(folded, match.start())))
    for value, start, end in _word_runs(folded):
        unit, multiplier, _end = _unit_after(folded, end)
        if unit and (_counted(unit) or unit in _DATE_WORDS):
            continue
        run_end = folded[start:end].rsplit(maxsplit=1)[-1]
        bound = _bound_before(folded, start) or ("about" if run_end.endswith("an") else "")
        out.append((value * multiplier, bound, _total_before(folded, start)))
    return out


def _counted_figure(figure: Figure) -> bool:
    """Whether a figure names what it counts (a known noun, money, a share, a vague amount):
    "128,000 were in the park" does not, whatever word came after the number."""
    return (
        _counted(figure.unit)
        or figure.unit in CURRENCIES.values()
        or figure.unit in CURRENCY_WORDS.values()
        or figure.unit == "%"
        or figure.approximate
    )


# Words that say what a sentence's numbers count when the number has no noun of its own.
_COUNT_NOUNS = {
    "crowd": "people", "crowds": "people", "turnout": "people", "attendance": "people",
    "toll": "people", "kerumunan": "people", "hadir": "people", "kehadiran": "people",
}  # fmt: skip


def _sentence_kinds(folded: str) -> set[str]:
    """The kinds of count the sentence's words name (people, workers ...)."""
    kinds = figure_kinds()
    known = concepts()
    found: set[str] = set()
    words = _WORD.findall(folded)
    for k, word in enumerate(words):
        kind = _COUNT_NOUNS.get(word) or kinds.get(known.get(word, word)) or kinds.get(word)
        if k + 1 < len(words):
            kind = kinds.get(f"{word} {words[k + 1]}") or kind  # "surat suara"
        if kind and kind not in ("times",):
            found.add(kind)
    return found


# Kinds of count that may be one count told two ways: "18.000 orang" laid off and "60.000
# pekerja" laid off count the same workers.
_ALSO_COUNTED_AS = {"people": ("workers",), "workers": ("people",)}


def _comparable(concept: str) -> tuple[str, ...]:
    return (concept, *_ALSO_COUNTED_AS.get(concept, ()))


def comparable_kinds(figures: Iterable[Figure]) -> frozenset[str]:
    """The kinds of count a figure must have to conflict with one of ``figures`` of a known
    kind (:func:`conflicting` compares no other): a cheap test before costlier ones."""
    return frozenset(
        kind for f in figures if f.concept != UNKNOWN_KIND for kind in _comparable(f.concept)
    )


def conflicting(a: Figure, b: Figure, tolerance: float = 0.05) -> bool:
    """Same thing counted, and no value both figures allow: their ranges lie apart by more
    than ``tolerance`` of the larger. A bound the other figure satisfies ("at least 100"
    and "120") is no conflict; vague amounts differ only by magnitude."""
    if b.concept not in _comparable(a.concept) or a.status != b.status:
        return False
    if _both_estimates(a, b):  # "about 4,000" and later "about 4,700": two estimates
        return _apart(a.value, b.value, tolerance) or _apart(b.value, a.value, tolerance)
    (a_lo, a_hi), (b_lo, b_hi) = a.interval(), b.interval()
    return _apart(a_hi, b_lo, tolerance) or _apart(b_hi, a_lo, tolerance)


def _both_estimates(a: Figure, b: Figure) -> bool:
    """Whether two figures are both estimates of a plain number ("about 25,000", "sekitar
    30 ribu"): each names its value, and two values further apart than rounding are two
    versions, even where the ranges "about" allows overlap."""
    return a.bound == b.bound == "about" and a.upper is None and b.upper is None


# Counts up to about this size are given exactly ("125 korban", "131 orang"): any
# difference is a conflict. The tolerance for rounding grows with the number beyond it.
EXACT_UP_TO = 200


def _apart(below: float, above: float, tolerance: float) -> bool:
    """Whether a range ending at ``below`` lies clearly under one starting at ``above``:
    by more than ``tolerance`` of what ``above`` exceeds :data:`EXACT_UP_TO` by (monotonic
    in each bound, which :func:`any_conflict` relies on)."""
    if above <= EXACT_UP_TO:
        return below < above
    return below < above * (1 - tolerance) + tolerance * EXACT_UP_TO


def any_conflict(
    figures: Sequence[Figure], others: Sequence[Figure], tolerance: float = 0.05
) -> bool:
    """Whether a figure of ``figures`` conflicts with one of ``others``: what
    :func:`conflicting` says of some pair, without trying every pair (two clauses full of
    figures made that tens of thousands squared).

    A figure lies clearly under some figure of a group (one concept and status) if it lies
    under the one whose range starts highest, and clearly over some if over the one whose
    range ends lowest: :func:`_apart` is monotonic in each bound.
    """
    if tolerance >= 1:
        return False
    groups: dict[tuple[str, str], tuple[float, float]] = {}
    estimates: dict[tuple[str, str], tuple[float, float]] = {}  # "about" values: min, max
    for b in set(others):
        lo, hi = b.interval()
        key = (b.concept, b.status)
        highest_lo, lowest_hi = groups.get(key, (lo, hi))
        groups[key] = (max(highest_lo, lo), min(lowest_hi, hi))
        if _both_estimates(b, b):
            least, most = estimates.get(key, (b.value, b.value))
            estimates[key] = (min(least, b.value), max(most, b.value))
    for a in set(figures):
        a_lo, a_hi = a.interval()
        for concept in _comparable(a.concept):
            ends = groups.get((concept, a.status))
            if ends and (_apart(a_hi, ends[0], tolerance) or _apart(ends[1], a_lo, tolerance)):
                return True
            values = estimates.get((concept, a.status)) if _both_estimates(a, a) else None
            if values and (
                _apart(a.value, values[1], tolerance) or _apart(values[0], a.value, tolerance)
            ):
                return True
    return False


# "20 kapal, bukan 12", "five times, not three", "10 orang, padahal versi polisi 9": a
# figure given again only to correct it or to set the new one against it.
_CORRECTING = re.compile(
    r"\b(?:bukan|not|instead of|rather than|alih-alih|semula|padahal|whereas|compared with|"
    r"dibanding|dibandingkan|up from|down from|naik dari|turun dari|bertambah dari)\b",
    re.IGNORECASE,
)


def restates_figures(figures: Sequence[Figure], claim_figures: Sequence[Figure], text: str) -> bool:
    """Whether a statement gives every figure of the claim again, beside others of its own
    ("membayar denda Rp 3 miliar dan uang pengganti Rp 55 miliar" against "menerima Rp
    55 miliar"): it retells the claim, it does not contradict it, unless it gives a figure
    only to correct it."""
    counted = [f for f in claim_figures if f.concept != UNKNOWN_KIND]
    if not counted:
        return False

    def given(figure: Figure, among: Sequence[Figure]) -> bool:
        return any(figure.concept == o.concept and not conflicting(figure, o, 0.0) for o in among)

    every_claim_figure_again = all(given(c, figures) for c in counted)
    if every_claim_figure_again and all(
        given(f, counted) for f in figures if f.concept != UNKNOWN_KIND
    ):
        return True  # the same figures, corrections included ("lima orang, bukan 11")
    return every_claim_figure_again and not _CORRECTING.search(text)
