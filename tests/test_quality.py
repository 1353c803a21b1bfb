"""Quality guard: the engine on the development cases keeps the issue's targets.

The cases (tests/data/cases.jsonl) were written before the engine and are the set its
thresholds were chosen on; held-out cases are measured outside this repository.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimwatch.bot.evaluate import evaluate_cases, load_cases

CASES = Path(__file__).parent / "data" / "cases.jsonl"


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
    lines = [json.loads(x) for x in predictions.read_text().splitlines()]
    assert [x["id"] for x in lines] == [c["id"] for c in cases]
