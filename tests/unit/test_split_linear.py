"""Sentence splitting stays linear on text built to defeat it.

Anyone can send such text (``/ingest <link>``, a feed), and a splitter that rescans the
sentence at every period took 24 s for 104 KB of "Ali said no. ". The bound is generous
(about ten times this machine's time, CPU time of this process so a busy CI box does not
trip it); the old splitter needed seconds already for the first 10 KB of each kind.
"""

from __future__ import annotations

import time

import pytest

from claimwatch.matchers.sentences import split_sentences

# Seconds of CPU time per 100 KB of text, for the slowest kind (measured: about 0.07).
SECONDS_PER_100_KB = 0.75
# Small sizes first, so a quadratic splitter fails in seconds rather than hours.
SIZES_KB = (10, 100, 300)
ADVERSARIAL = {
    "abbreviation ends every sentence": "Ali said no. ",  # "no." as in "No. 5"
    "single letters": "Dr. a. b. c. ",
    "lowercase after periods": "x. y. z. ",
    "no spaces": "Ali.said.no!",
    "a run of dots": ".",
    "one endless sentence": "Ali said no and ",
    "quote marks on every other sentence": 'Ali said "yes. ',
    "a quote left open for 700 characters": '"' + "Ali said yes. " * 60,
    "closed quotes between abbreviations": 'Mr. "x." U.S. ',
}


def _text(unit: str, kb: int) -> str:
    size = kb * 1000
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_text_splits_in_linear_time(unit: str) -> None:
    for kb in SIZES_KB:
        text = _text(unit, kb)
        start = time.process_time()
        sentences = split_sentences(text)
        spent = time.process_time() - start
        bound = SECONDS_PER_100_KB * kb / 100
        assert spent < bound, f"{kb} KB took {spent:.2f} s of CPU (bound {bound:.2f} s)"
        assert "".join(sentences).replace(" ", "") == text.replace(" ", "")
