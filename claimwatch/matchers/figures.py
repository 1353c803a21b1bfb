"""Figures: a number and what it counts ("1.500 tentara", "1,500 troops", "12 ribu", "ribuan").

Indonesian writes 1.500 for one thousand five hundred and 1,5 for one and a half; English
the other way round. The sentence's language decides, except where the grouping leaves no
doubt (1.500.000, or a three-digit group in a language that would not write a decimal so).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimwatch.matchers.lexicon import concepts, stopwords
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
WORD_NUMBERS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "seratus": 100,
    "seribu": 1000,
    "sejuta": 1e6,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}
CURRENCIES = {"rp": "IDR", "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR"}
# Words between a number and its noun that do not say what is counted.
_FILLERS = {"orang", "buah", "unit", "ekor", "more", "than", "additional", "extra", "some"}
_NUMBER = re.compile(
    r"(?P<cur>Rp\.?\s?|US\$\s?|\$|€)?"
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w])"
    r"(?:\s?(?P<pct>%|persen|percent|per cent))?",
    re.IGNORECASE,
)
_NEXT_WORDS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_DATE_WORDS = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "january", "february", "march", "june", "july",
    "august", "october", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "oct", "nov", "dec", "wib", "wita", "wit", "am", "pm", "tahun", "years", "year",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    unit: str  # the counted noun as written (folded), or a currency code, or "%"
    concept: str  # the unit's concept id where known (troops), else the unit itself
    approximate: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        unit = str(data["unit"])
        return cls(
            float(data["value"]), unit, concepts().get(unit, unit), bool(data.get("approximate"))
        )

    def to_json(self) -> dict[str, object]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        out: dict[str, object] = {"value": value, "unit": self.unit}
        if self.approximate:
            out["approximate"] = True
        return out


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


def _unit_after(text: str, pos: int) -> tuple[str, float, int]:
    """The counted noun after a number: (unit, multiplier, end offset)."""
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
        w = fold(match.group())
        if k == 0 and w in MULTIPLIERS:
            multiplier = MULTIPLIERS[w]
            end = match.end()
            continue
        if w in _DATE_WORDS:
            return w, multiplier, match.end()
        if w in _FILLERS or w in stop:
            if w in known and not unit:
                unit, end = w, match.end()  # "3 orang": people, unless a noun follows
            continue
        if w in known:
            return w, multiplier, match.end()
        if not unit:
            unit = w
            end = match.end()
        # Skip a capitalised adjective or actor name ("1,500 North Korean troops").
        if match.group()[0].isupper() and k < 3:
            unit = ""
            continue
        break
    return unit, multiplier, end


def extract_figures(text: str, lang: str) -> list[Figure]:
    """Every counted figure in a sentence, skipping years, dates and times."""
    figures: list[Figure] = []
    folded = fold(text)
    for match in _NUMBER.finditer(text):
        raw = match.group("num")
        before = folded[max(0, match.start() - 12) : match.start()]
        if re.search(r"(?:pukul|jam|at|tanggal|no\.?|nomor|pasal|article)\s*$", before):
            continue
        value = parse_number(raw, lang)
        cur = match.group("cur")
        if match.group("pct"):
            figures.append(Figure(value, "%", "percent"))
            continue
        unit, multiplier, _end = _unit_after(text, match.end())
        if cur:
            code = CURRENCIES.get(fold(cur.strip().rstrip(".")), "IDR")
            figures.append(Figure(value * multiplier, code, code))
            continue
        if not unit or unit in _DATE_WORDS:
            continue
        is_year = 1900 <= value <= 2100 and multiplier == 1 and raw.isdigit()
        if is_year and unit not in concepts():
            continue
        figures.append(Figure(value * multiplier, unit, concepts().get(unit, unit)))
    vague_units: set[str] = set()  # one vague amount per unit (a set: a text may hold many)
    for phrase, value in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", folded):
            unit, _mult, _end = _unit_after(folded, match.end())
            if unit and unit not in vague_units:
                vague_units.add(unit)
                figures.append(Figure(value, unit, concepts().get(unit, unit), approximate=True))
    for word, value in WORD_NUMBERS.items():
        for match in re.finditer(rf"\b{word}\b", folded):
            unit, multiplier, _end = _unit_after(folded, match.end())
            if unit and unit in concepts():
                figures.append(Figure(value * multiplier, unit, concepts()[unit]))
    return figures


def conflicting(a: Figure, b: Figure, tolerance: float = 0.05) -> bool:
    """Same thing counted, clearly different number (vague amounts only by magnitude)."""
    if a.concept != b.concept:
        return False
    lo, hi = sorted((a.value, b.value))
    if hi == 0:
        return False
    if a.approximate or b.approximate:
        return hi / max(lo, 1e-9) >= 10
    return (hi - lo) / hi > tolerance


def any_conflict(
    figures: Sequence[Figure], others: Sequence[Figure], tolerance: float = 0.05
) -> bool:
    """Whether a figure of ``figures`` conflicts with one of ``others``: what
    :func:`conflicting` says of some pair, without trying every pair (two clauses full of
    figures made that tens of thousands squared).

    Among the figures of one concept and kind, the lowest or the highest conflicts with a
    figure if any does (see :func:`_conflicts_with_group`).
    """
    groups: dict[tuple[str, bool], list[Figure]] = {}
    for b in set(others):
        groups.setdefault((b.concept, b.approximate), []).append(b)
    ends = {key: (min(g, key=_value), max(g, key=_value)) for key, g in groups.items()}
    for a in set(figures):
        for approximate in (False, True):
            key = (a.concept, approximate)
            if key in groups and _conflicts_with_group(a, groups[key], *ends[key], tolerance):
                return True
    return False


def _value(figure: Figure) -> float:
    return figure.value


def _conflicts_with_group(
    a: Figure, group: Sequence[Figure], lowest: Figure, highest: Figure, tolerance: float
) -> bool:
    """Whether ``a`` conflicts with a figure of ``group`` (one concept and kind), from its
    ends, exactly as :func:`conflicting` computes it, rounding included:

    - vague amounts: hi / lo is one rounded division, monotonic in each operand;
    - below ``a``: (a - b) / a rounds monotonically as b falls, so the lowest decides;
    - above ``a``: up to 2a, b - a is exact (Sterbenz) and (b - a) / b one rounded division
      that grows with b; beyond 2a the gap exceeds 0.5, so the highest conflicts anyway.

    Infinite values (a 400-digit number) and a tolerance of 0.5 or more: every pair.
    """
    if tolerance >= 0.5 or not (
        math.isfinite(a.value) and math.isfinite(lowest.value) and math.isfinite(highest.value)
    ):
        return any(conflicting(a, b, tolerance) for b in group)
    return conflicting(a, lowest, tolerance) or conflicting(a, highest, tolerance)
