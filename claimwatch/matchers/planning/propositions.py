"""What an answer's own words say it answers: a proposition stated in full ("denied
that P"), or a pointer back ("the reports", "klaim itu")."""

import re
from collections.abc import Sequence

from claimwatch.matchers.keys import substantive
from claimwatch.matchers.lexicon import stance_lexicon
from claimwatch.matchers.planning.limits import (
    DEMONSTRATIVES,
    POINTING_NP_WORDS,
    POINTING_WORDS,
    SHARED_WORDS,
)
from claimwatch.matchers.text import fold, words

# A claim told as made before the sentences around it: "had earlier said", "Earlier, X
# said", "had reported earlier", "sebelumnya". (A bare pluperfect, "had claimed", is the
# background of the story more often than the report a lead confirms.)
TOLD_EARLIER = re.compile(r"\b(?:earlier|previously|sebelumnya)\b", re.IGNORECASE)
_DENIES_THAT = re.compile(
    r"\b(?:membantah|menyangkal|menepis|menampik|denied|denies|deny|denying|rejected|"
    r"dismissed|refuted|disputed)\s+(?:bahwa|that)\s|\b(?:menyatakan|menegaskan|memastikan|"
    r"mengatakan|menyebut(?:kan)?)\s+(?:tidak|tak)\s+benar\s+(?:bahwa\s+)?(?=[\w(])|"
    r"\bit\s+(?:is|was)\s+(?:not\s+true|untrue|false)\s+that\s",
    re.IGNORECASE,
)


def named_most(answered: set[str], key: Sequence[str]) -> int:
    """How many of a claim's key tokens an answer's own content names, counted from two up:
    one shared word ("a fake document") names no claim over the lead's."""
    shared = len(answered & set(key))
    return shared if shared >= SHARED_WORDS else 0


def denies_that(text: str) -> bool:
    """Whether a sentence, outside quotes, denies a proposition it states in full: "X denied
    that P", "X menyatakan tidak benar P" (no accuser needed: P is the claim denied)."""
    return not any(q in text for q in '"“”') and bool(_DENIES_THAT.search(text))


def names_that_claim(content: str) -> bool:
    """ "klaim itu", "pernyataan tersebut", "that earlier report": a claim noun pointed at
    with a demonstrative names the claim just told."""
    toks = {fold(w.text) for w in words(content)}
    near = {"itu", "tersebut", "that", "this"}
    return points_back(content) and bool(toks & near) and bool(toks & _claim_nouns())


def _claim_nouns() -> frozenset[str]:
    lex = stance_lexicon()
    return lex.claim_nouns | lex.rumour_nouns


def says_something(key: Sequence[str]) -> bool:
    """Whether a denied report's proposition says something: two words of what happened, or
    one between two actors ("Yoon might visit Ukraine": who, what, where)."""
    what = substantive(key)
    return len(what) >= 2 or (len(what) == 1 and len(key) >= 3)


def points_back(content: str, *, long_ok: bool = False) -> bool:
    """Whether an answer's object only points back at something ("penangkapan itu", "surat
    tersebut", "the reports", nothing at all), not a proposition of its own ("pihaknya akan
    mendalami pernyataan Novel"). ``long_ok``: a denial whose reader found it pointing back
    ("percakapan yang dibuat seolah-olah terbit di media itu hoaks") names a longer thing."""
    toks = [fold(w.text) for w in words(content)]
    if long_ok and len(toks) <= POINTING_NP_WORDS:
        return True
    return len(toks) <= POINTING_WORDS and (not toks or bool(DEMONSTRATIVES & set(toks)))
