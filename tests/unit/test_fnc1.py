"""The FNC-1 evaluation: scoring, the pair decision, and the CSV round trip.

Fixtures are small texts written here (no FNC-1 data): one claim, and bodies that assert it,
debunk it, only report it, or talk about something else.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from claimwatch.evaluation.fnc1 import (
    AGREE,
    DENIALS_TO_DEBUNK,
    DISAGREE,
    DISCUSS,
    LABELS,
    UNRELATED,
    Body,
    Fnc1DataError,
    Polarity,
    Thresholds,
    evaluate_fnc1,
    predict,
    predict_text,
    read_body,
    read_headline,
    relatedness,
    score_predictions,
)
from claimwatch.matchers.model import Stance, Statement
from claimwatch.matchers.statements import StatementReader

CLAIM = "North Korea sent troops to Russia"
BODIES = {
    "asserts": (
        "North Korea has sent 1,500 troops to Russia. The troops arrived in Vladivostok last "
        "week on Russian navy ships. Satellite images show the soldiers training near the port."
    ),
    "debunks": (
        "The story that North Korea sent troops to Russia is false. Pyongyang denied sending "
        "any troops. Officials in Moscow also denied the report."
    ),
    "reports": (
        "North Korea has reportedly sent troops to Russia, according to unconfirmed reports. "
        "The claim could not be independently verified. Seoul allegedly learned of the "
        "deployment from satellite images."
    ),
    "elsewhere": (
        "Apple will unveil a new iPhone at its spring event in California. The company is "
        "expected to cut prices of older models."
    ),
}


@pytest.fixture(scope="module")
def reader() -> StatementReader:
    return StatementReader()


# -- scoring -------------------------------------------------------------------------------
def test_official_score_per_class_and_confusion() -> None:
    gold = [AGREE, DISAGREE, DISCUSS, UNRELATED, UNRELATED]
    pred = [AGREE, DISCUSS, UNRELATED, UNRELATED, DISCUSS]
    report = score_predictions(gold, pred)
    # best: three related pairs (1.0 each) + two unrelated (0.25 each) = 3.5
    # earned: exact agree 1.0, disagree->discuss still related 0.25, unrelated right 0.25
    assert report.max_score == pytest.approx(3.5)
    assert report.raw_score == pytest.approx(1.5)
    assert report.score == pytest.approx(100 * 1.5 / 3.5)
    assert report.confusion == [
        [1, 0, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
        [0, 0, 1, 1],
    ]
    assert report.per_class[AGREE].f1 == pytest.approx(1.0)
    assert report.per_class[DISAGREE].precision == 0.0  # never predicted
    assert report.per_class[DISCUSS].f1 == 0.0
    assert report.per_class[UNRELATED].precision == pytest.approx(0.5)
    assert report.per_class[UNRELATED].recall == pytest.approx(0.5)
    assert report.per_class[UNRELATED].support == 2
    assert report.macro_f1 == pytest.approx((1.0 + 0 + 0 + 0.5) / 4)
    assert report.n == 5


def test_perfect_predictions_score_100() -> None:
    gold = [AGREE, DISAGREE, DISCUSS, UNRELATED]
    report = score_predictions(gold, list(gold))
    assert report.score == pytest.approx(100.0)
    assert report.macro_f1 == pytest.approx(1.0)


def test_scoring_refuses_unknown_labels_and_length_mismatch() -> None:
    with pytest.raises(ValueError, match="unknown label"):
        score_predictions([AGREE], ["maybe"])
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        score_predictions([AGREE, AGREE], [AGREE])


# -- the pair decision ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "label"),
    [("asserts", AGREE), ("debunks", DISAGREE), ("reports", DISCUSS), ("elsewhere", UNRELATED)],
)
def test_plain_claim_against_each_kind_of_body(
    reader: StatementReader, body: str, label: str
) -> None:
    assert predict_text(CLAIM, BODIES[body], reader) == label


def test_headline_polarity(reader: StatementReader) -> None:
    assert read_headline(CLAIM, reader).polarity is Polarity.ASSERTS
    assert read_headline("North Korea did not send troops to Russia", reader).polarity is (
        Polarity.DENIES
    )
    assert read_headline("North Korea denies sending troops to Russia", reader).polarity is (
        Polarity.DENIES
    )
    assert read_headline("Did North Korea send troops to Russia?", reader).polarity is (
        Polarity.REPORTS
    )
    assert read_headline("Seoul says North Korea sent troops to Russia", reader).polarity is (
        Polarity.REPORTS
    )


def test_a_denying_headline_agrees_with_a_debunk_and_disagrees_with_an_assertion(
    reader: StatementReader,
) -> None:
    headline = read_headline("North Korea did not send troops to Russia", reader)
    assert predict(headline, read_body(BODIES["debunks"], reader)) == AGREE
    assert predict(headline, read_body(BODIES["asserts"], reader)) == DISAGREE


def test_a_reporting_headline_is_discuss_whatever_the_body_says(reader: StatementReader) -> None:
    headline = read_headline("Did North Korea send troops to Russia?", reader)
    for name in ("asserts", "debunks", "reports"):
        assert predict(headline, read_body(BODIES[name], reader)) == DISCUSS
    assert predict(headline, read_body(BODIES["elsewhere"], reader)) == UNRELATED


def test_relatedness_is_the_share_of_the_headline_key_found_in_the_body(
    reader: StatementReader,
) -> None:
    headline = read_headline(CLAIM, reader)
    assert relatedness(headline, read_body(BODIES["asserts"], reader)) == pytest.approx(1.0)
    assert relatedness(headline, read_body(BODIES["elsewhere"], reader)) == pytest.approx(0.0)
    assert relatedness(read_headline("", reader), read_body(BODIES["asserts"], reader)) == 0.0


def _statement(position: int, stance: Stance, *, hedged: bool = False) -> Statement:
    text = f"North Korea sent troops to Russia ({position})."
    return Statement(position, text, text, "en", stance, hedged=hedged)


def test_denial_count_and_reporting_share_follow_the_thresholds(reader: StatementReader) -> None:
    headline = read_headline(CLAIM, reader)
    key = frozenset(headline.key)
    one_denial = Body(
        key=key,
        statements=tuple(
            _statement(i, Stance.DENY if i == 1 else Stance.ASSERT) for i in range(10)
        ),
    )
    assert one_denial.denials == 1 < DENIALS_TO_DEBUNK
    assert predict(headline, one_denial) == AGREE
    assert predict(headline, one_denial, Thresholds(denials_to_debunk=1)) == DISAGREE

    # one hedged statement in ten, not in the opening: 0.1 of the body
    one_hedge = Body(
        key=key,
        statements=tuple(_statement(i, Stance.ASSERT, hedged=i == 9) for i in range(10)),
    )
    assert one_hedge.reporting(Thresholds(lead_weight=0.0)) == pytest.approx(0.1)
    assert predict(headline, one_hedge, Thresholds(reporting_share=0.1)) == DISCUSS
    assert predict(headline, one_hedge, Thresholds(reporting_share=0.2)) == AGREE
    # the same hedge in the opening counts extra
    lead_hedge = Body(
        key=key,
        statements=tuple(_statement(i, Stance.ASSERT, hedged=i == 0) for i in range(10)),
    )
    assert lead_hedge.reporting(Thresholds(lead_weight=0.6)) == pytest.approx(0.1 + 0.6 / 3)
    assert predict(headline, lead_hedge, Thresholds(reporting_share=0.2)) == DISCUSS
    # too little of the headline in the body
    assert predict(headline, Body(key=frozenset({"c_troops"}), statements=())) == UNRELATED


# -- files ---------------------------------------------------------------------------------
def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _fixture_files(tmp_path: Path) -> tuple[Path, Path, list[list[str]]]:
    bodies = _write_csv(
        tmp_path / "bodies.csv",
        ["Body ID", "articleBody"],
        [["1", BODIES["asserts"]], ["2", BODIES["debunks"]], ["3", BODIES["elsewhere"]]],
    )
    pairs = [
        [CLAIM, "1", AGREE],
        [CLAIM, "2", DISAGREE],
        [CLAIM, "3", UNRELATED],
        ['Seoul says "North Korea sent troops to Russia", Moscow silent?', "1", DISCUSS],
    ]
    stances = _write_csv(tmp_path / "stances.csv", ["Headline", "Body ID", "Stance"], pairs)
    return stances, bodies, pairs


class CountingReader(StatementReader):
    """A real reader that counts how often it reads."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def read(self, text: str, lang: str | None = None) -> tuple[str, list[Statement]]:
        self.calls += 1
        return super().read(text, lang)


def test_evaluate_writes_predictions_in_fnc1_format_and_scores(tmp_path: Path) -> None:
    stances, bodies, pairs = _fixture_files(tmp_path)
    out = tmp_path / "predictions.csv"
    calls: list[tuple[int, int]] = []
    counting = CountingReader()
    report = evaluate_fnc1(
        stances,
        bodies,
        out,
        progress=lambda done, total: calls.append((done, total)),
        reader=counting,
    )
    assert report.n == 4
    assert report.score == pytest.approx(100.0)
    assert report.bodies == 3
    assert report.headlines == 2
    assert counting.calls == 3 + 2  # each body and each distinct headline read once
    assert calls[-1] == (4, 4)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    with out.open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["Headline", "Body ID", "Stance"]
    assert written[1:] == pairs  # input order, quotes and commas survive

    data = json.loads(json.dumps(report.to_json()))
    assert data["pairs"] == 4
    assert data["score"] == pytest.approx(100.0)
    assert set(data["per_class"]) == set(LABELS)
    assert data["confusion"]["labels"] == list(LABELS)
    assert data["thresholds"]["denials_to_debunk"] == DENIALS_TO_DEBUNK
    assert data["predictions"] == str(out)

    text = report.render()
    assert "Official score: 100.00%" in text
    for label in LABELS:
        assert label in text


def test_evaluate_without_predictions_file(tmp_path: Path) -> None:
    stances, bodies, _ = _fixture_files(tmp_path)
    report = evaluate_fnc1(stances, bodies)
    assert report.predictions_path is None
    assert not (tmp_path / "predictions.csv").exists()


def test_a_file_without_the_task_columns_is_refused(tmp_path: Path) -> None:
    _, bodies, _ = _fixture_files(tmp_path)
    wrong = _write_csv(tmp_path / "wrong.csv", ["Title", "Body", "Label"], [["x", "1", AGREE]])
    with pytest.raises(Fnc1DataError, match="missing column"):
        evaluate_fnc1(wrong, bodies)


def test_an_unknown_body_id_or_stance_is_refused(tmp_path: Path) -> None:
    _, bodies, _ = _fixture_files(tmp_path)
    header = ["Headline", "Body ID", "Stance"]
    orphan = _write_csv(tmp_path / "orphan.csv", header, [[CLAIM, "99", AGREE]])
    with pytest.raises(Fnc1DataError, match="99"):
        evaluate_fnc1(orphan, bodies)
    odd = _write_csv(tmp_path / "odd.csv", header, [[CLAIM, "1", "maybe"]])
    with pytest.raises(Fnc1DataError, match="unknown stance"):
        evaluate_fnc1(odd, bodies)
