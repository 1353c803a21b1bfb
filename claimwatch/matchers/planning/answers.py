"""What an answer answers when its words match no claim: a claim it points back at, the
stand a speaker turns from, the claim told later in the same article."""

from collections.abc import Sequence
from dataclasses import replace

from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.decide import (
    FlagKind,
    Relation,
)
from claimwatch.matchers.keys import is_actor, key_tokens, substantive
from claimwatch.matchers.model import Stance, Statement, who_of
from claimwatch.matchers.planning.answerers import claimants, same_answerer, same_wording
from claimwatch.matchers.planning.context import KnownClaim
from claimwatch.matchers.planning.days import shift
from claimwatch.matchers.planning.limits import (
    CONTEXT_TERMS,
    DISPUTED_SHARED,
    POINTED_AT_TOKENS,
    RESOLVE_WINDOW,
    SHARED_WORDS,
    SPREAD_WORDS,
    UNATTRIBUTED,
)
from claimwatch.matchers.planning.plan import StatementOut
from claimwatch.matchers.planning.propositions import (
    TOLD_EARLIER,
    named_most,
    names_that_claim,
    points_back,
)
from claimwatch.matchers.planning.reversals import same_speaker_of
from claimwatch.matchers.planning.state import PlannerState
from claimwatch.matchers.polarity import (
    negated,
)
from claimwatch.matchers.reports import (
    antecedent,
    embedded_report,
    retells_earlier,
)
from claimwatch.matchers.speakers import same_speaker_phrase
from claimwatch.matchers.turns import (
    admits_later,
    calls_figures_wrong,
    names_what_it_takes_back,
    narrates_earlier_stand,
    shares_a_name,
    tells_denial_before,
    wording_within,
)


class AnswerRules(PlannerState):
    """The look-ups of :class:`ArticlePlanner` for what an answer answers."""

    def answered_again(
        self, st: Statement, key: list[str], match: tuple[KnownClaim, float]
    ) -> tuple[KnownClaim, float]:
        """Among claims scoring as well as the best, the one this speaker already answered
        the same way in an earlier article: "Polisi membantah adanya penangkapan" answers
        the arrest claim it denied yesterday, not a retelling of it that ties on the words."""
        who = who_of(st)
        relation = {Stance.DENY: Relation.DENIES, Stance.CONFIRM: Relation.CONFIRMS}.get(st.stance)
        if who is None or relation is None:
            return match
        if match[0].article_id != self.article_id:
            return match
        looked_up = tuple(key) in self.statement_keys
        found = self.context.match(key) if looked_up else []
        tied = [cid for cid, value in found if value > 0 and cid != match[0].id]
        for claim_id in tied:
            earlier = self.positions_before(claim_id)
            if any(other == who and rel == relation.value for other, rel, _ in earlier):
                claim = self.claim(claim_id)
                if claim is not None and claim.article_id != self.article_id:
                    return claim, match[1]
        return match

    def told_as_earlier(self, st: Statement, content_key: list[str]) -> KnownClaim | None:
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
                or not TOLD_EARLIER.search(other.text)
            ):
                continue
            claim = self.claim(told.claim_id)
            if claim is None:
                continue
            shared = len(about & set(substantive(claim.key)))
            if shared and (best is None or (shared, -position) > best[:2]):
                best = (shared, -position, claim.id)
        return self.claim(best[2]) if best is not None else None

    def retracted_claim(self, out: StatementOut, content_key: list[str]) -> None:
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
        claim_id = self.new_claim(out, content_key, st.speaker, who_of(st), text=st.content)
        self.link(out, claim_id, Relation.RETRACTS, 100.0, who=who_of(st))
        self.flag(FlagKind.REVERSAL, claim_id, out, 100.0)

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
            and same_speaker_of(st, other)
            and len(said & set(substantive(key_tokens(other.text, other.lang)))) >= 2
            for other in self.statements
        )

    def stand_left_here(self, st: Statement) -> KnownClaim | None:
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
        best: tuple[int, KnownClaim] | None = None
        for claim_id in self.earlier_stands:
            claim = self.claim(claim_id)
            position = self.claim_position.get(claim_id, st.position)
            if claim is None or position >= st.position:
                continue
            if not (claim.by_who == who or shares_a_name(st.speaker_phrase, claim.by_phrase)):
                continue
            shared = len(said & set(substantive(claim.key)))
            if shared >= SHARED_WORDS and (best is None or position > best[0]):
                best = (position, claim)
        return best[1] if best else None

    def turned_from_denial(self, st: Statement) -> KnownClaim | None:
        """The claim a confirmation that says it turns ("admits ..., weeks after denying
        them") answers when its words matched none: among claims sharing the sentence's
        words, one this speaker (by identity or wording) denied in an earlier article."""
        if (st.text, st.lang) not in self.sentence_keys:
            self.sentence_keys[(st.text, st.lang)] = key_tokens(st.text, st.lang)
        context = self.sentence_keys[(st.text, st.lang)]
        near = self.candidate_keys(context, terms=CONTEXT_TERMS, pairs=False)
        # The sentence's rarest words are often its names; what it admits is its content.
        about = substantive(key_tokens(st.content, st.lang))
        if about:
            near += self.candidate_keys(about, terms=CONTEXT_TERMS, pairs=False)
        who = who_of(st)
        best: tuple[int, str, int, KnownClaim] | None = None
        for claim in self.context.claims_of(cid for cid, _ in near):
            if claim.article_id == self.article_id:
                continue
            earlier = self.positions_before(claim.id)
            denied = any(
                relation == Relation.DENIES.value
                and (
                    other == who
                    or same_wording(st.speaker_phrase, phrase)
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

    def retracted_told_after(self, st: Statement) -> KnownClaim | None:
        """The speaker's own word a retraction takes back, told only after it ("I withdraw
        the comment," the minister said. ... On Saturday the minister had said P): the
        nearest later claim of the same speaker that the article dates before its own day."""
        who = who_of(st)
        for position in sorted(p for p in self.linked if p > st.position):
            told = self.linked[position]
            if told.relation != Relation.NEW.value or told.claim_id is None:
                continue
            claim = self.claim(told.claim_id)
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

    def own_account_denied(self, st: Statement) -> KnownClaim | None:
        """The account a denial measured against "our initial report" takes back when its
        words matched none: the earlier stand this article told before it ("at first, police
        had said P"), the one sharing most of the denial's words."""
        said = set(substantive(key_tokens(st.content, st.lang)))
        who = who_of(st)
        best: tuple[bool, int, int, KnownClaim] | None = None
        for claim_id in self.earlier_stands:
            claim = self.claim(claim_id)
            if claim is None or self.claim_position.get(claim_id, 10**6) > st.position:
                continue
            shared = len(said & set(substantive(claim.key)))
            ranked = (claim.by_who == who, shared, -claim_id, claim)  # its own stand first
            if shared >= 1 and (best is None or ranked[:3] > best[:3]):
                best = ranked
        return best[3] if best else None

    def retracted_own(self, st: Statement, day: str | None) -> KnownClaim | None:
        """The speaker's own claim a retraction turns from when its words matched none
        ("admitted he was wrong about the dam", "I misspoke"): what it retracts is its own
        word, found as a retraction pointing back finds it. Where the retraction says what it
        is about, the claim must share a word of that (else it is another claim of its own,
        made the same day, that it does not speak of)."""
        claim = self.resolve(replace(st, refers_back=True), day)
        if claim is None or self.earlier_told_below(claim.id, st):
            return self.retracted_told_after(st)  # its own word told below: that rule's
        about = substantive(key_tokens(st.content, st.lang))
        if (
            len(about) >= 2
            and not set(about) & set(claim.key)
            and not (claim.figures and calls_figures_wrong(st.text))
        ):
            return None
        return claim

    def answer_named_here(self, out: StatementOut) -> bool:
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
        match = self.best_match(key)
        if match is not None:
            self.apply(out, *match)
            return True
        claim_id = self.new_claim(out, key, UNATTRIBUTED, None, text=proposition)
        relation = Relation.DENIES if st.stance is Stance.DENY else Relation.CONFIRMS
        self.link(out, claim_id, relation, 100.0)
        kind = FlagKind.DENIAL if st.stance is Stance.DENY else FlagKind.CONFIRMATION
        self.flag(kind, claim_id, out, 100.0)
        return True

    def answer_narration(self, out: StatementOut) -> bool:
        """A named answer pointing back at what nothing stored says ("membenarkan penangkapan
        itu", "memastikan surat tersebut hoaks"): the event the article narrated before it
        becomes the claim (see :func:`antecedent`)."""
        st = out.statement
        if not (st.refers_back and st.speaker and st.stance in {Stance.DENY, Stance.CONFIRM}):
            return False
        if not points_back(st.content, long_ok=st.stance is Stance.DENY):
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
            claim = self.claim(told.claim_id)
            if claim is None or self.own_claim(st, claim):
                return False
            self.apply(out, claim, 100.0)
            return True
        told_st = told.statement
        claim_id = self.new_claim(told, self.key(told_st), UNATTRIBUTED, None, text=told_st.text)
        self.link(told, claim_id, Relation.NEW, 100.0)
        relation = Relation.DENIES if st.stance is Stance.DENY else Relation.CONFIRMS
        self.link(out, claim_id, relation, 100.0)
        kind = FlagKind.DENIAL if st.stance is Stance.DENY else FlagKind.CONFIRMATION
        self.flag(kind, claim_id, out, 100.0)
        return True

    def answered_here(
        self, out: StatementOut, key: Sequence[str], relation: Relation
    ) -> KnownClaim | None:
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
            if not same_answerer(
                who_of(st) or "", st.speaker, who_of(other.statement) or "", other.statement.speaker
            ):
                continue
            claim = self.claim(other.claim_id)
            if claim is None:
                continue
            shared = len(mine & set(claim.key))
            same_figure = any(float(f["value"]) in values for f in claim.figures)
            if shared >= 2 or (shared and same_figure):
                return claim
        return None

    def denied_before(self, st: Statement, key: Sequence[str]) -> KnownClaim | None:
        """The claim an admission turns from: one the same answerer denied in an earlier
        article, sharing two of the admission's key tokens ("mengakui kesepakatan sudah
        tercapai" after denying the reported agreement), most shared first."""
        mine = set(substantive(list(key)))
        if len(mine) < 2:
            return None
        since = shift(self.published, -RESOLVE_WINDOW)
        who = who_of(st) or ""
        best: tuple[int, int, KnownClaim] | None = None
        denied = [
            claim_id
            for kind_value, claim_id, other, name in self.answers_from(since)
            if kind_value == FlagKind.DENIAL.value and same_answerer(who, st.speaker, other, name)
        ]
        for claim in self.claims_of(denied):
            shared = len(mine & set(claim.key))
            if shared >= 2 and (best is None or (shared, -claim.id) > best[:2]):
                best = (shared, -claim.id, claim)
        return best[2] if best else None

    def disputed_by_another(self, st: Statement, key: Sequence[str]) -> KnownClaim | None:
        """The claim in dispute a confirmation restates with other details ("Kemlu membenarkan
        kapal X mengganggu survei di Laut Y" after another denied "kapal itu mengganggu survei
        kapal Z"): a claim someone else denied in an earlier article, sharing at least
        DISPUTED_SHARED of the confirmation's event words, and more than any other does."""
        mine = {t for t in substantive(list(key)) if not is_actor(t)}
        if len(mine) < DISPUTED_SHARED:
            return None
        since = shift(self.published, -RESOLVE_WINDOW)
        who = who_of(st) or ""
        denied = [
            claim_id
            for kind_value, claim_id, other, name in self.answers_from(since)
            if kind_value == FlagKind.DENIAL.value
            and not same_answerer(who, st.speaker, other, name)
        ]
        ranked = sorted(
            (
                (len(mine & set(claim.key)), claim)
                for claim in self.claims_of(list(dict.fromkeys(denied)))
                if claim.article_id != self.article_id and not self.own_claim(st, claim)
            ),
            key=lambda item: -item[0],
        )
        if not ranked or ranked[0][0] < DISPUTED_SHARED:
            return None
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None  # two disputes alike: which one is confirmed is not said
        return ranked[0][1]

    def restated_claim(
        self, out: StatementOut, key: Sequence[str], day: str | None
    ) -> KnownClaim | None:
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
        since = shift(self.published, -RESOLVE_WINDOW)
        near = self.candidate_keys(list(mine), terms=CONTEXT_TERMS, pairs=True)
        best: tuple[int, str, KnownClaim] | None = None
        for claim in self.context.claims_of(cid for cid, _ in near):
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

    def resolve(self, st: Statement, day: str | None = None) -> KnownClaim | None:
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
        targets = claimants(st.target_actors)
        if st.stance is Stance.RETRACT and not targets and who:
            targets = [who]  # "meralat pernyataannya": its own claim

        def wanted(claim: KnownClaim) -> bool:
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
                and same_wording(st.speaker_phrase, claim.by_phrase)
            ):
                return False  # "Yusri" denying: not "Kombes Pol Yusri Yunus"'s own words
            return (who is None or claim.by_who != who) and not self.own_claim(st, claim)

        pool = [
            c
            for c in self.claims_spoken_of()
            if wanted(c)
            and len(substantive(c.key)) >= POINTED_AT_TOKENS
            and (
                c.id not in self.new_claims
                or self.told_before(c.id, st.position)
                or self.earlier_told_below(c.id, st)
            )
        ]
        about_speaker = gazetteer().identity(st.speaker_actor).id if st.speaker_actor else None
        # "membantah klaim itu", "that earlier report": the claim just told, not the lead's.
        nearest = names_that_claim(st.content)
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
                    named_most(answered, c.key),
                    # The article's first claim, not the nearest: "that is untrue" answers
                    # what the lead reported, not the remark of the sentence before.
                    last_told.get(c.id, -1) if nearest else -self.claim_position.get(c.id, 0),
                ),
            )
        since = shift(self.published, -RESOLVE_WINDOW)
        # Clauses of one sentence share its text: keyed once per article, not once a clause.
        if (st.text, st.lang) not in self.sentence_keys:
            self.sentence_keys[(st.text, st.lang)] = key_tokens(st.text, st.lang)
        context = list(self.sentence_keys[(st.text, st.lang)])
        if st.speaker:
            context += [t for t in key_tokens(st.speaker, st.lang) if t not in context]
        found: dict[int, KnownClaim] = {}
        near = self.candidate_keys(context, terms=CONTEXT_TERMS, pairs=False)
        for claim in self.context.claims_of(cid for cid, _ in near):
            found[claim.id] = claim
        if targets:
            for claim in self.context.recent_by(targets, since=since):
                found[claim.id] = claim
        elif about_speaker:
            for claim in self.context.recent_about(about_speaker, since=since, exclude_who=who):
                found[claim.id] = claim
        context_set = set(context)
        ranked = [
            (len(context_set & set(c.key)), c.first_seen, c.id, c)
            for c in found.values()
            if wanted(c) and c.first_seen >= since and c.article_id != self.article_id
        ]
        ranked = [r for r in ranked if r[0] >= 1]
        return max(ranked, key=lambda r: r[:3])[3] if ranked else None
