"""The day a statement was made, read from the sentence that narrates it."""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.matchers.when import given_first, said_on


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("kata juru bicara itu, Selasa (19/11).", date(2024, 11, 21), date(2024, 11, 19)),
        ("ujar Wali Kota, Jumat (28/12).", date(2025, 1, 2), date(2024, 12, 28)),
        ("ujar Wali Kota, Jumat (28/12/2023).", date(2025, 1, 2), date(2023, 12, 28)),
        ("the ministry said on Tuesday.", date(2025, 3, 6), date(2025, 3, 4)),
        ("the ministry said on Thursday.", date(2025, 3, 6), date(2025, 3, 6)),
        ("membantah kabar itu pada Senin lalu.", date(2025, 3, 6), date(2025, 3, 3)),
        # Wire style: the weekday right after the verb of saying or its hearers.
        (
            "the harbour master said Tuesday the count stood at 40.",
            date(2025, 3, 6),
            date(2025, 3, 4),
        ),
        (
            "A spokesman told reporters Wednesday that 900 had fled.",
            date(2025, 3, 6),
            date(2025, 3, 5),
        ),
        (
            "The agency announced Monday it would close the port.",
            date(2025, 3, 6),
            date(2025, 3, 3),
        ),
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
        "The Tuesday market reopened, the mayor said.",  # a weekday naming a thing, not a day
        "The minister said Monday's talks with the union had failed.",  # the talks' day
    ],
)
def test_no_day_where_the_sentence_names_none_that_can_be(text: str) -> None:
    assert said_on(text, date(2025, 3, 4)) is None


@pytest.mark.parametrize(
    ("later", "earlier", "first"),
    [
        # The first version told after the answer to it: dated before the answer's day.
        (
            '"Kami perkirakan 50 ribu orang," ujar ketua panitia, Senin (3/3).',
            '"Yang hadir sekitar 3.000," kata Kapolres Sukamaju, Rabu (5/3).',
            True,
        ),
        (
            "A relief official told reporters Monday that 900 had died.",
            "The provincial governor confirmed a toll of 410 on Wednesday.",
            True,
        ),
        # Undated answer: taken as the article's day, after the dated first version.
        (
            "The harbour master said on Monday 40 boats sank.",
            "Fishermen say 75 boats sank.",
            True,
        ),
        # Told in the order given, or the later version not dated before the other.
        (
            "The governor said on Wednesday 410 had died.",
            "An official said on Monday 900 had died.",
            False,
        ),
        ("Fishermen say 75 boats sank.", "The harbour master said on Monday 40 boats sank.", False),
        ("Kata warga, 75 kapal tenggelam.", "Kata nelayan, 60 kapal tenggelam.", False),
    ],
)
def test_the_version_given_first(later: str, earlier: str, first: bool) -> None:
    assert given_first(later, earlier, date(2025, 3, 6)) is first
