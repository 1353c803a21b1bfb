"""Claim keys: what two statements are compared on.

A key is the content's words with stance and attribution words, function words and numbers
left out, actor aliases resolved to one token per actor (a_korea_utara), synonyms mapped to a
concept (c_troops for tentara/pasukan/troops), and the rest stemmed. Two paraphrases in
different words then share most of their key, and the index and the scorer see the same
tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from claimwatch.matchers.actors import Gazetteer, gazetteer, match_key
from claimwatch.matchers.lexicon import concepts, stance_lexicon, stopwords
from claimwatch.matchers.model import ANSWERING, Statement
from claimwatch.matchers.text import words

ACTOR_PREFIX = "a_"
CONCEPT_PREFIX = "c_"


@lru_cache(maxsize=1)
def _sastrawi() -> Any:  # Sastrawi has no type hints
    stemmer = StemmerFactory().create_stemmer()
    # Sastrawi looks roots up in a list of ~30,000 words (about 0.1 s per unseen word); a set
    # gives the same stems in microseconds.
    dictionary = getattr(stemmer, "delegatedStemmer", stemmer).get_dictionary()
    dictionary.words = set(dictionary.words)
    return stemmer


@lru_cache(maxsize=1)
def _snowball_en() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """Stem one folded word: Sastrawi for Indonesian, Snowball for English."""
    if lang == "id":
        if "-" in word:  # reduplication: mata-mata, langkah-langkah
            head, _, tail = word.partition("-")
            return head if head == tail else word
        stemmed: str = _sastrawi().stem(word)
        return stemmed or word
    english: str = _snowball_en().stemWord(word)
    return english


def actor_token(actor_id: str) -> str:
    return ACTOR_PREFIX + actor_id.replace("-", "_")


@lru_cache(maxsize=1)
def _skip_words() -> frozenset[str]:
    lex = stance_lexicon()
    return stopwords() | lex.function_words


# The longest concept phrase looked for ("pemutusan hubungan kerja").
MAX_PHRASE = 3


@lru_cache(maxsize=1)
def _pair_heads() -> frozenset[str]:
    """First words of the concepts of two or three words ("sistem rudal", "laid off"), so
    that other words skip building the phrase."""
    return frozenset(entry.split(" ")[0] for entry in concepts() if " " in entry)


def _phrase_at(folded: Sequence[str], i: int) -> tuple[str, int] | None:
    """The concept of the longest phrase of several words starting at ``i``, and its
    length. A phrase whose first word alone names the same concept ("gempa bumi") is not
    joined: its other words stay tokens, as a wording with them elsewhere keeps them."""
    if folded[i] not in _pair_heads():
        return None
    known = concepts()
    for n in range(min(MAX_PHRASE, len(folded) - i), 1, -1):
        phrase = " ".join(folded[i : i + n])
        if phrase in known and known[phrase] != known.get(folded[i]):
            return known[phrase], n
    return None


@lru_cache(maxsize=200_000)
def _concept_or_stem(word: str, lang: str) -> str | None:
    known = concepts()
    if word in known:
        return CONCEPT_PREFIX + known[word]
    if lang == "id" and len(word) > 5 and word.endswith("nya") and word[:-3] in known:
        return CONCEPT_PREFIX + known[word[:-3]]  # "penggunanya": Sastrawi gives "guna"
    if lang == "id" and word.startswith(("di-", "ter-")) and word.partition("-")[2] in known:
        return CONCEPT_PREFIX + known[word.partition("-")[2]]  # "di-PHK", "ter-PHK"
    if word in _skip_words() or len(word) < 2 or word.replace(".", "").replace(",", "").isdigit():
        return None
    stemmed = stem(word, lang)
    if stemmed in known:
        return CONCEPT_PREFIX + known[stemmed]
    if stemmed in _skip_words() or len(stemmed) < 2:
        return None
    return stemmed


def key_tokens(
    text: str, lang: str, *, extra_actors: Iterable[str] = (), gaz: Gazetteer | None = None
) -> list[str]:
    """The key of a text, in order, each token once."""
    gaz = gaz or gazetteer()
    toks = words(text)
    folded = [match_key(t.text) for t in toks]
    mentions = gaz.mentions(toks, folded)
    in_mention: dict[int, str] = {}
    for m in mentions:
        token = actor_token(gaz.identity(m.actor.id).id)
        in_mention[m.start] = token
        for k in range(m.start + 1, m.end):
            in_mention[k] = ""
    out: list[str] = []
    seen: set[str] = set()  # what out holds: a list look-up per word made long texts quadratic
    i = 0
    while i < len(toks):
        if i in in_mention:
            token = in_mention[i]
            i += 1
        elif phrase := _phrase_at(folded, i):
            token = CONCEPT_PREFIX + phrase[0]
            i += phrase[1]
        else:
            token = _concept_or_stem(folded[i], lang) or ""
            i += 1
        if token and token not in seen:
            seen.add(token)
            out.append(token)
    for actor_id in extra_actors:
        token = actor_token(actor_id)
        if token not in seen:
            seen.add(token)
            out.append(token)
    return out


def is_actor(token: str) -> bool:
    return token.startswith(ACTOR_PREFIX)


def substantive(tokens: Sequence[str]) -> list[str]:
    """The tokens that say what happened, not who it happened to."""
    return [t for t in tokens if not is_actor(t)]


def statement_key(st: Statement) -> list[str]:
    """A statement's key; a denial's speaker is usually the subject of what it denies."""
    key = key_tokens(st.content or st.text, st.lang)
    if st.stance in ANSWERING and st.speaker:
        if st.speaker_actor:
            extra = [actor_token(gazetteer().state(st.speaker_actor))]  # the subject's state
        else:
            extra = key_tokens(st.speaker, st.lang)
        key += [t for t in extra if t not in key]
    return key
