"""Reading one long article stays linear in its length.

An article is whatever someone sends (``/ingest <link>``, a feed): one sentence can be
100 KB long. Each case below was quadratic: a per-word scan of every quote in the sentence,
a per-cue scan of the clause for a conditional word, a per-word look-up in the key built so
far, a per-match scan of the figures found so far. The bounds are CPU time of this process,
about ten times what this machine takes; the old code failed each at 30 or 100 KB.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest

from claimwatch.matchers.figures import extract_figures
from claimwatch.matchers.keys import key_tokens
from claimwatch.matchers.statements import StatementReader


def _repeat(unit: str, kb: int) -> str:
    size = kb * 1000
    return (unit * (size // len(unit) + 1))[:size]


def _pseudo_words(kb: int) -> list[str]:
    """Distinct-looking made-up words (no stemmer folds them together), about ``kb`` KB."""
    rng = random.Random(kb)
    out: list[str] = []
    size = 0
    while size < kb * 1000:
        word = "".join(
            rng.choice("bcdfghjklmnprstvz") + rng.choice("aiueo") for _ in range(rng.randint(2, 4))
        )
        out.append(word)
        size += len(word) + 1
    return out


def _within(work: Callable[[int], object], sizes_kb: tuple[int, ...], per_100_kb: float) -> None:
    """Run ``work`` on growing sizes, smallest first, so quadratic code fails in seconds."""
    for kb in sizes_kb:
        start = time.process_time()
        work(kb)
        spent = time.process_time() - start
        bound = per_100_kb * kb / 100
        assert spent < bound, f"{kb} KB took {spent:.2f} s of CPU (bound {bound:.2f} s)"


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    reader = StatementReader()
    reader.read("Seoul mengatakan bahwa Pyongyang mengirim 1.500 tentara.")  # load lexicons
    return reader


@pytest.mark.parametrize(
    "unit",
    ['Ali "said" "no" ', "denied "],
    ids=["a quote around every word", "a stance cue in every word of one clause"],
)
def test_one_long_sentence_reads_in_linear_time(reader: StatementReader, unit: str) -> None:
    # Measured: about 0.5 s per 100 KB.
    _within(lambda kb: reader.read(_repeat(unit, kb), "en"), (10, 30, 100), per_100_kb=4.0)


def test_keying_many_distinct_words_is_linear() -> None:
    key_tokens("warm the caches up", "en")

    def work(kb: int) -> None:
        words = _pseudo_words(kb)
        assert len(key_tokens(" ".join(words), "en")) > len(words) // 2

    # Measured: about 0.2 s per 100 KB.
    _within(work, (10, 100, 300), per_100_kb=2.0)


def test_many_vague_amounts_are_linear() -> None:
    extract_figures("ribuan tentara", "id")  # loads the lexicons

    def work(kb: int) -> None:
        text = " ".join(f"ribuan {w}" for w in _pseudo_words(kb // 2))
        assert len(extract_figures(text, "id")) > 100

    # Measured: about 0.2 s per 100 KB.
    _within(work, (10, 100, 300), per_100_kb=2.0)
