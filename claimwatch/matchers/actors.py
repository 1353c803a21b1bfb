"""The actor gazetteer: who a text is about and who speaks, across aliases and languages.

Pyongyang, Korea Utara, North Korea, DPRK and Korut are one actor. Aliases written in
capitals (AS, US, UN) match case-sensitively so that "as" and "us" stay ordinary words;
other aliases match case-insensitively, and a capitalised word within a small edit
distance of an alias ("Pyongyan") still counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from claimwatch.matchers.coref import RANKS, TITLES
from claimwatch.matchers.lexicon import load_seed
from claimwatch.matchers.text import WORD_RE, Word, fold

# How close a capitalised word must be to an alias to count as a misspelling of it.
# Measured on the seed article and dev cases: at 88, Indonesian words such as "Berlian"
# passed for Jerman's aliases; 92 with seven letters keeps "Pyongyan" -> Pyongyang.
FUZZY_CUTOFF = 92.0
FUZZY_MIN_LEN = 7
FUZZY_CACHE = 100_000  # capitalised words remembered (an article repeats its names)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    name_en: str
    kind: str
    part_of: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    actor: Actor
    start: int  # index of the first word
    end: int  # index after the last word


@lru_cache(maxsize=200_000)
def match_key(word: str) -> str:
    """Folded word without an English possessive ("Seoul's" -> "seoul"); cached, as keying
    an article folds the same words again and again."""
    folded = fold(word)
    return folded[:-2] if folded.endswith("'s") else folded


@dataclass(frozen=True, slots=True)
class _Alias:
    words: tuple[str, ...]  # folded, or original when case-sensitive
    case_sensitive: bool
    actor_id: str


class Gazetteer:
    def __init__(self, actors: Sequence[Actor], aliases: Sequence[tuple[str, str]]) -> None:
        self.actors = {a.id: a for a in actors}
        self._by_first: dict[str, list[_Alias]] = {}
        single: dict[str, str] = {}
        for actor_id, alias in aliases:
            toks = [m.group() for m in WORD_RE.finditer(alias)]
            if not toks:
                continue
            cs = alias.replace(".", "").replace(" ", "").isupper() and len(alias) <= 6
            seq = tuple(toks) if cs else tuple(match_key(t) for t in toks)
            self._by_first.setdefault(seq[0], []).append(_Alias(seq, cs, actor_id))
            if not cs and len(seq) == 1 and len(seq[0]) >= FUZZY_MIN_LEN:
                single[seq[0]] = actor_id
        for entries in self._by_first.values():
            entries.sort(key=lambda a: -len(a.words))
        self._fuzzy_choices = list(single)
        self._fuzzy_target = single
        self._fuzzy_seen: dict[str, str | None] = {}  # capitalised word -> actor or None
        self._members: dict[str, list[str]] | None = None  # state id -> its actors
        self._names: dict[str, list[tuple[str, ...]]] | None = None  # actor -> its names
        self._by_name = {fold(a.name): a.id for a in actors} | {
            fold(a.name_en): a.id for a in actors
        }

    # -- look-ups ---------------------------------------------------------------
    def get(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    def root(self, actor_id: str) -> Actor:
        """The country or organisation an agency or office speaks for."""
        actor = self.actors[actor_id]
        seen = {actor.id}
        while actor.part_of and actor.part_of in self.actors and actor.part_of not in seen:
            actor = self.actors[actor.part_of]
            seen.add(actor.id)
        return actor

    def identity(self, actor_id: str) -> Actor:
        """Whose claim it is, at the level a reply names ("klaim Rusia", "Seoul's claim"): a
        person is themself; an office, ministry or agency is the state it speaks for."""
        actor = self.actors[actor_id]
        return actor if actor.kind == "person" else self.root(actor_id)

    def speaker(self, actor_id: str) -> Actor:
        """Who "the same speaker" is: every person and body speaks as itself (Kemlu's
        answer is Kemlu's, not Indonesia's), so that one body denying what another said is
        a denial, never the state reversing itself. A person who is part of a body, not of
        a state (the Kremlin's spokesman), speaks for that body. (An embassy is found as
        its state: the name it is written with, "Kedubes China", holds no body of its own.)"""
        actor = self.actors[actor_id]
        body = self.actors.get(actor.part_of or "")
        if actor.kind == "person" and body is not None and body.kind == "agency":
            return body
        return actor

    def names(self, actor_id: str) -> list[tuple[str, ...]]:
        """Every name the actor is written with, as folded words ("indonesia", "health",
        "ministry"): what a shorter wording of it ("the Health Ministry") is a run of."""
        if self._names is None:
            grouped: dict[str, list[tuple[str, ...]]] = {}
            for entries in self._by_first.values():
                for alias in entries:
                    words = tuple(match_key(w) for w in alias.words)
                    grouped.setdefault(alias.actor_id, []).append(words)
            self._names = grouped
        return self._names.get(actor_id, [])

    def state(self, actor_id: str) -> str:
        """The id of the state or organisation an actor speaks for; unknown ids (speakers
        kept as written) are their own state."""
        return self.root(actor_id).id if actor_id in self.actors else actor_id

    def members(self, state_id: str) -> list[str]:
        """Every actor whose state is ``state_id``, itself first: whose claims "klaim
        Rusia" may answer (the Kremlin's, Lavrov's, the defence ministry's)."""
        if self._members is None:
            grouped: dict[str, list[str]] = {}
            for actor_id in self.actors:
                grouped.setdefault(self.root(actor_id).id, []).append(actor_id)
            self._members = grouped
        found = self._members.get(state_id, [])
        return [state_id, *(a for a in found if a != state_id)]

    # -- finding mentions -------------------------------------------------------
    def _match_at(self, toks: Sequence[Word], keys: Sequence[str], i: int) -> _Alias | None:
        folded = self._by_first.get(keys[i])
        exact = self._by_first.get(toks[i].text) if toks[i].text != keys[i] else None
        if folded and exact:
            candidates = sorted(folded + exact, key=lambda a: -len(a.words))
        else:  # each list is sorted longest first already
            candidates = folded or exact or []
        for alias in candidates:
            n = len(alias.words)
            if i + n > len(toks):
                continue
            if alias.case_sensitive:
                ok = tuple(t.text for t in toks[i : i + n]) == alias.words
            else:
                ok = tuple(keys[i : i + n]) == alias.words
            if ok:
                return alias
        return None

    def _inside_longer_name(self, toks: Sequence[Word], keys: Sequence[str], after: int) -> bool:
        """A capitalised word right after an alias, not itself a name we know nor a rank
        that opens a person's name ("Kabid Humas Polda Sukamaju Kombes Agus")."""
        if after >= len(toks) or not toks[after].text[:1].isupper():
            return False
        if toks[after].start - toks[after - 1].end > 1:
            return False  # punctuation between: "Seoul, Tokyo"
        if keys[after] in RANKS:
            return False
        return self._match_at(toks, keys, after) is None

    def _ends_longer_name(self, toks: Sequence[Word], keys: Sequence[str], i: int) -> bool:
        """A one-word name of a person ending another person's name: "Jenderal Listyo Sigit
        Prabowo" is not Prabowo Subianto. Two capitalised words right before it, neither a
        title nor a name we know nor the sentence's first word ("Kabinet Jokowi" and
        "Ucapan Peskov" are Jokowi's and Peskov's)."""
        run = 0
        j = i
        while j > 1 and run < 2:
            before = toks[j - 1]
            if not before.text[:1].isupper() or toks[j].start - before.end > 1:
                return False
            if keys[j - 1] in TITLES or keys[j - 1] in self._by_first:
                return False
            run += 1
            j -= 1
        return run >= 2

    def _fuzzy_at(self, toks: Sequence[Word], keys: Sequence[str], i: int) -> str | None:
        word = toks[i].text
        if len(word) < FUZZY_MIN_LEN or not word[0].isupper() or not self._fuzzy_choices:
            return None
        key = keys[i]
        if key not in self._fuzzy_seen:
            if len(self._fuzzy_seen) >= FUZZY_CACHE:
                self._fuzzy_seen.clear()
            hit = process.extractOne(
                key, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            target = None
            if hit is not None and hit[0][0] == key[0]:
                target = self._fuzzy_target[hit[0]]
            self._fuzzy_seen[key] = target
        return self._fuzzy_seen[key]

    def mentions(self, toks: Sequence[Word], keys: Sequence[str] | None = None) -> list[Mention]:
        """Actor names among the words (``keys``: their :func:`match_key`, if at hand)."""
        if keys is None:
            keys = [match_key(t.text) for t in toks]
        title_case = sum(t.text[:1].isupper() for t in toks) * 2 > len(toks)
        out: list[Mention] = []
        heads = self._by_first
        i = 0
        while i < len(toks):
            text = toks[i].text
            if keys[i] not in heads and text not in heads:  # most words: no name starts here
                if len(text) >= FUZZY_MIN_LEN and text[0].isupper():
                    fuzzy = self._fuzzy_at(toks, keys, i)
                    if fuzzy:
                        out.append(Mention(self.actors[fuzzy], i, i + 1))
                i += 1
                continue
            alias = self._match_at(toks, keys, i)
            if alias:
                n = len(alias.words)
                kind = self.actors[alias.actor_id].kind
                if (
                    (not title_case and self._inside_longer_name(toks, keys, i + n))
                    or (kind == "country" and _ends_a_firm(toks, keys, i))
                    or (kind == "person" and n == 1 and self._ends_longer_name(toks, keys, i))
                ):
                    # "Indonesia Corruption Watch", "Washington Post": another name.
                    i += n
                    continue
                out.append(Mention(self.actors[alias.actor_id], i, i + n))
                i += n
                continue
            fuzzy = self._fuzzy_at(toks, keys, i)
            if fuzzy:
                out.append(Mention(self.actors[fuzzy], i, i + 1))
            i += 1
        return out

    def find(self, text: str) -> list[Actor]:
        """Distinct actors mentioned in ``text``, in order of first mention."""
        toks = [Word(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]
        seen: dict[str, Actor] = {}
        for mention in self.mentions(toks):
            seen.setdefault(mention.actor.id, mention.actor)
        return list(seen.values())

    def lookup(self, query: str) -> Actor | None:
        """Best actor for a topic typed by a user ("korut", "Pyongyan")."""
        found = self.find(query)
        if found:
            return found[0]
        key = fold(query.strip())
        if key in self._by_name:
            return self.actors[self._by_name[key]]
        hit = process.extractOne(
            key, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF - 8
        )
        return self.actors[self._fuzzy_target[hit[0]]] if hit else None


# Words that open the name of a firm or an institution: "PT Nutrisi Prima Indonesia" and
# "Universitas Indonesia" are not Indonesia.
FIRM_MARKERS = frozenset(
    "pt cv perum yayasan universitas institut koperasi university institute".split()
)
# ... nor a union or an association ("Serikat Buruh Maju Indonesia", "Asosiasi Pedagang
# Indonesia"): such a name still says what country its news is about, but it is not the
# state speaking (see ends_an_organisation).
UNION_MARKERS = frozenset(
    """
    konfederasi federasi serikat asosiasi ikatan persatuan perhimpunan himpunan gabungan
    """.split()
)
FIRM_NAME_WORDS = 6


def _ends_a_firm(
    toks: Sequence[Word], keys: Sequence[str], i: int, markers: frozenset[str] = FIRM_MARKERS
) -> bool:
    """Whether the name at ``i`` ends a run of capitalised words that a marker opens."""
    j = i
    while j > 0 and i - j < FIRM_NAME_WORDS:
        if toks[j].start - toks[j - 1].end > 1 or not toks[j - 1].text[:1].isupper():
            return False
        j -= 1
        if keys[j] in markers:
            return True
    return False


def ends_an_organisation(toks: Sequence[Word], i: int) -> bool:
    """Whether the country named at word ``i`` ends the name of a union or an association
    ("Konfederasi Serikat Buruh Indonesia"): as a speaker, that body, not the state."""
    keys = [match_key(t.text) for t in toks[max(0, i - FIRM_NAME_WORDS) : i + 1]]
    offset = max(0, i - FIRM_NAME_WORDS)
    return _ends_a_firm(toks[offset : i + 1], keys, i - offset, UNION_MARKERS)


def gazetteer_from_file(path: Path | None = None) -> Gazetteer:
    data = load_seed("actors.toml") if path is None else load_seed(path.name, path.parent)
    actors: list[Actor] = []
    aliases: list[tuple[str, str]] = []
    for entry in data.get("actor", []):
        actor = Actor(
            id=entry["id"],
            name=entry["name"],
            name_en=entry.get("name_en", entry["name"]),
            kind=entry.get("kind", "organisation"),
            part_of=entry.get("part_of"),
        )
        actors.append(actor)
        for alias in {actor.name, actor.name_en, *entry.get("aliases", [])}:
            aliases.append((actor.id, alias))
    return Gazetteer(actors, aliases)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return gazetteer_from_file()
