"""The ``claimwatch`` command line.

Exit codes: 0 done, 1 the input was refused (a one-line reason on stderr), 2 wrong usage.
Each command parses its arguments, calls one application function, and renders. An error of
:mod:`claimwatch.errors` ends the command with the one line :func:`~claimwatch.errors.explain`
gives; every setting comes from :func:`claimwatch.config.load` (``args.settings``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from claimwatch.bot.runner import cmd_health, cmd_run
from claimwatch.cli import sources as cli_sources
from claimwatch.cli.render_text import claim_line, flag_text, timeline_text, wrap
from claimwatch.config import DEFAULT_DB, load
from claimwatch.engine import queries
from claimwatch.engine.articles import decode, published_iso, read_limited
from claimwatch.engine.pipeline import ingest
from claimwatch.engine.records import claim_json, flag_json, ingest_json, statement_row_json
from claimwatch.errors import ClaimwatchError, Refused, explain
from claimwatch.evaluation.cases import (
    CaseFileError,
    CasesReport,
    evaluate_cases,
    load_cases,
    write_predictions,
)
from claimwatch.matchers.lexicon import seed_text
from claimwatch.storage import open_database
from claimwatch.storage.api import Database

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
SEED_SOURCE = "seed article"
SEED_PUBLISHED = "2024-10-22"


def emit(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False))


async def _with_store(
    args: argparse.Namespace,
    path: str,
    work: Callable[[Database], Coroutine[Any, Any, int]],
    *,
    readonly: bool = False,
) -> int:
    """Run ``work`` on the database; ``readonly`` for commands that only read: they never
    create, migrate or write the file (see Database.open)."""
    store = await open_database(
        path, readonly=readonly, busy_timeout_ms=args.settings.busy_timeout_ms
    )
    try:
        return await work(store)
    finally:
        await store.close()


# -- commands --------------------------------------------------------------------------------
async def cmd_demo(args: argparse.Namespace) -> int:
    tmp = None
    path = args.db_explicit
    if path is None:
        tmp = tempfile.TemporaryDirectory(prefix="claimwatch-demo-")
        path = str(Path(tmp.name) / "demo.db")
    text = seed_text("seed_article_id.txt")

    async def work(store: Database) -> int:
        result = await ingest(store, text, source=SEED_SOURCE, published=SEED_PUBLISHED)
        if args.json:
            emit(ingest_json(result))
            return EXIT_OK
        print(f"claimwatch demo: the seed article (Indonesian news, published {SEED_PUBLISHED})")
        print(f"database: {path}{' (temporary)' if tmp else ''}\n")
        claims = {s.claim_id for s in result.statements if s.claim_id}
        print(f"Claims found ({len(claims)}):")
        for claim_id in sorted(claims):
            found = await queries.timeline(store, claim_id)
            if found is None:
                continue
            claim, statements, _flags = found
            print(claim_line(claim))
            for st in statements:
                if st.relation in {"denies", "confirms", "unconfirmed", "retracts"}:
                    verb = {
                        "denies": "denied by",
                        "confirms": "confirmed by",
                        "unconfirmed": "not confirmed by",
                        "retracts": "retracted by",
                    }
                    print(f"    {verb[st.relation]} {st.speaker or 'the article'}")
        print(f"\nFlags raised ({len(result.flags)}):")
        for flag in result.flags:
            print(flag_text(flag))
        print(
            "\nTry: claimwatch claim ID --db PATH for a timeline (use --db to keep the database)."
        )
        return EXIT_OK

    try:
        return await _with_store(args, path, work)
    finally:
        if tmp is not None:
            tmp.cleanup()


async def cmd_check(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    if text.strip() == "-":
        text = decode(read_limited(sys.stdin.buffer))

    async def work(store: Database) -> int:
        results = await queries.check_text(store, text)
        if args.json:
            for r in results:
                emit(
                    {
                        "statement": r.statement.text,
                        "speaker": r.statement.speaker,
                        "stance": r.statement.stance.value,
                        "matches": [
                            {
                                "claim": claim_json(m.claim),
                                "score": round(m.score / 100, 2),
                                "linked": queries.is_match(m),
                                "stances": [
                                    {"who": w, "stance": s} for w, s in r.stances[m.claim.id]
                                ],
                            }
                            for m in r.matches
                        ],
                    }
                )
            return EXIT_OK
        if not any(r.matches for r in results):
            print("No stored claim matches this text.")
            return EXIT_OK
        for r in results:
            who = r.statement.speaker or "the text"
            print(f"{who} ({r.statement.stance.value}):")
            print(wrap(r.statement.text))
            for m in r.matches:
                print(claim_line(m.claim, m.score))
            print()
        return EXIT_OK

    return await _with_store(args, args.db, work, readonly=True)


async def cmd_claims(args: argparse.Namespace) -> int:
    async def work(store: Database) -> int:
        found = await queries.search_claims(store, args.query or "", limit=args.limit)
        if args.json:
            for f in found:
                emit(claim_json(f.claim) | {"score": round(f.score / 100, 2)})
            return EXIT_OK
        if not found:
            print("No claims found." if args.query else "No claims stored yet.")
        for f in found:
            print(claim_line(f.claim, f.score or None))
        return EXIT_OK

    return await _with_store(args, args.db, work, readonly=True)


async def cmd_claim(args: argparse.Namespace) -> int:
    async def work(store: Database) -> int:
        found = await queries.timeline(store, args.id)
        if found is None:
            raise Refused(f"no claim #{args.id}")
        claim, statements, flags = found
        if args.json:
            emit(
                {
                    "claim": claim_json(claim),
                    "statements": [statement_row_json(s) for s in statements],
                    "flags": [flag_json(f) for f in flags],
                }
            )
        else:
            print(timeline_text(claim, statements, flags))
        return EXIT_OK

    return await _with_store(args, args.db, work, readonly=True)


async def cmd_flags(args: argparse.Namespace) -> int:
    since = published_iso(args.since) if args.since else None

    async def work(store: Database) -> int:
        flags = await store.claims.list_flags(since=since, limit=args.limit)
        for f in flags:
            if args.json:
                emit(flag_json(f))
            else:
                print(flag_text(f))
        if not flags and not args.json:
            print("No flags" + (f" since {args.since}." if args.since else " yet."))
        return EXIT_OK

    return await _with_store(args, args.db, work, readonly=True)


async def cmd_migrate(args: argparse.Namespace) -> int:
    async def work(store: Database) -> int:
        schema = store.schema
        applied = len(store.migrated)
        done = f"migrated to schema {schema} ({applied} applied)" if applied else "up to date"
        print(f"{args.db}: {done}" + ("" if applied else f" (schema {schema})"))
        return EXIT_OK

    return await _with_store(args, args.db, work)


async def cmd_eval_cases(args: argparse.Namespace) -> int:
    files = []
    for name in args.file:  # every file is read before the first is measured
        try:
            files.append((name, await asyncio.to_thread(load_cases, Path(name))))
        except FileNotFoundError as exc:
            raise Refused(f"{name}: no such file") from exc
        except CaseFileError as exc:
            raise Refused(str(exc)) from exc
    reports = [await evaluate_cases(cases, name=name) for name, cases in files]
    pooled = CasesReport.pooled(reports, f"pooled ({len(reports)} files)")
    if args.predictions:
        await write_predictions(pooled, Path(args.predictions))
    if args.json:
        emit(pooled.to_json() | {"files": [{"file": r.name} | r.to_json() for r in reports]})
        return EXIT_OK
    blocks = [r.render(verbose=args.verbose) for r in reports]
    print("\n\n".join([*blocks, pooled.render()] if len(reports) > 1 else blocks))
    return EXIT_OK


async def cmd_eval_fnc1(args: argparse.Namespace) -> int:
    from claimwatch.evaluation.fnc1 import evaluate_fnc1  # noqa: PLC0415 - only this command needs it

    for name in (args.stances, args.bodies):
        if not await asyncio.to_thread(Path(name).is_file):
            raise Refused(f"{name}: no such file")
    report = await asyncio.to_thread(  # a file not in FNC-1's format: a DataFileError
        evaluate_fnc1,
        Path(args.stances),
        Path(args.bodies),
        Path(args.predictions) if args.predictions else None,
    )
    if args.json:
        emit(report.to_json())
    else:
        print(report.render())
    return EXIT_OK


# -- wiring --------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=None,
        help=f"database file (default: $CLAIMWATCH_DB, else ./{DEFAULT_DB})",
    )
    common.add_argument("--json", action="store_true", help="machine-readable output")

    parser = argparse.ArgumentParser(
        prog="claimwatch",
        description="Track who claimed what in the news, and who denied it.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("demo", parents=[common], help="ingest the seed article and show the result")
    p.set_defaults(func=cmd_demo)

    cli_sources.add_parsers(sub, common)

    p = sub.add_parser("check", parents=[common], help="which stored claims does a text match?")
    p.add_argument("text", nargs="+", help="the text (or - for stdin)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("claims", parents=[common], help="search stored claims")
    p.add_argument("--query", "-q", help="words to look for (default: most recent)")
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser("claim", parents=[common], help="one claim's timeline")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_claim)

    p = sub.add_parser("flags", parents=[common], help="contradictions found")
    p.add_argument("--since", help="only flags published since YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=cmd_flags)

    p = sub.add_parser("run", parents=[common], help="run the Telegram bot (needs a token)")
    p.add_argument("--webhook", metavar="URL", help="webhook mode: the bot's public https URL")
    p.add_argument("--listen", default="127.0.0.1", help="webhook mode: address to listen on")
    p.add_argument("--port", type=int, default=8443, help="webhook mode: port to listen on")
    p.set_defaults(func=cmd_run, sync=True)

    p = sub.add_parser("health", parents=[common], help="is the bot running on this database?")
    p.set_defaults(func=cmd_health, sync=True)

    p = sub.add_parser("migrate", parents=[common], help="bring the database's schema up to date")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("eval", help="measure the engine on labelled data")
    ev = p.add_subparsers(dest="eval_command", required=True, metavar="SET")
    q = ev.add_parser("cases", parents=[common], help="labelled cases (JSONL)")
    q.add_argument("file", nargs="+", help="one or more files; several are also pooled")
    q.add_argument("--predictions", help="write the flags raised per case (JSONL)")
    q.add_argument("--verbose", "-v", action="store_true", help="list each case with errors: why")
    q.set_defaults(func=cmd_eval_cases)
    q = ev.add_parser("fnc1", parents=[common], help="the FNC-1 stance task")
    q.add_argument("--stances", required=True)
    q.add_argument("--bodies", required=True)
    q.add_argument("--predictions", help="write predictions in FNC-1's CSV format")
    q.set_defaults(func=cmd_eval_fnc1)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db_explicit = getattr(args, "db", None)
    if hasattr(args, "limit") and args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    try:
        if getattr(args, "sync", False):
            return int(args.func(args))  # run and health read their settings themselves
        args.settings = load(need_token=False)
        if hasattr(args, "db"):
            args.db = args.db or args.settings.db
        return asyncio.run(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # "claimwatch flags | head": the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (ClaimwatchError, OSError) as exc:
        explained = explain(exc)
        if explained is None:  # a bug, or an OSError that is not the machine's state
            raise
        print(f"claimwatch: {explained.reason}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
