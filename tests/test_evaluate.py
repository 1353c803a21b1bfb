"""``eval cases`` on small cases written here: flags, speaker accuracy, the listing of
errors, several files pooled, and the rotation table of scripts/eval_rotation.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimwatch.cli.main import main
from claimwatch.evaluation.cases import CasesReport, Raised, evaluate_cases, score_case
from claimwatch.evaluation.speakers import Answerer
from claimwatch.storage.api import FlagRow

ROOT = Path(__file__).resolve().parents[1]
SEOUL_ID = "Seoul mengatakan Korea Utara mengirim 1.500 tentara ke Rusia."
DENIAL_ID = SEOUL_ID + " Pyongyang membantah mengirim tentara ke Rusia."
DENIAL_EN = "Seoul said North Korea sent 1,500 troops to Russia. Pyongyang denied sending troops."


def case(
    case_id: str, lang: str, text: str, expect: list[dict], background: str | None = None
) -> dict:
    article = {"source": "test", "published": "2024-10-22", "text": text}
    earlier = [{"source": "test", "published": "2024-10-20", "text": background}]
    return {
        "id": case_id,
        "lang": lang,
        "background": earlier if background else [],
        "probe": article,
        "expect": expect,
    }


def denial(keyword: str, by: str | None = None, aliases: list[str] | None = None) -> dict:
    out: dict = {"kind": "denial", "claim_keywords": [keyword]}
    if by is not None:
        out["by"] = by
    if aliases is not None:
        out["by_aliases"] = aliases
    return out


CASES = [
    # the answerer is Korea Utara, written "Pyongyang"; expected by another alias of it
    case("right", "en", DENIAL_EN, [denial("troops", "DPRK", ["Korut"])]),
    case("wrong", "id", DENIAL_ID, [denial("tentara", "Kremlin")]),
    case("no-by", "id", DENIAL_ID, [denial("tentara")]),  # not in speaker accuracy
    case("extra", "id", DENIAL_ID, []),
    case(
        "missed",
        "en",
        "It rained in Jakarta on Tuesday.",
        [{"kind": "confirmation", "claim_keywords": ["dam"], "by": "ministry"}],
        background="The ministry said the dam was finished.",
    ),
]


def write_cases(path: Path, cases: list[dict]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


async def test_speaker_accuracy_is_counted_on_matched_flags_alias_aware() -> None:
    report = await evaluate_cases(CASES)
    t = report.overall
    assert (t.tp, t.fp, t.fn) == (3, 1, 1)
    assert (t.speaker_checked, t.speaker_ok) == (2, 1)  # "no-by" names no speaker
    assert t.speaker_accuracy == 0.5
    assert report.by_lang["en"].speaker_accuracy == 1.0
    assert report.by_lang["id"].speaker_accuracy == 0.0
    assert report.by_kind["confirmation"].speaker_accuracy is None  # nothing matched
    data = report.to_json()
    assert data["overall"]["speaker_accuracy"] == 0.5
    assert data["overall"]["speaker_correct"] == 1
    assert data["by_kind"]["confirmation"]["speaker_accuracy"] is None
    text = report.render()
    assert "speaker 0.500" in text
    assert "speaker   -  " in text


async def test_verbose_lists_expected_raised_and_wrong_speakers() -> None:
    report = await evaluate_cases(CASES)
    text = report.render(verbose=True)
    listing = text[text.index("cases with errors (3):") :].splitlines()
    assert listing[1:4] == [
        "  wrong (id): 1 wrong speaker",
        "    expect denial [tentara] by Kremlin -> #1, WRONG SPEAKER Korea Utara ('Pyongyang')",
        "    raised #1 denial by Korea Utara ('Pyongyang') on"
        " 'Korea Utara mengirim 1.500 tentara ke Rusia' -> expect denial",
    ]
    assert "    expect nothing" in listing
    assert "    raised nothing" in listing
    assert any(line.endswith("-> EXTRA") for line in listing)
    assert "    expect confirmation [dam] by ministry -> MISSED" in listing
    assert "right" not in text and "no-by" not in text  # cases without errors


def flag_row(flag_id: int, by: str) -> FlagRow:
    return FlagRow(
        id=flag_id,
        kind="denial",
        claim_id=flag_id,
        claim_text=f"Korea Utara mengirim tentara ({flag_id})",
        claim_by="Korea Selatan",
        statement_id=flag_id,
        statement_text="",
        by=by,
        score=1.0,
        published="2024-10-22",
        source=None,
        url=None,
    )


def test_a_matching_flag_with_the_expected_speaker_is_preferred() -> None:
    wrong = Raised(flag_row(1, "Rusia"), Answerer("Rusia", "Moskow", "rusia"))
    right = Raised(flag_row(2, "Korea Utara"), Answerer("Korea Utara", "Pyongyang", "korea-utara"))
    report = CasesReport()
    expected = [denial("tentara", "Korea Utara")]
    outcome = score_case(case("two", "id", "-", expected), [wrong, right], report)
    assert outcome.matched == {0: right}
    assert outcome.extra == [wrong.flag]
    assert (report.overall.tp, report.overall.fp, report.overall.speaker_ok) == (1, 1, 1)


def test_several_files_each_and_pooled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write_cases(tmp_path / "first.jsonl", CASES[:2])
    second = write_cases(tmp_path / "second.jsonl", CASES[2:])
    predictions = tmp_path / "pred.jsonl"
    args = ["eval", "cases", str(first), str(second), "--predictions", str(predictions)]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert f"{first}: 2 cases" in text
    assert f"{second}: 3 cases" in text
    assert "pooled (2 files): 5 cases" in text
    pooled = text[text.index("pooled (2 files)") :]
    assert "(tp 3, fp 1, fn 1; speaker 1/2)" in pooled
    lines = [json.loads(x) for x in predictions.read_text().splitlines()]
    assert [x["id"] for x in lines] == [c["id"] for c in CASES]
    flag = lines[0]["flags"][0]
    assert (flag["by"], flag["speaker_phrase"], flag["speaker_actor"]) == (
        "Korea Utara",
        "Pyongyang",
        "korea-utara",
    )

    assert main([*args[:4], "--json"]) == 0
    out = capsys.readouterr().out.splitlines()
    data = json.loads(out[-1])
    assert len(out) == 1
    assert data["cases"] == 5
    assert data["overall"]["speaker_accuracy"] == 0.5
    assert [(f["file"], f["cases"]) for f in data["files"]] == [(str(first), 2), (str(second), 3)]
    assert data["files"][0]["overall"]["speaker_checked"] == 2


def rotation(*args: str) -> subprocess.CompletedProcess:
    script = ROOT / "scripts" / "eval_rotation.py"
    return subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=False
    )


def test_rotation_table_marks_the_held_out_file(tmp_path: Path) -> None:
    for name, cases in (("real-id", CASES[1:4]), ("real-en", CASES[:1]), ("stories", CASES[4:])):
        write_cases(tmp_path / f"{name}.jsonl", cases)
    proc = rotation("--cases-dir", str(tmp_path), "--held-out", "real-en")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split("  ")[0]: line for line in proc.stdout.splitlines()}
    assert rows["real-en"].startswith("real-en  [held out]")
    assert "tuned (real-id + stories)" in rows
    assert "held out (real-en)" in rows
    assert rows["pooled (3 files)"].split()[3:8] == ["5", "0.750", "0.750", "0.750", "0.500"]
    assert "  P >= 0.85                 0.750  NOT met" in proc.stdout

    proc = rotation("--cases-dir", str(tmp_path), "--held-out", "stories", "--json")
    data = json.loads(proc.stdout.splitlines()[-1])
    assert data["held_out"] == "stories"
    assert data["held_out_figures"]["overall"]["recall"] == 0.0
    assert data["tuned"]["overall"]["speaker_accuracy"] == 0.5
    assert data["pooled"]["cases"] == 5
    assert data["targets"]["P >= 0.85"] == {"value": 0.75, "met": False}

    wrong = rotation("--cases-dir", str(tmp_path), "--held-out", "nope")
    assert wrong.returncode == 2
    assert "not one of real-id, real-en, stories" in wrong.stderr
