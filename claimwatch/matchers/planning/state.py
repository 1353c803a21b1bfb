"""The planner's state for one article and the moves every rule makes: find the claim a
key matches (stored, or made by this article, matched in memory), apply a statement to a
claim, link, flag, make a claim."""

import bisect
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.candidates import SEARCH_LIMIT, rarest_terms, score_candidates
from claimwatch.matchers.coref import holder_office, name_words
from claimwatch.matchers.decide import (
    Decision,
    FlagKind,
    Relation,
    decide,
    positions_from,
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
from claimwatch.matchers.keys import statement_key, substantive
from claimwatch.matchers.model import Stance, Statement, who_of
from claimwatch.matchers.planning.answerers import (
    OFFICER_TURNS,
    ArticleSentences,
    introduced_as,
    named_as_role,
    names_a_company,
    same_wording,
    state_of,
    the_company,
)
from claimwatch.matchers.planning.context import Context, KnownClaim
from claimwatch.matchers.planning.days import day_of, shift
from claimwatch.matchers.planning.limits import CREATED_SCORED_IN_MEMORY, NAMED_BACK, RESOLVE_WINDOW
from claimwatch.matchers.planning.plan import (
    PROVISIONAL,
    Link,
    NewClaim,
    Plan,
    Reading,
    StatementOut,
    matched,
    provisional,
)
from claimwatch.matchers.planning.reversals import headline_denier, turned_from
from claimwatch.matchers.polarity import (
    negated,
)
from claimwatch.matchers.reports import (
    narrated_report,
    report_telling,
    retells_earlier,
)
from claimwatch.matchers.speakers import same_speaker_phrase
from claimwatch.matchers.turns import (
    denies_own_earlier,
    narrates_earlier_stand,
    takes_back_own_word,
    turns_from_denial,
)
from claimwatch.matchers.when import said_on


class PlannerState:
    """Matching state for one article: the claims it made and linked so far, the flags it
    raises (pending until the end, when the one to quote can be chosen), and what it read
    of the stored world (a :class:`Context`, read before planning, never changed by it).
    Links, new claims and flags become a :class:`Plan`; nothing is written here."""

    def __init__(self, context: Context, article_id: int, published: str, reading: Reading) -> None:
        self.context = context
        self.article_id = article_id
        self.published = published
        self.plan = Plan()
        self.new_claims = self.plan.made
        self.touched = self.plan.touched
        self.claim_position: dict[int, int] = {}  # claim -> position of its first statement
        self.first_mention: dict[int, int] = {}  # claim -> lowest position linked to it
        self.linked: dict[int, StatementOut] = {}  # position -> linked statement
        self.linked_positions: list[int] = []  # the keys of ``linked``, sorted
        self.text = reading.text  # who an answerer is introduced as (see by_answerer)
        self.statements = reading.statements  # an earlier denial told beside an admission
        self.sentences: ArticleSentences | None = None  # see sentence_words
        self.keys = reading.keys  # statement position -> its key (computed with the reading)
        # (position, phrase, who) of the article's statements whose speaker is an actor or a
        # name: what a later "Hadi" or "the company" in the same article may refer to.
        self.named = [
            (st.position, st.speaker_phrase, who_of(st))
            for st in reading.statements
            if st.speaker_phrase and (st.speaker_actor or name_words(st.speaker_phrase))
        ]
        self.negated = reading.negated  # statement position -> whether its content negates
        # The keys of the statements matched (what the engine looks up with the article).
        self.statement_keys = {tuple(self.key(st)) for st in reading.statements if matched(st)}
        self.created: list[tuple[int, list[str]]] = []  # (claim id, key) made by this article
        # token -> indexes in ``created`` of the claims holding it: a statement is scored
        # against the article's claims sharing a token, not all of them (12,000 claims).
        self.created_by_token: dict[str, list[int]] = {}
        self.claims: dict[int, KnownClaim] = {}  # the claims this article made
        self.claim_negated: dict[int, bool] = {}
        # (kind, claim) -> the statements raising it, in order, with their scores and who
        # answers when a statement quotes another source's figure; chosen at the end, when
        # the one to quote can be chosen (see :meth:`FlagRules.plan_flags`).
        self.pending: dict[tuple[FlagKind, int], list[tuple[StatementOut, float, str | None]]] = {}
        self.sentence_keys: dict[tuple[str, str], list[str]] = {}
        self.day = day_of(published)
        # The outlet's own narration (no speaker, asserting): what an answer that points
        # back may answer when nothing stored says it (set by :func:`plan_article`).
        self.narration: list[StatementOut] = []
        # Claims this article made from a speaker's narrated earlier stand ("had said").
        self.earlier_stands: set[int] = set()
        # This article's claims from a sentence that narrates a report ("beredar pesan yang
        # menyebutkan P", "Unggahan itu mencantumkan bahwa P"), and those a denial stated in
        # its own words with no accuser ("membantah kabar bahwa P"): see one_rumour_each.
        self.told_as_report: set[int] = set()
        self.denied_as_stated: set[int] = set()
        self.by_position: dict[int, Statement] | None = None  # see statement_at

    def key(self, st: Statement) -> list[str]:
        """The statement's key, computed once per article."""
        if st.position not in self.keys:
            self.keys[st.position] = statement_key(st)
        return self.keys[st.position]

    def claim(self, claim_id: int) -> KnownClaim | None:
        """A claim this article made, else a stored one (as it was before the article)."""
        made = self.claims.get(claim_id)
        return made if made is not None else self.context.claim(claim_id)

    def sentence_words(self) -> ArticleSentences:
        """The article's sentences tokenised for the answerer rules, once per article."""
        if self.sentences is None:
            self.sentences = ArticleSentences(self.text)
        return self.sentences

    def claims_of(self, claim_ids: Sequence[int]) -> list[KnownClaim]:
        """:meth:`claim` of many claims, in that order (those found)."""
        self.context.claims_of(c for c in claim_ids if c not in self.claims)  # read together
        return [c for c in (self.claim(cid) for cid in claim_ids) if c is not None]

    def answers_from(self, since: str) -> list[tuple[str, int, str, str]]:
        """(kind, claim id, answerer id, answerer as written) of the flags other articles
        raised on answers given from ``since`` to this article's date. The last
        :data:`RESOLVE_WINDOW` (or from ``since``, where earlier) is what the context holds:
        an admission, a retold answer and an answer dated to an earlier day all ask."""
        start = min(since, shift(self.published, -RESOLVE_WINDOW))
        rows = self.context.answers_since(start)
        return [(k, c, who, name) for k, c, who, name, when in rows if when >= since]

    def positions_before(self, claim_id: int) -> list[tuple[str, str, str | None]]:
        """Positions taken on a claim by earlier articles (this one's are not counted)."""
        if provisional(claim_id):
            return []  # made by this article: no earlier one spoke of it
        return self.context.positions_of(claim_id)

    def claims_spoken_of(self) -> list[KnownClaim]:
        """Claims this article created or spoke about so far, in the order it did."""
        ordered = sorted(self.first_mention, key=lambda c: (self.first_mention[c], c))
        return self.claims_of(ordered)

    def said_day(self, st: Statement) -> str | None:
        """The day (ISO) the statement was made, where the text names one before the
        article's own day ("membantah, Selasa (19/11)", "denied on Tuesday")."""
        if self.day is None:
            return None
        day = said_on(st.text, self.day)
        return day.isoformat() if day is not None and day < self.day else None

    def stated_after(self, claim: KnownClaim, position: int) -> bool:
        """Whether the claim is this article's own, first stated after ``position``: what an
        answer points back at was said before it ("denied reports that ..." then the
        company's own quote), so an earlier claim matching as well is preferred."""
        return (
            claim.article_id == self.article_id and self.claim_position.get(claim.id, -1) > position
        )

    def made_by(self, claim: KnownClaim, day: str | None) -> bool:
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

    def candidate_keys(
        self, tokens: Sequence[str], *, terms: int, pairs: bool
    ) -> list[tuple[int, list[str]]]:
        """(id, key) of the stored claims sharing the rarest of ``tokens`` (storage's
        ``candidate_keys``). Rarity counts the claims this article made so far as stored
        ones, as it did when they were written as they were made: a word of this story is
        rare, and is what finds the earlier claims of the story."""
        unique = list(dict.fromkeys(tokens))
        freq = self.context.document_frequencies(unique)
        for token in unique:
            made = len(self.created_by_token.get(token, ()))
            if made:
                freq[token] += made
        chosen = rarest_terms(freq, terms)
        if not chosen:
            return []
        found = self.context.candidate_keys(chosen, pairs=pairs)
        # Those claims of the article holding the words took their places among storage's
        # best-ranked SEARCH_LIMIT too (first: they hold the rarest of them).
        holding = Counter(i for t in chosen for i in self.created_by_token.get(t, ()))
        need = 2 if pairs and len(chosen) >= 2 else 1
        own = sum(1 for count in holding.values() if count >= need)
        return found[: max(0, SEARCH_LIMIT - own)] if own else found

    def add_claim(self, row: NewClaim) -> int:
        """A claim this article makes: kept, as it will be stored, under a provisional id
        (see :data:`PROVISIONAL`) until the plan is written."""
        claim_id = PROVISIONAL + len(self.plan.new_claims)
        self.plan.new_claims.append(row)
        key = list(dict.fromkeys(row.key))  # as stored: each token once
        self.claims[claim_id] = KnownClaim(
            id=claim_id,
            text=row.text,
            key=key,
            lang=row.lang,
            by_name=row.by_name,
            by_who=row.by_who,
            actors=list(row.actors),
            figures=json.loads(json.dumps(list(row.figures), ensure_ascii=False)),
            article_id=self.article_id,
            first_seen=self.published,
            by_phrase=row.by_phrase,
        )
        self.new_claims.append(claim_id)
        index = len(self.created)
        self.created.append((claim_id, key))
        for token in key:
            self.created_by_token.setdefault(token, []).append(index)
        return claim_id

    def best_match(
        self,
        key: list[str],
        before: str | None = None,
        *,
        negates: bool | None = None,
        position: int | None = None,
    ) -> tuple[KnownClaim, float] | None:
        """The best-scoring claim for ``key`` (made by ``before``, where given). ``negates``:
        the polarity of a denial's content; a claim of the same polarity is preferred to a
        better-scoring one of the other ("denied reports that it would raise prices"
        answers the report, not the company's own "we have no plan to raise prices")."""
        # The article's own claims count as the stored index would count them: every key
        # looked up with its statements scores them, another only where the index reads it.
        indexed = len(key) >= 2 and bool(substantive(key))
        looked_up = tuple(key) in self.statement_keys
        scored = indexed or (looked_up and len(self.created) <= CREATED_SCORED_IN_MEMORY)
        found = self.context.match(key) if indexed else []
        if self.created and scored:
            mine = score_candidates(key, self.created_sharing(key))
            if mine:
                found = sorted(found + mine, key=lambda item: (-item[1], -item[0]))
        first: tuple[KnownClaim, float] | None = None
        for claim_id, value in found:
            claim = self.claim(claim_id)
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

    def apply(
        self, out: StatementOut, claim: KnownClaim, value: float, stance: Stance | None = None
    ) -> None:
        st = out.statement
        earlier = self.positions_before(claim.id)
        who = self.same_speaker(st, claim, earlier)
        positions = positions_from(earlier)
        stance = stance or st.stance
        turner = headline_denier(st, earlier) if stance is Stance.CONFIRM else None
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
            turning = stance in OFFICER_TURNS  # an admission, not a plain assertion
            stance = Stance.DENY
            if turning and who != claim.by_who:
                # "Direktur PT X, Budi, mengakui P" against PT X's own "not P": the body's
                # officer turning from the body's stand (see :func:`turned_from`).
                who = turned_from(replace(st, stance=Stance.DENY), earlier) or who
            if (
                turning
                and who != claim.by_who
                and claim.by_who is not None
                and introduced_as(
                    set(name_words(st.speaker or "")),
                    set(name_words(claim.by_name)),
                    ArticleSentences(st.text),
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
        self.link(out, claim.id, decision.relation, value, who=who)
        if decision.flag is not None:
            by_name = turner[1] if turner is not None else None
            self.flag(decision.flag, claim.id, out, value, by_name=by_name)

    def same_speaker(
        self, st: Statement, claim: KnownClaim, earlier: Sequence[tuple[str, str, str | None]]
    ) -> str | None:
        """The statement's speaker identity. A speaker with no actor ("the Health Ministry",
        "Hadi") is the claim's author, a speaker named more fully earlier in this article
        ("Kabid Humas Polda Sukamaju Kombes Agus Setiawan"), or a speaker of the claim in
        an earlier article, when the wordings name the same one."""
        who = who_of(st)
        if st.speaker_actor or not st.speaker_phrase:
            return who
        if claim.by_who and same_wording(st.speaker_phrase, claim.by_phrase):
            return claim.by_who
        if claim.by_who and the_company(st.speaker_phrase) and names_a_company(claim.by_phrase):
            return claim.by_who  # "the company" for "Direktur SDM PT X", who said the claim
        before = bisect.bisect_left(self.named, (st.position,))
        for _position, phrase, fuller in reversed(self.named[max(0, before - NAMED_BACK) : before]):
            if fuller != who and same_wording(st.speaker_phrase, phrase):
                who = fuller  # the fuller wording's identity; it may have spoken on the claim
                break
        for other, _relation, their_phrase in earlier:
            if other == who or same_wording(st.speaker_phrase, their_phrase):
                return other
        return turned_from(st, earlier) or who

    def link(
        self,
        out: StatementOut,
        claim_id: int,
        relation: Relation,
        value: float,
        *,
        who: str | None = None,
    ) -> None:
        self.plan.links.append(Link(out.id, claim_id, relation.value, round(value, 2), who))
        out.claim_id, out.relation, out.score = claim_id, relation.value, round(value, 2)
        self.touched.add(claim_id)
        position = out.statement.position
        if position not in self.linked:
            bisect.insort(self.linked_positions, position)
        self.linked[position] = out
        self.claim_position.setdefault(claim_id, position)
        self.first_mention[claim_id] = min(self.first_mention.get(claim_id, position), position)

    def flag(
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

    def new_claim(
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
            NewClaim(
                text=text or st.content or st.text,
                key=key,
                lang=st.lang,
                by_name=by_name,
                by_who=by_who,
                actors=st.actors,
                figures=[f.to_json() for f in (st.figures if figures is None else figures)],
                article_id=self.article_id,
                first_seen=self.published,
                by_phrase=st.speaker_phrase if by_who == who_of(st) else None,
                by_state=state_of(by_who),
            )
        )
        if narrated_report(st.text, st.lang) or report_telling(st.text, st.lang):
            self.told_as_report.add(claim_id)
        if by_who is not None and by_who == who_of(st) and narrates_earlier_stand(st.text, st.lang):
            self.earlier_stands.add(claim_id)  # "X had earlier said P": a stand to turn from
        return claim_id

    @staticmethod
    def turn_narrated(st: Statement, stance: Stance) -> bool:
        """Whether a speaker's confirmation narrates its own earlier denial."""
        return (
            stance is Stance.CONFIRM
            and st.speaker is not None
            and turns_from_denial(st.text, st.lang)
        )

    def own_no(self, st: Statement, claim: KnownClaim, polarity: bool | None) -> bool:
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

    def claim_says_no(self, claim: KnownClaim) -> bool:
        """Whether a claim's text is negated, read once per claim (``own_no`` asks often)."""
        if claim.id not in self.claim_negated:
            self.claim_negated[claim.id] = negated(claim.text)
        return self.claim_negated[claim.id]

    def own_claim(self, st: Statement, claim: KnownClaim) -> bool:
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
            and named_as_role(st.speaker, claim.by_phrase, self.sentence_words())
        ) or (
            claim.by_who not in actors
            and named_as_role(claim.by_phrase, mine, self.sentence_words())
        )

    def told_before(self, claim_id: int, position: int) -> bool:
        """Whether the article told the claim before ``position``: stored there, or named by
        an answer that states it ("membantah kabar tentang P" in the lead, P's own sentence
        coming later), so "isu itu tidak benar" after the lead points back at it."""
        first = min(
            self.claim_position.get(claim_id, 10**6), self.first_mention.get(claim_id, 10**6)
        )
        return first < position

    def earlier_told_below(self, claim_id: int, st: Statement) -> bool:
        """Whether the article's own claim, told only below the answer ``st``, is told as
        said before it ("Sebelumnya, X menyebut P", "Earlier, X had said P"). News often
        opens on the latest word (the reply) and tells what it answers afterwards: text
        order is not time order."""
        position = self.claim_position.get(claim_id)
        if position is None or position <= st.position:
            return False
        told = self.statement_at(position)
        if told is None or told.text == st.text:
            return False  # its own sentence goes on ("..., saying the earlier remarks ...")
        return retells_earlier(told.text) or narrates_earlier_stand(told.text, told.lang)

    def statement_at(self, position: int) -> Statement | None:
        """The article's statement at ``position`` (read once into a map)."""
        if self.by_position is None:
            self.by_position = {s.position: s for s in self.statements}
        return self.by_position.get(position)

    def previous_linked(self, position: int) -> StatementOut | None:
        before = bisect.bisect_left(self.linked_positions, position)
        return self.linked[self.linked_positions[before - 1]] if before else None
