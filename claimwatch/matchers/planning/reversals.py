"""Turns told in one article: an admission after a denial told as made before, a
speaker's earlier stand, the same body under another wording."""

from collections.abc import Sequence

from claimwatch.matchers.decide import (
    FlagKind,
    Relation,
)
from claimwatch.matchers.keys import key_tokens, substantive
from claimwatch.matchers.lexicon import stance_lexicon
from claimwatch.matchers.model import Stance, Statement, who_of
from claimwatch.matchers.planning.answerers import same_wording
from claimwatch.matchers.planning.plan import StatementOut
from claimwatch.matchers.text import fold, words
from claimwatch.matchers.turns import (
    opens_with_name_of,
    same_body,
    tells_denial_before,
)

_Pending = dict[tuple[FlagKind, int], list[tuple[StatementOut, float, str | None]]]


def turned_not_confirmed(pending: _Pending) -> _Pending:
    """An article that tells a speaker's turn on a claim ("Sukamaju admits ...", then "Sukamaju Ltd
    acknowledged ..., days after denying") raises the reversal, not also a confirmation by
    the same speaker under a shorter name (a headline's, a role's)."""
    pending = _admitted_after_denying(pending)
    out: _Pending = {}
    admissions = [
        t[0].statement
        for (kind, _claim), raising in pending.items()
        if kind is FlagKind.REVERSAL
        for t in raising
        if t[0].statement.stance is Stance.CONFIRM
    ]
    for (kind, claim_id), raising in pending.items():
        turned = pending.get((FlagKind.REVERSAL, claim_id), [])
        kept = raising
        if kind is FlagKind.CONFIRMATION and turned:
            kept = [
                item
                for item in raising
                if not any(same_speaker_of(item[0].statement, t[0].statement) for t in turned)
            ]
        if kind is FlagKind.CONFIRMATION and admissions:
            # "Operator admits overloading" over "The operator ... admitted that the vessel
            # was overloaded, reversing its earlier denial": one admission, the headline's
            # matched to another claim; the turn is what it says.
            kept = [item for item in kept if not _told_as_turn(item[0].statement, admissions)]
        if kept:
            out[(kind, claim_id)] = kept
    return out


def _admitted_after_denying(pending: _Pending) -> _Pending:
    """One article with a speaker's admission of a claim and its denial of it told as made
    before ("X admitted P. Last week X had denied it", "X mengakui P. Sebelumnya, X
    membantah"): a reversal by the admission, not a confirmation and a denial."""
    out = dict(pending)
    for (kind, claim_id), raising in pending.items():
        if kind is not FlagKind.CONFIRMATION:
            continue
        denials = [
            d
            for d in pending.get((FlagKind.DENIAL, claim_id), [])
            if tells_denial_before(d[0].statement.text, d[0].statement.lang)
        ]
        turning = [
            c
            for c in raising
            if any(same_speaker_of(c[0].statement, d[0].statement) for d in denials)
        ]
        if not turning:
            continue
        out[(FlagKind.REVERSAL, claim_id)] = out.get((FlagKind.REVERSAL, claim_id), []) + turning
        kept = [c for c in raising if c not in turning]
        left = [
            d
            for d in out.get((FlagKind.DENIAL, claim_id), [])
            if not any(same_speaker_of(d[0].statement, c[0].statement) for c in turning)
        ]
        for key, items in (((kind, claim_id), kept), ((FlagKind.DENIAL, claim_id), left)):
            if items:
                out[key] = items
            else:
                out.pop(key, None)
    for (kind, claim_id), raising in list(out.items()):
        turned = out.get((FlagKind.REVERSAL, claim_id), [])
        if kind is not FlagKind.DENIAL or not turned:
            continue
        # The denial told as earlier beside the turn it was turned from: the turn says it.
        left = [
            d
            for d in raising
            if not (
                tells_denial_before(d[0].statement.text, d[0].statement.lang)
                and any(same_speaker_of(d[0].statement, t[0].statement) for t in turned)
            )
        ]
        if left:
            out[(kind, claim_id)] = left
        else:
            out.pop((kind, claim_id))
    return out


def _told_as_turn(st: Statement, admissions: Sequence[Statement]) -> bool:
    """Whether a confirmation says again what a same speaker's admission in this article,
    raised as a turn, says: two of its words are that sentence's."""
    mine = set(substantive(key_tokens(st.content, st.lang)))
    return any(
        same_speaker_of(st, other)
        and len(mine & set(substantive(key_tokens(other.text, other.lang)))) >= 2
        for other in admissions
        if other.position != st.position
    )


def same_speaker_of(a: Statement, b: Statement) -> bool:
    """Same identity, same wording, or one wording's words all within the other's
    ("Ferry operator" / "operator of the ... ferry")."""
    if who_of(a) is not None and who_of(a) == who_of(b):
        return True
    if same_wording(a.speaker_phrase, b.speaker_phrase):
        return True
    left = {fold(w.text) for w in words(a.speaker or "")}
    right = {fold(w.text) for w in words(b.speaker or "")}
    return bool(left and right) and (left <= right or right <= left)


# The relations of an earlier stand an explicit answer turns from.
_TURNS_FROM = {
    Stance.CONFIRM: frozenset({Relation.DENIES.value, Relation.RETRACTS.value}),
    Stance.DENY: frozenset({Relation.NEW.value, Relation.RESTATES.value, Relation.CONFIRMS.value}),
    Stance.RETRACT: frozenset({Relation.NEW.value, Relation.RESTATES.value}),
}


def turned_from(st: Statement, earlier: Sequence[tuple[str, str, str | None]]) -> str | None:
    """The earlier speaker on a claim this answer's speaker speaks for under another wording
    ("Manajemen Persebaya" denied, "Manajer Persebaya Rudi Santosa" now confirms), where
    that stand was the opposite: the same body turning, not a new answerer."""
    relations = _TURNS_FROM.get(st.stance)
    if not relations:
        return None
    for other, relation, phrase in reversed(earlier):
        if relation in relations and same_body(st.speaker_phrase, phrase):
            return other
    return None


def headline_denier(
    st: Statement, earlier: Sequence[tuple[str, str, str | None]]
) -> tuple[str, str] | None:
    """A speakerless confirmation opening with the name of one who denied the claim before
    ("Halvorsen recalls 4,000 vans, admits brakes can fail"): that denier, now admitting."""
    if st.speaker is not None:
        return None
    for other, relation, phrase in reversed(earlier):
        if relation == Relation.DENIES.value and phrase and opens_with_name_of(st.text, phrase):
            return other, phrase
    return None


def names_a_report(text: str) -> bool:
    """Whether a sentence names what it answers as a report ("membenarkan kabar", "confirmed
    reports that"): a confirmation of that stores the report's content as the claim."""
    nouns = stance_lexicon().claim_nouns
    return any(fold(w.text) in nouns for w in words(text))
