"""The Telegram emulator behaves like the Bot API as python-telegram-bot sees it.

Everything goes through the real PTB client over HTTP on 127.0.0.1, so a wrong wire format
or error mapping in the emulator shows up here rather than as a confusing end-to-end failure.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from .emulator import Emulator, EntityParseError, parse_html, utf16_len

TOKEN = "123456:TEST-token"  # noqa: S105 - a fake token for the emulator


async def until(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Wait on a condition, not for a fixed time (the one sleep of this file)."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, f"not within {within} s"
        await asyncio.sleep(0.01)


ANA = 5001  # a private chat: chat id == user id
GROUP = -1001234567890


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(TOKEN, chat_rate=(50, 1.0), group_rate=(50, 1.0), global_rate=(200, 1.0)) as e:
        e.add_chat(ANA)
        e.add_chat(GROUP, title="Newsroom")
        yield e
        assert not e.errors(), e.errors()


@pytest.fixture
async def bot(emu: Emulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url) as b:
        yield b


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in datas]])


# ---- parser, without HTTP ------------------------------------------------------------------


def test_parse_html_entities_use_utf16_offsets() -> None:
    plain, entities = parse_html('😀 <b>bold</b> <a href="https://x.org/?a=1&amp;b=2">l</a>')
    assert plain == "😀 bold l"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 4},
        {"type": "text_link", "offset": 8, "length": 1, "url": "https://x.org/?a=1&b=2"},
    ]
    assert utf16_len("😀") == 2


def test_parse_html_pre_with_language_and_spoiler() -> None:
    text = (
        '<pre><code class="language-python">x &lt; 1</code></pre><span class="tg-spoiler">s</span>'
    )
    plain, entities = parse_html(text)
    assert plain == "x < 1s"
    assert {"type": "pre", "offset": 0, "length": 5, "language": "python"} in entities
    assert {"type": "spoiler", "offset": 5, "length": 1} in entities


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("</i>", "Unexpected end tag at byte offset 0"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("é<br/>", 'Unsupported start tag "br/" at byte offset 2'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("a & b", 'Unescaped "&"'),
        ("&nbsp;", 'Unescaped "&"'),
    ],
)
def test_parse_html_rejects(text: str, message: str) -> None:
    with pytest.raises(EntityParseError, match=message.replace("(", r"\(")):
        parse_html(text)


def test_parse_html_lenient_ampersand_like_telegram() -> None:
    assert parse_html("a & b &amp", strict_ampersand=False)[0] == "a & b &"


# ---- Bot API over HTTP ---------------------------------------------------------------------


async def test_get_me_and_bad_token(emu: Emulator, bot: Bot) -> None:
    assert bot.username == "claimwatch_test_bot"
    assert bot.id == 123456
    with pytest.raises(InvalidToken):
        async with Bot("999:wrong", base_url=emu.base_url):
            pass
    assert emu.rejected()[-1].error_code == 401


async def test_unknown_method_is_404(emu: Emulator, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    assert emu.rejected()[-1][2:] == (404, "Not Found")


async def test_valid_html_is_recorded(emu: Emulator, bot: Bot) -> None:
    message = await bot.send_message(
        ANA,
        "<b>Claim</b> &amp; <i>denial</i>",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard("a"),
    )
    assert message.text == "Claim & denial"
    assert message.entities[0].type == "bold"
    [sent] = emu.sent(ANA, "sendMessage")
    assert sent.text == "<b>Claim</b> &amp; <i>denial</i>"
    assert sent.plain_text == "Claim & denial"
    assert sent.parse_mode == "HTML"
    assert sent.reply_markup == {"inline_keyboard": [[{"text": "a", "callback_data": "a"}]]}
    assert sent.message_id == message.message_id
    assert not emu.rejected()


@pytest.mark.parametrize("text", ["<b>x", "<script>", "a & b", "</i>", "1 < 2"])
async def test_malformed_html_raises_bad_request(emu: Emulator, bot: Bot, text: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(ANA, text, parse_mode=ParseMode.HTML)
    assert not emu.sent()
    assert "can't parse entities" in emu.rejected()[-1].description


async def test_length_is_counted_after_parsing_in_utf16(emu: Emulator, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(ANA, "a" * 4097)
    await bot.send_message(ANA, "a" * 4096)
    await bot.send_message(ANA, "&amp;" * 4096, parse_mode=ParseMode.HTML)  # 20480 raw
    await bot.send_message(ANA, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    await bot.send_message(ANA, "😀" * 2048)  # 4096 UTF-16 units
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(ANA, "😀" * 2048 + "a")
    assert len(emu.sent(ANA)) == 4


async def test_empty_text_and_unknown_chat(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(ANA, "<b> </b>\n", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(777, "hello")


async def test_callback_data_limit_is_64_bytes(emu: Emulator, bot: Bot) -> None:
    await bot.send_message(ANA, "ok", reply_markup=keyboard("x" * 64))
    for data in ("x" * 65, "é" * 33):
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(ANA, "too long", reply_markup=keyboard(data))
    with pytest.raises(BadRequest, match=r"(?i)Text buttons are unallowed"):
        await bot.send_message(
            ANA, "no action", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("t")]])
        )
    assert len(emu.sent()) == 1


async def test_rate_limit_gives_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # else reading retry_after warns (an error here)
    with Emulator(TOKEN, chat_rate=(2, 1.0), global_rate=(100, 1.0)) as emu:
        emu.add_chat(ANA)
        async with Bot(TOKEN, base_url=emu.base_url) as bot:
            await bot.send_message(ANA, "1")
            await bot.send_message(ANA, "2")
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(ANA, "3")
            assert caught.value.retry_after == dtm.timedelta(seconds=1)
            emu.force_retry_after(ANA, 7)
            first = emu.sent(ANA)[0].at  # "5" may go once "1" has left the one-second window
            await until(lambda: time.monotonic() - first > 1.0)
            with pytest.raises(RetryAfter) as forced:
                await bot.send_message(ANA, "4")
            assert forced.value.retry_after == dtm.timedelta(seconds=7)
            await bot.send_message(ANA, "5")
        assert [s.text for s in emu.sent(ANA)] == ["1", "2", "5"]
        assert [r.error_code for r in emu.rejected()] == [429, 429]


async def test_blocked_and_migrated_chats(emu: Emulator, bot: Bot) -> None:
    emu.block(ANA)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ANA, "hi")
    emu.add_chat(-555, chat_type="group", title="Old group")
    emu.migrate(-555, -100555)
    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(-555, "hi")
    assert caught.value.new_chat_id == -100555
    await bot.send_message(-100555, "hi again")
    assert [s.chat_id for s in emu.sent()] == [-100555]


async def test_long_polling_and_offset(emu: Emulator, bot: Bot) -> None:
    assert await bot.get_updates(timeout=0) == ()
    threading.Timer(0.2, emu.user_message, args=(ANA, "/start now")).start()
    started = time.monotonic()
    updates = await bot.get_updates(timeout=3)
    assert time.monotonic() - started < 2
    [update] = updates
    assert update.message.text == "/start now"
    assert update.message.from_user.language_code == "en"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/start")
    # Not confirmed yet: delivered again; confirming with offset drops it.
    assert (await bot.get_updates(timeout=0))[0].update_id == update.update_id
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    assert emu.pending_updates() == 0


async def test_edit_press_and_answer(emu: Emulator, bot: Bot) -> None:
    sent = await bot.send_message(ANA, "Flag", reply_markup=keyboard("yes", "no"))
    query_id = emu.press(ANA, sent.message_id, "yes")
    with pytest.raises(ValueError, match="no button"):
        emu.press(ANA, sent.message_id, "maybe")
    [update] = await bot.get_updates(timeout=1)
    assert update.callback_query.data == "yes"
    assert update.callback_query.message.message_id == sent.message_id
    await update.callback_query.answer("Noted")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)
    assert emu.callback_answers()[0]["text"] == "Noted"

    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text(
            "Flag", ANA, sent.message_id, reply_markup=keyboard("yes", "no")
        )
    await bot.edit_message_text("<i>Flag</i> (seen)", ANA, sent.message_id, parse_mode="HTML")
    current = emu.message(ANA, sent.message_id)
    assert current["text"] == "Flag (seen)"
    assert "reply_markup" not in current  # an edit without reply_markup drops the keyboard
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", ANA, 999)
    await bot.edit_message_reply_markup(ANA, sent.message_id, reply_markup=keyboard("undo"))
    assert await bot.delete_message(ANA, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(ANA, sent.message_id)
    methods = [s.method for s in emu.sent(ANA)]
    assert methods == ["sendMessage", "editMessageText", "editMessageReplyMarkup", "deleteMessage"]


async def test_send_document_upload(emu: Emulator, bot: Bot) -> None:
    content = bytes(range(256)) + b"\r\n--not-a-boundary\r\n" + "é".encode()
    message = await bot.send_document(
        GROUP,
        InputFile(content, filename='digest "é".csv'),
        caption="<b>Digest</b>",
        parse_mode=ParseMode.HTML,
    )
    assert message.document.file_name == 'digest "é".csv'
    [sent] = emu.sent(GROUP, "sendDocument")
    assert sent.document == ('digest "é".csv', content)
    assert sent.plain_text == "Digest"
    file = await bot.get_file(message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content
    await bot.send_chat_action(GROUP, "upload_document")
    assert emu.chat_actions() == [(GROUP, "upload_document")]


async def test_commands_per_scope_and_language(emu: Emulator, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Start")])
    await bot.set_my_commands(
        [BotCommand("follow", "Ikuti topik")],
        scope=BotCommandScopeAllGroupChats(),
        language_code="id",
    )
    await bot.set_my_description("Tracks who claimed what")
    assert emu.commands() == {
        ("default", ""): [{"command": "start", "description": "Start"}],
        ("all_group_chats", "id"): [{"command": "follow", "description": "Ikuti topik"}],
    }
    assert await bot.get_my_commands(scope=BotCommandScopeDefault(), language_code="id") == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert await bot.delete_my_commands()
    assert ("default", "") not in emu.commands()


async def test_admins_and_members(emu: Emulator, bot: Bot) -> None:
    emu.set_admins(GROUP, [42], creator=41)
    emu.user_message(GROUP, "hi", user_id=43, chat_type="supergroup")
    admins = await bot.get_chat_administrators(GROUP)
    assert [(a.user.id, a.status) for a in admins] == [(41, "creator"), (42, "administrator")]
    assert (await bot.get_chat_member(GROUP, 42)).status == "administrator"
    assert (await bot.get_chat_member(GROUP, 43)).status == "member"
    assert (await bot.get_chat(GROUP)).title == "Newsroom"
    with pytest.raises(BadRequest, match=r"(?i)no administrators in the private chat"):
        await bot.get_chat_administrators(ANA)


async def test_channel_updates(emu: Emulator, bot: Bot) -> None:
    emu.bot_added_to_channel(-1009, "Wire", as_admin=True)
    emu.channel_post(-1009, "Kremlin denies https://example.org/x.", title="Wire")
    member, post = await bot.get_updates(timeout=0)
    assert member.my_chat_member.new_chat_member.status == "administrator"
    assert post.channel_post.chat.type == "channel"
    assert post.channel_post.parse_entity(post.channel_post.entities[0]) == "https://example.org/x"
    assert (await bot.get_chat_member(-1009, bot.id)).status == "administrator"


async def test_fault_injection(emu: Emulator, bot: Bot) -> None:
    emu.fail_next("sendMessage", 1, 502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(ANA, "a")
    emu.fail_next("sendMessage", 1, "drop")
    with pytest.raises(NetworkError):
        await bot.send_message(ANA, "b")
    emu.fail_next("sendMessage", 1, "drop_after")
    with pytest.raises(NetworkError):
        await bot.send_message(ANA, "c")
    await bot.send_message(ANA, "d")
    assert [s.text for s in emu.sent(ANA)] == ["c", "d"]  # "c" arrived though the bot saw an error


async def test_application_polling_roundtrip(emu: Emulator) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_html(
            f"Halo, <b>{update.effective_user.first_name}</b>"
        )

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        emu.user_message(ANA, "/start", first_name="Ana")
        [reply] = await emu.async_wait_for(lambda s: s, timeout=5, chat_id=ANA)
        assert reply.plain_text == "Halo, Ana"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert emu.pending_updates() == 0  # the final getUpdates confirmed the offset
    assert emu.calls()[:2] == ["getMe", "deleteWebhook"]
    assert not emu.rejected()
