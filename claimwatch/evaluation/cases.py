"""``claimwatch eval cases``: precision, recall and F1 of flags, and speaker accuracy.

Each case gets a fresh in-memory database (a copy of one migrated blank database); the
background articles are ingested in order, then the probe, and only the probe's flags count.
A raised flag matches an expected one when the kind is equal and every keyword occurs in its
claim text (case-insensitive); among the raised flags that match, one whose answerer is the
expected speaker is preferred. Speaker accuracy is the share of matched flags whose
answerer is the expected ``by`` or one of its ``by_aliases`` (the rule is in
:mod:`claimwatch.evaluation.speakers`); expected flags without ``by`` are not counted in it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimwatch.engine.articles import InputRefused
from claimwatch.engine.pipeline import IngestResult, ingest
from claimwatch.engine.records import flag_json
from claimwatch.evaluation.speakers import Answerer, expected_names, speaker_agrees
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage import open_database
from claimwatch.storage.api import Database, FlagRow

KINDS = ("denial", "confirmation", "reversal", "figure_conflict")
TALLY_FIELDS = ("tp", "fp", "fn", "speaker_checked", "speaker_ok")


class CaseFileError(ValueError):
    """A line of the cases file is not a case."""


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_checked: int = 0  # matched flags whose expected flag names a speaker
    speaker_ok: int = 0  # ... and whose answerer is that speaker

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        """None when no matched flag had an expected speaker to compare with."""
        return self.speaker_ok / self.speaker_checked if self.speaker_checked else None

    def absorb(self, other: Tally) -> None:
        for name in TALLY_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_json(self) -> dict[str, Any]:
        accuracy = self.speaker_accuracy
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "speaker_checked": self.speaker_checked,
            "speaker_correct": self.speaker_ok,
            "speaker_accuracy": None if accuracy is None else round(accuracy, 3),
        }


@dataclass(frozen=True, slots=True)
class Raised:
    """A flag the probe raised, with who it says answered."""

    flag: FlagRow
    answerer: Answerer


@dataclass(slots=True)
class CaseOutcome:
    id: str
    lang: str
    flags: list[FlagRow]
    missed: list[dict[str, Any]]
    extra: list[FlagRow]
    expected: list[dict[str, Any]] = field(default_factory=list)
    raised: list[Raised] = field(default_factory=list)
    # index into ``expected`` -> the raised flag that matched it
    matched: dict[int, Raised] = field(default_factory=dict)
    # indices into ``expected`` whose matched flag has another answerer
    wrong_speaker: list[int] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.missed or self.extra or self.wrong_speaker)


@dataclass(slots=True)
class CasesReport:
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_lang: dict[str, Tally] = field(default_factory=dict)
    outcomes: list[CaseOutcome] = field(default_factory=list)
    name: str = ""  # the cases file, or "pooled"

    def add(self, lang: str, kind: str, field_name: str) -> None:
        for tally in self._tallies(lang, kind):
            setattr(tally, field_name, getattr(tally, field_name) + 1)

    def add_speaker(self, lang: str, kind: str, *, correct: bool) -> None:
        for tally in self._tallies(lang, kind):
            tally.speaker_checked += 1
            tally.speaker_ok += int(correct)

    def _tallies(self, lang: str, kind: str) -> tuple[Tally, Tally, Tally]:
        return (
            self.overall,
            self.by_kind.setdefault(kind, Tally()),
            self.by_lang.setdefault(lang, Tally()),
        )

    @classmethod
    def pooled(cls, reports: Sequence[CasesReport], name: str = "pooled") -> CasesReport:
        """Every case of ``reports`` counted together."""
        out = cls(name=name)
        for report in reports:
            out.overall.absorb(report.overall)
            for mine, theirs in ((out.by_kind, report.by_kind), (out.by_lang, report.by_lang)):
                for key, tally in theirs.items():
                    mine.setdefault(key, Tally()).absorb(tally)
            out.outcomes.extend(report.outcomes)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": len(self.outcomes),
            "overall": self.overall.to_json(),
            "by_kind": {k: v.to_json() for k, v in sorted(self.by_kind.items())},
            "by_lang": {k: v.to_json() for k, v in sorted(self.by_lang.items())},
        }

    def render(self, *, verbose: bool = False) -> str:
        title = f"{self.name}: " if self.name else ""
        lines = [f"{title}{len(self.outcomes)} cases", _row("all flags", self.overall)]
        lines.append("by kind:")
        lines += [_row(k, self.by_kind[k]) for k in KINDS if k in self.by_kind]
        lines += [_row(k, v) for k, v in sorted(self.by_kind.items()) if k not in KINDS]
        lines.append("by language:")
        lines += [_row(k, v) for k, v in sorted(self.by_lang.items())]
        wrong = [o for o in self.outcomes if o.has_errors]
        if verbose and wrong:
            lines.append(f"cases with errors ({len(wrong)}):")
            for outcome in wrong:
                lines += case_errors(outcome)
        return "\n".join(lines)

    def prediction_lines(self) -> list[str]:
        """One JSON line per case: its id and the flags the probe raised."""
        return [
            json.dumps(
                {"id": o.id, "flags": [_raised_json(r) for r in o.raised]}, ensure_ascii=False
            )
            for o in self.outcomes
        ]


def _row(name: str, t: Tally) -> str:
    accuracy = t.speaker_accuracy
    speaker = "  -  " if accuracy is None else f"{accuracy:5.3f}"
    return (
        f"  {name:<16} P {t.precision:5.3f}  R {t.recall:5.3f}  F1 {t.f1:5.3f}"
        f"  speaker {speaker}   (tp {t.tp}, fp {t.fp}, fn {t.fn};"
        f" speaker {t.speaker_ok}/{t.speaker_checked})"
    )


def _expected_text(expected: dict[str, Any]) -> str:
    keywords = ", ".join(str(k) for k in expected.get("claim_keywords", []))
    names = expected_names(expected)
    by = f" by {names[0]}" if names else ""
    if len(names) > 1:
        by += f" (or {' / '.join(names[1:])})"
    return f"{expected.get('kind', '?')} [{keywords}]{by}"


def _raised_text(raised: Raised) -> str:
    claim = raised.flag.claim_text
    claim = claim if len(claim) <= 70 else claim[:69] + "…"
    return f"#{raised.flag.id} {raised.flag.kind} by {raised.answerer.label()} on '{claim}'"


def case_errors(o: CaseOutcome) -> list[str]:
    """The expected and raised flags of one case, each with what became of it."""
    counts = [
        f"{len(o.missed)} missed" if o.missed else "",
        f"{len(o.extra)} extra" if o.extra else "",
        f"{len(o.wrong_speaker)} wrong speaker" if o.wrong_speaker else "",
    ]
    lines = [f"  {o.id} ({o.lang}): {', '.join(c for c in counts if c)}"]
    for i, expected in enumerate(o.expected):
        hit = o.matched.get(i)
        if hit is None:
            verdict = "MISSED"
        elif i in o.wrong_speaker:
            verdict = f"#{hit.flag.id}, WRONG SPEAKER {hit.answerer.label()}"
        else:
            verdict = f"#{hit.flag.id}"
        lines.append(f"    expect {_expected_text(expected)} -> {verdict}")
    if not o.expected:
        lines.append("    expect nothing")
    if not o.raised:
        lines.append("    raised nothing")
    which = {id(r.flag): i for i, r in o.matched.items()}
    for raised in o.raised:
        i = which.get(id(raised.flag))
        verdict = "EXTRA" if i is None else f"expect {o.expected[i].get('kind', '?')}"
        lines.append(f"    raised {_raised_text(raised)} -> {verdict}")
    return lines


def _raised_json(raised: Raised) -> dict[str, Any]:
    return flag_json(raised.flag) | {
        "speaker_phrase": raised.answerer.phrase,
        "speaker_actor": raised.answerer.actor,
    }


def load_cases(path: Path) -> list[dict[str, Any]]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CaseFileError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(case, dict) or "probe" not in case or "id" not in case:
            raise CaseFileError(f"{path}:{number}: a case needs at least 'id' and 'probe'")
        cases.append(case)
    return cases


def _matches(flag: FlagRow, expected: dict[str, Any]) -> bool:
    if flag.kind != expected.get("kind"):
        return False
    text = flag.claim_text.casefold()
    return all(str(k).casefold() in text for k in expected.get("claim_keywords", []))


async def run_case(
    case: dict[str, Any], reader: StatementReader, template: Database | None = None
) -> list[Raised]:
    """The probe's flags, each with its answerer; ``template``: a migrated blank database
    to copy (else one is migrated for the case)."""
    store = await (template.copy_in_memory() if template else open_database(":memory:"))
    try:
        for article in case.get("background", []):
            await _ingest(store, article, case, reader)
        result = await _ingest(store, case["probe"], case, reader)
        return _raised(result) if result else []
    finally:
        await store.close()


def _raised(result: IngestResult) -> list[Raised]:
    statements = {out.id: out.statement for out in result.statements}
    out = []
    for flag in result.flags:
        st = statements.get(flag.statement_id)
        phrase, actor = (st.speaker_phrase, st.speaker_actor) if st else (None, None)
        out.append(Raised(flag, Answerer(flag.by, phrase, actor)))
    return out


async def _ingest(
    store: Database, article: dict[str, Any], case: dict[str, Any], reader: StatementReader
) -> IngestResult | None:
    try:
        return await ingest(
            store,
            article["text"],
            source=article.get("source"),
            url=article.get("url"),
            published=article.get("published"),
            lang=case.get("lang"),
            reader=reader,
        )
    except InputRefused:
        return None


def score_case(case: dict[str, Any], raised: list[Raised], report: CasesReport) -> CaseOutcome:
    """Match the raised flags to the expected ones and count them in ``report``."""
    lang = case.get("lang", "?")
    expected_flags = list(case.get("expect", []))
    outcome = CaseOutcome(
        case["id"], lang, [r.flag for r in raised], [], [], expected_flags, list(raised)
    )
    unmatched = list(raised)
    for i, expected in enumerate(expected_flags):
        names = expected_names(expected)
        candidates = [r for r in unmatched if _matches(r.flag, expected)]
        hit = next((r for r in candidates if names and speaker_agrees(r.answerer, names)), None)
        hit = hit or (candidates[0] if candidates else None)
        if hit is None:
            outcome.missed.append(expected)
            report.add(lang, expected.get("kind", "?"), "fn")
            continue
        unmatched.remove(hit)
        outcome.matched[i] = hit
        report.add(lang, hit.flag.kind, "tp")
        if names:
            correct = speaker_agrees(hit.answerer, names)
            report.add_speaker(lang, hit.flag.kind, correct=correct)
            if not correct:
                outcome.wrong_speaker.append(i)
    for extra in unmatched:
        outcome.extra.append(extra.flag)
        report.add(lang, extra.flag.kind, "fp")
    report.outcomes.append(outcome)
    return outcome


async def evaluate_cases(
    cases: Iterable[dict[str, Any]], predictions: Path | None = None, *, name: str = ""
) -> CasesReport:
    report = CasesReport(name=name)
    reader = StatementReader()
    template = await open_database(":memory:")
    try:
        for case in cases:
            score_case(case, await run_case(case, reader, template), report)
    finally:
        await template.close()
    if predictions is not None:
        await write_predictions(report, predictions)
    return report


async def write_predictions(report: CasesReport, path: Path) -> None:
    text = "".join(line + "\n" for line in report.prediction_lines())
    await asyncio.to_thread(path.write_text, text, encoding="utf-8")
