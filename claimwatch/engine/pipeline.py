"""The pipeline: article -> statements -> claims and flags, in one transaction per article.

One async function, :func:`ingest`, serves the CLI, the bot and the feed poller. Statements
that assert are placed first (they create or restate claims); then denials, confirmations
and the rest are matched, so that "Korea Utara menolak pernyataan Seoul" finds the claim
Seoul made two sentences earlier in the same article.
"""

from __future__ import annotations

import asyncio
import bisect
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from claimwatch.engine.articles import prepare_text, published_iso
from claimwatch.engine.figure_pass import flag_figure_conflicts
from claimwatch.engine.matching import find_matches, find_matches_many, score_candidates
from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.coref import TITLES, holder_office, name_words, same_name, wording_of
from claimwatch.matchers.decide import (
    NEGATIVE,
    Decision,
    FlagKind,
    Relation,
    decide,
    positions_from,
    status,
    turned_by_cue,
    turned_from_own_account,
)
from claimwatch.matchers.figure_sources import retold
from claimwatch.matchers.figures import (
    Figure,
    any_conflict,
    restates_figures,
    sentence_figures,
)
from claimwatch.matchers.keys import is_actor, key_tokens, statement_key, substantive
from claimwatch.matchers.lexicon import stance_lexicon
from claimwatch.matchers.model import ANSWERING, Stance, Statement, who_of
from claimwatch.matchers.polarity import (
    negated,
    states_what_it_answers,
    subject_named,
    voices_a_wish,
)
from claimwatch.matchers.reports import (
    Report,
    antecedent,
    embedded_report,
    narrated_report,
    report_telling,
    retells_earlier,
)
from claimwatch.matchers.speakers import same_speaker_phrase
from claimwatch.matchers.statements import StatementReader
from claimwatch.matchers.text import fold, words
from claimwatch.matchers.turns import (
    admits_later,
    calls_figures_wrong,
    denies_own_earlier,
    names_what_it_takes_back,
    narrates_earlier_stand,
    opens_with_name_of,
    same_body,
    says_own_word_wrong,
    shares_a_name,
    takes_back_own_word,
    tells_denial_before,
    turns_from_denial,
    wording_within,
)
from claimwatch.matchers.when import said_on
from claimwatch.storage.api import IN_CHUNK, ClaimRow, Database, FlagRow, NewStatement

UNATTRIBUTED = "unattributed"
# How far back a denial that names no claim looks for the accuser's claims.
RESOLVE_WINDOW = timedelta(days=120)
# Event words a confirmation shares with a disputed claim it restates in other details.
DISPUTED_SHARED = 3
# A claim an answer points back at ("rejected the reports") says something: two words
# ("Budgets are tight", "Gen. Bayu Yulianto said") are a remark or a misread fragment.
POINTED_AT_TOKENS = 3
CONTEXT_TERMS = 6  # rare tokens of a whole sentence queried to find the claim it points at
# Past this many claims made by one article, a key that was not looked up with the
# article's statements is matched against them as the index would (see best_match).
CREATED_SCORED_IN_MEMORY = 200
# The ids of the claims an article makes are provisional until the plan is written: above
# every stored id and in the order they are made, so they sort as the real ones will.
PROVISIONAL = 1 << 40
PREFETCH_CLAIMS = 5  # a statement's best matches read with the article's look-up
# How many named speakers back a short name ("Hadi") looks for its fuller wording: a name
# is given in full a few paragraphs before it is shortened, and a long article stays linear.
NAMED_BACK = 40
# "X denied that the city plans to close the library": with no accuser named, a proposition
# of this many words of what happened is the claim denied.
ACCUSER_FREE = 3
# Words a pointing-back answer's sentence shares with a claim that make it the one meant.
SHARED_WORDS = 2
# "penangkapan tersebut", "kabar itu telah", "the reports": a short phrase with a demonstrative.
POINTING_WORDS = 4
POINTING_NP_WORDS = 12
DEMONSTRATIVES = frozenset("itu tersebut ini the that this those these".split())
# Words of spreading: "informasi yang tersebar tersebut" names no event of its own.
SPREAD_WORDS = "beredar tersebar menyebar viral disebarkan circulating circulated spread viral"


@dataclass(slots=True)
class StatementOut:
    id: int
    statement: Statement
    claim_id: int | None = None
    relation: str | None = None
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        s = self.statement
        return {
            "id": self.id,
            "text": s.text,
            "content": s.content,
            "speaker": s.speaker,
            "stance": s.stance.value,
            "actors": s.actors,
            "figures": [f.to_json() for f in s.figures],
            "claim_id": self.claim_id,
            "relation": self.relation,
        }


@dataclass(slots=True)
class IngestResult:
    article_id: int
    duplicate: bool
    lang: str
    statements: list[StatementOut] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    new_claims: list[int] = field(default_factory=list)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _ArticleRun:
    """Matching state for one article inside its transaction.

    The transaction holds the database's one write lock, so everything that does not change
    while it runs is read once and kept here: the claims it looks at, their positions in
    earlier articles, which claims this article spoke about. Links are written in one batch
    before the statuses are derived. A million-character article (13,000 statements) then
    holds the lock about as long as its reads of the index take, not 25 s.
    """

    def __init__(self, store: Database, article_id: int, published: str, reading: _Reading) -> None:
        self.store = store
        self.article_id = article_id
        self.published = published
        self.flag_ids: list[int] = []
        self.new_claims: list[int] = []
        self.touched: set[int] = set()
        self.claim_position: dict[int, int] = {}  # claim -> position of its first statement
        self.first_mention: dict[int, int] = {}  # claim -> lowest position linked to it
        self.linked: dict[int, StatementOut] = {}  # position -> linked statement
        self.linked_positions: list[int] = []  # the keys of ``linked``, sorted
        self.links: list[tuple[int, int, str, float, str | None]] = []  # not yet written
        self.text = reading.text  # who an answerer is introduced as (see _by_answerer)
        self.statements = reading.statements  # an earlier denial told beside an admission
        self.sentences: _Sentences | None = None  # see sentence_words
        self.keys = reading.keys  # statement position -> its key (computed with the reading)
        # (position, phrase, who) of the article's statements whose speaker is an actor or a
        # name: what a later "Hadi" or "the company" in the same article may refer to.
        self.named = [
            (st.position, st.speaker_phrase, who_of(st))
            for st in reading.statements
            if st.speaker_phrase and (st.speaker_actor or name_words(st.speaker_phrase))
        ]
        self.negated = reading.negated  # statement position -> whether its content negates
        self.stored_matches: dict[tuple[str, ...], list[tuple[int, float]]] = {}
        self.created: list[tuple[int, list[str]]] = []  # (claim id, key) made by this article
        # token -> indexes in ``created`` of the claims holding it: a statement is scored
        # against the article's claims sharing a token, not all of them (12,000 claims).
        self.created_by_token: dict[str, list[int]] = {}
        self.new_rows: list[dict[str, Any]] = []  # the claims to write, by provisional id
        self.ids: dict[int, int] = {}  # provisional id -> stored id, once written
        self.claims: dict[int, ClaimRow] = {}
        self.claim_negated: dict[int, bool] = {}
        # (kind, claim) -> the statements raising it, in order, with their scores and who
        # answers when a statement quotes another source's figure; written at the end, when
        # the one to quote can be chosen (see :meth:`write_flags`).
        self.pending: dict[tuple[FlagKind, int], list[tuple[StatementOut, float, str | None]]] = {}
        self.sentence_keys: dict[tuple[str, str], list[str]] = {}
        self.earlier: dict[int, list[tuple[str, str, str | None]]] = {}
        self.day = _day_of(published)
        # The outlet's own narration (no speaker, asserting): what an answer that points
        # back may answer when nothing stored says it (set by :func:`ingest`).
        self.narration: list[StatementOut] = []
        # Claims this article made from a speaker's narrated earlier stand ("had said").
        self.earlier_stands: set[int] = set()
        # This article's claims from a sentence that narrates a report ("beredar pesan yang
        # menyebutkan P", "Unggahan itu mencantumkan bahwa P"), and those a denial stated in
        # its own words with no accuser ("membantah kabar bahwa P"): see one_rumour_each.
        self.told_as_report: set[int] = set()
        self.denied_as_stated: set[int] = set()
        # (from when, the rows) of the flags other articles raised on answers given since
        # then (:meth:`answers_from`): read once per article.
        self.answered: tuple[str, list[tuple[str, int, str, str, str]]] | None = None

    def key(self, st: Statement) -> list[str]:
        """The statement's key, computed once per article."""
        if st.position not in self.keys:
            self.keys[st.position] = statement_key(st)
        return self.keys[st.position]

    async def claim(self, claim_id: int) -> ClaimRow | None:
        """A stored claim; its row does not change before the statuses at the end."""
        if claim_id not in self.claims:
            found = await self.store.claims.get(claim_id)
            if found is None:
                return None
            self.claims[claim_id] = found
        return self.claims[claim_id]

    def sentence_words(self) -> _Sentences:
        """The article's sentences tokenised for the answerer rules, once per article."""
        if self.sentences is None:
            self.sentences = _Sentences(self.text)
        return self.sentences

    async def claims_of(self, claim_ids: Sequence[int]) -> list[ClaimRow]:
        """:meth:`claim` of many claims, those not read yet in a few round trips."""
        missing = sorted({cid for cid in claim_ids if cid not in self.claims})
        for start in range(0, len(missing), IN_CHUNK):
            for found in await self.store.claims.get_many(missing[start : start + IN_CHUNK]):
                self.claims[found.id] = found
        return [self.claims[cid] for cid in claim_ids if cid in self.claims]

    async def answers_from(self, since: str) -> list[tuple[str, int, str, str]]:
        """(kind, claim id, answerer id, answerer as written) of the flags other articles
        raised on answers given from ``since`` to this article's date. The last
        :data:`RESOLVE_WINDOW` (or from ``since``, where earlier) is read once per article:
        an admission, a retold answer and an answer dated to an earlier day all ask."""
        start = min(since, _shift(self.published, -RESOLVE_WINDOW))
        if self.answered is None or start < self.answered[0]:
            rows = await self.store.claims.answers_since(
                start, published=self.published, exclude_article=self.article_id
            )
            self.answered = (start, rows)
        return [(k, c, who, name) for k, c, who, name, when in self.answered[1] if when >= since]

    async def positions_before(self, claim_id: int) -> list[tuple[str, str, str | None]]:
        """Positions taken on a claim by earlier articles (this one's are not counted)."""
        if claim_id >= PROVISIONAL:
            return []  # made by this article: no earlier one spoke of it
        if claim_id not in self.earlier:
            self.earlier[claim_id] = await self.store.claims.statement_positions(
                claim_id, exclude_article=self.article_id
            )
        return self.earlier[claim_id]

    async def claims_spoken_of(self) -> list[ClaimRow]:
        """Claims this article created or spoke about so far, in the order it did."""
        ordered = sorted(self.first_mention, key=lambda c: (self.first_mention[c], c))
        return await self.claims_of(ordered)

    async def prefetch(self, outs: Sequence[StatementOut]) -> None:
        """Match every statement against the claims stored before this article in one
        round trip; :meth:`best_match` adds the claims the article itself creates, so each
        statement still sees exactly the claims that exist when its turn comes."""
        keys = [self.key(o.statement) for o in outs]
        found = await find_matches_many(self.store, keys)
        self.stored_matches = {tuple(k): f for k, f in zip(keys, found, strict=True)}
        # The best-scoring claims, which best_match reads first, and the positions earlier
        # articles took on them (what apply reads), in one batch each too.
        best = [cid for f in found for cid, _ in f[:PREFETCH_CLAIMS]]
        await self.claims_of(best)
        unread = sorted({cid for cid in best if cid not in self.earlier})
        if unread:
            self.earlier.update(
                await self.store.claims.statement_positions_many(
                    unread, exclude_article=self.article_id
                )
            )

    def said_day(self, st: Statement) -> str | None:
        """The day (ISO) the statement was made, where the text names one before the
        article's own day ("membantah, Selasa (19/11)", "denied on Tuesday")."""
        if self.day is None:
            return None
        day = said_on(st.text, self.day)
        return day.isoformat() if day is not None and day < self.day else None

    def stated_after(self, claim: ClaimRow, position: int) -> bool:
        """Whether the claim is this article's own, first stated after ``position``: what an
        answer points back at was said before it ("denied reports that ..." then the
        company's own quote), so an earlier claim matching as well is preferred."""
        return (
            claim.article_id == self.article_id and self.claim_position.get(claim.id, -1) > position
        )

    def made_by(self, claim: ClaimRow, day: str | None) -> bool:
        """Whether the claim existed on ``day``: an answer made on Tuesday does not answer
        a claim first seen on Wednesday (this article's own claims it narrates together)."""
        return day is None or claim.article_id == self.article_id or claim.first_seen[:10] <= day

    def created_sharing(self, key: Sequence[str]) -> list[tuple[int, list[str]]]:
        """The article's claims sharing a token with ``key``, in the order they were made
        (a claim sharing none cannot score)."""
        found: set[int] = set()
        for token in set(key):
            found.update(self.created_by_token.get(token, ()))
        return [self.created[i] for i in sorted(found)]

    def add_claim(self, row: dict[str, Any]) -> int:
        """A claim this article makes: kept, as it will be stored, under a provisional id
        (see :data:`PROVISIONAL`) until the plan is written."""
        claim_id = PROVISIONAL + len(self.new_rows)
        self.new_rows.append(row)
        key = list(dict.fromkeys(row["key"]))  # as stored: each token once
        self.claims[claim_id] = ClaimRow(
            id=claim_id,
            text=row["text"],
            key=key,
            lang=row["lang"],
            by_name=row["by_name"],
            by_who=row["by_who"],
            actors=list(row["actors"]),
            figures=json.loads(json.dumps(list(row["figures"]), ensure_ascii=False)),
            status="asserted",
            article_id=self.article_id,
            first_seen=self.published,
            updated_at=self.published,
            by_phrase=row["by_phrase"],
        )
        self.new_claims.append(claim_id)
        index = len(self.created)
        self.created.append((claim_id, key))
        for token in key:
            self.created_by_token.setdefault(token, []).append(index)
        return claim_id

    async def best_match(
        self,
        key: list[str],
        before: str | None = None,
        *,
        negates: bool | None = None,
        position: int | None = None,
    ) -> tuple[ClaimRow, float] | None:
        """The best-scoring claim for ``key`` (made by ``before``, where given). ``negates``:
        the polarity of a denial's content; a claim of the same polarity is preferred to a
        better-scoring one of the other ("denied reports that it would raise prices"
        answers the report, not the company's own "we have no plan to raise prices")."""
        found = self.stored_matches.get(tuple(key))
        # The article's own claims count as the index would count them: every key looked
        # up with its statements scores them, another only where the index reads it.
        indexed = len(key) >= 2 and bool(substantive(key))
        scored = indexed or (found is not None and len(self.created) <= CREATED_SCORED_IN_MEMORY)
        if found is None:
            found = await find_matches(self.store, key)
        if self.created and scored:
            mine = score_candidates(key, self.created_sharing(key))
            if mine:
                found = sorted(found + mine, key=lambda item: (-item[1], -item[0]))
        first: tuple[ClaimRow, float] | None = None
        for claim_id, value in found:
            claim = await self.claim(claim_id)
            if claim is not None and self.made_by(claim, before):
                if negates is None or (position is not None and self.stated_after(claim, position)):
                    if negates is None:
                        return claim, value
                    first = first or (claim, value)
                    continue
                if self.claim_says_no(claim) == negates:
                    return claim, value
                first = first or (claim, value)
            elif before is None:
                break
        return first

    async def apply(
        self, out: StatementOut, claim: ClaimRow, value: float, stance: Stance | None = None
    ) -> None:
        st = out.statement
        earlier = await self.positions_before(claim.id)
        who = self.same_speaker(st, claim, earlier)
        positions = positions_from(earlier)
        stance = stance or st.stance
        turner = _headline_denier(st, earlier) if stance is Stance.CONFIRM else None
        if turner is not None:
            who = turner[0]  # "Halvorsen recalls ..., admits P" after Halvorsen denied P
        if st.position not in self.negated:
            self.negated[st.position] = negated(st.content)
        claim_figures = [Figure.from_json(f) for f in claim.figures]
        claim_no = self.claim_says_no(claim)
        opposite = self.negated[st.position] != claim_no
        if (
            stance is Stance.DENY
            and opposite
            and ((who is not None and who == claim.by_who) or claim_no)
            and not denies_own_earlier(st.text, st.lang)  # "no fire, unlike our first report"
        ):
            # Its own "tidak ditemukan kebocoran", then "membantah terjadi kebocoran": the
            # same point again, worded as a denial of its opposite. Anyone's "reports that
            # P are untrue" against a claim "not P" agrees with it.
            stance = Stance.ASSERT
        elif (
            stance in {Stance.ASSERT, Stance.CONFIRM}
            and st.speaker is not None
            and opposite
            and not (
                stance is Stance.ASSERT
                and who is not None
                and who == claim.by_who
                and claim.id not in self.earlier_stands
            )
            and not any_conflict(st.figures, claim_figures)
            and not (st.figures and not claim_figures)
        ):
            # "tanggul tidak jebol" against "tanggul jebol"; admitting what was denied.
            # "lima kali, bukan tiga kali" negates only the figure it corrects. The outlet's
            # own narration ("the identity has not been released") takes no position.
            # A negated figure the claim lacks ("tidak melebihi 40 ribu") is an estimate.
            turning = stance in _OFFICER_TURNS  # an admission, not a plain assertion
            stance = Stance.DENY
            if turning and who != claim.by_who:
                # "Direktur PT X, Budi, mengakui P" against PT X's own "not P": the body's
                # officer turning from the body's stand (see :func:`_turned_from`).
                who = _turned_from(replace(st, stance=Stance.DENY), earlier) or who
            if (
                turning
                and who != claim.by_who
                and claim.by_who is not None
                and _introduced_as(
                    set(name_words(st.speaker or "")),
                    set(name_words(claim.by_name)),
                    _Sentences(st.text),
                    office=True,
                )
            ):
                who = claim.by_who  # "Direktur PT X, Budi Santoso, mengakui": PT X's officer
        decision: Decision = decide(
            stance,
            who,
            claim.by_who,
            positions,
            st.figures,
            claim_figures,
            # Read the sentence's figures only where a conflict is possible at all.
            figures_restated=bool(st.figures and claim_figures)
            and (
                retold(st.text)
                or restates_figures(sentence_figures(st.text, st.lang), claim_figures, st.text)
            ),
            claimed_here=claim.article_id == self.article_id
            and claim.id not in self.earlier_stands,
        )
        decision = turned_by_cue(decision, self.turn_narrated(st, st.stance))
        decision = turned_from_own_account(
            decision, stance is Stance.DENY and denies_own_earlier(st.text, st.lang)
        )
        if (
            stance is Stance.RETRACT
            and decision.flag is FlagKind.DENIAL
            and takes_back_own_word(st.text, st.lang)
        ):
            # "mencabut unggahannya yang menyebut P" on the rumour P, "the party's MP withdrew
            # his claim that P" on P told under the MP's name: the word was its own.
            decision = replace(decision, flag=FlagKind.REVERSAL)
        await self.link(out, claim.id, decision.relation, value, who=who)
        if decision.flag is not None:
            by_name = turner[1] if turner is not None else None
            await self.flag(decision.flag, claim.id, out, value, by_name=by_name)

    def same_speaker(
        self, st: Statement, claim: ClaimRow, earlier: Sequence[tuple[str, str, str | None]]
    ) -> str | None:
        """The statement's speaker identity. A speaker with no actor ("the Health Ministry",
        "Hadi") is the claim's author, a speaker named more fully earlier in this article
        ("Kabid Humas Polda Sukamaju Kombes Agus Setiawan"), or a speaker of the claim in
        an earlier article, when the wordings name the same one."""
        who = who_of(st)
        if st.speaker_actor or not st.speaker_phrase:
            return who
        if claim.by_who and _same_wording(st.speaker_phrase, claim.by_phrase):
            return claim.by_who
        if claim.by_who and _the_company(st.speaker_phrase) and _names_a_company(claim.by_phrase):
            return claim.by_who  # "the company" for "Direktur SDM PT X", who said the claim
        before = bisect.bisect_left(self.named, (st.position,))
        for _position, phrase, other in reversed(self.named[max(0, before - NAMED_BACK) : before]):
            if other != who and _same_wording(st.speaker_phrase, phrase):
                who = other  # the fuller wording's identity; it may have spoken on the claim
                break
        for other, _relation, phrase in earlier:
            if other == who or _same_wording(st.speaker_phrase, phrase):
                return other
        return _turned_from(st, earlier) or who

    async def link(
        self,
        out: StatementOut,
        claim_id: int,
        relation: Relation,
        value: float,
        *,
        who: str | None = None,
    ) -> None:
        self.links.append((out.id, claim_id, relation.value, round(value, 2), who))
        out.claim_id, out.relation, out.score = claim_id, relation.value, round(value, 2)
        self.touched.add(claim_id)
        position = out.statement.position
        if position not in self.linked:
            bisect.insort(self.linked_positions, position)
        self.linked[position] = out
        self.claim_position.setdefault(claim_id, position)
        self.first_mention[claim_id] = min(self.first_mention.get(claim_id, position), position)

    async def write_claims(self) -> None:
        """Store the claims the article made, in the order it made them (so each gets the
        id its provisional one stood for), and give every link, statement and flag the
        stored id."""
        for index, row in enumerate(self.new_rows):
            self.ids[PROVISIONAL + index] = await self.store.claims.add(**row)
        self.new_rows = []

    def stored_id(self, claim_id: int) -> int:
        return self.ids.get(claim_id, claim_id)

    async def write_links(self) -> None:
        real = self.stored_id
        await self.store.claims.link_statements(
            [(sid, real(cid), rel, score, who) for sid, cid, rel, score, who in self.links]
        )
        self.links = []

    async def flag(
        self,
        kind: FlagKind,
        claim_id: int,
        out: StatementOut,
        value: float,
        *,
        by_name: str | None = None,
    ) -> None:
        """Note a flag; an article raises a flag of a kind on a claim once per answerer
        (flags are UNIQUE on article, claim, kind and answerer). ``by_name``: who answers
        when it is not the statement's speaker (the source of a figure named inside the
        sentence: "police put the number at 45,000")."""
        self.pending.setdefault((kind, claim_id), []).append((out, value, by_name))

    async def write_flags(self) -> None:
        """Write the article's flags. An answer another article already reported (same kind,
        claim and answerer) is a re-report, not news. The statements left raise one flag per
        answerer (:func:`_by_answerer`); of each answerer's, the one that best names who
        answers is quoted, the first of equals: a speakerless headline
        ("Dinkes Pastikan Tak Ada Kematian") or a bare role ("Regulator confirms ...") gives
        way to the sentence that answers the same and names the answerer."""
        before: dict[tuple[str, int], list[tuple[str, str]]] = {}
        values_given: dict[int, list[set[float]]] = {}  # claim -> figures it was flagged with
        for kind_value, claim_id, who, name, values in await self.store.claims.answers_before(
            sorted({claim_id for _kind, claim_id in self.pending if claim_id < PROVISIONAL}),
            published=self.published,
            exclude_article=self.article_id,
        ):
            before.setdefault((kind_value, claim_id), []).append((who, name))
            if kind_value == FlagKind.FIGURE_CONFLICT.value and values:
                values_given.setdefault(claim_id, []).append(set(values))
        # Answers the article dates to an earlier day ("membantah, Rabu (5/3)"): the flags
        # other articles raised on that day or since, whatever claim they were linked to.
        said_days = {
            out.id: _iso_day(self.said_day(out.statement))
            for raising in self.pending.values()
            for out, _value, _by in raising
        }
        told: list[tuple[str, int, str, str]] = []
        earliest = min((d for d in said_days.values() if d), default=None)
        if earliest is not None:
            told = await self.answers_from(earliest)
        retold = await self.retold_unnamed()
        admitted = await self.admitted_before()
        headline = _headline(self.text)
        for (kind, claim_id), raising in self.pending.items():
            answered = before.get((kind.value, claim_id), []) + admitted.get((kind, claim_id), [])
            fresh = [
                (out, value, by_name)
                for out, value, by_name in raising
                if not ((kind, claim_id) in retold and not _answerer_who(out.statement, by_name))
                # A figure conflict already raised with the same figures, told by nobody.
                and not (
                    kind is FlagKind.FIGURE_CONFLICT
                    and not _answerer_who(out.statement, by_name)
                    and out.statement.figures
                    and any(
                        {f.value for f in out.statement.figures} <= given
                        for given in values_given.get(claim_id, [])
                    )
                )
                and not any(
                    _same_answerer(mine, my_name, who, name)
                    for who, name in answered
                    for mine, my_name in [
                        (_answerer_who(out.statement, by_name), by_name or out.statement.speaker),
                        *_fuller_answerer(out.statement, by_name, headline, self.statements),
                    ]
                )
                and not _told_on(out, by_name, kind, said_days.get(out.id), told)
            ]
            for answerer in _by_answerer(fresh, self.text, self.sentence_words()):
                out, value, by_name = max(
                    answerer, key=lambda item: _naming(item[0].statement, item[2])
                )  # max keeps the first of equals
                st = out.statement
                own = by_name is None or by_name == st.speaker
                flag_id = await self.store.claims.add_flag(
                    kind=kind.value,
                    claim_id=self.stored_id(claim_id),
                    statement_id=out.id,
                    article_id=self.article_id,
                    by_name=(st.speaker if own else by_name) or UNATTRIBUTED,
                    by_who=_answerer_who(st, by_name),
                    score=round(value / 100, 2),
                    published=_iso_day(self.said_day(st)) or self.published,
                    by_state=_state_of(_answerer_who(st, by_name)),
                )
                if flag_id is not None:
                    self.flag_ids.append(flag_id)
        self.pending = {}

    async def one_rumour_each(self) -> None:
        """One answerer denying one rumour twice in an article raises one flag: "membantah
        kabar bahwa P" in the lead and "informasi yang beredar ... bahwa P'" later, where the
        article also narrates the report itself ("Berita dan unggahan itu memuat
        bahwa P'", "beredar pesan yang menyebutkan P'"). The lead's P is the denial's own
        wording of it; the claim is the report as the outlet tells it, sharing two of its
        key tokens. Each answerer's denial of the lead's wording goes where it also denied
        the report."""
        sentences = self.sentence_words()
        denied = [cid for (kind, cid) in self.pending if kind is FlagKind.DENIAL]
        for stated_id in [c for c in denied if c in self.denied_as_stated]:
            stated = await self.claim(stated_id)
            if stated is None:
                continue
            for report_id in denied:
                report = await self.claim(report_id)
                if (
                    report is None
                    or report_id not in self.told_as_report
                    or report_id in self.denied_as_stated
                    or len(set(substantive(stated.key)) & set(substantive(report.key)))
                    < SHARED_WORDS
                ):
                    continue
                others = self.pending.get((FlagKind.DENIAL, report_id), [])
                kept = [
                    item
                    for item in self.pending.get((FlagKind.DENIAL, stated_id), [])
                    if not any(_one_answerer(item, other, sentences) for other in others)
                ]
                if kept:
                    self.pending[(FlagKind.DENIAL, stated_id)] = kept
                else:
                    self.pending.pop((FlagKind.DENIAL, stated_id), None)
                    break

    async def one_denial_of_rumours(self) -> None:
        """One answerer denying several rumours first told in this article, with no one
        behind them, raises one denial: one story told piece by piece ("a post says P; it
        also says Q", then "the agency says the post is fake"), or the objects of its
        repeated denials ("denied P ... also denied Q", "membantah P ... juga membantah Q").
        The first denial (the article's lead answer) stands; a claim someone is named for
        ("the Herald reported P") is news of its own and keeps its flag."""
        sentences = self.sentence_words()
        rumours: list[tuple[int, int]] = []  # (first answering position, claim id)
        for (kind, claim_id), raising in self.pending.items():
            if kind is not FlagKind.DENIAL or claim_id not in self.new_claims:
                continue
            claim = await self.claim(claim_id)
            if claim is not None and claim.by_name == UNATTRIBUTED:
                rumours.append((min(out.statement.position for out, _v, _b in raising), claim_id))
        seen: list[_Raising] = []
        for _position, claim_id in sorted(rumours):
            raising = self.pending[(FlagKind.DENIAL, claim_id)]
            kept = [
                item for item in raising if not any(_one_answerer(item, o, sentences) for o in seen)
            ]
            seen.extend(raising)
            if kept:
                self.pending[(FlagKind.DENIAL, claim_id)] = kept
            else:
                self.pending.pop((FlagKind.DENIAL, claim_id))

    async def admitted_before(self) -> dict[tuple[FlagKind, int], list[tuple[str, str]]]:
        """For each pending admission (a confirmation or a reversal), the answerers who
        already admitted, in an earlier article, that claim (as either kind) or one sharing
        two of its key tokens, and half of them, besides names (a company's other news shares
        its name): the same admission told again, on another wording of the
        claim (the other language's copy, the accuser's restatement), is a re-report, not a
        new turn."""
        wanted = [
            (kind, claim_id)
            for kind, claim_id in self.pending
            if kind in {FlagKind.CONFIRMATION, FlagKind.REVERSAL}
        ]
        if not wanted:
            return {}
        earlier = [
            (claim_id, who, name)
            for kind_value, claim_id, who, name in await self.answers_from(
                _shift(self.published, -RESOLVE_WINDOW)
            )
            if kind_value in {FlagKind.CONFIRMATION.value, FlagKind.REVERSAL.value}
        ]
        if not earlier:
            return {}
        await self.claims_of([c for _k, c in wanted] + [c for c, _w, _n in earlier])
        out: dict[tuple[FlagKind, int], list[tuple[str, str]]] = {}
        for kind, claim_id in wanted:
            claim = self.claims.get(claim_id)
            if claim is None:
                continue
            mine = set(substantive(claim.key)) - _name_tokens(claim)
            for other_id, who, name in earlier:
                other = self.claims.get(other_id)
                shared = len(mine & set(other.key)) if other is not None else 0
                if other_id == claim_id or (shared >= SHARED_WORDS and 2 * shared >= len(mine)):
                    out.setdefault((kind, claim_id), []).append((who, name))
        return out

    async def retold_unnamed(self) -> set[tuple[FlagKind, int]]:
        """The pending (kind, claim) that a sentence naming no answerer would only retell:
        the same kind of answer was already reported, in an earlier article, on that claim
        or on one sharing two of its key tokens ("'forged' ballot claims debunked" after
        the commission's denial). A figure it gives may be a new count ("12 tewas" after
        "8 tewas"), so figure conflicts stay."""
        wanted = [
            (kind, claim_id)
            for (kind, claim_id), raising in self.pending.items()
            if kind is not FlagKind.FIGURE_CONFLICT
            and any(not _answerer_who(out.statement, by_name) for out, _v, by_name in raising)
        ]
        if not wanted:
            return set()
        earlier = await self.answers_from(_shift(self.published, -RESOLVE_WINDOW))
        answered: dict[str, set[int]] = {}
        for kind_value, claim_id, _who, _name in earlier:
            answered.setdefault(kind_value, set()).add(claim_id)
        out: set[tuple[FlagKind, int]] = {
            (kind, c) for kind, c in wanted if c in answered.get(kind.value, set())
        }
        unread = [item for item in wanted if item not in out]
        if not unread:
            return out
        others = {kind: sorted(answered.get(kind.value, set())) for kind, _claim in unread}
        await self.claims_of([c for _k, c in unread] + [c for ids in others.values() for c in ids])
        for kind, claim_id in unread:
            claim = self.claims.get(claim_id)
            if claim is None:
                continue
            mine = set(claim.key)
            if any(
                other_id in self.claims and len(mine & set(self.claims[other_id].key)) >= 2
                for other_id in others[kind]
            ):
                out.add((kind, claim_id))
        return out

    async def new_claim(
        self,
        out: StatementOut,
        key: list[str],
        by_name: str,
        by_who: str | None,
        *,
        text: str | None = None,
        figures: Sequence[Figure] | None = None,
    ) -> int:
        st = out.statement
        claim_id = self.add_claim(
            {
                "text": text or st.content or st.text,
                "key": key,
                "lang": st.lang,
                "by_name": by_name,
                "by_who": by_who,
                "actors": st.actors,
                "figures": [f.to_json() for f in (st.figures if figures is None else figures)],
                "article_id": self.article_id,
                "first_seen": self.published,
                "by_phrase": st.speaker_phrase if by_who == who_of(st) else None,
                "by_state": _state_of(by_who),
            }
        )
        if narrated_report(st.text, st.lang) or report_telling(st.text, st.lang):
            self.told_as_report.add(claim_id)
        if by_who is not None and by_who == who_of(st) and narrates_earlier_stand(st.text, st.lang):
            self.earlier_stands.add(claim_id)  # "X had earlier said P": a stand to turn from
        return claim_id

    # -- the two passes ---------------------------------------------------------------
    async def assertion(self, out: StatementOut) -> None:
        st = out.statement
        if voices_a_wish(st.text, st.content):
            return  # "she hoped the bridge would reopen": a wish, no fact to hold or contradict
        if st.speaker is not None and embedded_report(st.content, st.lang) is not None:
            # "Budi enggan menanggapi kabar bahwa P": the speaker speaks of a report, not
            # for P; :meth:`named_report` stores P for the answer that follows.
            return
        telling = report_telling(st.text, st.lang) if st.speaker is not None else None
        if telling is not None and telling.source is None:
            # A report that speaks ("Selebaran X itu menyebutkan P") is nobody's word; one
            # a body gave ("Informasi dari BMKG itu menyebutkan P") is the body's.
            await self.narrated(out)
            return
        key = self.key(st)
        match = await self.best_match(key)
        if match is not None:
            await self.apply(out, *match)
            return
        if st.speaker is None:
            await self.narrated(out)
            return
        if len(key) < 2 or not substantive(key):
            return
        claim_id = await self.new_claim(out, key, st.speaker, who_of(st))
        await self.link(out, claim_id, Relation.NEW, 100.0)

    async def named_report(self, out: StatementOut) -> None:
        """A report a speaker names with what it says ("Budi enggan menanggapi kabar bahwa
        P", "declined to comment on reports that P"): P is stored, unattributed, for the
        answer that follows; the speaker's own words are not linked to it."""
        st = out.statement
        report = embedded_report(st.text, st.lang)
        if report is None:
            return
        key = key_tokens(report.proposition, st.lang)
        if len(substantive(key)) < POINTED_AT_TOKENS or await self.best_match(key) is not None:
            return
        claim_id = self.add_claim(
            {
                "text": report.told or report.proposition,
                "key": key,
                "lang": st.lang,
                "by_name": UNATTRIBUTED,
                "by_who": None,
                "actors": st.actors,
                "figures": [],
                "article_id": self.article_id,
                "first_seen": self.published,
                "by_phrase": None,
                "by_state": None,
            }
        )
        self.touched.add(claim_id)
        self.claim_position.setdefault(claim_id, st.position)
        self.first_mention[claim_id] = min(
            self.first_mention.get(claim_id, st.position), st.position
        )

    async def narrated(self, out: StatementOut) -> None:
        """The outlet's own narration restates claims but makes none, except a report or a
        rumour it narrates ("beredar kabar bahwa ...", "rumours of ... spread") or tells
        without vouching ("reportedly", "dikabarkan"): a later reply answers that, so it is
        stored, by its named source or unattributed."""
        st = out.statement
        report = report_telling(st.text, st.lang) or narrated_report(st.content or st.text, st.lang)
        if report is not None and report.told is None and st.content != st.text:
            # The content stops at "karena", "sebab": the report says all that follows.
            whole = narrated_report(st.text, st.lang)
            if whole is not None and whole.proposition.startswith(report.proposition):
                report = whole
        if report is None and st.hedged:
            report = Report(st.content)  # "X reportedly ...", "X dikabarkan ..."
        if report is None:
            return
        key = key_tokens(report.proposition, st.lang)
        if len(key) < 2 or not substantive(key):
            return
        match = await self.best_match(key)
        if match is not None:
            await self.apply(out, *match)
            return
        source = report.source
        by_name = source if source else UNATTRIBUTED
        claim_id = await self.new_claim(
            out,
            key,
            by_name,
            fold(source) if source else None,
            text=report.told or report.proposition,
        )
        await self.link(out, claim_id, Relation.NEW, 100.0)

    async def answer(self, out: StatementOut) -> None:
        """A denial, confirmation, retraction or "not confirmed": find what it answers."""
        st = out.statement
        key = self.key(st)
        day = self.said_day(st)
        if not st.refers_back and self.turn_narrated(st, st.stance):
            # "admitted P, reversing its earlier denial": the claim it turns from first.
            turned = await self.turned_from_denial(st)
            if turned is not None:
                await self.apply(out, turned, 100.0)
                return
        left = await self.stand_left_here(st)
        if left is not None:
            # "Mulanya X menyebut P. ... X akhirnya mengakui Q": Q leaves the stand P.
            await self.link(out, left.id, Relation.RETRACTS, 100.0, who=left.by_who)
            await self.flag(FlagKind.REVERSAL, left.id, out, 100.0)
            return
        if not st.refers_back:
            if st.position not in self.negated:
                self.negated[st.position] = negated(st.content)
            polarity = self.negated[st.position] if st.stance is Stance.DENY else None
            match = await self.best_match(key, day, negates=polarity, position=st.position)
            if match is not None:
                match = await self.answered_again(st, key, match)
            if match is not None and not self.own_no(st, match[0], polarity):
                await self.apply(out, *match)
                return
        elif await self.answer_named_here(out):
            return
        if st.refers_back and not st.target_actors and not st.target_rumour:
            # Dismissing a denial just made ("menepis pernyataan tersebut") upholds the claim
            # that denial answered. (A speakerless denial is the outlet's, not a position.)
            previous = self.previous_linked(st.position)
            if (
                previous is not None
                and previous.statement.stance in NEGATIVE
                and previous.statement.speaker is not None
                and st.stance is Stance.DENY
                and who_of(previous.statement) != who_of(st)
            ):
                claim = await self.claim(previous.claim_id or 0)
                if claim is not None and not self.own_claim(st, claim):
                    await self.apply(out, claim, 100.0, Stance.ASSERT)
                    return
        resolved = await self.resolve(st, day)
        if resolved is None and st.stance is Stance.RETRACT and not st.refers_back:
            resolved = await self.retracted_own(st, day)
        if resolved is None and st.refers_back and self.turn_narrated(st, st.stance):
            resolved = await self.turned_from_denial(st)  # (not pointing back: tried above)
        if (
            resolved is None
            and st.stance is Stance.DENY
            and st.speaker is not None
            and denies_own_earlier(st.text, st.lang)
        ):
            resolved = await self.own_account_denied(st)
        if resolved is not None:
            await self.apply(out, resolved, 100.0)
            return
        if await self.answer_narration(out):
            return
        content_key = key_tokens(st.content, st.lang)
        if st.stance is Stance.CONFIRM and st.speaker is not None:
            denied = await self.denied_before(st, content_key)
            if denied is None:
                denied = await self.told_as_earlier(st, content_key)
            if denied is None:
                denied = await self.disputed_by_another(st, content_key)
            if denied is not None:
                await self.apply(out, denied, 100.0)
                return
        if (
            st.stance is Stance.DENY
            and (
                st.target_actors
                or st.target_rumour
                or (
                    st.speaker is not None
                    and len(substantive(content_key)) >= ACCUSER_FREE
                    and _denies_that(st.text)
                )
            )
            and not st.refers_back
            and _says_something(content_key)
            and states_what_it_answers(st.text, st.content)
        ):
            if st.target_actors:
                target = st.target_actors[0]
                by_name = _actor_name(target)
            else:
                target, by_name = None, UNATTRIBUTED
            again = await self.answered_here(
                out, content_key, Relation.DENIES
            ) or await self.restated_claim(out, content_key, day)
            if again is not None:
                await self.apply(out, again, 100.0)
                return
            # The accused is the one denying: "mereka memasok senjata" is about the speaker.
            text = subject_named(st.content, st.speaker)
            claim_id = await self.new_claim(out, content_key, by_name, target, text=text)
            if target is None:
                self.denied_as_stated.add(claim_id)
            await self.link(out, claim_id, Relation.DENIES, 100.0)
            await self.flag(FlagKind.DENIAL, claim_id, out, 100.0)
        elif (
            st.stance is Stance.CONFIRM
            and st.speaker is not None
            and not st.refers_back
            and len(substantive(content_key)) >= 3
            # (whether it turns is asked once: it reads every statement of the article)
            and ((turned := self.admits_after_denying(st)) or _names_a_report(st.text))
            and states_what_it_answers(st.text, st.content)
        ):
            again = await self.answered_here(out, content_key, Relation.CONFIRMS)
            if again is not None:
                await self.apply(out, again, 100.0)
                return
            claim_id = await self.new_claim(out, content_key, UNATTRIBUTED, None, text=st.content)
            await self.link(out, claim_id, Relation.CONFIRMS, 100.0)
            # "X admitted P, days after denying it", "X admitted P. X had denied it": a turn.
            kind = FlagKind.REVERSAL if turned else FlagKind.CONFIRMATION
            await self.flag(kind, claim_id, out, 100.0)
        elif st.stance is Stance.RETRACT:
            await self.retracted_claim(out, content_key)

    async def answered_again(
        self, st: Statement, key: list[str], match: tuple[ClaimRow, float]
    ) -> tuple[ClaimRow, float]:
        """Among claims scoring as well as the best, the one this speaker already answered
        the same way in an earlier article: "Polisi membantah adanya penangkapan" answers
        the arrest claim it denied yesterday, not a retelling of it that ties on the words."""
        who = who_of(st)
        relation = {Stance.DENY: Relation.DENIES, Stance.CONFIRM: Relation.CONFIRMS}.get(st.stance)
        if who is None or relation is None:
            return match
        if match[0].article_id != self.article_id:
            return match
        found = self.stored_matches.get(tuple(key)) or []
        tied = [cid for cid, value in found if value > 0 and cid != match[0].id]
        for claim_id in tied:
            earlier = await self.positions_before(claim_id)
            if any(other == who and rel == relation.value for other, rel, _ in earlier):
                claim = await self.claim(claim_id)
                if claim is not None and claim.article_id != self.article_id:
                    return claim, match[1]
        return match

    async def told_as_earlier(self, st: Statement, content_key: list[str]) -> ClaimRow | None:
        """The claim a later sentence tells as said before this confirmation ("X confirmed
        it tested a rocket. ... Y had earlier said the rocket was launched from ...",
        "Earlier, police said ...", "sebelumnya ... mengatakan"): news leads with the
        confirmation and tells the report it confirms afterwards, in other words."""
        about = set(substantive(content_key)) - set(key_tokens(st.speaker or "", st.lang))
        if not about:
            return None
        best: tuple[int, int, int] | None = None
        for position, told in self.linked.items():
            other = told.statement
            if (
                position <= st.position
                or told.claim_id is None
                or other.stance is not Stance.ASSERT
                or other.speaker is None
                or who_of(other) == who_of(st)
                or not _TOLD_EARLIER.search(other.text)
            ):
                continue
            claim = await self.claim(told.claim_id)
            if claim is None:
                continue
            shared = len(about & set(substantive(claim.key)))
            if shared and (best is None or (shared, -position) > best[:2]):
                best = (shared, -position, claim.id)
        return await self.claim(best[2]) if best is not None else None

    async def retracted_claim(self, out: StatementOut, content_key: list[str]) -> None:
        """A retraction that says what it takes back ("withdrew its claim that P", "mencabut
        pernyataannya bahwa P") where P is stored nowhere: P was the speaker's own word, and
        taking it back is a turn (as a denial's proposition becomes the claim it denies)."""
        st = out.statement
        if (
            st.speaker is None
            or st.refers_back
            or len(substantive(content_key)) < 2
            or not names_what_it_takes_back(st.text)
        ):
            return
        claim_id = await self.new_claim(out, content_key, st.speaker, who_of(st), text=st.content)
        await self.link(out, claim_id, Relation.RETRACTS, 100.0, who=who_of(st))
        await self.flag(FlagKind.REVERSAL, claim_id, out, 100.0)

    @staticmethod
    def turn_narrated(st: Statement, stance: Stance) -> bool:
        """Whether a speaker's confirmation narrates its own earlier denial."""
        return (
            stance is Stance.CONFIRM
            and st.speaker is not None
            and turns_from_denial(st.text, st.lang)
        )

    def admits_after_denying(self, st: Statement) -> bool:
        """Whether this article tells a confirmation's speaker denying before: in its own
        sentence ("admitted P, days after denying it") or in another of the same speaker
        told as made before ("Last week X had denied it", "Sebelumnya, X membantah")."""
        if self.turn_narrated(st, st.stance):
            return True
        said = set(substantive(key_tokens(st.content, st.lang)))  # two words: the same point
        return any(
            other.stance is Stance.DENY
            and other.position != st.position
            and tells_denial_before(other.text, other.lang)
            and _same_speaker_of(st, other)
            and len(said & set(substantive(key_tokens(other.text, other.lang)))) >= 2
            for other in self.statements
        )

    async def stand_left_here(self, st: Statement) -> ClaimRow | None:
        """The stand this article told its speaker taking at first ("Mulanya X mencoba
        mengelak dengan menyebut P", "X had initially said P") that the same speaker's later
        admission ("X akhirnya mengakui Q", "later admitted") leaves: the nearest such stand
        before it sharing SHARED_WORDS substantive words with the admission's sentence (one
        shared word, often the speaker's topic, does not make it the same matter)."""
        if st.stance is not Stance.CONFIRM or st.speaker is None:
            return None
        if not admits_later(st.text, st.lang):
            return None
        said = set(substantive(key_tokens(st.text, st.lang)))
        who = who_of(st)
        best: tuple[int, ClaimRow] | None = None
        for claim_id in self.earlier_stands:
            claim = await self.claim(claim_id)
            position = self.claim_position.get(claim_id, st.position)
            if claim is None or position >= st.position:
                continue
            if not (claim.by_who == who or shares_a_name(st.speaker_phrase, claim.by_phrase)):
                continue
            shared = len(said & set(substantive(claim.key)))
            if shared >= SHARED_WORDS and (best is None or position > best[0]):
                best = (position, claim)
        return best[1] if best else None

    async def turned_from_denial(self, st: Statement) -> ClaimRow | None:
        """The claim a confirmation that says it turns ("admits ..., weeks after denying
        them") answers when its words matched none: among claims sharing the sentence's
        words, one this speaker (by identity or wording) denied in an earlier article."""
        if (st.text, st.lang) not in self.sentence_keys:
            self.sentence_keys[(st.text, st.lang)] = key_tokens(st.text, st.lang)
        context = self.sentence_keys[(st.text, st.lang)]
        near = await self.store.claims.candidate_keys(context, terms=CONTEXT_TERMS, pairs=False)
        # The sentence's rarest words are often its names; what it admits is its content.
        about = substantive(key_tokens(st.content, st.lang))
        if about:
            near += await self.store.claims.candidate_keys(about, terms=CONTEXT_TERMS, pairs=False)
        who = who_of(st)
        best: tuple[int, str, int, ClaimRow] | None = None
        for claim in await self.store.claims.get_many(cid for cid, _ in near):
            if claim.article_id == self.article_id:
                continue
            earlier = await self.positions_before(claim.id)
            denied = any(
                relation == Relation.DENIES.value
                and (
                    other == who
                    or _same_wording(st.speaker_phrase, phrase)
                    or wording_within(st.speaker_phrase, phrase)
                )
                for other, relation, phrase in earlier
            )
            if not denied and wording_within(st.speaker_phrase, claim.by_phrase):
                # "the barge's owner has said the barge was not overloaded": its own "no".
                denied = self.claim_says_no(claim)
            shared = len(set(context) & set(substantive(claim.key)))
            if denied and shared >= 1:
                ranked = (shared, claim.first_seen, claim.id, claim)
                best = ranked if best is None or ranked[:3] > best[:3] else best
        return best[3] if best else None

    async def retracted_told_after(self, st: Statement) -> ClaimRow | None:
        """The speaker's own word a retraction takes back, told only after it ("I withdraw
        the comment," the minister said. ... On Saturday the minister had said P): the
        nearest later claim of the same speaker that the article dates before its own day."""
        who = who_of(st)
        for position in sorted(p for p in self.linked if p > st.position):
            told = self.linked[position]
            if told.relation != Relation.NEW.value or told.claim_id is None:
                continue
            claim = await self.claim(told.claim_id)
            if claim is None or claim.article_id != self.article_id:
                continue
            mine = claim.by_who == who or (
                not st.speaker_actor and same_speaker_phrase(st.speaker_phrase, claim.by_phrase)
            )
            if mine and (
                self.said_day(told.statement) is not None
                or narrates_earlier_stand(told.statement.text, told.statement.lang)
            ):
                return claim
        return None

    async def own_account_denied(self, st: Statement) -> ClaimRow | None:
        """The account a denial measured against "our initial report" takes back when its
        words matched none: the earlier stand this article told before it ("at first, police
        had said P"), the one sharing most of the denial's words."""
        said = set(substantive(key_tokens(st.content, st.lang)))
        who = who_of(st)
        best: tuple[bool, int, int, ClaimRow] | None = None
        for claim_id in self.earlier_stands:
            claim = await self.claim(claim_id)
            if claim is None or self.claim_position.get(claim_id, 10**6) > st.position:
                continue
            shared = len(said & set(substantive(claim.key)))
            ranked = (claim.by_who == who, shared, -claim_id, claim)  # its own stand first
            if shared >= 1 and (best is None or ranked[:3] > best[:3]):
                best = ranked
        return best[3] if best else None

    async def retracted_own(self, st: Statement, day: str | None) -> ClaimRow | None:
        """The speaker's own claim a retraction turns from when its words matched none
        ("admitted he was wrong about the dam", "I misspoke"): what it retracts is its own
        word, found as a retraction pointing back finds it. Where the retraction says what it
        is about, the claim must share a word of that (else it is another claim of its own,
        made the same day, that it does not speak of)."""
        claim = await self.resolve(replace(st, refers_back=True), day)
        if claim is None:
            return await self.retracted_told_after(st)
        about = substantive(key_tokens(st.content, st.lang))
        if (
            len(about) >= 2
            and not set(about) & set(claim.key)
            and not (claim.figures and calls_figures_wrong(st.text))
        ):
            return None
        return claim

    async def answer_named_here(self, out: StatementOut) -> bool:
        """ "As for accusations that P, X denied it", "Soal kabar bahwa P, X membantahnya":
        the sentence names, before its answer, the claim the answer points back at."""
        st = out.statement
        if not st.speaker_phrase or st.stance not in {Stance.DENY, Stance.CONFIRM}:
            return False
        report = embedded_report(st.text, st.lang)
        if report is None:
            return False
        cut = report.proposition.rfind(st.speaker_phrase)
        if cut <= 0:
            return False  # the answer does not follow the claim in this sentence
        proposition = report.proposition[:cut].rstrip(" ,")
        key = key_tokens(proposition, st.lang)
        if len(substantive(key)) < POINTED_AT_TOKENS:
            return False
        match = await self.best_match(key)
        if match is not None:
            await self.apply(out, *match)
            return True
        claim_id = await self.new_claim(out, key, UNATTRIBUTED, None, text=proposition)
        relation = Relation.DENIES if st.stance is Stance.DENY else Relation.CONFIRMS
        await self.link(out, claim_id, relation, 100.0)
        kind = FlagKind.DENIAL if st.stance is Stance.DENY else FlagKind.CONFIRMATION
        await self.flag(kind, claim_id, out, 100.0)
        return True

    async def answer_narration(self, out: StatementOut) -> bool:
        """A named answer pointing back at what nothing stored says ("membenarkan penangkapan
        itu", "memastikan surat tersebut hoaks"): the event the article narrated before it
        becomes the claim (see :func:`antecedent`)."""
        st = out.statement
        if not (st.refers_back and st.speaker and st.stance in {Stance.DENY, Stance.CONFIRM}):
            return False
        if not _points_back(st.content, long_ok=st.stance is Stance.DENY):
            return False
        earlier = [o for o in self.narration if o.statement.position < st.position]
        keys = [substantive(self.key(o.statement)) for o in earlier]
        generic = set(key_tokens(SPREAD_WORDS, st.lang))
        speaker = set(key_tokens(st.speaker, st.lang))
        named = substantive(key_tokens(st.content, st.lang))
        head = [t for t in named if t not in generic and t not in speaker]
        if not head and generic & set(named):
            return False  # "informasi yang tersebar": a rumour, stored as a report or not at all
        found = antecedent(
            head, [(o.statement.position, k) for o, k in zip(earlier, keys, strict=True)]
        )
        if found is None:
            # "Sebelumnya, beredar pesan bahwa P": the rumour retold after its answer.
            earlier = [
                o
                for o in self.narration
                if o.statement.position > st.position and retells_earlier(o.statement.text)
            ]
            keys = [substantive(self.key(o.statement)) for o in earlier]
            found = antecedent(head, list(enumerate(keys)))
        if found is None:
            return False
        told = earlier[found]
        if told.claim_id is not None:
            claim = await self.claim(told.claim_id)
            if claim is None or self.own_claim(st, claim):
                return False
            await self.apply(out, claim, 100.0)
            return True
        told_st = told.statement
        claim_id = await self.new_claim(
            told, self.key(told_st), UNATTRIBUTED, None, text=told_st.text
        )
        await self.link(told, claim_id, Relation.NEW, 100.0)
        relation = Relation.DENIES if st.stance is Stance.DENY else Relation.CONFIRMS
        await self.link(out, claim_id, relation, 100.0)
        kind = FlagKind.DENIAL if st.stance is Stance.DENY else FlagKind.CONFIRMATION
        await self.flag(kind, claim_id, out, 100.0)
        return True

    async def answered_here(
        self, out: StatementOut, key: Sequence[str], relation: Relation
    ) -> ClaimRow | None:
        """The claim this answer's own proposition already is: one fact, one claim. A
        headline answers a stored claim ("Firm denies layoff report") and the text then
        restates what it denies in other words ("denied that 1,200 jobs would go"): where
        the same answerer gave the same answer earlier in this article to a claim sharing
        two of the proposition's key tokens, or one and a figure, it is that claim again."""
        st = out.statement
        mine = set(substantive(list(key)))
        values = {f.value for f in st.figures}
        for position in self.linked_positions:
            if position >= st.position:
                break
            other = self.linked[position]
            if other.relation != relation.value or other.claim_id is None:
                continue
            if not _same_answerer(
                who_of(st) or "", st.speaker, who_of(other.statement) or "", other.statement.speaker
            ):
                continue
            claim = await self.claim(other.claim_id)
            if claim is None:
                continue
            shared = len(mine & set(claim.key))
            same_figure = any(float(f["value"]) in values for f in claim.figures)
            if shared >= 2 or (shared and same_figure):
                return claim
        return None

    async def denied_before(self, st: Statement, key: Sequence[str]) -> ClaimRow | None:
        """The claim an admission turns from: one the same answerer denied in an earlier
        article, sharing two of the admission's key tokens ("mengakui kesepakatan sudah
        tercapai" after denying the reported agreement), most shared first."""
        mine = set(substantive(list(key)))
        if len(mine) < 2:
            return None
        since = _shift(self.published, -RESOLVE_WINDOW)
        who = who_of(st) or ""
        best: tuple[int, int, ClaimRow] | None = None
        denied = [
            claim_id
            for kind_value, claim_id, other, name in await self.answers_from(since)
            if kind_value == FlagKind.DENIAL.value and _same_answerer(who, st.speaker, other, name)
        ]
        for claim in await self.claims_of(denied):
            shared = len(mine & set(claim.key))
            if shared >= 2 and (best is None or (shared, -claim.id) > best[:2]):
                best = (shared, -claim.id, claim)
        return best[2] if best else None

    async def disputed_by_another(self, st: Statement, key: Sequence[str]) -> ClaimRow | None:
        """The claim in dispute a confirmation restates with other details ("Kemlu membenarkan
        kapal X mengganggu survei di Laut Y" after another denied "kapal itu mengganggu survei
        kapal Z"): a claim someone else denied in an earlier article, sharing at least
        DISPUTED_SHARED of the confirmation's event words, and more than any other does."""
        mine = {t for t in substantive(list(key)) if not is_actor(t)}
        if len(mine) < DISPUTED_SHARED:
            return None
        since = _shift(self.published, -RESOLVE_WINDOW)
        who = who_of(st) or ""
        denied = [
            claim_id
            for kind_value, claim_id, other, name in await self.answers_from(since)
            if kind_value == FlagKind.DENIAL.value
            and not _same_answerer(who, st.speaker, other, name)
        ]
        ranked = sorted(
            (
                (len(mine & set(claim.key)), claim)
                for claim in await self.claims_of(list(dict.fromkeys(denied)))
                if claim.article_id != self.article_id and not self.own_claim(st, claim)
            ),
            key=lambda item: -item[0],
        )
        if not ranked or ranked[0][0] < DISPUTED_SHARED:
            return None
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None  # two disputes alike: which one is confirmed is not said
        return ranked[0][1]

    async def restated_claim(
        self, out: StatementOut, key: Sequence[str], day: str | None
    ) -> ClaimRow | None:
        """A stored claim that the proposition an answer states is, in other words (another
        outlet, another language): most of its key tokens are the claim's, and the figures
        agree where both give one ("cut 800 jobs" and "shed about 800 jobs"), so a
        later answer is not set against a new copy of an old fact. Figures that differ
        ("CCG 5403" against "CCG 5402") say it is another fact."""
        st = out.statement
        mine = set(substantive(list(key)))
        if len(mine) < 2:
            return None
        values = {f.value for f in st.figures}
        since = _shift(self.published, -RESOLVE_WINDOW)
        near = await self.store.claims.candidate_keys(list(mine), terms=CONTEXT_TERMS, pairs=True)
        best: tuple[int, str, ClaimRow] | None = None
        for claim in await self.store.claims.get_many(cid for cid, _ in near):
            if claim.article_id == self.article_id or claim.first_seen < since:
                continue
            if not self.made_by(claim, day) or self.own_claim(st, claim):
                continue
            shared = len(mine & set(claim.key))
            theirs = {float(f["value"]) for f in claim.figures}
            if values and theirs and not values & theirs:
                continue
            if shared < 2 or 2 * shared < len(mine):
                continue
            if best is None or (shared, claim.first_seen) > best[:2]:
                best = (shared, claim.first_seen, claim)
        return best[2] if best else None

    def own_no(self, st: Statement, claim: ClaimRow, polarity: bool | None) -> bool:
        """Whether a denial of a rumour it states ("denied the rumours of a plan to reshape
        the cabinet") matched only its speaker's own "no" told in this article ("he did not
        plan to reshuffle the board"): that is the answer again, not the rumour, which is a
        claim of its own. (An own "no" from an earlier article is the stand it repeats.)"""
        return (
            st.stance is Stance.DENY
            and st.target_rumour
            and polarity is not None
            and claim.article_id == self.article_id
            and self.own_claim(st, claim)
            and self.claim_says_no(claim) != polarity
        )

    def claim_says_no(self, claim: ClaimRow) -> bool:
        """Whether a claim's text is negated, read once per claim (``own_no`` asks often)."""
        if claim.id not in self.claim_negated:
            self.claim_negated[claim.id] = negated(claim.text)
        return self.claim_negated[claim.id]

    def own_claim(self, st: Statement, claim: ClaimRow) -> bool:
        """Whether the claim is the answering speaker's own (only a retraction answers it):
        the same identity, the same wording, or one answerer named two ways (a body by its
        holder's adjective and by the holder; in this article, a person by name and by the
        role the article introduces them with)."""
        if st.stance is Stance.RETRACT:
            return False
        who = who_of(st)
        if who is not None and claim.by_who == who:
            return True
        if (
            not st.speaker_actor
            and st.speaker_phrase
            and same_speaker_phrase(st.speaker_phrase, claim.by_phrase)
        ):
            return True
        mine = st.speaker_phrase or st.speaker
        if holder_office(mine, claim.by_phrase):
            return True
        if claim.article_id != self.article_id:
            return False
        actors = gazetteer().actors
        # A person is a speaker the gazetteer does not know: a known body has no role.
        return (
            not st.speaker_actor
            and _named_as_role(st.speaker, claim.by_phrase, self.sentence_words())
        ) or (
            claim.by_who not in actors
            and _named_as_role(claim.by_phrase, mine, self.sentence_words())
        )

    def told_before(self, claim_id: int, position: int) -> bool:
        """Whether the article told the claim before ``position``: stored there, or named by
        an answer that states it ("membantah kabar tentang P" in the lead, P's own sentence
        coming later), so "isu itu tidak benar" after the lead points back at it."""
        first = min(
            self.claim_position.get(claim_id, 10**6), self.first_mention.get(claim_id, 10**6)
        )
        return first < position

    def previous_linked(self, position: int) -> StatementOut | None:
        before = bisect.bisect_left(self.linked_positions, position)
        return self.linked[self.linked_positions[before - 1]] if before else None

    async def resolve(self, st: Statement, day: str | None = None) -> ClaimRow | None:
        """The claim a denial answers when it does not restate it ("rejected the claim").

        Same article first: claims by the named accuser (or, where none is named, by anyone
        else), made before the statement or known before the article. Then recent claims in
        the database by the accuser, about the speaker, or sharing the sentence's words,
        ranked by how many key tokens they share with the sentence and its speaker.
        """
        if not st.refers_back:
            return None  # it says what it denies: only a match on that may link it
        if st.speaker is None and st.stance is Stance.DENY:
            return None  # the outlet's "that claim was a hoax" names nobody who answers
        who = who_of(st)
        # "klaim Rusia" names a state: the claims of its bodies and people are Russia's too.
        targets = _claimants(st.target_actors)
        if st.stance is Stance.RETRACT and not targets and who:
            targets = [who]  # "meralat pernyataannya": its own claim

        def wanted(claim: ClaimRow) -> bool:
            retracting_own = (
                st.stance is Stance.RETRACT
                and not st.speaker_actor
                and same_speaker_phrase(st.speaker_phrase, claim.by_phrase)
            )
            if retracting_own:
                return True  # "the Health Ministry" retracting "Indonesia's Health Ministry"
            if not self.made_by(claim, day):
                return False
            if st.stance is Stance.DENY and negated(claim.text):
                return False  # "denied the rumours" agrees with a claim that says "no"
            if targets:
                return claim.by_who in targets
            if (
                st.stance is Stance.DENY
                and not st.speaker_actor
                and _same_wording(st.speaker_phrase, claim.by_phrase)
            ):
                return False  # "Yusri" denying: not "Kombes Pol Yusri Yunus"'s own words
            return (who is None or claim.by_who != who) and not self.own_claim(st, claim)

        pool = [
            c
            for c in await self.claims_spoken_of()
            if wanted(c)
            and len(substantive(c.key)) >= POINTED_AT_TOKENS
            and (c.id not in self.new_claims or self.told_before(c.id, st.position))
        ]
        about_speaker = gazetteer().identity(st.speaker_actor).id if st.speaker_actor else None
        # "membantah klaim itu", "that earlier report": the claim just told, not the lead's.
        nearest = _names_that_claim(st.content)
        last_told: dict[int, int] = {}
        if nearest:
            for position, told in self.linked.items():
                if told.claim_id is not None and position < st.position:
                    last_told[told.claim_id] = max(last_told.get(told.claim_id, -1), position)
        # What the answer's own sentence says about the claim, its speaker's name aside:
        # "the clerk taken to the clinic had no link" shares words with the claim.
        said = set(substantive(key_tokens(st.text, st.lang))) - set(
            key_tokens(st.speaker or "", st.lang)
        )
        # "SBU said it captured three soldiers, while Pyongyang called the report a lie": a
        # reply in the sentence that states a claim answers that claim.
        same_sentence = {
            o.claim_id
            for o in self.linked.values()
            if o.statement.text == st.text and o.statement.position != st.position
        }
        if pool:
            answered = set(substantive(key_tokens(st.content, st.lang)))
            # "Kabar soal kenaikan tarif parkir itu tidak benar": the words that name what
            # is denied pick among the article's claims.
            speaker = set(key_tokens(st.speaker, st.lang)) if st.speaker else set()
            named = {
                t
                for t in substantive(key_tokens(st.text, st.lang))
                if not is_actor(t) and t not in speaker
            }
            return max(
                pool,
                key=lambda c: (
                    c.id in same_sentence,
                    st.target_rumour and c.by_who is None,  # "the rumour": nobody's claim
                    about_speaker in c.actors if about_speaker else False,
                    self.told_before(c.id, st.position),
                    len(named & set(c.key)) >= 2,
                    len(said & set(c.key)) >= SHARED_WORDS,
                    # Of those, the one the answer's own words name most ("the employee put
                    # to the clinic had no link": the claim about the clinic).
                    _named_most(answered, c.key),
                    # The article's first claim, not the nearest: "that is untrue" answers
                    # what the lead reported, not the remark of the sentence before.
                    last_told.get(c.id, -1) if nearest else -self.claim_position.get(c.id, 0),
                ),
            )
        since = _shift(self.published, -RESOLVE_WINDOW)
        # Clauses of one sentence share its text: keyed once per article, not once a clause.
        if (st.text, st.lang) not in self.sentence_keys:
            self.sentence_keys[(st.text, st.lang)] = key_tokens(st.text, st.lang)
        context = list(self.sentence_keys[(st.text, st.lang)])
        if st.speaker:
            context += [t for t in key_tokens(st.speaker, st.lang) if t not in context]
        found: dict[int, ClaimRow] = {}
        near = await self.store.claims.candidate_keys(context, terms=CONTEXT_TERMS, pairs=False)
        for claim in await self.store.claims.get_many(cid for cid, _ in near):
            found[claim.id] = claim
        if targets:
            for claim in await self.store.claims.recent_by(targets, about=None, since=since):
                found[claim.id] = claim
        elif about_speaker:
            for claim in await self.store.claims.recent_about(
                about_speaker, since=since, exclude_who=who
            ):
                found[claim.id] = claim
        context_set = set(context)
        ranked = [
            (len(context_set & set(c.key)), c.first_seen, c.id, c)
            for c in found.values()
            if wanted(c) and c.first_seen >= since and c.article_id != self.article_id
        ]
        ranked = [r for r in ranked if r[0] >= 1]
        return max(ranked, key=lambda r: r[:3])[3] if ranked else None


# A claim told as made before the sentences around it: "had earlier said", "Earlier, X
# said", "had reported earlier", "sebelumnya". (A bare pluperfect, "had claimed", is the
# background of the story more often than the report a lead confirms.)
_TOLD_EARLIER = re.compile(r"\b(?:earlier|previously|sebelumnya)\b", re.IGNORECASE)
_DENIES_THAT = re.compile(
    r"\b(?:membantah|menyangkal|menepis|menampik|denied|denies|deny|denying|rejected|"
    r"dismissed|refuted|disputed)\s+(?:bahwa|that)\s|\b(?:menyatakan|menegaskan|memastikan|"
    r"mengatakan|menyebut(?:kan)?)\s+(?:tidak|tak)\s+benar\s+(?:bahwa\s+)?(?=[\w(])|"
    r"\bit\s+(?:is|was)\s+(?:not\s+true|untrue|false)\s+that\s",
    re.IGNORECASE,
)


def _named_most(answered: set[str], key: Sequence[str]) -> int:
    """How many of a claim's key tokens an answer's own content names, counted from two up:
    one shared word ("a fake document") names no claim over the lead's."""
    shared = len(answered & set(key))
    return shared if shared >= SHARED_WORDS else 0


def _denies_that(text: str) -> bool:
    """Whether a sentence, outside quotes, denies a proposition it states in full: "X denied
    that P", "X menyatakan tidak benar P" (no accuser needed: P is the claim denied)."""
    return not any(q in text for q in '"“”') and bool(_DENIES_THAT.search(text))


def _names_that_claim(content: str) -> bool:
    """ "klaim itu", "pernyataan tersebut", "that earlier report": a claim noun pointed at
    with a demonstrative names the claim just told."""
    toks = {fold(w.text) for w in words(content)}
    near = {"itu", "tersebut", "that", "this"}
    return _points_back(content) and bool(toks & near) and bool(toks & _claim_nouns())


def _claim_nouns() -> frozenset[str]:
    lex = stance_lexicon()
    return lex.claim_nouns | lex.rumour_nouns


def _says_something(key: Sequence[str]) -> bool:
    """Whether a denied report's proposition says something: two words of what happened, or
    one between two actors ("Yoon might visit Ukraine": who, what, where)."""
    what = substantive(key)
    return len(what) >= 2 or (len(what) == 1 and len(key) >= 3)


def _points_back(content: str, *, long_ok: bool = False) -> bool:
    """Whether an answer's object only points back at something ("penangkapan itu", "surat
    tersebut", "the reports", nothing at all), not a proposition of its own ("pihaknya akan
    mendalami pernyataan Novel"). ``long_ok``: a denial whose reader found it pointing back
    ("percakapan yang dibuat seolah-olah terbit di media itu hoaks") names a longer thing."""
    toks = [fold(w.text) for w in words(content)]
    if long_ok and len(toks) <= POINTING_NP_WORDS:
        return True
    return len(toks) <= POINTING_WORDS and (not toks or bool(DEMONSTRATIVES & set(toks)))


_Pending = dict[tuple[FlagKind, int], list[tuple[StatementOut, float, str | None]]]


def _turned_not_confirmed(pending: _Pending) -> _Pending:
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
                if not any(_same_speaker_of(item[0].statement, t[0].statement) for t in turned)
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
            if any(_same_speaker_of(c[0].statement, d[0].statement) for d in denials)
        ]
        if not turning:
            continue
        out[(FlagKind.REVERSAL, claim_id)] = out.get((FlagKind.REVERSAL, claim_id), []) + turning
        kept = [c for c in raising if c not in turning]
        left = [
            d
            for d in out.get((FlagKind.DENIAL, claim_id), [])
            if not any(_same_speaker_of(d[0].statement, c[0].statement) for c in turning)
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
                and any(_same_speaker_of(d[0].statement, t[0].statement) for t in turned)
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
        _same_speaker_of(st, other)
        and len(mine & set(substantive(key_tokens(other.text, other.lang)))) >= 2
        for other in admissions
        if other.position != st.position
    )


def _same_speaker_of(a: Statement, b: Statement) -> bool:
    """Same identity, same wording, or one wording's words all within the other's
    ("Ferry operator" / "operator of the ... ferry")."""
    if who_of(a) is not None and who_of(a) == who_of(b):
        return True
    if _same_wording(a.speaker_phrase, b.speaker_phrase):
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


def _turned_from(st: Statement, earlier: Sequence[tuple[str, str, str | None]]) -> str | None:
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


def _headline_denier(
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


def _names_a_report(text: str) -> bool:
    """Whether a sentence names what it answers as a report ("membenarkan kabar", "confirmed
    reports that"): a confirmation of that stores the report's content as the claim."""
    nouns = stance_lexicon().claim_nouns
    return any(fold(w.text) in nouns for w in words(text))


def _state_of(who: str | None) -> str | None:
    """The state or organisation a speaker id speaks for (itself if none is known)."""
    return gazetteer().state(who) if who else None


def _answerer_who(st: Statement, by_name: str | None) -> str:
    """The identity a flag stores for who answers: the speaker's, or the quoted source's."""
    if by_name is None or by_name == st.speaker:
        return who_of(st) or ""
    return fold(by_name)


# "The company" as the article's later word for a company one of whose people spoke.
_COMPANY_ROLES = frozenset(
    {"the company", "the firm", "perusahaan", "perusahaan itu", "perusahaan tersebut"}
)
# Words that mark a wording as naming a company ("PT Sinar ...", "Acme Corp").
_COMPANY_MARKS = frozenset("pt tbk inc corp ltd plc llc".split())


def _the_company(phrase: str | None) -> bool:
    return fold(phrase or "").strip() in _COMPANY_ROLES


def _names_a_company(phrase: str | None) -> bool:
    return any(fold(w.text) in _COMPANY_MARKS for w in words(phrase or ""))


def _name_tokens(claim: ClaimRow) -> set[str]:
    """The key tokens a claim's capitalised words (names) give."""
    named = " ".join(w.text for w in words(claim.text) if w.text[:1].isupper())
    return set(key_tokens(named, claim.lang)) if named else set()


def _fuller_answerer(
    st: Statement, by_name: str | None, headline: str, statements: Sequence[Statement]
) -> list[tuple[str, str | None]]:
    """The answerer a headline names in short ("Police admit ...", "..., ministry says")
    as the article's text names it in full ("The Jakarta Police", "a manpower ministry
    official"): its first speaker whose wording holds every word of the headline's. Empty
    for any other statement, or where the text names no such speaker."""
    wording = by_name or st.speaker
    if not headline or not wording or st.text.strip() not in headline:
        return []
    short = _plain_name(wording)
    if not short:
        return []
    for other in statements:
        if other.position <= st.position or not other.speaker:
            continue
        for fuller in (other.speaker_phrase, other.speaker):
            if fuller and short < _plain_name(fuller):
                return [(who_of(other) or "", other.speaker)]
    return []


def _told_on(
    out: StatementOut,
    by_name: str | None,
    kind: FlagKind,
    day: str | None,
    told: Sequence[tuple[str, int, str, str]],
) -> bool:
    """Whether an answer the article dates to ``day`` was already reported: the same
    answerer raised the same kind of flag in another article on that day or after it."""
    if day is None or not _answerer_who(out.statement, by_name):
        return False
    return any(
        kind_value == kind.value
        and _same_answerer(
            _answerer_who(out.statement, by_name), by_name or out.statement.speaker, who, name
        )
        for kind_value, _claim, who, name in told
    )


def _same_answerer(who: str, name: str | None, other_who: str, other_name: str | None) -> bool:
    """Whether two flags' answerers are one, however each article wrote it: one actor (a
    spokesperson is the body), a state and its body ("China denies ..." in the headline, its
    coast guard in the text), a known actor and a shorter wording of one of its names
    ("Health Ministry" for Indonesia's), or one unknown speaker in two wordings ("Lopez",
    "Maria Lopez"). Two bodies of one state stay two answerers."""
    if who == other_who:
        return True
    if not who or not other_who:
        return False
    gaz = gazetteer()
    known, other_known = who in gaz.actors, other_who in gaz.actors
    if known and other_known:
        a, b = gaz.speaker(who).id, gaz.speaker(other_who).id
        return a == b or gaz.state(a) == b or gaz.state(b) == a
    if known:
        return wording_of(other_name, gaz.names(who))
    if other_known:
        return wording_of(name, gaz.names(other_who))
    return _same_wording(name, other_name)


_Raising = tuple[StatementOut, float, str | None]

# How near (in words, within one sentence) a person's name and a body's stand when the
# article introduces one as the other's ("Chinedu Okafor, the port board's spokesman",
# "Kabid Humas Polda Sukamaju Kombes Santoso"): then the two are one answerer.
_INTRODUCED_WITHIN = 10
# Small words inside one naming phrase: "Direktur Perlindungan WNI dan Bantuan Hukum Kemlu".
_NAMING_LINKS = frozenset("dan and of the for di selaku sebagai at".split())
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Where a body's officer answering counts as the body turning: an admission or a taking
# back, not a plain assertion of the opposite (anyone may assert).
_OFFICER_TURNS = frozenset({Stance.CONFIRM, Stance.RETRACT})
# An office held in a body, in the naming phrase of its holder: the person speaks as the
# body ("Direktur PT X, Budi Santoso"; "Budi Santoso, the firm's spokesman"). A lawyer,
# an adviser or a member speaks for a client or for themself.
_OFFICES = frozenset(
    """
    kepala ketua wakil sekretaris sekjen dirjen direktur dirut manajer humas juru bicara
    jubir kabid kadiv karo kasat kadis kabag kapolri kapolda kapolres kapolsek menteri
    presiden gubernur bupati walikota corporate secretary komisaris
    spokesman spokeswoman spokesperson director chief ceo cfo chairman chairwoman head
    manager executive president secretary minister governor mayor
    """.split()
)
# A past office: "mantan Direktur PT X", "former CEO of X" no longer speaks for it.
_PAST_OFFICE = frozenset("mantan eks former ex".split())


@dataclass(frozen=True, slots=True)
class _SentenceWords:
    """A sentence's words as the answerer rules read them (see :class:`_Sentences`)."""

    folded: tuple[str, ...]  # folded, without a possessive "'s"
    named: tuple[bool, ...]  # capitalised as written: names, not "tenaga kerja"


class _Sentences:
    """An article's sentences (split as :func:`_by_answerer` reads them), each tokenised
    the first time a rule reads it and kept for the next pair of answerers; a rule that
    decides early tokenises no further."""

    def __init__(self, text: str) -> None:
        self.texts = _SENTENCE_END.split(text) if text else []
        self.read: list[_SentenceWords | None] = [None] * len(self.texts)

    def __iter__(self) -> Iterator[_SentenceWords]:
        for index, text in enumerate(self.texts):
            found = self.read[index]
            if found is None:
                toks = words(text)
                found = self.read[index] = _SentenceWords(
                    tuple(fold(w.text).removesuffix("'s") for w in toks),
                    tuple(w.text[:1].isupper() for w in toks),
                )
            yield found


def _by_answerer(
    raising: Sequence[_Raising],
    text: str = "",
    sentences: _Sentences | None = None,
) -> list[list[_Raising]]:
    """The statements raising one flag, grouped by who answers: each answerer is news of its
    own (the ministry denies, the police deny too; the police count one figure, an analyst
    another). One answerer under two names is one: the same identity
    (:func:`_same_answerer`, the re-report filter's rule), one proper name shared ("BWS" and
    "Balai Wilayah Sungai BWS"), or a person the article introduces as the body's
    (:func:`_introduced_as`). A statement naming no one, or only a bare role ("the
    regulator"), is told by a named answerer where there is one: it joins the first, as does
    a spokesperson (:func:`_speaks_for`). ``sentences``: the text's, where the caller
    tokenised them already (:class:`_Sentences`)."""
    if sentences is None:
        sentences = _Sentences(text)
    headline = _headline(text)
    named: list[int] = []  # the statements that may name an answerer of their own
    told: list[int] = []  # a headline's or a clause's: joins an answerer named elsewhere
    loose: list[int] = []
    for index, (out, _value, by_name) in enumerate(raising):
        st = out.statement
        if _naming(st, by_name) < 2:
            loose.append(index)
        elif (
            (headline and st.text.strip() in headline)
            or _clause_like(by_name or st.speaker)
            or _capital_only_first(by_name or st.speaker)
        ):
            # A headline retells the article's answer in short ("Tersangka Bantah ..."), and
            # a clause taken for a speaker or a role names no one: none is an answerer of
            # its own where the article names one.
            told.append(index)
        else:
            named.append(index)
    groups: list[list[int]] = []
    for index in named + told:
        item = raising[index]
        for group in groups:
            if any(_one_answerer(item, raising[other], sentences) for other in group):
                group.append(index)
                break
        else:
            if index in told and groups:
                loose.append(index)
            elif groups and _speaks_with(item, [raising[o] for o in groups[0]], sentences):
                groups[0].append(index)
            else:
                groups.append([index])
    if not groups:
        return [list(raising)] if raising else []
    groups[0].extend(loose)
    return [[raising[i] for i in sorted(group)] for group in groups]


def _speaks_with(
    item: _Raising, lead: Sequence[_Raising], sentences: Iterable[_SentenceWords]
) -> bool:
    """A spokesperson is the body (as for known actors): "the company's chief communications
    officer, Jane Doe" or "spokesperson Lee" speaks for the body that answers first (and a
    known body answers with its spokesperson quoted first), unless each is a known actor of
    its own."""
    if _known(item[0].statement, item[2]) and any(_known(o.statement, b) for o, _v, b in lead):
        return False
    if _spokesperson(item, sentences):
        return True
    # A known body after its spokesperson; not a person (another office's officer).
    return _known(item[0].statement, item[2]) and all(_spokesperson(o, sentences) for o in lead)


def _headline(text: str) -> str:
    """The article's first line where it is a headline (no sentence's end), else ''."""
    first = text.strip().split("\n", 1)[0].strip()
    if not first or "\n" not in text.strip() or first[-1] in ".!?\"'”":
        return ""
    return first


def _capital_only_first(wording: str | None) -> bool:
    """A role capitalised only as a sentence's first word ("Media terkait", "The company"):
    no name of its own."""
    toks = words(wording or "")
    return len(toks) >= 2 and not any(w.text[:1].isupper() for w in toks[1:])


def _clause_like(wording: str | None) -> bool:
    """A clause the reader took for a speaker ("Sukamaju earlier this week to ease worries",
    "Reuters lalu merilis berita"): two words or more that are neither names, titles nor
    the small words of a naming phrase."""
    if not wording:
        return False
    plain = [
        w
        for w in words(wording)
        if not w.text[:1].isupper()
        and fold(w.text).removesuffix("'s") not in TITLES
        and fold(w.text) not in _NAMING_LINKS
    ]
    return len(plain) >= 2


def _one_answerer(a: _Raising, b: _Raising, sentences: Iterable[_SentenceWords]) -> bool:
    """Whether two statements raising one flag have one answerer (see :func:`_by_answerer`)."""
    sa, sb = a[0].statement, b[0].statement
    name_a, name_b = a[2] or sa.speaker, b[2] or sb.speaker
    if _same_answerer(_answerer_who(sa, a[2]), name_a, _answerer_who(sb, b[2]), name_b):
        return True
    if sa.speaker_actor and sa.speaker_actor == sb.speaker_actor:
        return True  # a figure's source written two ways beside one speaker
    wordings_a = {w for w in (name_a, sa.speaker_phrase) if w}
    wordings_b = {w for w in (name_b, sb.speaker_phrase) if w}
    if any(same_body(x, y) or _within(x, y) for x in wordings_a for y in wordings_b):
        return True
    if _names_body(wordings_a, sb, b[2]) or _names_body(wordings_b, sa, a[2]):
        return True
    words_a, words_b = _answerer_words(sa, a[2]), _answerer_words(sb, b[2])
    return _introduced_as(words_a, words_b, sentences)


def _spokesperson(item: _Raising, sentences: Iterable[_SentenceWords]) -> bool:
    st = item[0].statement
    return _speaks_for(_answerer_words(st, item[2]), item[2] or st.speaker, sentences)


def _names_body(wordings: set[str], st: Statement, by_name: str | None) -> bool:
    """Whether a wording holds one of the names of the known actor who answers in ``st``:
    "Kepala Dinkes Sukamaju Rudi Hermawan" for the Sukamaju health office."""
    if not _known(st, by_name) or st.speaker_actor is None:
        return False
    for wording in wordings:
        mine = {fold(w.text).removesuffix("'s") for w in words(wording)}
        if any(name and set(name) <= mine for name in gazetteer().names(st.speaker_actor)):
            return True
    return False


def _known(st: Statement, by_name: str | None) -> bool:
    own = by_name is None or by_name == st.speaker
    return bool(own and st.speaker_actor and st.speaker_actor in gazetteer().actors)


def _within(a: str, b: str) -> bool:
    """One wording's words all within the other's ("BWS", "Balai Wilayah Sungai (BWS)
    Sulawesi III"; "Komdigi", "Dirjen ... Komdigi Surya Darmawan"), the small words of a
    naming phrase and a person's role aside ("a manpower ministry official", "the Ministry
    of Manpower")."""
    left, right = _plain_name(a), _plain_name(b)
    return bool(left and right) and (left <= right or right <= left)


# Who a body speaks through, not a name of the body: "a manpower ministry official".
_PERSON_ROLES = frozenset(
    "official officials officer officers spokesman spokeswoman spokesperson pejabat".split()
)


def _plain_name(wording: str) -> set[str]:
    """A wording's words, folded, without the small words of a naming phrase and without
    a person's role."""
    out = {fold(w.text).removesuffix("'s") for w in words(wording)}
    return out - _NAMING_LINKS - _PERSON_ROLES


_SPOKESPERSON_WITHIN = 6  # words from a name to the role that introduces it
# Words that introduce someone as a body's voice: what such a person says, the body says.
_SPOKESPERSON = re.compile(
    r"\b(?:spokes(?:person|man|woman|people)|press secretary|press officer"
    r"|communications? (?:officer|director|chief|head|manager)|corporate communications?"
    r"|(?:corporate|public) affairs"
    r"|public relations|juru ?bicara|jubir|humas|biro komunikasi)\b"
)


def _speaks_for(names: set[str], name: str | None, sentences: Iterable[_SentenceWords]) -> bool:
    """Whether the answerer is written as a spokesperson, in its wording or within a few
    words of its name in the article ("Jane Doe, the ministry's spokeswoman")."""
    if name and _SPOKESPERSON.search(fold(name)):
        return True
    if not names:
        return False
    for sentence in sentences:
        toks = sentence.folded
        at = [i for i, t in enumerate(toks) if t in names]
        for i in at:
            near = " ".join(toks[max(0, i - _SPOKESPERSON_WITHIN) : i + _SPOKESPERSON_WITHIN + 1])
            if _SPOKESPERSON.search(near):
                return True
    return False


def _answerer_words(st: Statement, by_name: str | None) -> set[str]:
    """The proper-name words an answerer is written with, in the statement and, for a known
    actor, in the gazetteer's names of it."""
    out: set[str] = set()
    for wording in (by_name, st.speaker, st.speaker_phrase):
        if wording:
            out.update(name_words(wording))
    actor = st.speaker_actor if by_name is None or by_name == st.speaker else None
    if actor and actor in gazetteer().actors:
        for name in gazetteer().names(actor):
            out.update(name)
    return out


def _introduced_as(
    a: set[str], b: set[str], sentences: Iterable[_SentenceWords], *, office: bool = False
) -> bool:
    """Whether a sentence of the article writes a name word of one answerer (not the other's)
    and one of the other's in one naming phrase, a few words apart with only names, titles
    and links between: "Chinedu Okafor, the port board's spokesman",
    "Kabid Humas Polda Sukamaju Kombes Santoso" (not "Wahyu ... ikut memastikan pabrik
    Sukamaju Tembakau": a clause between). ``office``: the phrase must also name an office
    held in the body (:data:`_OFFICES`), not a past one ("mantan", "former") nor a lawyer's."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    for sentence in sentences:
        folded, named = sentence.folded, sentence.named
        at_a = [i for i, t in enumerate(folded) if t in only_a and named[i]]
        if not at_a:
            continue
        at_b = [i for i, t in enumerate(folded) if t in only_b and named[i]]
        for i in at_a:
            for j in at_b:
                lo, hi = min(i, j), max(i, j)
                if (
                    hi - lo <= _INTRODUCED_WITHIN
                    and all(
                        named[k] or folded[k] in TITLES or folded[k] in _NAMING_LINKS
                        for k in range(lo + 1, hi)
                    )
                    and (not office or _holds_office(folded, lo, hi))
                ):
                    return True
    return False


# The words of a role that stand for one person ("army chief", "police chief"): two.
_ROLE_WORDS = 2


def _named_as_role(name: str | None, role: str | None, sentences: Iterable[_SentenceWords]) -> bool:
    """Whether a person written by name ("Somchai Rattana") is the one a role wording names
    ("the country's army chief"): a sentence of the article sets the role's last two words
    (neither a name, the last a title) a few words from the person's name, with no other
    name between them, and the role is not a title written before another name ("army chief
    Niran")."""
    if not name or not role:
        return False
    person = set(name_words(name)) - set(name_words(role))
    if not person:
        return False
    tail = [fold(w.text).removesuffix("'s") for w in words(role)][-_ROLE_WORDS:]
    if len(tail) < _ROLE_WORDS or any(t in name_words(role) or t in _NAMING_LINKS for t in tail):
        return False
    if tail[-1] not in TITLES:
        return False  # a role ends in one ("army chief"); "a chain message" is no one
    n = len(tail)
    for sentence in sentences:
        folded, named = sentence.folded, sentence.named
        at_person = [i for i, t in enumerate(folded) if t in person and named[i]]
        if not at_person:
            continue
        for r in range(len(folded) - n + 1):
            if list(folded[r : r + n]) != tail:
                continue
            after = r + n
            if after < len(folded) and named[after] and folded[after] not in person:
                continue  # "army chief Niran": the title of another name
            for i in at_person:
                lo, hi = (i, r) if i < r else (after - 1, i)
                if hi - lo <= _INTRODUCED_WITHIN and not any(
                    named[k] and folded[k] not in person and folded[k] not in TITLES
                    for k in range(lo + 1, hi)
                ):
                    return True
    return False


def _holds_office(folded: Sequence[str], lo: int, hi: int) -> bool:
    """Whether the naming phrase from ``lo`` to ``hi`` (with the title words just before and
    after it: "Direktur PT X, Budi"; "Budi, the firm's spokesman") names a present office."""
    start = lo
    while start > 0 and lo - start < 3 and folded[start - 1] in TITLES | _PAST_OFFICE:
        start -= 1
    span = folded[start : min(len(folded), hi + 4)]
    return bool(set(span) & _OFFICES) and not set(span) & _PAST_OFFICE


def _naming(st: Statement, by_name: str | None = None) -> int:
    """How well a statement names its speaker: 2 a known actor or a name ("Kepala Dinkes
    Hendra"), or a source named inside it (``by_name``); 1 a bare role ("the regulator");
    0 no one."""
    if by_name or st.speaker_actor or (st.speaker and name_words(st.speaker)):
        return 2
    return 1 if st.speaker else 0


def _same_wording(a: str | None, b: str | None) -> bool:
    """One unknown speaker in two wordings: the same role ("the Health Ministry"), or the
    same name under a title or alone ("Direktur Hendra Wijaya", "Hendra")."""
    return same_speaker_phrase(a, b) or same_name(a, b)


def _claimants(targets: Sequence[str]) -> list[str]:
    """Who may have made the claim a reply names: a person is themself, a state or an
    organisation is itself and every body and person that speaks for it."""
    gaz = gazetteer()
    out: dict[str, None] = {}
    for target in targets:
        if target in gaz.actors and gaz.get(target).kind != "person":
            out.update(dict.fromkeys(gaz.members(target)))
        elif target in gaz.actors:  # a spokesman's claims are stored as the body's
            out.update(dict.fromkeys((target, gaz.speaker(target).id)))
        else:
            out[target] = None
    return list(out)


def _actor_name(actor_id: str) -> str:
    gaz = gazetteer()
    return gaz.get(actor_id).name if actor_id in gaz.actors else actor_id


def _day_of(iso: str) -> date | None:
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        return None


def _iso_day(day: str | None) -> str | None:
    """A day as the stamp flags carry (midnight UTC), like an article's date alone."""
    return datetime.fromisoformat(day).replace(tzinfo=UTC).isoformat() if day else None


def _shift(iso: str, delta: timedelta) -> str:
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return (stamp + delta).isoformat()


async def ingest(
    store: Database,
    text: str | bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    published: str | datetime | None = None,
    lang: str | None = None,
    reader: StatementReader | None = None,
) -> IngestResult:
    """Read one article into the database; the same text or URL twice creates nothing new.

    Raises :class:`claimwatch.engine.articles.InputRefused` for input that is not an article.
    """
    when = published_iso(published)
    reader = reader or StatementReader()
    # Everything pure happens before the write lock is taken.
    reading = await asyncio.to_thread(_read, reader, text, lang)
    article_lang, statements, clean = reading.lang, reading.statements, reading.text
    digest = content_hash(clean)
    async with store.transaction():
        existing = await store.claims.find_article(digest, url)
        if existing is not None:
            return IngestResult(existing, True, article_lang)
        article_id = await store.claims.add_article(
            source=source,
            url=url,
            published=when,
            lang=article_lang,
            content_hash=digest,
            text=clean,
        )
        ids = await store.claims.add_statements(
            article_id,
            [
                NewStatement(
                    position=st.position,
                    text=st.text,
                    content=st.content,
                    lang=st.lang,
                    speaker=st.speaker,
                    speaker_actor=st.speaker_actor,
                    speaker_phrase=st.speaker_phrase,
                    who=who_of(st),
                    stance=st.stance.value,
                    hedged=st.hedged,
                    actors=st.actors,
                    figures=[f.to_json() for f in st.figures],
                )
                for st in statements
            ],
        )
        outs = [StatementOut(ids[st.position], st) for st in statements]
        run = _ArticleRun(store, article_id, when, reading)
        run.narration = [
            o for o in outs if o.statement.speaker is None and o.statement.stance is Stance.ASSERT
        ]
        # Main clauses before background ones ("meskipun ada penolakan ..."), so a flag
        # quotes the sentence that makes the point.
        ordered = sorted(outs, key=lambda o: o.statement.background)
        await run.prefetch([o for o in ordered if _matched(o.statement)])
        for out in ordered:
            if out.statement.stance is Stance.ASSERT:
                await run.assertion(out)
            if out.statement.speaker is not None and out.statement.stance in {
                Stance.ASSERT,
                Stance.NONE,
            }:
                await run.named_report(out)
        for out in ordered:
            if out.statement.stance in ANSWERING:
                await run.answer(out)
        await flag_figure_conflicts(run, outs)
        run.pending = _turned_not_confirmed(run.pending)
        await run.one_rumour_each()
        await run.one_denial_of_rumours()
        await run.write_claims()
        await run.write_links()
        await run.write_flags()
        for out in outs:
            if out.claim_id is not None:
                out.claim_id = run.stored_id(out.claim_id)
        run.new_claims = [run.stored_id(c) for c in run.new_claims]
        touched = sorted(run.stored_id(c) for c in run.touched)
        positions = await store.claims.statement_positions_many(touched)
        await store.claims.set_statuses(
            [
                (claim.id, status(claim.by_who, positions_from(positions[claim.id])).value)
                for claim in await store.claims.get_many(touched)
            ]
        )
        flags = await store.claims.get_flags(run.flag_ids)
    return IngestResult(article_id, False, article_lang, outs, flags, run.new_claims)


@dataclass(slots=True)
class _Reading:
    """An article read before the write lock is taken: its statements, and for those that
    are matched, their keys and whether their content negates (by position)."""

    text: str
    lang: str
    statements: list[Statement]
    keys: dict[int, list[str]]
    negated: dict[int, bool]


def _read(reader: StatementReader, raw: str | bytes, lang: str | None) -> _Reading:
    """Pure work, in a thread: the event loop and the database are free meanwhile."""
    text = prepare_text(raw)
    article_lang, statements = reader.read(text, lang)
    statements = [_own_turn(st) for st in statements]
    matched = [st for st in statements if _matched(st)]
    return _Reading(
        text,
        article_lang,
        statements,
        {st.position: statement_key(st) for st in matched},
        {st.position: negated(st.content) for st in matched},
    )


def _own_turn(st: Statement) -> Statement:
    """A speaker's sentence calling its own earlier word wrong ("what I said about P turned
    out not to be correct") retracts, whatever its verb read as; a denial measured against
    its own first account ("no fire, as stated in our initial report") says what it denies
    (see :mod:`claimwatch.matchers.turns`)."""
    if st.speaker is None:
        return st
    if st.stance in {Stance.ASSERT, Stance.CONFIRM, Stance.NONE} and says_own_word_wrong(
        st.text, st.lang
    ):
        return replace(st, stance=Stance.RETRACT)
    if st.stance is Stance.DENY and st.refers_back and denies_own_earlier(st.text, st.lang):
        return replace(st, refers_back=False)
    return st


def _matched(st: Statement) -> bool:
    return st.stance is Stance.ASSERT or st.stance in ANSWERING
