"""The day a statement was made, when the article says so: "kata X, Selasa (19/11)",
"X said on Tuesday".

An answer narrated a day or two later is linked only to claims made before it, and its flag
carries the day it was made, not the day the article appeared.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_ID_DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# "Selasa (19/11)", "Jumat (4/10/2024)": the day and month are written out.
_ID_DATED = re.compile(
    r"\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu)\s*\(\s*(\d{1,2})\s*/\s*(\d{1,2})"
    r"(?:\s*/\s*(\d{2,4}))?\s*\)",
    re.I,
)
# "on Tuesday", "pada Selasa", "Selasa lalu": the latest such weekday up to the article's day.
_EN_WEEKDAY = re.compile(r"\bon\s+(" + "|".join(_EN_DAYS) + r")\b", re.I)
# Wire style drops the "on": "the ministry said Tuesday", "told reporters Thursday",
# "announced Monday that ...". The weekday then follows the verb of saying or its hearers;
# "said Monday's talks failed" dates the talks, not the saying.
_EN_SAID_WEEKDAY = re.compile(
    r"\b(?:said|says|told(?: \w+){0,2}?|announced|confirmed|denied|stated|added|wrote|"
    r"reported|acknowledged|admitted|insisted)\s+(" + "|".join(_EN_DAYS) + r")\b(?!['’]s)",
    re.I,
)
_ID_WEEKDAY = re.compile(
    r"\b(?:pada\s+(" + "|".join(_ID_DAYS) + r")|(" + "|".join(_ID_DAYS) + r")\s+lalu)\b", re.I
)

_LOOKBACK = timedelta(days=7)  # a narrated weekday is within the past week


def said_on(text: str, published: date) -> date | None:
    """The day the sentence says its statement was made, if it says one (never after
    ``published``, never more than a week before it for a bare weekday)."""
    dated = _ID_DATED.search(text)
    if dated is not None:
        day, month = int(dated.group(1)), int(dated.group(2))
        year = _year(dated.group(3), published, month)
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        return found if found <= published else None
    weekday = _EN_WEEKDAY.search(text) or _EN_SAID_WEEKDAY.search(text)
    index = _EN_DAYS.index(weekday.group(1).lower()) if weekday else None
    if index is None:
        local = _ID_WEEKDAY.search(text)
        if local is not None:
            index = _ID_DAYS.index((local.group(1) or local.group(2)).lower())
    if index is None:
        return None
    back = (published.weekday() - index) % 7
    return published - timedelta(days=back) if timedelta(days=back) < _LOOKBACK else None


def _year(written: str | None, published: date, month: int) -> int:
    if written:
        year = int(written)
        return year + 2000 if year < 100 else year
    # "(28/12)" in an article of 2 January is last year's December.
    return published.year - 1 if month > published.month else published.year


def given_first(later: str, earlier: str, published: date) -> bool:
    """Whether a version told further on in an article was given before one told above it:
    "Yang datang sekitar 700," kata petugas, Kamis (6/6) ... Sebelumnya, "kami harapkan
    9 ribu," ujar penyelenggara, Selasa (4/6). News often opens on the latest word and
    tells the first version after it; the first one given is the claim the other answers.
    A version the text does not date is taken as given on the article's day."""
    mine = said_on(later, published)
    if mine is None or mine >= published:
        return False
    theirs = said_on(earlier, published) or published
    return mine < theirs
