"""Every text the bot sends to Telegram, as HTML, built here and only here.

Outside text (claims, quotes, names, sources, what a user typed) is escaped by ``esc`` on its
way into a template; a message is a list of blocks, each a well-formed fragment, and
:func:`split_message` packs blocks into messages of at most 4,096 characters as Telegram
counts them (UTF-16 code units of the text without tags), so a split never falls inside an
entity or a tag.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from claimwatch.bot import i18n
from claimwatch.engine.queries import CheckResult, ScoredClaim
from claimwatch.errors import explain
from claimwatch.storage.api import ClaimRow, FlagRow, StatementRow, SubscriptionRow

LIMIT = 4096
QUOTE_CHARS = 300  # an alert quotes; the timeline (one tap away) has the whole sentence
_TAG = re.compile(r"<[^>]*>")
_KIND_ICON = {"denial": "⛔", "confirmation": "✅", "reversal": "🔄", "figure_conflict": "🔢"}


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def t(key: str, lang: str, **values: Any) -> str:
    """A template of :mod:`i18n` with every value escaped."""
    return i18n.text(key, lang).format(**{k: esc(v) for k, v in values.items()})


def refusal(exc: BaseException | None, lang: str) -> str:
    """The answer to an error, in the chat's language: the template
    :func:`claimwatch.errors.explain` names (as the command line prints its reason), with the
    reason quoted where the template has room for it; a bug gets the "error" answer."""
    explained = explain(exc) if exc is not None else None
    if explained is None:
        return t("error", lang)
    return t(explained.key, lang, reason=explained.reason)


def visible_length(fragment: str) -> int:
    """Length of an HTML fragment as Telegram counts it: UTF-16 units, tags removed."""
    plain = html.unescape(_TAG.sub("", fragment))
    return len(plain.encode("utf-16-le")) // 2


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """At most ``limit`` characters, cut at a word and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:") + " …"


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _plain_pieces(fragment: str, limit: int) -> list[str]:
    """A block too long for one message, as escaped plain-text pieces (its tags dropped),
    cut at spaces where it can be and inside a word only where a word is longer than that."""
    plain = html.unescape(_TAG.sub("", fragment))
    pieces: list[str] = []
    current = ""
    for part in re.split(r"(\s+)", plain):
        rest = part
        while _units(current + rest) > limit:
            if current:
                pieces.append(current)
                current = ""
                continue
            head = rest[:limit]
            while _units(head) > limit:
                head = head[:-1]
            pieces.append(head)
            rest = rest[len(head) :]
        current += rest
    if current.strip():
        pieces.append(current)
    return [esc(p) for p in pieces if p.strip()]


def split_message(blocks: Iterable[str], limit: int = LIMIT) -> list[str]:
    """Blocks joined by newlines into as few messages as fit ``limit``; nothing is lost."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for block in blocks:
        length = visible_length(block)
        if length > limit:
            if current:
                messages.append("\n".join(current))
                current, size = [], 0
            # escaped plain text: its visible length equals its unescaped length
            messages.extend(_plain_pieces(block, limit))
            continue
        extra = length + (1 if current else 0)
        if current and size + extra > limit:
            messages.append("\n".join(current))
            current, size = [block], length
        else:
            current.append(block)
            size += extra
    if current:
        messages.append("\n".join(current))
    return [m for m in messages if m.strip()] or [""]


def day(iso: str | None, tz: ZoneInfo | None = None) -> str:
    """The date of an ISO time, in the chat's time zone when it has a time of day."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:10]
    if tz is not None and moment.tzinfo is not None and len(iso) > 10:
        moment = moment.astimezone(tz)
    return moment.date().isoformat()


def link(url: str | None, label: str) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{esc(url)}">{esc(label)}</a>'
    return esc(label)


def word(prefix: str, value: str, lang: str) -> str:
    """The translation of a stored word (a status, a relation, a flag kind), or the word."""
    key = f"{prefix}_{value}"
    return t(key, lang) if i18n.has(key) else esc(value)


def status_word(status: str, lang: str) -> str:
    return word("status", status, lang)


# -- alerts ----------------------------------------------------------------------------------
def alert_blocks(
    flag: FlagRow,
    claim: ClaimRow | None,
    lang: str,
    tz: ZoneInfo,
    claim_source: tuple[str | None, str | None] = (None, None),
) -> list[str]:
    """A flag as an alert: who said what first (and where), who answered (and where)."""
    icon = _KIND_ICON.get(flag.kind, "⚠️")
    kind = word("kind", flag.kind, lang)
    verb = word("alert_verb", flag.kind, lang)
    where = link(flag.url, flag.source or t("source", lang)) if (flag.url or flag.source) else ""
    when = day(flag.published, tz)
    status = claim.status if claim else "asserted"
    source, url = claim_source
    first = [esc(day(claim.first_seen, tz))] if claim else []
    if source or url:
        first.append(link(url, source or t("source", lang)))
    return [
        f"{icon} <b>{kind}</b> · {esc(flag.by)}",
        f"<b>{t('claim_by', lang)} {esc(flag.claim_by)}</b>"
        + (f" ({', '.join(first)})" if first else "")
        + ":",
        f"<blockquote>{esc(shorten(flag.claim_text))}</blockquote>",
        f"<b>{esc(flag.by)} {verb}</b> ({esc(when)}{', ' + where if where else ''}):",
        f"<blockquote>{esc(shorten(flag.statement_text))}</blockquote>",
        f"{t('status', lang)}: <b>{status_word(status, lang)}</b> · #{flag.claim_id}",
    ]


# -- claims, timelines, checks ---------------------------------------------------------------
def claim_block(claim: ClaimRow, lang: str, tz: ZoneInfo, score: float | None = None) -> str:
    extra = f" · {t('match', lang)} {score:.0f}" if score else ""
    return (
        f"<b>#{claim.id}</b> [{status_word(claim.status, lang)}] {esc(claim.by_name)}, "
        f"{esc(day(claim.first_seen, tz))}{extra}\n{esc(shorten(claim.text, 400))}"
    )


def claims_blocks(head: str, claims: Sequence[ScoredClaim], lang: str, tz: ZoneInfo) -> list[str]:
    return [head, *(claim_block(s.claim, lang, tz, s.score or None) for s in claims)]


def timeline_blocks(
    claim: ClaimRow,
    statements: Sequence[StatementRow],
    flags: Sequence[FlagRow],
    lang: str,
    tz: ZoneInfo,
) -> list[str]:
    blocks = [
        i18n.text("timeline_head", lang).format(
            id=claim.id, status=status_word(claim.status, lang)
        ),
        f"<blockquote>{esc(claim.text)}</blockquote>",
        t("first_made", lang, by=claim.by_name, day=day(claim.first_seen, tz)),
        t("timeline", lang),
    ]
    for st in statements:
        rel = st.relation or ""
        verb = word("rel", rel, lang)
        who = esc(st.speaker) if st.speaker else t("unknown_speaker", lang)
        src = f" · {link(st.url, st.source or t('source', lang))}" if (st.url or st.source) else ""
        blocks.append(
            f"• {esc(day(st.published, tz))} <b>{who}</b> {verb}{src}\n"
            f"  <i>{esc(shorten(st.text, 600))}</i>"
        )
    for flag in flags:
        kind = word("kind", flag.kind, lang)
        blocks.append(
            f"{_KIND_ICON.get(flag.kind, '⚠️')} {kind} · {esc(flag.by)}, "
            f"{esc(day(flag.published, tz))}"
        )
    return blocks


def check_blocks(results: Sequence[CheckResult], lang: str, tz: ZoneInfo) -> list[str]:
    blocks: list[str] = []
    for result in results:
        st = result.statement
        speaker = f"{esc(st.speaker)}: " if st.speaker else ""
        blocks.append(
            f"<b>{t('check_statement', lang)}</b>: {speaker}<i>{esc(shorten(st.text))}</i>"
        )
        if not result.matches:
            blocks.append(t("check_none", lang))
            continue
        for match in result.matches:
            blocks.append(claim_block(match.claim, lang, tz, match.score))
            stances = result.stances.get(match.claim.id, [])
            if stances:
                seen = dict.fromkeys(f"{esc(who)} {word('rel', rel, lang)}" for who, rel in stances)
                blocks.append(f"  {t('who_stands', lang)}: " + "; ".join(seen))
    return blocks


# -- subscriptions and digests ---------------------------------------------------------------
def subscription_line(sub: SubscriptionRow, lang: str) -> str:
    mode = t("mode_instant" if sub.mode == "instant" else "mode_digest", lang)
    if len(sub.flag_kinds) == 4:
        kinds = t("kinds_all", lang)
    else:
        kinds = ", ".join(word("kind", k, lang).lower() for k in sub.flag_kinds) or "—"
    icon = {"actor": "👤", "keyword": "🔎", "claim": "📌"}.get(sub.kind, "•")
    return f"{icon} <b>{esc(sub.label)}</b> · {mode} · {kinds}"


def digest_blocks(
    flags: Sequence[tuple[SubscriptionRow, FlagRow]],
    changes: Sequence[tuple[int, str, str, str]],
    *,
    since: str | None,
    until: str,
    lang: str,
    tz: ZoneInfo,
) -> list[str]:
    distinct = {f.id for _, f in flags}
    blocks = [
        t(
            "digest_head",
            lang,
            since=day(since, tz) if since else "…",
            until=day(until, tz),
            flags=len(distinct),
            changes=len(changes),
        )
    ]
    groups: dict[int, list[FlagRow]] = {}
    labels: dict[int, str] = {}
    for sub, flag in flags:
        groups.setdefault(sub.id, []).append(flag)
        labels[sub.id] = sub.label
    for sub_id, group in groups.items():
        counts: dict[str, int] = {}
        for flag in group:
            counts[flag.kind] = counts.get(flag.kind, 0) + 1
        summary = ", ".join(f"{n} {word('kind', k, lang).lower()}" for k, n in counts.items())
        blocks.append(f"\n<b>{esc(labels[sub_id])}</b> ({summary})")
        for flag in group:
            blocks.append(
                f"{_KIND_ICON.get(flag.kind, '⚠️')} #{flag.claim_id} {esc(flag.by)} "
                f"{word('alert_verb', flag.kind, lang)}: {esc(shorten(flag.claim_text, 160))}"
            )
    if changes:
        blocks.append("\n" + t("digest_changes", lang))
        for claim_id, old, new, text in changes:
            blocks.append(
                f"#{claim_id} {status_word(old, lang)} → <b>{status_word(new, lang)}</b>: "
                f"{esc(shorten(text, 160))}"
            )
    return blocks
