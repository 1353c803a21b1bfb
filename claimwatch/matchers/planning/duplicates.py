"""One answer to one event raises one flag: where one answerer both confirms a claim and
contests its figure in one article ("X confirms the sale at 22m" against a claimed 30m
fee), the figure conflict is the news; the confirmation of the same claim is not a second
flag."""

from collections.abc import Iterable

from claimwatch.matchers.coref import name_words
from claimwatch.matchers.decide import FlagKind
from claimwatch.matchers.planning.answerers import Raising, SentenceWords, one_answerer
from claimwatch.matchers.planning.plan import keep_raising

_Pending = dict[tuple[FlagKind, int], list[Raising]]


def _bare(item: Raising) -> bool:
    """An answerer written with no name of its own ("the club", "the ministry", or no one):
    the article's named answerer speaks there."""
    st = item[0].statement
    return not st.speaker_actor and not name_words(item[2] or st.speaker or "")


def figure_over_confirmation(pending: _Pending, sentences: Iterable[SentenceWords]) -> None:
    """Drop a confirmation whose answerer also contests the same claim's figure in this
    article (in ``pending``, in place). A figure told by a bare role ("the club said")
    is the named answerer's: it contests for every confirmer of the claim."""
    for kind, claim_id in list(pending):
        if kind is not FlagKind.CONFIRMATION:
            continue
        figures = pending.get((FlagKind.FIGURE_CONFLICT, claim_id), [])
        if not figures:
            continue
        kept = [
            item
            for item in pending[(kind, claim_id)]
            if not any(_bare(f) or one_answerer(item, f, sentences) for f in figures)
        ]
        keep_raising(pending, (kind, claim_id), kept)
