"""The JSON objects other tools read (README "JSON formats"): a flag, statement, claim or
ingest result looks the same whether the CLI, the bot or an evaluator writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from claimwatch.engine.pipeline import IngestResult, StatementOut
from claimwatch.matchers.actors import gazetteer
from claimwatch.storage.api import ClaimRow, FlagRow, StatementRow


def actor_names(ids: Iterable[str]) -> list[str]:
    gaz = gazetteer()
    return [gaz.get(i).name if i in gaz.actors else i for i in ids]


def flag_json(flag: FlagRow) -> dict[str, Any]:
    return {
        "id": flag.id,
        "kind": flag.kind,
        "claim_id": flag.claim_id,
        "claim_text": flag.claim_text,
        "claim_by": flag.claim_by,
        "statement_id": flag.statement_id,
        "statement_text": flag.statement_text,
        "by": flag.by,
        "score": flag.score,
        "published": flag.published,
        "source": flag.source,
        "url": flag.url,
    }


def statement_out_json(out: StatementOut) -> dict[str, Any]:
    data = out.to_json()
    data["actors"] = actor_names(data["actors"])
    return data


def statement_row_json(row: StatementRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "text": row.text,
        "content": row.content,
        "speaker": row.speaker,
        "stance": row.stance,
        "actors": actor_names(row.actors),
        "figures": row.figures,
        "claim_id": row.claim_id,
        "relation": row.relation,
        "published": row.published,
        "source": row.source,
        "url": row.url,
    }


def claim_json(claim: ClaimRow) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "by": claim.by_name,
        "status": claim.status,
        "lang": claim.lang,
        "actors": actor_names(claim.actors),
        "figures": claim.figures,
        "first_seen": claim.first_seen,
        "updated_at": claim.updated_at,
    }


def ingest_json(result: IngestResult) -> dict[str, Any]:
    return {
        "article_id": result.article_id,
        "duplicate": result.duplicate,
        "lang": result.lang,
        "statements": [statement_out_json(s) for s in result.statements],
        "flags": [flag_json(f) for f in result.flags],
    }
