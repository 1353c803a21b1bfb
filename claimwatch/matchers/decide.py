"""Deciding what a statement does to a claim it matched, and the claim's status.

Pure functions over plain values: the pipeline hands in the statement, the claim's author and
the latest stance of every speaker on it, and gets back the relation to store and the flag
to raise, if any. One statement raises at most one flag per claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from claimwatch.matchers.figures import Figure, any_conflict
from claimwatch.matchers.model import Stance


class Relation(StrEnum):
    NEW = "new"
    RESTATES = "restates"
    DENIES = "denies"
    CONFIRMS = "confirms"
    UNCONFIRMED = "unconfirmed"
    RETRACTS = "retracts"


class FlagKind(StrEnum):
    DENIAL = "denial"
    CONFIRMATION = "confirmation"
    REVERSAL = "reversal"
    FIGURE_CONFLICT = "figure_conflict"


class Status(StrEnum):
    ASSERTED = "asserted"
    DISPUTED = "disputed"
    DENIED = "denied"
    CONFIRMED = "confirmed"


@dataclass(frozen=True, slots=True)
class Decision:
    relation: Relation
    flag: FlagKind | None = None


NEGATIVE = frozenset({Stance.DENY, Stance.RETRACT})
# The position a statement took on the claim it was linked to.
POSITION_OF = {
    Relation.NEW: Stance.ASSERT,
    Relation.RESTATES: Stance.ASSERT,
    Relation.DENIES: Stance.DENY,
    Relation.CONFIRMS: Stance.CONFIRM,
    Relation.RETRACTS: Stance.RETRACT,
}


def positions_from(rows: Iterable[tuple[str, str, str | None]]) -> dict[str, Stance]:
    """Each speaker's latest position from (who, relation, phrase) rows, oldest first."""
    out: dict[str, Stance] = {}
    for who, relation, _phrase in rows:
        stance = POSITION_OF.get(Relation(relation)) if relation else None
        if stance is not None:
            out[who] = stance
    return out


POSITIVE = frozenset({Stance.ASSERT, Stance.CONFIRM})


def decide(
    stance: Stance,
    who: str | None,
    author: str | None,
    positions: Mapping[str, Stance],
    figures: Sequence[Figure] = (),
    claim_figures: Sequence[Figure] = (),
    *,
    figures_restated: bool = False,
    claimed_here: bool = False,
) -> Decision:
    """What ``who`` saying ``stance`` about a claim by ``author`` means.

    ``positions`` holds each speaker's latest stance on the claim so far. A speaker that turns
    against its own earlier position raises a reversal, never also a denial or confirmation;
    one that gives another figure for what it said corrects the figure (figure conflict).
    ``figures_restated``: the statement gives the claim's figures again beside its others
    (no conflict, see :func:`claimwatch.matchers.figures.restates_figures`).
    ``claimed_here``: the author made the claim in the same article as this statement.
    """
    prior = positions.get(who) if who else None
    if who is not None and who == author and prior is None:
        if claimed_here and stance is not Stance.RETRACT:
            # One article rarely has a speaker say a thing and then deny it: the "denial"
            # is the same point made again ("X tak terbukti ... membantah klaim bahwa X"),
            # or a word of another's read as theirs. Only an explicit retraction
            # ("meralat", "I misspoke") turns a speaker against what it just said.
            return _own_word_again(stance, figures, claim_figures, figures_restated)
        prior = Stance.ASSERT
    if stance in NEGATIVE and prior in POSITIVE and any_conflict(figures, claim_figures):
        # A speaker correcting its own figure ("20 kapal, bukan 12 seperti yang kami
        # sampaikan") still holds the claim: a figure conflict, never a reversal.
        return Decision(Relation.RESTATES, FlagKind.FIGURE_CONFLICT)
    if prior is stance and stance in {Stance.DENY, Stance.CONFIRM}:
        # The answer it gave in an earlier article, again or re-reported ("Kemenkes
        # sebelumnya membantah ...", "had earlier denied"): already flagged then.
        return Decision(Relation.DENIES if stance is Stance.DENY else Relation.CONFIRMS)
    if stance in NEGATIVE:
        relation = Relation.RETRACTS if stance is Stance.RETRACT else Relation.DENIES
        # A position to turn from: its own claim, or one it confirmed. Restating another's
        # claim in passing (a sentence the matcher linked) is no stand of its own.
        if prior is Stance.CONFIRM or (prior is Stance.ASSERT and who == author):
            return Decision(relation, FlagKind.REVERSAL)
        return Decision(relation, FlagKind.DENIAL)
    if stance is Stance.CONFIRM:
        if prior in NEGATIVE:
            return Decision(Relation.CONFIRMS, FlagKind.REVERSAL)
        if who is not None and who == author:
            return Decision(Relation.RESTATES)
        return Decision(Relation.CONFIRMS, FlagKind.CONFIRMATION)
    if stance is Stance.UNCONFIRMED:
        return Decision(Relation.UNCONFIRMED)
    if stance is Stance.ASSERT:
        if prior in NEGATIVE:
            return Decision(Relation.RESTATES, FlagKind.REVERSAL)
        if any_conflict(figures, claim_figures) and not figures_restated:
            return Decision(Relation.RESTATES, FlagKind.FIGURE_CONFLICT)
        return Decision(Relation.RESTATES)
    return Decision(Relation.RESTATES)


def _own_word_again(
    stance: Stance,
    figures: Sequence[Figure],
    claim_figures: Sequence[Figure],
    figures_restated: bool,
) -> Decision:
    """A speaker answering the claim it made earlier in the same article, without retracting
    it: a restatement, or a correction of its own figure."""
    if stance is Stance.UNCONFIRMED:
        return Decision(Relation.UNCONFIRMED)
    if any_conflict(figures, claim_figures) and not figures_restated:
        return Decision(Relation.RESTATES, FlagKind.FIGURE_CONFLICT)
    return Decision(Relation.RESTATES)


def status(author: str | None, positions: Mapping[str, Stance]) -> Status:
    """A claim's status from the latest stance of each speaker on it."""
    if author is not None and positions.get(author) in NEGATIVE:
        return Status.DENIED  # withdrawn by whoever made it
    others = {who: s for who, s in positions.items() if who != author}
    if any(s is Stance.CONFIRM for s in others.values()):
        return Status.CONFIRMED
    negative = any(s in NEGATIVE for s in positions.values())
    positive = author is not None or any(s in POSITIVE for s in others.values())
    if negative:
        return Status.DISPUTED if positive else Status.DENIED
    return Status.ASSERTED


def turned_by_cue(decision: Decision, turn_narrated: bool) -> Decision:
    """A confirmation whose own sentence says its speaker denied it before ("admitted ...,
    days after denying it", "akhirnya mengakui"): a reversal, also where that earlier denial
    was not read or was made under another name (see :mod:`claimwatch.matchers.turns`).
    Admitting P against the speaker's own earlier "not P" reads as a denial of that claim:
    a turn as well."""
    if turn_narrated and decision.flag in {FlagKind.CONFIRMATION, FlagKind.DENIAL}:
        return Decision(decision.relation, FlagKind.REVERSAL)
    return decision


def turned_from_own_account(decision: Decision, own_account: bool) -> Decision:
    """A denial whose sentence says what it denies was its speaker's own first account ("no
    shooting took place, as stated in our initial report"): a reversal, also where that
    account was told under the body's name and is now denied by its chief."""
    if own_account and decision.flag is FlagKind.DENIAL:
        return Decision(decision.relation, FlagKind.REVERSAL)
    return decision
