"""The matchers' vocabulary: stances and the attributed statement."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from claimwatch.matchers.figures import Figure
from claimwatch.matchers.text import fold


class Stance(StrEnum):
    ASSERT = "assert"
    DENY = "deny"
    CONFIRM = "confirm"
    UNCONFIRMED = "unconfirmed"
    RETRACT = "retract"
    # Takes no position: no comment, "did not deny", hypotheticals.
    NONE = "none"


@dataclass(slots=True)
class Statement:
    """One attributed clause of an article."""

    position: int
    text: str  # the sentence as written
    content: str  # the proposition: attribution and stance words left out
    lang: str
    stance: Stance
    speaker: str | None = None  # display name: the actor's, or the phrase as written
    speaker_actor: str | None = None  # actor id of the speaker's identity
    speaker_phrase: str | None = None  # the speaker as written ("Indonesia's trade minister")
    hedged: bool = False  # "reportedly", "allegedly": reported without vouching
    actors: list[str] = field(default_factory=list)  # actor ids the content is about
    figures: list[Figure] = field(default_factory=list)
    target_actors: list[str] = field(default_factory=list)  # whose claim is answered
    target_rumour: bool = False  # answers an unattributed rumour or report
    refers_back: bool = False  # answers "the claim" without restating it
    background: bool = False  # in a concessive clause ("meskipun ada penolakan ...")


# Stances that answer a claim made by someone else.
ANSWERING = frozenset({Stance.DENY, Stance.CONFIRM, Stance.RETRACT, Stance.UNCONFIRMED})


def who_of(st: Statement) -> str | None:
    """The identity used for "same speaker": the actor, else the speaker's name."""
    if st.speaker_actor:
        return st.speaker_actor
    return fold(st.speaker) if st.speaker else None
