"""Tuned and held-out figures of the engine on the shared labelled cases, in one table.

    .venv/bin/python scripts/eval_rotation.py --held-out real-en
    .venv/bin/python scripts/eval_rotation.py --held-out stories --json
    .venv/bin/python scripts/eval_rotation.py tests/data/cases.jsonl other.jsonl

Engine developers tune on all files but one and report the held-out file's figures beside
the tuned ones (issue 10). This runs ``eval cases`` on each file (by default the three of
``../shared/data/cases`` beside the repository) and prints, per file, precision, recall,
F1, speaker accuracy and recall per kind; then the tuned files pooled, the held-out file,
all files pooled, and which of the issue's targets the pooled figures meet. ``--json``
prints the same as one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimwatch.evaluation.cases import (
    KINDS,
    CaseFileError,
    CasesReport,
    evaluate_cases,
    load_cases,
)

SHARED_CASES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cases"
SHARED_FILES = ("real-id.jsonl", "real-en.jsonl", "stories.jsonl")
# The targets on the shared cases pooled.
TARGET_PRECISION = 0.85
TARGET_RECALL = 0.75
TARGET_SPEAKER = 0.90
TARGET_KIND_RECALL = 0.60  # every kind
TARGET_FILE_PRECISION = 0.80  # every file
KIND_HEADS = {
    "denial": "R den",
    "confirmation": "R conf",
    "reversal": "R rev",
    "figure_conflict": "R fig",
}


def stem(path: Path) -> str:
    return path.name.removesuffix(".jsonl")


def summary(report: CasesReport) -> dict[str, Any]:
    return {"name": report.name, **report.to_json()}


def _cell(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def table_row(label: str, report: CasesReport) -> str:
    t = report.overall
    kinds = [report.by_kind.get(k) for k in KINDS]
    return (
        f"{label:<30}{len(report.outcomes):>6} {_cell(t.precision)} {_cell(t.recall)}"
        f" {_cell(t.f1)} {_cell(t.speaker_accuracy)}"
        + "".join(f" {_cell(k.recall if k else None)}" for k in kinds)
        + f"   {t.tp:>4} {t.fp:>4} {t.fn:>4}"
    )


def header() -> str:
    heads = ["     P", "     R", "    F1", "  spkr", *(f"{KIND_HEADS[k]:>6}" for k in KINDS)]
    return f"{'':<30}{'cases':>6} " + " ".join(heads) + "     tp   fp   fn"


def targets(pooled: CasesReport, files: Sequence[CasesReport]) -> dict[str, dict[str, Any]]:
    """Each target of the issue: the figure and whether the pooled cases meet it."""
    t = pooled.overall
    kind_recall = {k: pooled.by_kind[k].recall for k in KINDS if k in pooled.by_kind}
    file_precision = {r.name: r.overall.precision for r in files}
    speaker = t.speaker_accuracy
    rows = {
        f"P >= {TARGET_PRECISION:.2f}": (t.precision, t.precision >= TARGET_PRECISION),
        f"R >= {TARGET_RECALL:.2f}": (t.recall, t.recall >= TARGET_RECALL),
        f"speaker >= {TARGET_SPEAKER:.2f}": (speaker, (speaker or 0.0) >= TARGET_SPEAKER),
        f"every kind R >= {TARGET_KIND_RECALL:.2f}": (
            min(kind_recall.values(), default=None),
            all(r >= TARGET_KIND_RECALL for r in kind_recall.values()),
        ),
        f"every file P >= {TARGET_FILE_PRECISION:.2f}": (
            min(file_precision.values(), default=None),
            all(p >= TARGET_FILE_PRECISION for p in file_precision.values()),
        ),
    }
    return {
        name: {"value": None if v is None else round(v, 3), "met": met}
        for name, (v, met) in rows.items()
    }


def render(files: Sequence[CasesReport], held_out: CasesReport | None, pooled: CasesReport) -> str:
    lines = [header()]
    for report in files:
        mark = "  [held out]" if report is held_out else ""
        lines.append(table_row(f"{report.name}{mark}", report))
    lines.append("")
    if held_out is not None:
        tuned = [r for r in files if r is not held_out]
        names = " + ".join(r.name for r in tuned)
        lines.append(table_row(f"tuned ({names})", CasesReport.pooled(tuned)))
        lines.append(table_row(f"held out ({held_out.name})", held_out))
    lines.append(table_row(f"pooled ({len(files)} files)", pooled))
    lines.append("")
    lines.append("targets, pooled:")
    for name, target in targets(pooled, files).items():
        value = target["value"]
        shown = "-" if value is None else f"{value:.3f}"
        lines.append(f"  {name:<24} {shown:>6}  {'met' if target['met'] else 'NOT met'}")
    return "\n".join(lines)


def as_json(
    files: Sequence[CasesReport], held_out: CasesReport | None, pooled: CasesReport
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "files": [summary(r) for r in files],
        "held_out": held_out.name if held_out else None,
        "tuned": None,
        "held_out_figures": None,
        "pooled": summary(pooled),
        "targets": targets(pooled, files),
    }
    if held_out is not None:
        out["tuned"] = summary(CasesReport.pooled([r for r in files if r is not held_out]))
        out["held_out_figures"] = summary(held_out)
    return out


async def measure(paths: Sequence[Path]) -> list[CasesReport]:
    loaded = [(stem(p), load_cases(p)) for p in paths]  # every file read before the first run
    return [await evaluate_cases(cases, name=name) for name, cases in loaded]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="case files (default: the shared three)")
    parser.add_argument(
        "--cases-dir",
        type=Path,
        default=SHARED_CASES,
        help=f"where the shared files are (default: {SHARED_CASES})",
    )
    parser.add_argument("--held-out", help="the file kept aside while tuning: real-en, ...")
    parser.add_argument("--json", action="store_true", help="one JSON object on the last line")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    paths = [Path(f) for f in args.files] or [args.cases_dir / name for name in SHARED_FILES]
    names = [stem(p) for p in paths]
    held = args.held_out.removesuffix(".jsonl") if args.held_out else None
    if held is not None and held not in names:
        print(f"eval_rotation: --held-out {held}: not one of {', '.join(names)}", file=sys.stderr)
        return 2
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"eval_rotation: no such file: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        files = asyncio.run(measure(paths))
    except CaseFileError as exc:
        print(f"eval_rotation: {exc}", file=sys.stderr)
        return 1
    held_out = next((r for r in files if r.name == held), None)
    pooled = CasesReport.pooled(files, f"pooled ({len(files)} files)")
    if args.json:
        print(json.dumps(as_json(files, held_out, pooled), ensure_ascii=False))
    else:
        print(render(files, held_out, pooled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
