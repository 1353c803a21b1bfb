"""Two versions of one count: "panitia mengklaim 7,5 juta orang" and "polisi: 30 ribu".

Claims and answers are matched on their words; two versions of a count rarely share them
("the organizers put the number at 90,000" against "7,000 people had come, according
to a police estimate"). This pass reads an article's sentences for versions of a count
(figures with who gives them), in order, and flags the earlier version (a claim of this
article or of an earlier one) when a later one by another source gives a figure that
cannot be the same count. It runs after the claims and answers of the article are placed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from claimwatch.matchers.decide import FlagKind, Relation
from claimwatch.matchers.figure_sources import (
    Version,
    figure_versions,
    may_name_source,
    retold,
    revises,
    sample_of,
)
from claimwatch.matchers.figures import (
    UNKNOWN_KIND,
    Figure,
    any_conflict,
    comparable_kinds,
    sentence_figures,
)
from claimwatch.matchers.keys import key_tokens, substantive
from claimwatch.matchers.model import Statement, who_of
from claimwatch.matchers.planning.context import KnownClaim
from claimwatch.matchers.planning.plan import StatementOut, keep_raising
from claimwatch.matchers.speakers import same_speaker_phrase
from claimwatch.matchers.text import fold
from claimwatch.matchers.when import given_first

if TYPE_CHECKING:
    from claimwatch.matchers.planning.state import PlannerState

UNATTRIBUTED = "unattributed"
CORRECTED = "?corrected"  # who gave a version a sentence corrects ("bukan 12 orang")
STORED_TERMS = 6  # rare tokens of a sentence queried to find earlier claims with figures
MIN_SHARED_STORED = 2  # key tokens a sentence shares with an earlier article's claim
# Small counts in one article ("dua anak", "four people died in one town") are mostly parts
# of a larger count in the same story, not versions of it; across articles they are compared.
MIN_COUNT = 10
NEAR_SENTENCES = 3  # versions this close in one article need share no other word


@dataclass(slots=True)
class _Holder:
    """An earlier version of a count: a claim, or a sentence part that becomes one when a
    later version contradicts it."""

    figures: tuple[Figure, ...]
    topic: frozenset[str]
    who: str | None
    source: str | None
    sentence: int  # index of its sentence in the article (-1: an earlier article)
    text: str
    out: StatementOut | None = None  # the statement to make the claim from
    claim_id: int | None = None
    story: frozenset[str] = frozenset()  # the words of its article's headline
    same_story: bool = False  # a claim of an earlier article whose headline tells this story
    article_id: int | None = None  # an earlier article's, for a claim of one
    # Answers waiting for the claim a corrected version becomes (see _settle_corrections).
    answers: list[tuple[StatementOut, str | None]] = field(default_factory=list)
    sums: tuple[Figure, ...] = ()  # an earlier article's sums of money (see _sum_answered)
    lang: str = ""  # a stored claim's language: its sum words are read in it


def flag_figure_conflicts(run: PlannerState, outs: Sequence[StatementOut]) -> None:
    """Flag each earlier version of a count that a later version by another source
    contradicts, once per claim; the flag names whoever gives the later figure. Then drop
    the figure conflicts of the article (of this pass or of a statement restating a claim)
    that only retell a dispute flagged before."""
    _flag_versions(run, outs)
    _drop_retold_disputes(run, outs)


def _flag_versions(run: PlannerState, outs: Sequence[StatementOut]) -> None:
    holders: list[_Holder] = []
    answered: set[tuple[str, str, float]] = set()  # (who, concept, value) that raised a flag
    stored: dict[int, _Holder | None] = {}
    headlines: dict[int, frozenset[str]] = {}
    sentences = _sentences(outs)
    if not sentences:
        return
    lead = sentences[0][0].statement
    story = frozenset(substantive(key_tokens(lead.text, lead.lang)))
    story_claims: list[_Holder] | None = None  # claims of earlier articles of this story
    for index, sentence in enumerate(sentences):
        first = sentence[0].statement
        speaker_out = _speaker_out(sentence)
        if speaker_out is None and not may_name_source(first.text):
            # Nobody gives its figures: neither a version nor an answer to one, but perhaps
            # the earlier version a correction set aside, told in full.
            if any(h.answers for h in holders):
                holders.extend(_told(sentence[0], index, holders))
            continue
        versions = figure_versions(first.text, first.lang)
        if not versions:
            continue
        tokens = key_tokens(first.text, first.lang)
        topic = frozenset(substantive(tokens))
        near_claims: list[_Holder] | None = None  # claims of earlier articles, read once
        created = next(
            (
                o.claim_id
                for o in sentence
                if o.relation == Relation.NEW.value and o.claim_id and o.statement.figures
            ),
            None,
        )  # a claim the reader made of this sentence, if it holds the figure
        for version in versions:
            sums = _sums(version.figures)
            if sums and not version.corrected and not retold(first.text):
                source, who = _source(version, speaker_out)
                if who is not None:
                    if near_claims is None:
                        near_claims = _stored_holders(run, tokens, stored, headlines)
                    own = revises(first.text)
                    target = _sum_answered(
                        version, first.lang, sums, (who, source), near_claims, own
                    )
                    if target is not None:
                        _flag(run, target, speaker_out or sentence[0], source)
            if not _counts(version.figures):
                continue
            if version.corrected:  # said before, by someone the sentence does not name
                if near_claims is None:
                    near_claims = _stored_holders(run, tokens, stored, headlines)
                known = holders + near_claims
                if any(
                    _same_value(f, g) for h in known for f in version.figures for g in h.figures
                ):
                    continue  # the version it corrects is known already
                holders.append(
                    _Holder(
                        _counts(version.figures),
                        topic,
                        CORRECTED,
                        None,
                        index,
                        first.text,
                        speaker_out or sentence[0],
                    )
                )
                continue
            version = Version(version.text, _counts(version.figures), version.source)  # noqa: PLW2901
            source, who = _source(version, speaker_out)
            out = speaker_out or sentence[0]
            mine = _Holder(
                version.figures,
                topic,
                who,
                source,
                index,
                version.text,
                out,
                created if len(versions) == 1 else None,
            )
            if who is not None and not retold(first.text):
                if near_claims is None:
                    near_claims = _stored_holders(run, tokens, stored, headlines)
                _read_stories(run, version, topic | story, near_claims, headlines)
                if story_claims is None:
                    story_claims = _story_holders(run, story, stored, headlines)
                seen = {h.claim_id for h in near_claims}
                earlier = (
                    holders + near_claims + [h for h in story_claims if h.claim_id not in seen]
                )
                # "the agency corrects its count to 17", "17 boats, not 11": its own figure too.
                own = revises(first.text) or any(v.corrected for v in versions)
                target = _contradicted(version, who, source, topic | story, earlier, index, own)
                while target is not None and target.out is None and _disputed(run, target, version):
                    earlier.remove(target)
                    target = _contradicted(version, who, source, topic | story, earlier, index, own)
                said = {(who, f.concept, f.value) for f in version.figures}
                if target is not None and not said <= answered:
                    # One source giving its figure again (headline, then body) answers once.
                    answered.update(said)
                    if target.out is not None and _given_before(run, first.text, target.out):
                        _unflag(run, target.claim_id, out)  # the other way round, by text order
                        _flag(run, mine, target.out, target.source)
                    else:
                        _flag(run, target, out, source)
            holders.append(mine)
    _settle_corrections(run, holders)


def _told(out: StatementOut, index: int, holders: Sequence[_Holder]) -> list[_Holder]:
    """The unattributed versions of a sentence giving a figure that a correction earlier in
    the article set aside."""
    st = out.statement
    corrected = [f for h in holders if h.answers for f in h.figures]
    return [
        _Holder(figures, frozenset(), None, None, index, st.text, out)
        for version in figure_versions(st.text, st.lang)
        if (figures := _counts(version.figures))
        and any(_same_value(f, g) for f in figures for g in corrected)
    ]


def _settle_corrections(run: PlannerState, holders: Sequence[_Holder]) -> None:
    """Flag the corrected versions ("18 orang, bukan 19"). The article often tells the
    earlier version in full further on, with no source of its own or as a retelling
    ("sempat disebutkan ada 19 orang korban", "Earlier, 19 were reported dead"): that
    sentence is then the claim, else the correcting sentence is."""
    for holder in holders:
        if holder.who != CORRECTED or not holder.answers:
            continue
        told = next(
            (
                later
                for later in holders
                if later.sentence > holder.sentence
                and later.out is not None
                and (later.who is None or retold(later.text))
                and any(_same_value(f, g) for f in holder.figures for g in later.figures)
            ),
            None,
        )
        if told is not None and told.out is not None:
            holder.text, holder.out, holder.topic = told.text, told.out, told.topic
        answers, holder.answers = holder.answers, []
        for out, source in answers:
            _flag_now(run, holder, out, source)


def _sentences(outs: Sequence[StatementOut]) -> list[list[StatementOut]]:
    """The article's statements in order, grouped by the sentence they come from."""
    groups: list[list[StatementOut]] = []
    for out in sorted(outs, key=lambda o: o.statement.position):
        if groups and groups[-1][0].statement.text == out.statement.text:
            groups[-1].append(out)
        else:
            groups.append([out])
    return groups


def _speaker_out(sentence: Sequence[StatementOut]) -> StatementOut | None:
    """The clause whose speaker the reader found, preferring one whose content holds a
    figure."""
    spoken = [o for o in sentence if o.statement.speaker]
    with_figures = [o for o in spoken if o.statement.figures]
    found = with_figures or spoken
    return found[0] if found else None


def _source(version: Version, speaker_out: StatementOut | None) -> tuple[str | None, str | None]:
    """Who gives a version's figures: its own source words, else the reader's speaker."""
    if version.source:
        return version.source, fold(version.source)
    if speaker_out is not None:
        st: Statement = speaker_out.statement
        return st.speaker, who_of(st)
    return None, None


def _same_source(who: str, source: str | None, holder: _Holder) -> bool:
    if holder.who is None:
        return False
    if holder.who == who:
        return True
    a, b = fold(source or ""), fold(holder.source or "")
    if a and b and (_initials(a) == b or _initials(b) == a or _acronym_of(a, b)):
        return True  # "SPS" and "Serikat Pekerja Sukamaju (SPS)"
    return bool(a and b) and (
        same_speaker_phrase(a, b) or (a.split()[-1:] == b.split()[-1:] and len(a.split()) == 1)
    )


def _acronym_of(a: str, b: str) -> bool:
    """Whether one name is a single acronym the other gives in brackets or beside it."""
    short, long = sorted((a, b), key=len)
    return " " not in short and len(short) >= 3 and short in _name_parts(long)


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> frozenset[str]:
    """A name's words and bracketed acronyms (cached: asked of every pair of versions)."""
    return frozenset(re.split(r"[\s()]+", name))


@lru_cache(maxsize=4096)
def _initials(name: str) -> str:
    words = [w for w in name.split() if w not in ("of", "for", "and", "the", "dan")]
    return "".join(w[0] for w in words) if len(words) >= 3 else ""


def _contradicted(
    version: Version,
    who: str,
    source: str | None,
    topic: frozenset[str],
    earlier: list[_Holder],
    sentence: int,
    own: bool = False,
) -> _Holder | None:
    """The earlier version this one contradicts: same kind of count, a figure no value of
    which both allow, another source, and a shared topic (or, in this article, a sentence
    close by); the farthest in value, then the closest in words. ``own``: the sentence
    says its source revises its figure, so the source's own earlier claim counts too."""
    best: tuple[float, int, _Holder] | None = None
    kinds = comparable_kinds(version.figures)
    for holder in earlier:
        if holder.who is None:
            continue  # the outlet's own narration makes no claim to contradict
        shared = len(topic & holder.topic)
        needed = MIN_SHARED_STORED if holder.out is None else 1
        if holder.out is None and len(topic & (holder.topic | holder.story)) > MIN_SHARED_STORED:
            needed = 1  # one word of the claim, and the two headlines tell the same story
        if holder.same_story and all(f.status for f in version.figures):
            needed = 0  # "death toll rises to 11" against "four people died" of the story
        near = holder.out is not None and sentence - holder.sentence <= NEAR_SENTENCES
        if near:
            needed = 0  # "Police put the crowd at 6,000. Organisers said 70,000 came."
        if shared < needed:
            continue  # (before the source test: an article of many versions asks it often)
        if not near and not any(f.concept in kinds for f in holder.figures):
            continue  # no count of one kind: no conflict (_known reads bare numbers near only)
        if _same_source(who, source, holder) and not (own and holder.out is None):
            continue
        figures = _known(version.figures, holder.figures, near)
        theirs = _known(holder.figures, version.figures, near)
        if holder.out is not None and holder.who != CORRECTED:  # parts of a larger count
            figures = tuple(f for f in figures if f.value >= MIN_COUNT)
            theirs = tuple(f for f in theirs if f.value >= MIN_COUNT)
        if not any_conflict(figures, theirs):
            continue
        if _reported_before(version, holder, earlier):
            continue
        rank = (_distance(figures, theirs), shared)
        if best is None or rank > best[:2]:
            best = (*rank, holder)
    return best[2] if best else None


def _known(figures: Sequence[Figure], others: Sequence[Figure], near: bool) -> tuple[Figure, ...]:
    """``figures`` with the bare numbers of unknown kind ("\"30 ribu,\" kata Kapolres")
    read as counting what ``others`` count when the two versions stand close by, else left
    out."""
    # Only a figure with its own noun tells a bare one what it counts: two bare numbers
    # ("30 ribu" and then "20 ribu") may count anything.
    kinds = {f.concept for f in others if f.concept != UNKNOWN_KIND and f.unit}
    out: list[Figure] = []
    for figure in figures:
        if figure.concept != UNKNOWN_KIND:
            out.append(figure)
        elif near:
            out.extend(replace(figure, concept=kind) for kind in sorted(kinds))
    return tuple(out)


def _distance(figures: Sequence[Figure], others: Sequence[Figure]) -> float:
    """How far apart the farthest conflicting pair lies (a ratio): a later version answers
    most plainly the version farthest from it ("30 ribu" against "7,5 juta", not "20 ribu")."""
    ratios = [
        max(a.value, b.value) / max(min(a.value, b.value), 1e-9)
        for a in figures
        for b in others
        if any_conflict([a], [b])
    ]
    return max(ratios, default=0.0)


def _sums(figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """The sums of money among ``figures`` (a currency code for a unit), not vague ones."""
    return tuple(f for f in figures if not f.approximate and f.unit.isupper())


def _sum_answered(
    version: Version,
    lang: str,
    sums: Sequence[Figure],
    by: tuple[str, str | None],
    stored: Sequence[_Holder],
    own: bool,
) -> _Holder | None:
    """The earlier article's claim whose sum this version's contradicts. A story holds many
    sums (a fine, a loss, the funds frozen), so the two must name what they sum with the
    same word ("frozen ... RM31 million" and "frozen RM48 million in all"); a source's
    own earlier sum only when the sentence says it revises it ("funds now RM48mil")."""
    who, source = by
    words = _sum_words(version.text, lang)
    for holder in stored:
        if not holder.sums or holder.out is not None or holder.who is None:
            continue
        if _same_source(who, source, holder) and not own:
            continue
        theirs = (
            _sum_words(holder.text, holder.lang)
            if holder.lang
            else _sum_words(holder.text, "id") | _sum_words(holder.text, "en")
        )
        if any_conflict(sums, holder.sums) and words & theirs:
            return holder
    return None


# "RM5", "Rp 5", "USD 5", "US$5", "$5"; not a bare "us 5" ("told us 5 times").
_MONEY = re.compile(r"(?:\b(?:rm|rp|usd)\.?\s?\$?|\bus\$|[$€£])\s?\d", re.IGNORECASE)
SUM_WORDS_BEFORE = 6  # words before an amount that may name what it sums


def _sum_words(text: str, lang: str) -> frozenset[str]:
    """The key tokens of the few words before each sum of money in ``text``."""
    out: set[str] = set()
    for found in _MONEY.finditer(text):
        before = " ".join(text[: found.start()].split()[-SUM_WORDS_BEFORE:])
        out.update(substantive(key_tokens(before, lang)))
    return frozenset(out)


def _counts(figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """The figures this pass compares: counts of things given as a number. Sums of money
    (many in one story: price, fine, loss) and vague amounts ("tens of thousands of jobs")
    are left to statements that restate a claim."""
    return tuple(
        f for f in figures if not f.approximate and not (f.unit.isupper() or f.unit == "%")
    )


def _disputed(run: PlannerState, holder: _Holder, version: Version) -> bool:
    """Whether an earlier article flagged a conflicting figure on this claim already and
    the version gives no figure that dispute had not: a figure from one side, found only by
    its count, restates it, while a new one ("the toll rises to three" against a claim
    once answered with "two") is a new version (a statement that restates the claim itself
    is still decided on its figures)."""
    if holder.claim_id is None:
        return False
    flags = run.context.flags_on_claim(holder.claim_id)
    flags = [f for f in flags if f.kind == FlagKind.FIGURE_CONFLICT.value]
    if not flags:
        return False
    claim = run.claim(holder.claim_id)
    lang = claim.lang if claim is not None else "en"
    given = [g for f in flags for g in _figures_of(f.statement_text, lang, ())]
    contradicting = [f for f in version.figures if any_conflict([f], holder.figures)]
    return all(any(_same_value(f, g) for g in given) for f in contradicting)


def _reported_before(version: Version, holder: _Holder, earlier: list[_Holder]) -> bool:
    """Whether every figure of ``version`` that contradicts ``holder`` was given in an
    earlier article already: a follow-up retelling a dispute that was flagged then."""
    contradicting = [f for f in version.figures if any_conflict([f], holder.figures)]
    stored = [h for h in earlier if h.out is None]
    return bool(stored) and all(
        any(_same_value(f, g) for h in stored for g in h.figures) for f in contradicting
    )


def _same_value(a: Figure, b: Figure) -> bool:
    return a.concept == b.concept and abs(a.value - b.value) <= 0.05 * max(a.value, b.value)


def _stored_holders(
    run: PlannerState,
    tokens: list[str],
    cache: dict[int, _Holder | None],
    headlines: dict[int, frozenset[str]],
) -> list[_Holder]:
    """Claims of earlier articles that share the sentence's rarer words and hold figures,
    or its concepts (what every language words alike: "rudal" and "missile" are one)."""
    if not tokens:
        return []
    near = run.candidate_keys(tokens, terms=STORED_TERMS, pairs=False)
    concepts = [t for t in tokens if t.startswith("c_")]
    if len(concepts) >= MIN_SHARED_STORED:
        found = {cid for cid, _ in near}
        more = run.candidate_keys(concepts, terms=STORED_TERMS, pairs=False)
        near = near + [(cid, score) for cid, score in more if cid not in found]
    missing = [cid for cid, _ in near if cid not in cache]
    for claim in run.context.claims_of(missing):
        cache[claim.id] = _claim_holder(claim, run.article_id)
    for cid in missing:
        cache.setdefault(cid, None)
    return [h for cid, _ in near if (h := cache.get(cid)) is not None]


STORY_SHARED = 3  # words two headlines share to tell one story


def _story_holders(
    run: PlannerState,
    story: frozenset[str],
    cache: dict[int, _Holder | None],
    headlines: dict[int, frozenset[str]],
) -> list[_Holder]:
    """The claims holding counts of the earlier articles whose headline shares
    :data:`STORY_SHARED` words with this article's: a toll or a count of people with a
    status ("four dead", "30 missing") in one story is one count, whatever the sentence's
    other words."""
    if len(story) < STORY_SHARED:
        return []
    near = run.candidate_keys(sorted(story), terms=STORED_TERMS, pairs=False)
    articles = {
        claim.article_id
        for claim in run.context.claims_of([cid for cid, _ in near])
        if claim.article_id != run.article_id
    }
    _read_headlines(run, articles, headlines)
    same = [a for a in sorted(articles) if len(story & headlines[a]) >= STORY_SHARED]
    linked = {a: run.context.claims_of_article(a) for a in same}
    missing = sorted({cid for a in same for cid in linked[a] if cid not in cache})
    for claim in run.context.claims_of(missing):
        cache[claim.id] = _claim_holder(claim, run.article_id)
    out: list[_Holder] = []
    for article_id in same:
        for claim_id in linked[article_id]:
            holder = cache.get(claim_id)
            if holder is not None:
                out.append(
                    replace(holder, story=headlines[article_id], same_story=True, answers=[])
                )
    return out


def _read_stories(
    run: PlannerState,
    version: Version,
    topic: frozenset[str],
    claims: list[_Holder],
    headlines: dict[int, frozenset[str]],
) -> None:
    """Give the earlier articles' claims that share one word with this sentence and
    contradict its figures the headline of their article (read only for those)."""
    wanted: list[tuple[_Holder, int]] = []
    for holder in claims:
        if holder.story or holder.article_id is None or len(topic & holder.topic) != 1:
            continue
        if any_conflict(version.figures, holder.figures):
            wanted.append((holder, holder.article_id))
    _read_headlines(run, [article_id for _h, article_id in wanted], headlines)
    for holder, article_id in wanted:
        holder.story = headlines[article_id]


def _read_headlines(
    run: PlannerState, article_ids: Iterable[int], headlines: dict[int, frozenset[str]]
) -> None:
    """Fill ``headlines`` with the key words of the first sentence (the headline, where it
    has one) of each of these articles not read yet."""
    missing = sorted({a for a in article_ids if a not in headlines})
    if not missing:
        return
    for article_id in missing:
        text, lang = run.context.first_statement(article_id)
        headlines[article_id] = headline_words(text, lang) if text else frozenset()


@lru_cache(maxsize=4096)  # an earlier article's headline is read again by each later one
def headline_words(text: str, lang: str) -> frozenset[str]:
    return frozenset(substantive(key_tokens(text, lang)))


_CLAIMED = re.compile(
    r"\b(?:klaim|mengklaim|diklaim|claims?|claimed|beredar|kabar|viral|rumou?rs?|reportedly|"
    r"dikabarkan|disebut)\b",
    re.IGNORECASE,
)


def _claim_holder(claim: KnownClaim, article_id: int) -> _Holder | None:
    if claim.article_id == article_id:
        return None  # this article's claims are read as its sentences
    read = {Figure.from_json(f) for f in claim.figures}
    read.update(sentence_figures(claim.text, claim.lang))
    figures = set(_counts(list(read)))
    sums = _sums(list(read))
    if not figures and not sums:
        return None
    return _Holder(
        tuple(figures),
        frozenset(substantive(claim.key)),
        # A stored claim nobody is named for that says it is a claim or a report ("Tim
        # Paslon Klaim 300 Surat Suara", "beredar kabar ..."): still a version to answer.
        claim.by_who or (UNATTRIBUTED if _CLAIMED.search(claim.text) else None),
        claim.by_phrase or claim.by_name,
        -1,
        claim.text,
        claim_id=claim.id,
        article_id=claim.article_id,
        sums=sums,
        lang=claim.lang,
    )


def _given_before(run: PlannerState, text: str, earlier: StatementOut) -> bool:
    """Whether a version told in ``text``, below an earlier one of the same article, was
    given on an earlier day by the text's own dating: news often opens on the latest word
    and tells the first version after it, and the version given first is the claim the
    other answers (:func:`claimwatch.matchers.when.given_first`)."""
    return run.day is not None and given_first(text, earlier.statement.text, run.day)


def _unflag(run: PlannerState, claim_id: int | None, out: StatementOut) -> None:
    """Take back the figure conflict ``out`` raised on ``claim_id`` when it was matched:
    the version it gave was the first, so it is the claim, not the answer."""
    key = (FlagKind.FIGURE_CONFLICT, claim_id)
    if claim_id is not None and key in run.pending:
        keep_raising(run.pending, key, [item for item in run.pending[key] if item[0] is not out])


def _flag(run: PlannerState, holder: _Holder, out: StatementOut, source: str | None) -> None:
    if holder.who == CORRECTED and holder.claim_id is None:
        holder.answers.append((out, source))  # flagged once the article is read
        return
    _flag_now(run, holder, out, source)


def _flag_now(run: PlannerState, holder: _Holder, out: StatementOut, source: str | None) -> None:
    if holder.claim_id is None and holder.out is not None:
        holder.claim_id = _claim_of(run, holder, holder.out)
    if holder.claim_id is None:
        return
    run.flag(FlagKind.FIGURE_CONFLICT, holder.claim_id, out, 100.0, by_name=source)


def _claim_of(run: PlannerState, holder: _Holder, out: StatementOut) -> int:
    """The claim an earlier version of a count becomes once contradicted."""
    st = out.statement
    key = key_tokens(holder.text, st.lang) or run.key(st)
    claim_id = run.new_claim(
        out,
        key,
        holder.source or UNATTRIBUTED,
        None if holder.who == CORRECTED else holder.who,
        text=holder.text,
        figures=list(holder.figures),
    )
    if out.claim_id is None:
        run.link(out, claim_id, Relation.NEW, 100.0)
    return claim_id


KNOWN_DISPUTES_DAYS = 120  # how far back flagged disputes are read
KNOWN_DISPUTES_LIMIT = 500  # the newest read, of the article's day or before


def _drop_retold_disputes(run: PlannerState, outs: Sequence[StatementOut]) -> None:
    """A later article that retells both sides of a dispute ("police put the crowd at about
    4,000, while organizers said 30,000") gives no new version: where a figure conflict of
    this article sets against the claim only figures that an earlier figure conflict already
    set against the same figure, in whatever language, it is dropped. A claim that is a
    sample of a count ("a sample of 2,500 rows") is no version of the count; an article
    on an event held again ("Unions rally again") counts the new one, not the earlier one's
    figures; a change told from one value to another ("dari Rp 5.400 ke Rp 5.900") agrees
    with a claim of the difference ("naik Rp 500"); and the outlet's own narration before a
    claim of its article ("Meski sudah naik Rp 300 ...") is background, not an answer."""
    pending = [
        (key, raising) for key, raising in run.pending.items() if key[0] is FlagKind.FIGURE_CONFLICT
    ]
    if not pending:
        return
    first = sorted(outs, key=lambda o: o.statement.position)[:2]
    again = bool(_HELD_AGAIN.search(" ".join(o.statement.text for o in first)))
    disputes: list[tuple[tuple[Figure, ...], tuple[Figure, ...]]] | None = None
    for key, raising in pending:
        claim = run.claim(key[1])
        if claim is None:
            continue
        if sample_of(claim.text) or (again and claim.article_id != run.article_id):
            del run.pending[key]
            continue
        claim_sums = [
            f for f in _figures_of(claim.text, claim.lang, claim.figures) if f.unit.isupper()
        ]
        made_at = run.claim_position.get(claim.id) if claim.article_id == run.article_id else None
        raising = [  # noqa: PLW2901
            item
            for item in raising
            if not _difference_told(item[0].statement.text, claim.lang, claim_sums)
            # The outlet's narration before the claim it "answers" is background to it.
            and not (
                made_at is not None
                and item[0].statement.position < made_at
                and item[0].statement.speaker is None
                and item[2] is None
            )
        ]
        keep_raising(run.pending, key, raising)
        if not raising:
            continue
        theirs = _figures_of(claim.text, claim.lang, claim.figures)
        if disputes is None:
            disputes = _known_disputes(run)
        if not disputes:
            continue
        kept = [
            item
            for item in raising
            if not _retells(_figures_of(item[0].statement.text, claim.lang, ()), theirs, disputes)
        ]
        keep_raising(run.pending, key, kept)


def _figures_of(text: str, lang: str, stored: Sequence[dict[str, object]]) -> tuple[Figure, ...]:
    """A text's counts read in its language and, for grouping written the other way
    ("40,000" in an Indonesian claim), in the other one too."""
    other = "en" if lang == "id" else "id"
    found = {Figure.from_json(dict(f)) for f in stored}
    found.update(sentence_figures(text, lang))
    found.update(f for f in sentence_figures(text, other) if f.value >= 1000)
    return tuple(f for f in found if not f.approximate and f.concept != UNKNOWN_KIND)


def _known_disputes(
    run: PlannerState,
) -> list[tuple[tuple[Figure, ...], tuple[Figure, ...]]]:
    """The two sides (claim figures, answering figures) of the figure conflicts flagged
    by earlier articles of the last months."""
    flags = run.context.flags_of_kind(
        FlagKind.FIGURE_CONFLICT.value,
        since=_days_before(run.published, KNOWN_DISPUTES_DAYS),
        day=run.published[:10],
        limit=KNOWN_DISPUTES_LIMIT,
    )
    claims = {c.id: c for c in run.context.claims_of({f.claim_id for f in flags})}
    out = []
    for flag in flags:
        claim = claims.get(flag.claim_id)
        if claim is None:
            continue
        out.append(
            (
                _figures_of(claim.text, claim.lang, claim.figures),
                _figures_of(flag.statement_text, claim.lang, ()),
            )
        )
    return out


def _retells(
    figures: Sequence[Figure],
    claim_figures: Sequence[Figure],
    disputes: Sequence[tuple[tuple[Figure, ...], tuple[Figure, ...]]],
) -> bool:
    """Whether every figure of a statement that contradicts the claim was set against one
    of the claim's conflicting figures in a known dispute (either way round)."""
    contradicting = [f for f in figures if any_conflict([f], claim_figures)]
    if not contradicting:
        return False
    for figure in contradicting:
        opposed = [c for c in claim_figures if any_conflict([figure], [c])]
        if not any(
            (_in(figure, side_a) and any(_in(c, side_b) for c in opposed))
            or (_in(figure, side_b) and any(_in(c, side_a) for c in opposed))
            for side_a, side_b in disputes
        ):
            return False
    return True


def _in(figure: Figure, among: Sequence[Figure]) -> bool:
    return any(_same_value(figure, other) for other in among)


def _days_before(published: str, days: int) -> str:
    try:
        day = datetime.fromisoformat(published[:10])
    except ValueError:
        return ""
    return (day - timedelta(days=days)).date().isoformat()


# An event held again: its counts are of the new event ("Unions rally again", "for a second
# straight weekend", "kembali menggelar aksi", "demo jilid II").
_HELD_AGAIN = re.compile(
    r"\b(?:rall(?:y|ied|ies)|protest(?:s|ed)?|march(?:ed|es)?|strike|demonstrat\w*)\s+again\b|"
    r"\bfor a (?:second|third|fourth) (?:straight|consecutive) (?:day|weekend|week)\b|"
    r"\bkembali (?:menggelar|berunjuk|turun ke jalan|berdemo)\b|\b(?:aksi|demo) jilid\b",
    re.IGNORECASE,
)
# "dari Rp 5.400 ke Rp 5.900", "from 10,000 rupiah to 12,500 rupiah": a change of a sum.
_FROM_TO = re.compile(
    r"\b(?:dari|from)\s+(?P<a>[^,;]{1,30}?)\s+(?:ke|menjadi|jadi|to)\s+(?P<b>[^,;]{1,30})"
)


def _difference_told(text: str, lang: str, sums: Sequence[Figure]) -> bool:
    """Whether a sentence tells a change between two sums whose difference is one of the
    claim's sums ("naik Rp 500" and "dari Rp 5.400 ke Rp 5.900")."""
    if not sums:
        return False
    for found in _FROM_TO.finditer(text):
        a = [f for f in sentence_figures(found.group("a"), lang) if f.unit.isupper()]
        b = [f for f in sentence_figures(found.group("b"), lang) if f.unit.isupper()]
        for x in a:
            for y in b:
                step = Figure(abs(y.value - x.value), x.unit, x.concept)
                if x.unit == y.unit and any(_same_value(step, s) for s in sums):
                    return True
    return False
