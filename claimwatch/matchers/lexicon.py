"""Loading the lexicons shipped in seeds/ and matching their phrases in word lists.

Lexicons are data (TOML) so that a newsroom can extend them without touching code; this
module turns them into look-up structures once per process.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimwatch.matchers.text import WORD_RE, fold

CLITICS = ("nya", "lah", "kah", "pun")


def _seed_path(name: str) -> Path:
    return Path(str(resources.files("claimwatch.seeds").joinpath(name)))


def load_seed(name: str, override_dir: Path | None = None) -> dict[str, Any]:
    """Read a TOML seed file; a file of the same name in ``override_dir`` wins."""
    path = override_dir / name if override_dir and (override_dir / name).exists() else None
    with (path or _seed_path(name)).open("rb") as handle:
        return tomllib.load(handle)


def seed_text(name: str) -> str:
    return _seed_path(name).read_text(encoding="utf-8")


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as folded words, split the way the text tokenizer splits."""
    return tuple(fold(m.group()) for m in WORD_RE.finditer(phrase))


@dataclass(slots=True)
class PhraseIndex:
    """Finds lexicon phrases in a folded word list; longest match first."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    clitics: bool = False

    def add(self, phrases: Iterable[str], label: str) -> None:
        for phrase in phrases:
            seq = phrase_words(phrase)
            if not seq:
                continue
            self.by_first.setdefault(seq[0], []).append((seq, label))
            if self.clitics and any(w.endswith("'s") for w in seq):
                # The reader keys words without an English "'s" ("it's true" is read as
                # "it true"): a contracted phrase is found both ways.
                bare = tuple(w[:-2] if w.endswith("'s") else w for w in seq)
                self.by_first.setdefault(bare[0], []).append((bare, label))
        for entries in self.by_first.values():
            entries.sort(key=lambda item: -len(item[0]))

    def _first_key(self, word: str) -> str | None:
        if word in self.by_first:
            return word
        if self.clitics:
            for clitic in CLITICS:
                if word.endswith(clitic) and word[: -len(clitic)] in self.by_first:
                    return word[: -len(clitic)]
        return None

    def match_at(self, folded: Sequence[str], i: int) -> tuple[int, str] | None:
        """Length and label of the longest phrase starting at word ``i``, if any."""
        key = self._first_key(folded[i])
        if key is None:
            return None
        for seq, label in self.by_first[key]:
            n = len(seq)
            if n == 1:
                return 1, label
            tail = folded[i + 1 : i + n]
            if len(tail) == n - 1 and all(
                w == s or (self.clitics and w.startswith(s) and w[len(s) :] in CLITICS)
                for w, s in zip(tail, seq[1:], strict=True)
            ):
                return n, label
        return None

    def find(self, folded: Sequence[str]) -> list[tuple[int, int, str]]:
        """All non-overlapping matches as (start, end, label), left to right."""
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(folded):
            hit = self.match_at(folded, i)
            if hit:
                out.append((i, i + hit[0], hit[1]))
                i += hit[0]
            else:
                i += 1
        return out


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    """Both languages' stance lexicons merged: news mixes them ("hoax", "no comment")."""

    cues: PhraseIndex
    claim_nouns: frozenset[str]
    rumour_nouns: frozenset[str]
    speech_verbs: PhraseIndex
    post_verbs: frozenset[str]
    according: PhraseIndex
    negation: PhraseIndex
    conditional: PhraseIndex
    non_claim: frozenset[str]
    answer_only: frozenset[str]  # denial verbs that never mean "refuse"
    pronouns: PhraseIndex
    contrast: frozenset[str]
    concessive: frozenset[str]
    subordinate: frozenset[str]
    hedges: PhraseIndex
    function_words: frozenset[str]


def _words_of(values: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(phrase_words(v)) for v in values)


@lru_cache(maxsize=1)
def stance_lexicon() -> StanceLexicon:
    cues = PhraseIndex(clitics=True)
    speech = PhraseIndex(clitics=True)
    according = PhraseIndex()
    negation = PhraseIndex()
    conditional = PhraseIndex()
    pronouns = PhraseIndex()
    hedges = PhraseIndex(clitics=True)
    sets: dict[str, set[str]] = {
        k: set()
        for k in (
            "claims",
            "rumours",
            "post",
            "non_claim",
            "answer_only",
            "contrast",
            "concessive",
            "subordinate",
        )
    }
    function_words: set[str] = set()
    for lang in ("id", "en"):
        lex = load_seed(f"stance_{lang}.toml")
        # Order matters only for identical phrases; no-comment first so it wins over parts.
        cues.add(lex["no_comment"]["phrases"], "no_comment")
        cues.add(lex["unconfirmed"]["phrases"], "unconfirmed")
        cues.add(lex["deny"]["verbs"], "deny")
        cues.add(lex["deny"]["nouns"], "deny_noun")
        cues.add(lex["deny"]["anaphoric"], "deny_anaphoric")
        cues.add(lex["deny"]["phrases"], "deny_phrase")
        cues.add(lex["deny"]["object_verbs"], "deny_object")
        cues.add(lex["confirm"]["verbs"], "confirm")
        cues.add(lex["confirm"]["phrases"], "confirm_phrase")
        cues.add(lex["retract"]["verbs"], "retract")
        cues.add(lex["retract"]["object_verbs"], "retract_object")
        cues.add(lex["retract"]["phrases"], "retract")
        cues.add(lex.get("turn", {}).get("phrases", []), "turn")  # a past denial narrated
        speech.add(lex["speech"]["verbs"], "speech")
        according.add(lex["speech"]["according"], "according")
        negation.add(lex["negation"]["words"], "neg")
        conditional.add(lex["conditional"]["words"], "cond")
        pronouns.add(lex["reference"]["pronouns"], "pronoun")
        hedges.add(lex["hedge"]["words"], "hedge")
        sets["claims"].update(lex["claims"]["nouns"])
        sets["rumours"].update(lex["claims"]["rumours"])
        sets["post"].update(lex["speech"]["post"])
        sets["non_claim"].update(lex["non_claim"]["objects"])
        sets["answer_only"].update(lex["deny"].get("answer_only", []))
        sets["contrast"].update(lex["reference"]["contrast"])
        sets["concessive"].update(lex["reference"]["concessive"])
        sets["subordinate"].update(lex["reference"]["subordinate"])
        # Words that carry stance or attribution, not content: single-word entries only
        # (a phrase like "the ship" or "did not happen" holds content words).
        for name, table in lex.items():
            if name == "non_claim":
                continue
            for values in table.values():
                function_words.update(fold(v) for v in values if len(phrase_words(v)) == 1)
    return StanceLexicon(
        cues=cues,
        claim_nouns=_words_of(sets["claims"]),
        rumour_nouns=_words_of(sets["rumours"]),
        speech_verbs=speech,
        post_verbs=_words_of(sets["post"]),
        according=according,
        negation=negation,
        conditional=conditional,
        non_claim=_words_of(sets["non_claim"]),
        answer_only=_words_of(sets["answer_only"]),
        pronouns=pronouns,
        contrast=_words_of(sets["contrast"]),
        concessive=_words_of(sets["concessive"]),
        subordinate=_words_of(sets["subordinate"]),
        hedges=hedges,
        function_words=frozenset(function_words),
    )


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = load_seed("stopwords.toml")
    return frozenset(fold(w) for text in data.values() for w in text.split())


@lru_cache(maxsize=1)
def concepts() -> dict[str, str]:
    """Folded word -> concept id; multi-word entries are joined with a space."""
    out: dict[str, str] = {}
    for concept, entries in load_seed("concepts.toml").items():
        for entry in entries:
            out.setdefault(" ".join(phrase_words(entry)), concept)
    return out
