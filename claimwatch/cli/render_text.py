"""Terminal renderings shared by the CLI commands; the JSON objects other tools read are
built in :mod:`claimwatch.engine.records`.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

from claimwatch.engine.pipeline import IngestResult
from claimwatch.storage.api import ClaimRow, FlagRow, StatementRow

STANCE_WORDS = {
    "new": "claims",
    "restates": "repeats",
    "denies": "denies",
    "confirms": "confirms",
    "unconfirmed": "has not confirmed",
    "retracts": "retracts",
}
FLAG_TITLES = {
    "denial": "DENIAL",
    "confirmation": "CONFIRMATION",
    "reversal": "REVERSAL",
    "figure_conflict": "FIGURE CONFLICT",
}


# -- terminal ------------------------------------------------------------------------------
def _width() -> int:
    return max(60, min(100, shutil.get_terminal_size((88, 20)).columns))


def wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        text, width=_width(), initial_indent=indent, subsequent_indent=indent + "  "
    )


def day(iso: str | None) -> str:
    return (iso or "")[:10]


def flag_text(flag: FlagRow) -> str:
    title = FLAG_TITLES.get(flag.kind, flag.kind.upper())
    where = f" ({flag.source})" if flag.source else ""
    lines = [
        f"#{flag.id} {title} on claim #{flag.claim_id}, {day(flag.published)}{where}",
        wrap(f"claim by {flag.claim_by}: {flag.claim_text}"),
        wrap(f"{flag.by}: {flag.statement_text}"),
    ]
    if flag.url:
        lines.append(f"  {flag.url}")
    return "\n".join(lines)


def ingest_text(result: IngestResult, name: str) -> str:
    if result.duplicate:
        return f"{name}: already ingested as article #{result.article_id}; nothing new."
    linked = [s for s in result.statements if s.claim_id is not None]
    lines = [
        f"{name}: article #{result.article_id} ({result.lang}), {len(result.statements)}"
        f" statements, {len(result.new_claims)} new claims, {len(result.flags)} flags"
    ]
    lines += [flag_text(f) for f in result.flags]
    if not result.flags and not linked:
        lines.append("  no attributed claims found")
    return "\n".join(lines)


def claim_line(claim: ClaimRow, score: float | None = None) -> str:
    extra = f" match {score:.0f}" if score is not None else ""
    head = f"#{claim.id} [{claim.status}] {claim.by_name}, {day(claim.first_seen)}{extra}"
    return head + "\n" + wrap(claim.text)


def timeline_text(
    claim: ClaimRow, statements: Sequence[StatementRow], flags: Sequence[FlagRow]
) -> str:
    lines = [
        f"Claim #{claim.id} [{claim.status}]",
        wrap(claim.text, ""),
        f"  first made by {claim.by_name} on {day(claim.first_seen)}",
        "",
        "Timeline:",
    ]
    for st in statements:
        verb = STANCE_WORDS.get(st.relation or "", st.relation or "")
        who = st.speaker or "(the article)"
        src = f" - {st.source}" if st.source else ""
        lines.append(f"  {day(st.published)}  {who} {verb}{src}")
        lines.append(wrap(st.text, "      "))
        if st.url:
            lines.append(f"      {st.url}")
    if flags:
        lines.append("")
        lines.append("Flags:")
        lines += [
            f"  #{f.id} {FLAG_TITLES.get(f.kind, f.kind)} by {f.by}, {day(f.published)}"
            for f in flags
        ]
    return "\n".join(lines)
