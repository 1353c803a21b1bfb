"""Replying to an update: one helper for every handler, so every reply survives a 429.

The application's rate limiter does not retry (see ``app.build_application``: on a 429 it
would hold every request of the bot); a reply waits as Telegram says, in its own task, and
tries again a few times.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import RetryAfter

from claimwatch.bot.render_html import split_message

log = logging.getLogger(__name__)
REPLY_RETRIES = 2


async def reply(update: Update, blocks: Sequence[str], markup: Any = None) -> None:
    """Send blocks as one or more messages; buttons go on the last."""
    chat = update.effective_chat
    if chat is None:
        return
    message = update.effective_message
    thread = message.message_thread_id if message is not None and message.is_topic_message else None
    parts = split_message(blocks)
    for index, part in enumerate(parts):
        for attempt in range(REPLY_RETRIES + 1):
            try:
                await chat.send_message(
                    part,
                    reply_markup=markup if index == len(parts) - 1 else None,
                    message_thread_id=thread,
                )
                break
            except RetryAfter as exc:  # a chatty chat: wait as Telegram says, this reply only
                if attempt == REPLY_RETRIES:
                    raise
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                log.info("a reply to chat %d waits %.0f s (429)", chat.id, seconds)
                await asyncio.sleep(seconds + 0.1)
