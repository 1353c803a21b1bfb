"""Whether a text says something or its negation, and whom a denied claim is about."""

from __future__ import annotations

import re
from collections.abc import Sequence

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


# Words that open a relative or adverbial phrase: content starting here is what surrounds
# the answer ("false news that spread online", "penolakan itu lewat putusan yang ..."), not what
# it answers.
_NOT_A_PROPOSITION_START = frozenset(
    "yang which who whom whose where".split()
    # how the report spread ("a hoax that went viral", "circulated on WhatsApp")
    + "went circulated circulating spread spreading surfaced emerged beredar viral".split()
)
# Place, time or manner: not the proposition, unless "that" opens it ("denied that in
# 2019 the firm paid", "membantah bahwa pada 2019 ...").
_ADVERBIAL_START = frozenset("at in on by during lewat melalui pada di saat ketika".split())
# The answer's object rather than a proposition: "confirmed the count late Monday",
# "contested that count and gave ...".
_OBJECT_NOUNS = frozenset("figure figures number numbers toll tally count angka jumlah".split())
_DETERMINERS = frozenset("the a an that this these those its their itu ini tersebut".split())
# A quote of several sentences read as one: a stance word after a full stop answers
# something else ("... came to our notice. The allegation that P is untrue").
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s*[A-Z]")
_COMPLEMENTISERS = frozenset({"that", "bahwa", "bahwasanya"})
_LEADS = frozenset(
    "that bahwa bahwasanya saying claiming alleging suggesting menyebut menyebutkan".split()
)
_ANSWER_LABELS = frozenset({"deny", "deny_noun", "deny_phrase", "deny_object", "confirm"})


def states_what_it_answers(text: str, content: str) -> bool:
    """Whether a denial's or confirmation's content is the proposition it answers, so it can
    be stored as a claim of its own.

    Not so when a stance word sits inside the content ("I confirm the circulating post is
    fake": the content is the speaker's own sentence), when the content opens with a
    relative or adverbial word ("denied the report at a briefing"), or when a comma ends the
    answer's object before the content ("dismissed the report, voicing worry that P": P is
    the speaker's own point) unless a claim noun and "that" lead into it ("isu bahwa P").
    """
    toks = words(text)
    folded = [fold(w.text) for w in toks]
    wanted = [fold(w.text) for w in words(content)]
    if not wanted:
        return False
    at = _aligned(folded, wanted)
    if at is None:
        return True  # not read from this text: nothing to judge
    first, last = at[0], at[-1]
    lex = stance_lexicon()
    cues = [(s, e) for s, e, label in lex.cues.find(folded) if label in _ANSWER_LABELS]
    if _led_in(folded, first, lex.claim_nouns, [s for s, _e in cues]):
        return True  # "reports saying it rejected P": the report's own words may deny
    if any(
        first < s and e <= last and not _SENTENCE_END.search(text[toks[first].end : toks[s].start])
        for s, e in cues
    ):
        return False
    if wanted[0] in _NOT_A_PROPOSITION_START:
        return False
    if wanted[0] in _ADVERBIAL_START and not (first and folded[first - 1] in _COMPLEMENTISERS):
        return False
    head = next((w for w in wanted if w not in _DETERMINERS), "")
    if head in lex.claim_nouns or head in _OBJECT_NOUNS:
        return False
    before = [e for s, e in cues if e <= first]
    return not (before and "," in text[toks[max(before) - 1].end : toks[first].start])


def _led_in(
    folded: list[str], first: int, claim_nouns: frozenset[str], cue_starts: list[int]
) -> bool:
    """Whether an answer's object, a claim noun, and "that"/"saying" lead into the content
    ("membantah isu bahwa P", "denied a report saying P")."""
    if first < 2 or folded[first - 1] not in _LEADS:
        return False
    return any(
        folded[k] in claim_nouns and any(s < k for s in cue_starts)
        for k in range(max(0, first - 5), first - 1)
    )


def _aligned(folded: list[str], wanted: list[str]) -> list[int] | None:
    """Where the content's words sit in the text: the latest start from which all of them
    follow in order (the content is a tail of the sentence more often than its head)."""
    for start in reversed([i for i, w in enumerate(folded) if w == wanted[0]]):
        at, i = [start], start + 1
        for w in wanted[1:]:
            while i < len(folded) and folded[i] != w:
                i += 1
            if i == len(folded):
                break
            at.append(i)
            i += 1
        else:
            return at
    return None


# "seeking to confirm", "ingin memastikannya": an intention to check, not a confirmation.
_INTENT_BEFORE = frozenset("to untuk ingin hendak mencoba berusaha".split())
_TRYING = frozenset(
    "try tries trying tried seek seeks seeking sought attempt attempting attempted want wants "
    "wanted hope hoping hoped".split()
)
_CHECKING_HEADS = (
    "confirm",
    "verif",
    "memasti",
    "mengonfirm",
    "mengkonfirm",
    "konfirm",
    "memverif",
)
# "mengonfirmasi ke pelatih apakah ...", "memberi konfirmasi kepada polisi": checking with
# someone, or telling them something the sentence does not say.
_CHECKED_WITH = frozenset({"ke", "kepada", "dengan"})
_KONFIRMASI = ("konfirmasi", "mengonfirmasi", "mengkonfirmasi")


def checks_rather_than_confirms(folded: Sequence[str], start: int, end: int) -> bool:
    """Whether a confirmation word at ``folded[start:end]`` only checks or means to check:
    "untuk memastikan", "trying to confirm", "mengonfirmasi ke X" with no "bahwa" after."""
    head = folded[start]
    before = folded[start - 1] if start > 0 else ""
    if before in _INTENT_BEFORE and head.startswith(_CHECKING_HEADS):
        # "the first to confirm that P", "able to confirm that P" confirm; "trying to
        # confirm that P" still only means to.
        says_that = before == "to" and "that" in folded[end : end + 3]
        tried = start > 1 and folded[start - 2] in _TRYING
        if not says_that or tried:
            return True
    return (
        head.startswith(_KONFIRMASI)
        and end < len(folded)
        and folded[end] in _CHECKED_WITH
        and "bahwa" not in folded[end : end + 8]
    )


# Verbs and particles of wishing: "she hoped the bridge would reopen", "kami berharap pasar
# dibuka lagi", "semoga jembatan segera dibuka". A wish states no fact: nothing contradicts it.
_WISHING = frozenset(
    "hope hopes hoped hoping wish wishes wished wishing berharap harap mengharapkan "
    "diharapkan semoga mudah-mudahan moga-moga".split()
)
_WISH_WITHIN = 3  # words from the content's start (or before it) to the wish


def voices_a_wish(text: str, content: str) -> bool:
    """Whether what a statement says is a wish: a wishing word among the first words of
    its content, or just before the content in the sentence ("berharap agar P")."""
    said = [fold(w.text) for w in words(content)]
    if any(w in _WISHING for w in said[:_WISH_WITHIN]):
        return True
    folded = [fold(w.text) for w in words(text)]
    if not said:
        return False
    at = _aligned(folded, said)
    if at is None:
        return False
    before = folded[max(0, at[0] - _WISH_WITHIN) : at[0]]
    return any(w in _WISHING for w in before)
