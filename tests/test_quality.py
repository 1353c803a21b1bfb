"""Quality guard: the engine keeps its figures on the development cases and the shared ones.

The development cases (tests/data/cases.jsonl) were written before the engine and are the
set its thresholds were chosen on. The shared cases (../shared/data/cases beside the
repository: real-id, real-en, stories; README.md there) were written by people who did not
write the engine, and are read from there at run time, never copied here. Their gates sit a
little under the figures measured when each gate was set, so that a regression fails CI;
raise them as the engine improves (issue 10: `scripts/eval_rotation.py` prints the figures).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimwatch.evaluation.cases import CasesReport, evaluate_cases, load_cases

CASES = Path(__file__).parent / "data" / "cases.jsonl"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cases"
SHARED_FILES = ("real-id.jsonl", "real-en.jsonl", "stories.jsonl")
# Measured on the shared cases pooled (278 cases, 253 expected flags): 2026-12-06 first,
# P 0.366 (tp 64, fp 111), R 0.253, speaker accuracy 0.781; after the second session of
# issue 10 (reader, figures, speakers at two levels, what a reply answers): P 0.546 (tp 130,
# fp 108), R 0.514 (fn 123), speaker accuracy 0.908 (118 of 130); after the third (false
# stances, claims not stored, re-reports, turns, figures, one flag per answerer): P 0.795
# (tp 174, fp 45), R 0.688 (fn 79), speaker accuracy 0.943; after the fourth (reversals,
# claim linking, speakers, figures, precision, confirmations, concepts): P 0.853 (tp 191,
# fp 33), R 0.755 (fn 62), speaker accuracy 0.969; after the fifth (stance words beside
# the main clause, pointing replies, hedged "disebut", nested confirmers, who gave a count
# first, one answerer one flag, claims told below as earlier; the planner as a pure
# function): P 0.892 (tp 198, fp 24), R 0.783 (fn 55), speaker accuracy 0.965. The gates
# sit a little under, so a regression fails CI.
SHARED_MIN_PRECISION = 0.87
SHARED_MIN_RECALL = 0.76
SHARED_MIN_SPEAKER = 0.94
DEV_MIN_SPEAKER = 0.95  # measured 0.988 (83 of 84)


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return load_cases(CASES)


def test_dev_set_is_large_and_balanced(cases: list[dict]) -> None:
    assert len(cases) >= 80
    langs = {c["lang"] for c in cases}
    assert langs == {"id", "en"}
    kinds = {e["kind"] for c in cases for e in c["expect"]}
    assert kinds == {"denial", "confirmation", "reversal", "figure_conflict"}
    assert sum(1 for c in cases if not c["expect"]) >= 20  # negatives


async def test_precision_and_recall_per_language(cases: list[dict], tmp_path: Path) -> None:
    predictions = tmp_path / "pred.jsonl"
    report = await evaluate_cases(cases, predictions)
    for lang, tally in report.by_lang.items():
        assert tally.precision >= 0.9, (lang, tally)
        assert tally.recall >= 0.85, (lang, tally)
    speaker = report.overall.speaker_accuracy
    assert speaker is not None
    assert speaker >= DEV_MIN_SPEAKER, report.render(verbose=True)
    lines = [json.loads(x) for x in predictions.read_text().splitlines()]
    assert [x["id"] for x in lines] == [c["id"] for c in cases]


@pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"no shared cases at {SHARED} (the shared/ folder beside the repository)",
)
async def test_shared_cases_keep_todays_figures() -> None:
    loaded = [(name, load_cases(SHARED / name)) for name in SHARED_FILES]
    reports = [await evaluate_cases(c, name=name) for name, c in loaded]
    pooled = CasesReport.pooled(reports)
    t = pooled.overall
    assert len(pooled.outcomes) == sum(len(c) for _, c in loaded)
    assert t.speaker_checked == t.tp  # every shared expected flag names its speaker
    figures = pooled.render()
    assert t.precision >= SHARED_MIN_PRECISION, figures
    assert t.recall >= SHARED_MIN_RECALL, figures
    assert (t.speaker_accuracy or 0.0) >= SHARED_MIN_SPEAKER, figures
