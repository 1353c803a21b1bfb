"""Speaker accuracy for ``claimwatch eval cases``: did the expected actor answer?

A labelled case names who denies, confirms or turns (``by``, with ``by_aliases``); a raised
flag names its answerer three ways: the flag's ``by`` (the speaker's display name: the
actor's name when the gazetteer knows the speaker, else the phrase), the speaker as written
in the article ("Yudha Pratama, who speaks for the ministry"), and the actor id
of the speaker's identity. An expected name agrees with the answerer when one of these holds:

1. **Same actor.** The expected name is, as a whole, one of the gazetteer's names of actor X
   (a leading "the" aside: "Pyongyang", "Korea Utara", "the Kremlin"), and X is the
   answerer's actor, or an actor named in the flag's ``by`` or in the phrase, or the country
   one of those speaks for (an office speaks for its country). So "Pyongyang" agrees with an
   answerer read as Korea Utara, and "Indonesia" with "Indonesia's defence ministry". An
   expected name that merely mentions an actor ("Indonesia's defence ministry") is not that
   actor: it is compared by its words (2).
2. **The expected words are all there.** Every word of the expected name occurs in the
   ``by`` or in the phrase (case, accents, punctuation, an English possessive and function
   words such as "the", "of", "dari" aside): the expected "Peskov" agrees with an answerer
   written "Kremlin spokesman Dmitry Peskov", "spokesman for President Vladimir Putin" with
   "President Vladimir Putin's spokesman".
3. **Part of the expected name.** The gazetteer does not know the answerer, every word of
   its ``by`` or of its phrase belongs to one expected name, and the answerer is a name
   (every word capitalised: "Peskov" agrees with the expected "Dmitry Peskov", "Hadi" with
   "Kombes Agus Setiawan") or a description of two words or more ("trade minister" agrees
   with "Indonesia's trade minister"; "ministry" does not agree with "unification
   ministry"). A known actor is never part of another name: "Yoon", read by the engine as
   Yoon Suk-yeol, does not agree with "Kim Dae-ho".

An unattributed flag agrees with no one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimwatch.matchers.actors import Gazetteer, gazetteer, match_key
from claimwatch.matchers.text import WORD_RE, Word

LEADING_ARTICLES = frozenset({"the"})
# Left out when names are compared word by word (English and Indonesian).
FUNCTION_WORDS = frozenset(
    "the a an of for to at in on and dari di ke untuk pada dan yang oleh sebagai".split()
)


@dataclass(frozen=True, slots=True)
class Answerer:
    """Who a raised flag says answered the claim."""

    by: str  # the flag's ``by``: the speaker's display name, or "unattributed"
    phrase: str | None = None  # the speaker as written in the article
    actor: str | None = None  # the actor id of the speaker's identity

    def names(self) -> list[str]:
        return [n for n in dict.fromkeys((self.by, self.phrase)) if n]

    def label(self) -> str:
        if self.phrase and self.phrase != self.by:
            return f"{self.by} ('{self.phrase}')"
        return self.by


def expected_names(expected: dict[str, Any]) -> list[str]:
    """``by`` and ``by_aliases`` of an expected flag; empty when it names no one."""
    by = expected.get("by")
    if not isinstance(by, str) or not by.strip():
        return []
    aliases = expected.get("by_aliases") or []
    return [by, *(a for a in aliases if isinstance(a, str) and a.strip())]


def speaker_agrees(answerer: Answerer, names: Sequence[str], gaz: Gazetteer | None = None) -> bool:
    """Whether the answerer is one of ``names`` (see the module's docstring for the rule)."""
    if not answerer.phrase and not answerer.actor and answerer.by == "unattributed":
        return False
    gaz = gaz or gazetteer()
    actors = _answerer_actors(answerer, gaz)
    said = [_words(n) for n in answerer.names()]
    for name in names:
        actor = whole_actor(name, gaz)
        if actor is not None and actor in actors:
            return True
        wanted = _words(name)
        if not wanted:
            continue
        if any(_contains(words, wanted) for words in said):
            return True
        if answerer.actor not in gaz.actors and any(_part_of(w, wanted) for w in said):
            return True
    return False


def whole_actor(name: str, gaz: Gazetteer) -> str | None:
    """The actor id that ``name`` is, as a whole, a gazetteer name of; else None."""
    toks = [Word(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(name)]
    if len(toks) > 1 and match_key(toks[0].text) in LEADING_ARTICLES:
        toks = toks[1:]
    mentions = gaz.mentions(toks)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(toks):
        return mentions[0].actor.id
    return None


def _answerer_actors(answerer: Answerer, gaz: Gazetteer) -> set[str]:
    found = {answerer.actor} if answerer.actor in gaz.actors else set()
    for name in answerer.names():
        found.update(a.id for a in gaz.find(name))
    return found | {gaz.root(a).id for a in found}


@dataclass(frozen=True, slots=True)
class _Token:
    key: str  # folded, without an English possessive
    capital: bool


def _words(name: str) -> list[_Token]:
    words = (m.group() for m in WORD_RE.finditer(name))
    tokens = [_Token(match_key(w), w[:1].isupper()) for w in words]
    return [t for t in tokens if t.key not in FUNCTION_WORDS]


def _keys(words: Iterable[_Token]) -> set[str]:
    return {w.key for w in words}


def _contains(said: Sequence[_Token], wanted: Sequence[_Token]) -> bool:
    return _keys(wanted) <= _keys(said)


def _part_of(said: Sequence[_Token], wanted: Sequence[_Token]) -> bool:
    """The answerer is a name or a description of two words or more, all of whose words
    belong to the expected name."""
    if not said or not _keys(said) <= _keys(wanted):
        return False
    return all(w.capital for w in said) or len(said) >= 2
