"""Which of the flags an article raises are news: one per answerer, none for an answer
another article already reported, one for a rumour denied twice."""

from claimwatch.matchers.decide import (
    FlagKind,
)
from claimwatch.matchers.keys import substantive
from claimwatch.matchers.planning.answerers import (
    Raising,
    answerer_who,
    by_answerer,
    fuller_answerer,
    headline_of,
    name_tokens,
    naming_rank,
    one_answerer,
    same_answerer,
    state_of,
    told_on,
)
from claimwatch.matchers.planning.days import iso_day, shift
from claimwatch.matchers.planning.limits import RESOLVE_WINDOW, SHARED_WORDS, UNATTRIBUTED
from claimwatch.matchers.planning.plan import PlannedFlag, provisional
from claimwatch.matchers.planning.state import PlannerState


class FlagRules(PlannerState):
    """The flag rules of :class:`ArticlePlanner` (see :mod:`.article`)."""

    def plan_flags(self) -> None:
        """Choose the article's flags (into the plan). An answer another article already
        reported (same kind, claim and answerer) is a re-report, not news. The statements
        left raise one flag per answerer (:func:`by_answerer`); of each answerer's, the one
        that best names who
        answers is quoted, the first of equals: a speakerless headline
        ("Dinkes Pastikan Tak Ada Kematian") or a bare role ("Regulator confirms ...") gives
        way to the sentence that answers the same and names the answerer."""
        before: dict[tuple[str, int], list[tuple[str, str]]] = {}
        values_given: dict[int, list[set[float]]] = {}  # claim -> figures it was flagged with
        stored = sorted({cid for _kind, cid in self.pending if not provisional(cid)})
        for kind_value, claim_id, who, name, values in [
            row for cid in stored for row in self.context.answers_before(cid)
        ]:
            before.setdefault((kind_value, claim_id), []).append((who, name))
            if kind_value == FlagKind.FIGURE_CONFLICT.value and values:
                values_given.setdefault(claim_id, []).append(set(values))
        # Answers the article dates to an earlier day ("membantah, Rabu (5/3)"): the flags
        # other articles raised on that day or since, whatever claim they were linked to.
        said_days = {
            out.id: iso_day(self.said_day(out.statement))
            for raising in self.pending.values()
            for out, _value, _by in raising
        }
        told: list[tuple[str, int, str, str]] = []
        earliest = min((d for d in said_days.values() if d), default=None)
        if earliest is not None:
            told = self.answers_from(earliest)
        retold = self.retold_unnamed()
        admitted = self.admitted_before()
        headline = headline_of(self.text)
        for (kind, claim_id), raising in self.pending.items():
            answered = before.get((kind.value, claim_id), []) + admitted.get((kind, claim_id), [])
            fresh = [
                (out, value, by_name)
                for out, value, by_name in raising
                if not ((kind, claim_id) in retold and not answerer_who(out.statement, by_name))
                # A figure conflict already raised with the same figures, told by nobody.
                and not (
                    kind is FlagKind.FIGURE_CONFLICT
                    and not answerer_who(out.statement, by_name)
                    and out.statement.figures
                    and any(
                        {f.value for f in out.statement.figures} <= given
                        for given in values_given.get(claim_id, [])
                    )
                )
                and not any(
                    same_answerer(mine, my_name, who, name)
                    for who, name in answered
                    for mine, my_name in [
                        (answerer_who(out.statement, by_name), by_name or out.statement.speaker),
                        *fuller_answerer(out.statement, by_name, headline, self.statements),
                    ]
                )
                and not told_on(out, by_name, kind, said_days.get(out.id), told)
            ]
            for answerer in by_answerer(fresh, self.text, self.sentence_words()):
                out, value, by_name = max(
                    answerer, key=lambda item: naming_rank(item[0].statement, item[2])
                )  # max keeps the first of equals
                st = out.statement
                own = by_name is None or by_name == st.speaker
                self.plan.flags.append(
                    PlannedFlag(
                        kind=kind.value,
                        claim_id=claim_id,
                        statement_id=out.id,
                        by_name=(st.speaker if own else by_name) or UNATTRIBUTED,
                        by_who=answerer_who(st, by_name),
                        score=round(value / 100, 2),
                        published=iso_day(self.said_day(st)) or self.published,
                        by_state=state_of(answerer_who(st, by_name)),
                    )
                )
        self.pending = {}

    def one_rumour_each(self) -> None:
        """One answerer denying one rumour twice in an article raises one flag: "membantah
        kabar bahwa P" in the lead and "informasi yang beredar ... bahwa P'" later, where the
        article also narrates the report itself ("Berita dan unggahan itu memuat
        bahwa P'", "beredar pesan yang menyebutkan P'"). The lead's P is the denial's own
        wording of it; the claim is the report as the outlet tells it, sharing two of its
        key tokens. Each answerer's denial of the lead's wording goes where it also denied
        the report."""
        sentences = self.sentence_words()
        denied = [cid for (kind, cid) in self.pending if kind is FlagKind.DENIAL]
        words_of: dict[int, set[str]] = {}  # claim -> its substantive key tokens, read once
        for stated_id in [c for c in denied if c in self.denied_as_stated]:
            stated = self.claim(stated_id)
            if stated is None:
                continue
            stated_words = words_of.setdefault(stated_id, set(substantive(stated.key)))
            for report_id in denied:
                report = self.claim(report_id)
                if (
                    report is None
                    or report_id not in self.told_as_report
                    or report_id in self.denied_as_stated
                    or len(
                        stated_words
                        & (
                            words_of.get(report_id)
                            or words_of.setdefault(report_id, set(substantive(report.key)))
                        )
                    )
                    < SHARED_WORDS
                ):
                    continue
                others = self.pending.get((FlagKind.DENIAL, report_id), [])
                kept = [
                    item
                    for item in self.pending.get((FlagKind.DENIAL, stated_id), [])
                    if not any(one_answerer(item, other, sentences) for other in others)
                ]
                if kept:
                    self.pending[(FlagKind.DENIAL, stated_id)] = kept
                else:
                    self.pending.pop((FlagKind.DENIAL, stated_id), None)
                    break

    def one_denial_of_rumours(self) -> None:
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
            claim = self.claim(claim_id)
            if claim is not None and claim.by_name == UNATTRIBUTED:
                rumours.append((min(out.statement.position for out, _v, _b in raising), claim_id))
        seen: list[Raising] = []
        for _position, claim_id in sorted(rumours):
            raising = self.pending[(FlagKind.DENIAL, claim_id)]
            kept = [
                item for item in raising if not any(one_answerer(item, o, sentences) for o in seen)
            ]
            seen.extend(raising)
            if kept:
                self.pending[(FlagKind.DENIAL, claim_id)] = kept
            else:
                self.pending.pop((FlagKind.DENIAL, claim_id))

    def admitted_before(self) -> dict[tuple[FlagKind, int], list[tuple[str, str]]]:
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
            for kind_value, claim_id, who, name in self.answers_from(
                shift(self.published, -RESOLVE_WINDOW)
            )
            if kind_value in {FlagKind.CONFIRMATION.value, FlagKind.REVERSAL.value}
        ]
        if not earlier:
            return {}
        self.claims_of([c for _k, c in wanted] + [c for c, _w, _n in earlier])
        out: dict[tuple[FlagKind, int], list[tuple[str, str]]] = {}
        for kind, claim_id in wanted:
            claim = self.claim(claim_id)
            if claim is None:
                continue
            mine = set(substantive(claim.key)) - name_tokens(claim)
            for other_id, who, name in earlier:
                other = self.claim(other_id)
                shared = len(mine & set(other.key)) if other is not None else 0
                if other_id == claim_id or (shared >= SHARED_WORDS and 2 * shared >= len(mine)):
                    out.setdefault((kind, claim_id), []).append((who, name))
        return out

    def retold_unnamed(self) -> set[tuple[FlagKind, int]]:
        """The pending (kind, claim) that a sentence naming no answerer would only retell:
        the same kind of answer was already reported, in an earlier article, on that claim
        or on one sharing two of its key tokens ("'forged' ballot claims debunked" after
        the commission's denial). A figure it gives may be a new count ("12 tewas" after
        "8 tewas"), so figure conflicts stay."""
        wanted = [
            (kind, claim_id)
            for (kind, claim_id), raising in self.pending.items()
            if kind is not FlagKind.FIGURE_CONFLICT
            and any(not answerer_who(out.statement, by_name) for out, _v, by_name in raising)
        ]
        if not wanted:
            return set()
        earlier = self.answers_from(shift(self.published, -RESOLVE_WINDOW))
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
        self.claims_of([c for _k, c in unread] + [c for ids in others.values() for c in ids])
        for kind, claim_id in unread:
            claim = self.claim(claim_id)
            if claim is None:
                continue
            mine = set(claim.key)
            if any(
                (other := self.claim(other_id)) is not None and len(mine & set(other.key)) >= 2
                for other_id in others[kind]
            ):
                out.add((kind, claim_id))
        return out
