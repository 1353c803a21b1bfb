"""``claimwatch eval cases``: precision, recall and F1 of flags on labelled cases.

Each case gets a fresh in-memory database; the background articles are ingested in order,
then the probe, and only the probe's flags count. A raised flag matches an expected one when
the kind is equal and every keyword occurs in its claim text (case-insensitive).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimwatch.bot.articles import InputRefused
from claimwatch.bot.pipeline import ingest
from claimwatch.bot.render_text import flag_json
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.db import FlagRow, Store

KINDS = ("denial", "confirmation", "reversal", "figure_conflict")


class CaseFileError(ValueError):
    """A line of the cases file is not a case."""


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

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

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass(slots=True)
class CaseOutcome:
    id: str
    lang: str
    flags: list[FlagRow]
    missed: list[dict[str, Any]]
    extra: list[FlagRow]


@dataclass(slots=True)
class CasesReport:
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_lang: dict[str, Tally] = field(default_factory=dict)
    outcomes: list[CaseOutcome] = field(default_factory=list)

    def add(self, lang: str, kind: str, field_name: str) -> None:
        for tally in (
            self.overall,
            self.by_kind.setdefault(kind, Tally()),
            self.by_lang.setdefault(lang, Tally()),
        ):
            setattr(tally, field_name, getattr(tally, field_name) + 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": len(self.outcomes),
            "overall": self.overall.to_json(),
            "by_kind": {k: v.to_json() for k, v in sorted(self.by_kind.items())},
            "by_lang": {k: v.to_json() for k, v in sorted(self.by_lang.items())},
        }

    def render(self, *, verbose: bool = False) -> str:
        def row(name: str, t: Tally) -> str:
            return (
                f"  {name:<16} P {t.precision:5.3f}  R {t.recall:5.3f}  F1 {t.f1:5.3f}"
                f"   (tp {t.tp}, fp {t.fp}, fn {t.fn})"
            )

        lines = [f"{len(self.outcomes)} cases", row("all flags", self.overall), "by kind:"]
        lines += [row(k, self.by_kind[k]) for k in KINDS if k in self.by_kind]
        lines.append("by language:")
        lines += [row(k, v) for k, v in sorted(self.by_lang.items())]
        wrong = [o for o in self.outcomes if o.missed or o.extra]
        if verbose and wrong:
            lines.append("cases with errors:")
            for o in wrong:
                for m in o.missed:
                    lines.append(f"  {o.id}: missed {m['kind']} {m.get('claim_keywords')}")
                for f in o.extra:
                    lines.append(f"  {o.id}: extra {f.kind} on '{f.claim_text[:70]}' by {f.by}")
        return "\n".join(lines)


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


async def run_case(case: dict[str, Any], reader: StatementReader) -> list[FlagRow]:
    store = await Store.open(":memory:")
    try:
        for article in case.get("background", []):
            await _ingest(store, article, case, reader)
        result = await _ingest(store, case["probe"], case, reader)
        return result.flags if result else []
    finally:
        await store.close()


async def _ingest(
    store: Store, article: dict[str, Any], case: dict[str, Any], reader: StatementReader
):
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


async def evaluate_cases(
    cases: Iterable[dict[str, Any]], predictions: Path | None = None
) -> CasesReport:
    report = CasesReport()
    reader = StatementReader()
    lines: list[str] = []
    for case in cases:
        lang = case.get("lang", "?")
        flags = await run_case(case, reader)
        unmatched = list(flags)
        missed = []
        for expected in case.get("expect", []):
            hit = next((f for f in unmatched if _matches(f, expected)), None)
            if hit is None:
                missed.append(expected)
                report.add(lang, expected.get("kind", "?"), "fn")
            else:
                unmatched.remove(hit)
                report.add(lang, hit.kind, "tp")
        for extra in unmatched:
            report.add(lang, extra.kind, "fp")
        report.outcomes.append(CaseOutcome(case["id"], lang, flags, missed, unmatched))
        lines.append(
            json.dumps(
                {"id": case["id"], "flags": [flag_json(f) for f in flags]}, ensure_ascii=False
            )
        )
    if predictions is not None:
        text = "\n".join(lines) + "\n"
        await asyncio.to_thread(predictions.write_text, text, encoding="utf-8")
    return report
