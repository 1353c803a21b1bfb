"""What a chat can follow: an actor of the gazetteer, or a keyword phrase.

An actor is found through its aliases and tolerates typos ("korut", "Pyongyan" -> Korea
Utara); anything else becomes a keyword phrase, matched on the same stemmed, alias-resolved
key tokens as claims, so "tentara" also follows claims that say "tentaranya".
"""

from __future__ import annotations

from dataclasses import dataclass

from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.keys import is_actor, key_tokens
from claimwatch.matchers.lang import detect

MAX_TOPIC_CHARS = 100


@dataclass(frozen=True, slots=True)
class Topic:
    kind: str  # actor, keyword
    value: str  # actor id, or the key tokens joined by spaces
    label: str
    terms: tuple[str, ...] = ()


def resolve_topic(query: str, lang: str = "en") -> Topic | None:
    """The topic a user means, or None when the text has nothing to follow."""
    query = " ".join(query.split())[:MAX_TOPIC_CHARS]
    if not query:
        return None
    gaz = gazetteer()
    actor = gaz.lookup(query)
    if actor is not None and _names_only(query):
        return Topic("actor", actor.id, actor_label(actor.id, lang))
    terms = tuple(key_tokens(query, detect(query)))
    if not terms:
        return None
    return Topic("keyword", " ".join(terms), query, terms)


def actor_label(actor_id: str, lang: str) -> str:
    gaz = gazetteer()
    if actor_id not in gaz.actors:
        return actor_id
    actor = gaz.get(actor_id)
    if lang == "en" and actor.name_en != actor.name:
        return f"{actor.name} ({actor.name_en})"
    return actor.name


def _names_only(query: str) -> bool:
    """The query is one actor's name, not a phrase that mentions it ("nikel Indonesia")."""
    terms = key_tokens(query, detect(query))
    if not terms:
        return True  # a misspelt name the key does not see; lookup found it fuzzily
    return len(terms) == 1 and is_actor(terms[0])
