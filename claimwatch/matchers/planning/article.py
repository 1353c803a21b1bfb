"""Planning one article: statements + the stored world before it -> a :class:`Plan`.

Statements that assert are placed first (they create or restate claims); then denials,
confirmations and the rest are matched, so that "Korea Utara menolak pernyataan Seoul"
finds the claim Seoul made two sentences earlier in the same article. No I/O: what the
planner knows of stored claims comes from a :class:`Context`."""

from claimwatch.matchers.decide import (
    NEGATIVE,
    FlagKind,
    Relation,
)
from claimwatch.matchers.keys import key_tokens, substantive
from claimwatch.matchers.model import ANSWERING, Stance, who_of
from claimwatch.matchers.planning.answerers import actor_name
from claimwatch.matchers.planning.answers import AnswerRules
from claimwatch.matchers.planning.context import Context
from claimwatch.matchers.planning.duplicates import figure_over_confirmation
from claimwatch.matchers.planning.figures_pass import flag_figure_conflicts
from claimwatch.matchers.planning.flags import FlagRules
from claimwatch.matchers.planning.limits import ACCUSER_FREE, POINTED_AT_TOKENS, UNATTRIBUTED
from claimwatch.matchers.planning.plan import NewClaim, Plan, Reading, StatementOut
from claimwatch.matchers.planning.propositions import denies_that, says_something
from claimwatch.matchers.planning.reversals import names_a_report, turned_not_confirmed
from claimwatch.matchers.polarity import (
    negated,
    states_what_it_answers,
    subject_named,
    voices_a_wish,
)
from claimwatch.matchers.reports import (
    Report,
    embedded_report,
    narrated_report,
    report_telling,
)
from claimwatch.matchers.text import fold
from claimwatch.matchers.turns import (
    denies_own_earlier,
)


class ArticlePlanner(AnswerRules, FlagRules):
    """Plans one article: :meth:`assertion` and :meth:`answer` place each statement."""

    def assertion(self, out: StatementOut) -> None:
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
            self.narrated(out)
            return
        key = self.key(st)
        match = self.best_match(key)
        if match is not None:
            self.apply(out, *match)
            return
        if st.speaker is None:
            self.narrated(out)
            return
        if len(key) < 2 or not substantive(key):
            return
        claim_id = self.new_claim(out, key, st.speaker, who_of(st))
        self.link(out, claim_id, Relation.NEW, 100.0)

    def named_report(self, out: StatementOut) -> None:
        """A report a speaker names with what it says ("Budi enggan menanggapi kabar bahwa
        P", "declined to comment on reports that P"): P is stored, unattributed, for the
        answer that follows; the speaker's own words are not linked to it."""
        st = out.statement
        report = embedded_report(st.text, st.lang)
        if report is None:
            return
        key = key_tokens(report.proposition, st.lang)
        if len(substantive(key)) < POINTED_AT_TOKENS or self.best_match(key) is not None:
            return
        claim_id = self.add_claim(
            NewClaim(
                text=report.told or report.proposition,
                key=key,
                lang=st.lang,
                by_name=UNATTRIBUTED,
                by_who=None,
                actors=st.actors,
                figures=[],
                article_id=self.article_id,
                first_seen=self.published,
                by_phrase=None,
                by_state=None,
            )
        )
        self.touched.add(claim_id)
        self.claim_position.setdefault(claim_id, st.position)
        self.first_mention[claim_id] = min(
            self.first_mention.get(claim_id, st.position), st.position
        )

    def narrated(self, out: StatementOut) -> None:
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
        match = self.best_match(key)
        if match is not None:
            self.apply(out, *match)
            return
        source = report.source
        by_name = source if source else UNATTRIBUTED
        claim_id = self.new_claim(
            out,
            key,
            by_name,
            fold(source) if source else None,
            text=report.told or report.proposition,
        )
        self.link(out, claim_id, Relation.NEW, 100.0)

    def answer(self, out: StatementOut) -> None:
        """A denial, confirmation, retraction or "not confirmed": find what it answers."""
        st = out.statement
        key = self.key(st)
        day = self.said_day(st)
        if not st.refers_back and self.turn_narrated(st, st.stance):
            # "admitted P, reversing its earlier denial": the claim it turns from first.
            turned = self.turned_from_denial(st)
            if turned is not None:
                self.apply(out, turned, 100.0)
                return
        left = self.stand_left_here(st)
        if left is not None:
            # "Mulanya X menyebut P. ... X akhirnya mengakui Q": Q leaves the stand P.
            self.link(out, left.id, Relation.RETRACTS, 100.0, who=left.by_who)
            self.flag(FlagKind.REVERSAL, left.id, out, 100.0)
            return
        if not st.refers_back:
            if st.position not in self.negated:
                self.negated[st.position] = negated(st.content)
            polarity = self.negated[st.position] if st.stance is Stance.DENY else None
            match = self.best_match(key, day, negates=polarity, position=st.position)
            if match is not None:
                match = self.answered_again(st, key, match)
            if match is not None and not self.own_no(st, match[0], polarity):
                self.apply(out, *match)
                return
        elif self.answer_named_here(out):
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
                claim = self.claim(previous.claim_id or 0)
                if claim is not None and not self.own_claim(st, claim):
                    self.apply(out, claim, 100.0, Stance.ASSERT)
                    return
        resolved = self.resolve(st, day)
        if resolved is None and st.stance is Stance.RETRACT and not st.refers_back:
            resolved = self.retracted_own(st, day)
        if resolved is None and st.refers_back and self.turn_narrated(st, st.stance):
            resolved = self.turned_from_denial(st)  # (not pointing back: tried above)
        if (
            resolved is None
            and st.stance is Stance.DENY
            and st.speaker is not None
            and denies_own_earlier(st.text, st.lang)
        ):
            resolved = self.own_account_denied(st)
        if resolved is not None:
            self.apply(out, resolved, 100.0)
            return
        if self.answer_narration(out):
            return
        content_key = key_tokens(st.content, st.lang)
        if st.stance is Stance.CONFIRM and st.speaker is not None:
            denied = self.denied_before(st, content_key)
            if denied is None:
                denied = self.told_as_earlier(st, content_key)
            if denied is None:
                denied = self.disputed_by_another(st, content_key)
            if denied is not None:
                self.apply(out, denied, 100.0)
                return
        if (
            st.stance is Stance.DENY
            and (
                st.target_actors
                or st.target_rumour
                or (
                    st.speaker is not None
                    and len(substantive(content_key)) >= ACCUSER_FREE
                    and denies_that(st.text)
                )
            )
            and not st.refers_back
            and says_something(content_key)
            and states_what_it_answers(st.text, st.content)
        ):
            if st.target_actors:
                target = st.target_actors[0]
                by_name = actor_name(target)
            else:
                target, by_name = None, UNATTRIBUTED
            again = self.answered_here(out, content_key, Relation.DENIES) or self.restated_claim(
                out, content_key, day
            )
            if again is not None:
                self.apply(out, again, 100.0)
                return
            # The accused is the one denying: "mereka memasok senjata" is about the speaker.
            text = subject_named(st.content, st.speaker)
            claim_id = self.new_claim(out, content_key, by_name, target, text=text)
            if target is None:
                self.denied_as_stated.add(claim_id)
            self.link(out, claim_id, Relation.DENIES, 100.0)
            self.flag(FlagKind.DENIAL, claim_id, out, 100.0)
        elif (
            st.stance is Stance.CONFIRM
            and st.speaker is not None
            and not st.refers_back
            and len(substantive(content_key)) >= 3
            # (whether it turns is asked once: it reads every statement of the article)
            and ((turns := self.admits_after_denying(st)) or names_a_report(st.text))
            and states_what_it_answers(st.text, st.content)
        ):
            again = self.answered_here(out, content_key, Relation.CONFIRMS)
            if again is not None:
                self.apply(out, again, 100.0)
                return
            claim_id = self.new_claim(out, content_key, UNATTRIBUTED, None, text=st.content)
            self.link(out, claim_id, Relation.CONFIRMS, 100.0)
            # "X admitted P, days after denying it", "X admitted P. X had denied it": a turn.
            kind = FlagKind.REVERSAL if turns else FlagKind.CONFIRMATION
            self.flag(kind, claim_id, out, 100.0)
        elif st.stance is Stance.RETRACT:
            self.retracted_claim(out, content_key)


def plan_article(
    context: Context,
    article_id: int,
    published: str,
    reading: Reading,
    statement_ids: dict[int, int],
) -> Plan:
    """Plan one article against the stored world in ``context``: statements that assert
    first, then the answers, then the figure conflicts, then which flags are news.
    ``statement_ids``: position -> the statement's stored id."""
    outs = [StatementOut(statement_ids[st.position], st) for st in reading.statements]
    run = ArticlePlanner(context, article_id, published, reading)
    run.narration = [
        o for o in outs if o.statement.speaker is None and o.statement.stance is Stance.ASSERT
    ]
    # Main clauses before background ones ("meskipun ada penolakan ..."), so a flag
    # quotes the sentence that makes the point.
    ordered = sorted(outs, key=lambda o: o.statement.background)
    for out in ordered:
        if out.statement.stance is Stance.ASSERT:
            run.assertion(out)
        if out.statement.speaker is not None and out.statement.stance in {
            Stance.ASSERT,
            Stance.NONE,
        }:
            run.named_report(out)
    for out in ordered:
        if out.statement.stance in ANSWERING:
            run.answer(out)
    flag_figure_conflicts(run, outs)
    run.pending = turned_not_confirmed(run.pending)
    run.one_rumour_each()
    run.one_denial_of_rumours()
    figure_over_confirmation(run.pending, run.sentence_words())
    run.plan_flags()
    run.plan.statements = outs
    return run.plan
