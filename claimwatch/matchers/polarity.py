"""Whether a text says something or its negation, and whom a denied claim is about."""

from __future__ import annotations

from claimwatch.matchers.lexicon import stance_lexicon
from claimwatch.matchers.text import fold, words

# "tidak hanya", "not only", "no longer": a negation word that negates nothing here.
_NOT_NEGATING_BEFORE = frozenset({"hanya", "only", "just", "saja", "lagi", "longer"})
# Negation words that do not turn a statement into its opposite: "pekerja tanpa dokumen",
# "without warning", "refused to comment".
_NOT_POLARITY = frozenset(
    "tanpa without enggan urung jangan neither nor refused declined failed".split()
)
SUBJECT_PRONOUNS = frozenset("mereka pihaknya ia dia beliau kami it they he she we".split())


def negated(text: str) -> bool:
    """True where the text negates what it says ("tanggul tidak jebol", "had not sent")."""
    negation = stance_lexicon().negation
    folded = [fold(w.text) for w in words(text)]
    count = sum(
        1
        for i in range(len(folded))
        if negation.match_at(folded, i)
        and folded[i] not in _NOT_POLARITY
        and not (i + 1 < len(folded) and folded[i + 1] in _NOT_NEGATING_BEFORE)
    )
    return count % 2 == 1


def subject_named(content: str, speaker: str | None) -> str:
    """A denied claim's text with its leading pronoun replaced by the denier's name:
    "mereka memasok senjata" denied by Korea Utara is "Korea Utara memasok senjata"."""
    head, _, rest = content.partition(" ")
    if speaker and rest and fold(head) in SUBJECT_PRONOUNS:
        return f"{speaker} {rest}"
    return content
