"""Benchmark: sentence splitting, seconds per MB of ordinary and adversarial text.

    python tests/benchmarks/bench_split.py [--kb 1000] [--repeats 3] [--json]
    python tests/benchmarks/bench_split.py --kb 30 --against /tmp/old_sentences.py

Each kind of text is ``--kb`` thousand characters long, built by repeating a unit; it goes
through :func:`claimwatch.matchers.sentences.split_sentences` ``--repeats`` times and the
median is printed as seconds per MB, wall clock and CPU time of this process (the machine's
load changes the first, much less the second).

- **ordinary**: the seed article (Indonesian, a paragraph per line), English news sentences
  in paragraphs of four, and the seed article as one endless paragraph (no line breaks: a
  page whose text extraction lost them);
- **adversarial**: what rescanning splitters are slow on: an abbreviation ending every
  sentence ("Ali said no. ": "no." as in "No. 5"), single letters ("Dr. a. b. c. "),
  lowercase after periods ("x. y. z. "), no spaces at all, a run of dots, one endless
  sentence without a period, quote marks on every other sentence, a quote left open (then
  taken for a stray mark after 700 characters), closed quotes between abbreviations.

``--against FILE`` also times another version of ``sentences.py`` (for instance
``git show ba187b3:claimwatch/matchers/sentences.py > /tmp/old_sentences.py``) on the same
texts, checks that both give the same sentences, and prints the ratio. A quadratic version
takes minutes per 100 KB: give it a small ``--kb``.

With ``--json`` the last line is ``{"kb": N, "kinds": {kind: CPU seconds per MB, ...}}`` (and
``"against"`` with the other version's figures).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import time
from collections.abc import Callable
from importlib import resources
from types import ModuleType

from claimwatch.matchers import sentences
from claimwatch.matchers.text import normalize

Splitter = Callable[[str], list[str]]

# Written for this benchmark: ordinary English news prose with the things a splitter must
# get right (abbreviations, figures, quotes, an exclamation).
ENGLISH = (
    "The ministry said on Monday that it had sent 1,500 workers to the flooded district. "
    'Officials denied a report that the dam had failed, calling it "baseless." '
    "According to the governor, about 3.5 million people were affected by the rains. "
    "Dr. Rahman, who runs the U.S.-funded clinic in the town, said the figures were not final. "
    '"We are doing everything we can. The roads are open again," she told reporters. '
    "Prices of rice rose by 12 percent in two weeks, the statistics office said. "
    "The opposition called for an inquiry into the contract! "
    "Mr. Lee did not confirm that the company would pay compensation. "
)


def ordinary_kinds() -> dict[str, str]:
    seed = normalize(
        resources.files("claimwatch.seeds").joinpath("seed_article_id.txt").read_text()
    )
    english = ENGLISH.split(". ")
    paragraphs = [". ".join(english[i : i + 4]) + ".\n" for i in range(0, len(english), 4)]
    return {
        "ordinary: seed article (id), paragraphs": seed + "\n",
        "ordinary: news sentences (en), paragraphs": "".join(paragraphs),
        "ordinary: seed article as one paragraph": seed.replace("\n", " ") + " ",
    }


ADVERSARIAL = {
    "abbreviation ends every sentence": "Ali said no. ",
    "single letters": "Dr. a. b. c. ",
    "lowercase after periods": "x. y. z. ",
    "no spaces": "Ali.said.no!",
    "a run of dots": ".",
    "one endless sentence": "Ali said no and ",
    "quote marks on every other sentence": 'Ali said "yes. ',
    "a quote left open for 700 characters": '"' + "Ali said yes. " * 60,
    "closed quotes between abbreviations": 'Mr. "x." U.S. ',
}


def build(unit: str, kb: int) -> str:
    size = kb * 1000
    return (unit * (size // len(unit) + 1))[:size]


def timed(split: Splitter, text: str, repeats: int) -> tuple[float, float, list[str]]:
    """Median wall and CPU seconds of ``repeats`` splits, and the sentences."""
    wall: list[float] = []
    cpu: list[float] = []
    out: list[str] = []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = split(text)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return statistics.median(wall), statistics.median(cpu), out


def load(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("other_sentences", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=1000, help="thousands of characters per kind")
    parser.add_argument("--repeats", type=int, default=3, help="runs per kind (median)")
    parser.add_argument("--against", help="another sentences.py to time on the same texts")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()
    if args.kb < 1 or args.repeats < 1:
        parser.error("--kb and --repeats must be positive")
    other = load(args.against) if args.against else None
    print(
        f"load average {os.getloadavg()[0]:.2f}; {args.kb:,} KB per kind, median of {args.repeats}",
        flush=True,
    )
    mb = args.kb / 1000
    result: dict[str, object] = {"kb": args.kb, "kinds": {}}
    theirs: dict[str, float] = {}
    kinds = {**ordinary_kinds(), **ADVERSARIAL}
    for kind, unit in kinds.items():
        text = build(unit, args.kb)
        wall, cpu, ours = timed(sentences.split_sentences, text, args.repeats)
        result["kinds"][kind] = round(cpu / mb, 3)  # type: ignore[index]
        line = (
            f"{kind:42} {wall / mb:7.3f} s per MB ({cpu / mb:.3f} s CPU), {len(ours):,} sentences"
        )
        if other is not None:
            other_wall, other_cpu, out = timed(other.split_sentences, text, args.repeats)
            theirs[kind] = round(other_cpu / mb, 3)
            same = "same sentences" if out == ours else "DIFFERENT SENTENCES"
            line += (
                f"; --against {other_wall / mb:8.3f} s per MB ({other_cpu / mb:.3f} s CPU, "
                f"{other_cpu / max(cpu, 1e-9):,.1f} x the CPU; {same})"
            )
        print(line, flush=True)
    if other is not None:
        result["against"] = theirs
    print(f"load average {os.getloadavg()[0]:.2f} at the end", flush=True)
    if args.json:
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
