"""What the bot's handlers and jobs share: the settings, the store, the delivery worker,
the fetcher and feed poller, and the per-user limit on links (no module holds state).

Opened in ``post_init`` and closed in ``post_shutdown`` (never at import), reached from a
handler as ``context.services`` (:mod:`claimwatch.bot.context`).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from claimwatch.bot import i18n, render_html
from claimwatch.bot.callbacks import ClaimAction, ClaimButton, TopicAction, TopicButton, build
from claimwatch.bot.delivery import Deliverer, Rendered
from claimwatch.bot.digests import chat_zone
from claimwatch.config import Settings
from claimwatch.sources.feeds import FeedPoller
from claimwatch.sources.fetch import Fetcher
from claimwatch.storage.api import ChatRow, Database, OutboxRow

MAX_SEARCHES = 1000
LINKS_PER_USER = 5  # /ingest <link> per user and window
LINK_WINDOW = 600.0


@dataclass(slots=True)
class LinkLimiter:
    """At most ``per_user`` links per user in ``window`` seconds: a link costs a fetch."""

    per_user: int = LINKS_PER_USER
    window: float = LINK_WINDOW
    _times: dict[int, deque[float]] = field(default_factory=dict)

    def allow(self, user_id: int, now: float | None = None) -> bool:
        """Whether this user may send one more link now (counted if so)."""
        now = time.monotonic() if now is None else now
        times = self._times.setdefault(user_id, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) >= self.per_user:
            return False
        times.append(now)
        return True


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Database
    deliverer: Deliverer | None = None
    worker: asyncio.Task[None] | None = None
    searches: dict[str, str] = field(default_factory=dict)  # /claims paging: token -> query
    links: LinkLimiter = field(default_factory=LinkLimiter)
    _fetcher: Fetcher | None = None
    _poller: FeedPoller | None = None

    def fetcher(self) -> Fetcher:
        """The process's HTTP fetcher for feeds and links, made on first use."""
        if self._fetcher is None:
            self._fetcher = Fetcher(
                allow_hosts=self.settings.allow_hosts, limits=self.settings.fetch
            )
        return self._fetcher

    def poller(self) -> FeedPoller:
        """The process's feed poller (feeds at once, their deadlines, one article written at
        a time), made on first use."""
        if self._poller is None:
            self._poller = FeedPoller(self.store, self.fetcher(), self.settings.poll)
        return self._poller

    async def close(self) -> None:
        if self._poller is not None:
            await self._poller.aclose()
        if self._fetcher is not None:
            await self._fetcher.aclose()
        await self.store.close()

    def tz(self, chat: ChatRow | None) -> Any:
        return chat_zone(chat, self.settings.tz) if chat else self.settings.tz

    def wake(self) -> None:
        """Something was queued in this process: deliver it now."""
        if self.deliverer is not None:
            self.deliverer.wake()

    def remember_search(self, token: str, query: str) -> None:
        """Keep a /claims query for its page buttons (callback data holds 64 bytes only)."""
        self.searches[token] = query
        while len(self.searches) > MAX_SEARCHES:
            self.searches.pop(next(iter(self.searches)))


def alert_keyboard(claim_id: int, sub_id: int | None, lang: str) -> InlineKeyboardMarkup:
    timeline = build(ClaimButton(ClaimAction.TIMELINE, claim_id))
    follow = build(ClaimButton(ClaimAction.FOLLOW, claim_id))
    row = [
        InlineKeyboardButton(i18n.text("btn_timeline", lang), callback_data=timeline),
        InlineKeyboardButton(i18n.text("btn_follow", lang), callback_data=follow),
    ]
    if sub_id is not None:
        mute = build(TopicButton(TopicAction.MUTE, sub_id))
        row.append(InlineKeyboardButton(i18n.text("btn_mute", lang), callback_data=mute))
    return InlineKeyboardMarkup([row])


async def render_outbox_row(store: Database, row: OutboxRow, default_tz: Any) -> Rendered:
    """An outbox row as message parts, rendered at send time: the chat's language now, the
    claim's status now."""
    if row.payload is not None:
        return row.payload, None
    if row.flag_id is None:
        return None
    flag = await store.claims.get_flag(row.flag_id)
    chat = await store.chats.get(row.chat_id)
    if flag is None or chat is None:
        return None
    claim = await store.claims.get(flag.claim_id)
    tz = chat_zone(chat, default_tz)
    origin = await store.claims.article_source(claim.article_id) if claim else (None, None)
    blocks = render_html.alert_blocks(flag, claim, chat.lang, tz, origin)
    parts = render_html.split_message(blocks)
    sub = row.subscription_id
    if sub is not None and await store.chats.get_subscription(chat.id, sub) is None:
        sub = None
    return parts, alert_keyboard(flag.claim_id, sub, chat.lang)
