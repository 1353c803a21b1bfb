"""The day a statement was made, read from the sentence that narrates it."""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.matchers.when import said_on


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("kata juru bicara itu, Selasa (19/11).", date(2024, 11, 21), date(2024, 11, 19)),
        ("ujar Wali Kota, Jumat (28/12).", date(2025, 1, 2), date(2024, 12, 28)),
        ("ujar Wali Kota, Jumat (28/12/2023).", date(2025, 1, 2), date(2023, 12, 28)),
        ("the ministry said on Tuesday.", date(2025, 3, 6), date(2025, 3, 4)),
        ("the ministry said on Thursday.", date(2025, 3, 6), date(2025, 3, 6)),
        ("membantah kabar itu pada Senin lalu.", date(2025, 3, 6), date(2025, 3, 3)),
    ],
)
def test_the_day_a_sentence_names(text: str, published: date, day: date) -> None:
    assert said_on(text, published) == day


@pytest.mark.parametrize(
    "text",
    [
        "kata Budi, Rabu (5/3).",  # after the article's day: a misreading, not a day
        "kata Budi, Senin (31/2).",  # no such day
        "The minister denied the report.",
    ],
)
def test_no_day_where_the_sentence_names_none_that_can_be(text: str) -> None:
    assert said_on(text, date(2025, 3, 4)) is None
