"""A Telegram Bot API emulator for end-to-end tests.

The real python-telegram-bot client talks to it over HTTP on 127.0.0.1, so the tests exercise
the same wire format, error mapping and long polling as production, without a network or a
real token. It is deliberately *stricter* than Telegram where a bot bug would otherwise slip
through (an unescaped ``&`` in HTML is refused), and as close to Telegram's wording as known
elsewhere, so that python-telegram-bot raises its real exceptions (``BadRequest``,
``Forbidden``, ``RetryAfter``, ``ChatMigrated``).

Stdlib only: ``ThreadingHTTPServer`` in a background thread; all state behind one lock and a
condition variable, which both the HTTP threads and the test thread use.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import select
import socket
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, NamedTuple, NoReturn, Self
from urllib.parse import parse_qsl, unquote

JSON = dict[str, Any]

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_TEXT_LIMIT = 200
UPLOAD_LIMIT = 50 * 1024 * 1024

# --------------------------------------------------------------------------------------------
# HTML entity parsing (follows tdlib's parse_html, which is what the Bot API runs)
# --------------------------------------------------------------------------------------------

_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_SPACES = " \t\r\n\v\f"
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's wording after the colon."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: how Telegram measures text and entity offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _decode_entity(text: str, pos: int, *, require_semicolon: bool) -> tuple[str, int] | None:
    """Decode the character reference at ``text[pos] == '&'``; (char, next position) or None.

    tdlib accepts the four named entities and decimal/hex references, with an optional ``;``.
    """
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        is_hex = end < n and text[end] in "xX"
        if is_hex:
            end += 1
        start = end
        digits = "0123456789abcdefABCDEF" if is_hex else "0123456789"
        while end < n and text[end] in digits:
            end += 1
        if end == start or end - pos >= 10:
            return None
        value = int(text[start:end], 16 if is_hex else 10)
        if value == 0 or value >= 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            return None
        char = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if end < n and text[end] == ";":
        return char, end + 1
    if require_semicolon:
        return None
    return char, end


@dataclass
class _OpenTag:
    name: str
    begin: int  # character index of '<' in the source
    offset: int  # UTF-16 offset in the output
    argument: str = ""
    language: str = ""
    expandable: bool = False


class _HtmlScanner:
    """A strict single-pass scanner; raises EntityParseError with Telegram's messages."""

    def __init__(self, text: str, *, strict_ampersand: bool) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.out: list[str] = []
        self.u16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSON] = []
        self.strict = strict_ampersand

    @staticmethod
    def fail(message: str) -> NoReturn:
        raise EntityParseError(message)

    def byte_offset(self, pos: int) -> int:
        return len(self.text[:pos].encode("utf-8", "surrogatepass"))

    def emit(self, chars: str) -> None:
        self.out.append(chars)
        self.u16 += utf16_len(chars)

    def run(self) -> tuple[str, list[JSON]]:
        while self.i < self.n:
            char = self.text[self.i]
            if char == "&":
                self.ampersand()
            elif char == "<":
                self.tag()
            else:
                self.emit(char)
                self.i += 1
        if self.stack:
            self.fail(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def ampersand(self) -> None:
        decoded = _decode_entity(self.text, self.i, require_semicolon=self.strict)
        if decoded is not None:
            char, self.i = decoded
            self.emit(char)
            return
        if self.strict:
            self.fail(
                f'Unescaped "&" at byte offset {self.byte_offset(self.i)} (write &amp;; the '
                "emulator is stricter than Telegram here)"
            )
        self.emit("&")
        self.i += 1

    def tag(self) -> None:
        text, n = self.text, self.n
        begin = self.i
        i = begin + 1
        if i < n and text[i] == "/":
            self.end_tag(begin)
            return
        at = self.byte_offset(begin)
        start = i
        while i < n and text[i] not in _SPACES and text[i] != ">":
            i += 1
        if i >= n:
            self.fail(f"Unclosed start tag at byte offset {at}")
        name = text[start:i].lower()
        if name not in _TAG_TYPES:
            self.fail(f'Unsupported start tag "{name}" at byte offset {at}')
        tag = _OpenTag(name, begin, self.u16)
        while True:
            while i < n and text[i] in _SPACES:
                i += 1
            if i >= n:
                self.fail(f'Unclosed start tag "{name}" at byte offset {at}')
            if text[i] == ">":
                break
            attr_start = i
            while i < n and text[i] not in _SPACES and text[i] not in "=>":
                i += 1
            attribute = text[attr_start:i].lower()
            if not attribute:
                self.fail(f'Empty attribute name in the tag "{name}" at byte offset {at}')
            while i < n and text[i] in _SPACES:
                i += 1
            if i >= n:
                self.fail(f'Unclosed start tag "{name}" at byte offset {at}')
            if text[i] != "=":
                if name == "blockquote" and attribute == "expandable":
                    tag.expandable = True
                    continue
                self.fail(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{name}" at byte offset {at}'
                )
            i += 1
            while i < n and text[i] in _SPACES:
                i += 1
            if i >= n:
                self.fail(f"Unclosed start tag at byte offset {at}")
            value, i = self.attribute_value(i)
            self.set_attribute(tag, attribute, value)
        self.i = i + 1
        if name == "span" and tag.argument != "spoiler":
            self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        if name == "tg-emoji" and not tag.argument.isdigit():
            self.fail(f"Invalid custom emoji identifier specified at byte offset {at}")
        self.stack.append(tag)

    def attribute_value(self, i: int) -> tuple[str, int]:
        text, n = self.text, self.n
        if text[i] in "\"'":
            quote = text[i]
            i += 1
            chars: list[str] = []
            while i < n and text[i] != quote:
                if text[i] == "&":
                    decoded = _decode_entity(text, i, require_semicolon=self.strict)
                    if decoded is not None:
                        chars.append(decoded[0])
                        i = decoded[1]
                        continue
                    if self.strict:
                        self.fail(
                            f'Unescaped "&" in an attribute at byte offset {self.byte_offset(i)}'
                        )
                chars.append(text[i])
                i += 1
            if i >= n:
                self.fail(f"Unclosed start tag at byte offset {self.byte_offset(i)}")
            return "".join(chars), i + 1
        start = i
        while i < n and text[i].isascii() and (text[i].isalnum() or text[i] in ".-"):
            i += 1
        if i < n and text[i] not in _SPACES and text[i] != ">":
            self.fail(f"Unexpected end of name token at byte offset {self.byte_offset(start)}")
        return text[start:i].lower(), i

    @staticmethod
    def set_attribute(tag: _OpenTag, attribute: str, value: str) -> None:
        if tag.name == "a" and attribute == "href":
            tag.argument = value
        elif tag.name == "code" and attribute == "class" and value.startswith("language-"):
            tag.language = value.removeprefix("language-")
        elif tag.name == "span" and attribute == "class" and value.startswith("tg-"):
            tag.argument = value.removeprefix("tg-")
        elif tag.name == "tg-emoji" and attribute == "emoji-id":
            tag.argument = value

    def end_tag(self, begin: int) -> None:
        text, n = self.text, self.n
        at = self.byte_offset(begin)
        i = begin + 2
        start = i
        while i < n and text[i] not in _SPACES and text[i] != ">":
            i += 1
        end_name = text[start:i].lower()
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n or text[i] != ">":
            self.fail(f"Unclosed end tag at byte offset {at}")
        if not self.stack:
            self.fail(f"Unexpected end tag at byte offset {at}")
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            self.fail(
                f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        self.i = i + 1
        self.close(tag)

    def close(self, tag: _OpenTag) -> None:
        if tag.name == "code" and tag.language and self.stack and self.stack[-1].name == "pre":
            self.stack[-1].language = tag.language
            return
        length = self.u16 - tag.offset
        if length == 0:
            return
        kind = _TAG_TYPES[tag.name]
        entity: JSON = {"type": kind, "offset": tag.offset, "length": length}
        if kind == "text_link":
            if not tag.argument:
                return
            entity["url"] = tag.argument
        elif kind == "pre" and tag.language:
            entity["language"] = tag.language
        elif kind == "blockquote" and tag.expandable:
            entity["type"] = "expandable_blockquote"
        elif kind == "custom_emoji":
            entity["custom_emoji_id"] = tag.argument
        self.entities.append(entity)


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[JSON]]:
    """Parse Telegram HTML into (plain text, entities) or raise EntityParseError.

    Offsets are UTF-16 code units; whitespace is not yet stripped (see ``strip_formatted``).
    """
    return _HtmlScanner(text, strict_ampersand=strict_ampersand).run()


def strip_formatted(plain: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Trim surrounding whitespace as Telegram does, moving and clipping the entities."""
    left = plain.lstrip()
    lead = utf16_len(plain[: len(plain) - len(left)])
    result = left.rstrip()
    total = utf16_len(result)
    fixed = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    return result, fixed


_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")


def detect_entities(text: str) -> list[JSON]:
    """The entities Telegram adds to a user's plain message: bot commands and URLs."""
    found: list[JSON] = []
    for match in _COMMAND_RE.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] in _SPACES:
            found.append(("bot_command", start, match.group(0)))  # type: ignore[arg-type]
    for match in _URL_RE.finditer(text):
        url = match.group(0).rstrip(".,;:!?)]}'")
        found.append(("url", match.start(), url))  # type: ignore[arg-type]
    entities = [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(chunk)}
        for kind, start, chunk in found  # type: ignore[misc]
    ]
    return sorted(entities, key=lambda e: e["offset"])


# --------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """One accepted bot action (sendMessage, sendDocument, edits, deleteMessage)."""

    method: str
    chat_id: int
    text: str | None  # as the bot sent it (raw HTML), or the caption of a document
    parse_mode: str | None
    reply_markup: JSON | None
    document: tuple[str, bytes] | None
    message_id: int | None
    at: float  # time.monotonic() when the emulator accepted it
    plain_text: str | None = None  # what a user sees: tags removed, entities decoded
    entities: tuple[JSON, ...] = ()
    params: JSON = field(default_factory=dict)

    def buttons(self) -> list[JSON]:
        """All inline buttons, row by row, flattened (handy in assertions)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]


class Rejected(NamedTuple):
    """A request the emulator refused (including injected faults)."""

    method: str
    params: JSON
    error_code: int
    description: str


class ApiError(Exception):
    """Raised inside a method handler; becomes Telegram's error JSON."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class _Chat:
    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    username: str | None = None

    def to_api(self) -> JSON:
        data: JSON = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.first_name or "User"
        else:
            data["title"] = self.title or f"Chat {self.id}"
        if self.username:
            data["username"] = self.username
        return data


_DROP = object()  # handler outcome: close the connection without an answer

_JSON_PARAMS = set(
    (
        "reply_markup allowed_updates commands scope entities caption_entities "
        "link_preview_options reply_parameters"
    ).split()
)
_INT_PARAMS = set(
    (
        "message_id offset limit timeout user_id cache_time message_thread_id "
        "reply_to_message_id max_connections"
    ).split()
)
_BOOL_PARAMS = set(
    (
        "disable_notification protect_content show_alert drop_pending_updates "
        "disable_web_page_preview allow_sending_without_reply disable_content_type_detection "
        "only_if_banned"
    ).split()
)
_CHAT_ACTIONS = set(
    (
        "typing upload_photo record_video upload_video record_voice upload_voice "
        "upload_document choose_sticker find_location record_video_note upload_video_note"
    ).split()
)
_DEFAULT_UPDATE_TYPES = set(
    (
        "message edited_message channel_post edited_channel_post business_connection "
        "business_message edited_business_message deleted_business_messages inline_query "
        "chosen_inline_result callback_query shipping_query pre_checkout_query "
        "purchased_paid_media poll poll_answer my_chat_member chat_join_request chat_boost "
        "removed_chat_boost"
    ).split()
)
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
# The users Telegram puts in ``from`` of a message sent on behalf of a chat.
ANONYMOUS_ADMIN: JSON = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
CHANNEL_BOT: JSON = {
    "id": 136817688,
    "is_bot": True,
    "first_name": "Channel",
    "username": "Channel_Bot",
}
_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _parse_chat_id(value: Any) -> int | str:
    if isinstance(value, bool):
        raise _bad("invalid chat_id")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if text.startswith("@"):
        return text
    raise _bad("chat not found")


def _decode_params(raw: dict[str, Any], *, typed: bool) -> JSON:
    """Turn PTB's form fields (strings, JSON for non-strings) into Python values by name."""
    params: JSON = {}
    for key, value in raw.items():
        if key in _JSON_PARAMS and isinstance(value, str):
            try:
                params[key] = json.loads(value)
            except ValueError:
                what = "reply keyboard markup" if key == "reply_markup" else key
                raise _bad(f"can't parse {what} JSON object") from None
        elif key in _INT_PARAMS and not typed:
            try:
                params[key] = int(value)
            except ValueError:
                raise _bad(f"invalid {key} specified") from None
        elif key in _BOOL_PARAMS and not typed:
            params[key] = str(value).lower() in {"true", "1"}
        else:
            params[key] = value
    if "chat_id" in params:
        params["chat_id"] = _parse_chat_id(params["chat_id"])
    return params


def _parse_multipart(body: bytes, boundary: bytes) -> tuple[JSON, dict[str, tuple[str, bytes]]]:
    """Split multipart/form-data as httpx writes it: fields and (filename, bytes) files."""
    fields: JSON = {}
    files: dict[str, tuple[str, bytes]] = {}
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        part = chunk.removeprefix(b"\r\n")
        head, _, content = part.partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        disposition = ""
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-disposition":
                disposition = value
        params = dict(re.findall(r';\s*([\w*-]+)="((?:[^"\\]|\\.)*)"', disposition))
        field_name = _unform(params.get("name", ""))
        if "filename" in params:
            files[field_name] = (_unform(params["filename"]), content)
        else:
            fields[field_name] = content.decode("utf-8")
    return fields, files


def _unform(value: str) -> str:
    """Undo httpx's HTML5 form-data escaping of names and filenames."""
    return unquote(value.replace("\\\\", "\\"))


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A bot killed or stopped mid-request hangs up: no traceback in the test output.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.emulator._track(self, add=True)

    def finish(self) -> None:
        try:
            with contextlib.suppress(OSError):
                super().finish()
        finally:
            self.server.emulator._track(self, add=False)

    def log_message(self, fmt: str, *args: object) -> None:
        """Silence the default stderr access log; calls are recorded in the emulator."""

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        body = self._read_body()
        outcome = self.server.emulator._handle_http(
            self.command, self.path, self.headers.get("Content-Type", ""), body, self.connection
        )
        self.server.emulator._answers_open.wait(timeout=60)
        if outcome is _DROP:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        status, content_type, payload = outcome
        with contextlib.suppress(OSError):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()


def _client_gone(conn: socket.socket) -> bool:
    """True when the client closed its side (e.g. PTB cancelled a long poll)."""
    try:
        readable, _, _ = select.select([conn], [], [], 0)
        if not readable:
            return False
        return conn.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


# --------------------------------------------------------------------------------------------
# The emulator
# --------------------------------------------------------------------------------------------


class Emulator:
    """A fake Bot API server plus a fake user side driven by the tests.

    Rates are ``(messages, window_seconds)``; ``burst`` extra messages are tolerated in a
    window before 429. Private chats have positive ids, groups negative (supergroups and
    channels ``-100…``); chats must be known (a user wrote, ``add_chat``, ``bot_added_*``)
    before the bot can send to them, as with Telegram.
    """

    def __init__(
        self,
        token: str,
        *,
        bot_username: str = "claimwatch_test_bot",
        bot_first_name: str = "Claimwatch Test",
        chat_rate: tuple[int, float] = (1, 1.0),
        group_rate: tuple[int, float] = (20, 60.0),
        global_rate: tuple[int, float] = (30, 1.0),
        burst: int = 0,
        strict_ampersand: bool = True,
    ) -> None:
        bot_id, sep, _ = token.partition(":")
        if not sep or not bot_id.isdigit():
            raise ValueError("token must look like '123456:secret'")
        self.token = token
        self.bot_id = int(bot_id)
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.chat_rate = chat_rate
        self.group_rate = group_rate
        self.global_rate = global_rate
        self.burst = burst
        self.strict_ampersand = strict_ampersand

        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._handlers: set[_Handler] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._stopping = False

        self._chats: dict[int, _Chat] = {}
        self._users: dict[int, JSON] = {}
        self._members: dict[int, set[int]] = {}
        self._admins: dict[int, list[int]] = {}
        self._creators: dict[int, int] = {}
        self._bot_status: dict[int, str] = {}
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._bot_messages: set[tuple[int, int]] = set()
        self._updates: list[JSON] = []
        self._next_update_id = 100_001
        self._allowed_updates: set[str] = set(_DEFAULT_UPDATE_TYPES)
        self._poll_generation = 0
        self._webhook: JSON = {"url": ""}
        self._callbacks: dict[str, bool] = {}
        self._next_callback = 1
        self._files: dict[str, tuple[str, bytes, str]] = {}

        self._sent: list[Sent] = []
        self._rejected: list[Rejected] = []
        self._calls: list[str] = []
        self._errors: list[str] = []
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._descriptions: dict[tuple[str, str], str] = {}
        self._callback_answers: list[JSON] = []
        self._chat_actions: list[tuple[int, str]] = []

        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._faults: dict[str, deque[int | str]] = {}
        self._forced_retry: dict[int, deque[int]] = {}
        self._chat_windows: dict[int, deque[float]] = {}
        self._global_window: deque[float] = deque()
        self._answers_open = threading.Event()
        self._answers_open.set()

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self) -> Self:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        if self._server is not None:
            raise RuntimeError("emulator already started")
        self._stopping = False
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="telegram-emulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake long polls, close every client connection and join the threads."""
        server = self._server
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        server.shutdown()
        with self._lock:
            handlers = list(self._handlers)
            threads = list(self._handler_threads)
        for handler in handlers:
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=5)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def root(self) -> str:
        """``http://127.0.0.1:PORT``; the bot's base_url is ``f"{root}/bot"``."""
        if self._server is None:
            raise RuntimeError("emulator not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        return f"{self.root}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.root}/file/bot"

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _track(self, handler: _Handler, *, add: bool) -> None:
        with self._lock:
            if add:
                self._handlers.add(handler)
                self._handler_threads.add(threading.current_thread())
            else:
                self._handlers.discard(handler)
                self._handler_threads.discard(threading.current_thread())

    # ---- fake-user side ----------------------------------------------------------------

    def add_chat(
        self,
        chat_id: int,
        *,
        chat_type: str | None = None,
        title: str | None = None,
        first_name: str = "Ana",
        username: str | None = None,
    ) -> None:
        """Make a chat known without an update (e.g. a subscriber restored from the DB)."""
        with self._lock:
            self._ensure_chat(chat_id, chat_type, title, first_name, username)

    def user_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        language_code: str = "en",
        chat_type: str = "private",
        first_name: str = "Ana",
        chat_title: str | None = None,
        forward_origin: JSON | None = None,
        username: str | None = None,
        reply_to_message_id: int | None = None,
        sender_chat_id: int | None = None,
    ) -> int:
        """A user writes ``text`` in a chat; returns the new message_id.

        ``sender_chat_id`` sends it on behalf of a chat, as Telegram shows it: the group
        itself for an anonymous administrator (``from`` is @GroupAnonymousBot), or a channel
        the user owns (``from`` is @Channel_Bot)."""
        with self._cond:
            if chat_id in self._migrated:
                raise ValueError(f"chat {chat_id} migrated to {self._migrated[chat_id]}")
            chat = self._ensure_chat(chat_id, chat_type, chat_title, first_name, None)
            if user_id is None:
                user_id = chat_id if chat.type == "private" else 1001
            user = self._ensure_user(user_id, first_name, language_code, username)
            self._members.setdefault(chat_id, set()).add(user_id)
            message: JSON = {
                "message_id": self._new_message_id(chat_id),
                "from": user,
                "chat": chat.to_api(),
                "date": int(time.time()),
                "text": text,
            }
            if sender_chat_id is not None:
                sender = self._chats.get(sender_chat_id)
                if sender is None or sender.type == "private":
                    raise ValueError(f"no group or channel {sender_chat_id} to send as")
                message["from"] = ANONYMOUS_ADMIN if sender.id == chat_id else CHANNEL_BOT
                message["sender_chat"] = sender.to_api()
            entities = detect_entities(text)
            if entities:
                message["entities"] = entities
            if forward_origin is not None:
                message["forward_origin"] = {"date": int(time.time()), **forward_origin}
            if reply_to_message_id is not None:
                replied = self._messages.get((chat_id, reply_to_message_id))
                if replied is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
                message["reply_to_message"] = replied
            self._messages[chat_id, message["message_id"]] = message
            self._enqueue("message", message)
            return message["message_id"]

    def press(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        language_code: str = "en",
        first_name: str = "Ana",
        force: bool = False,
    ) -> str:
        """A user presses the inline button carrying ``data``; returns the callback_query id.

        The button must exist on the message as it is now (edits included), unless ``force``.
        """
        with self._cond:
            message = self._messages.get((chat_id, message_id))
            if message is None or (chat_id, message_id) not in self._bot_messages:
                raise ValueError(f"no bot message {message_id} in chat {chat_id}")
            rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
            datas = [b.get("callback_data") for row in rows for b in row]
            if data not in datas and not force:
                raise ValueError(f"message {message_id} has no button {data!r}; it has {datas}")
            chat = self._chats[chat_id]
            if user_id is None:
                if chat.type != "private":
                    raise ValueError("user_id is required outside private chats")
                user_id = chat_id
            user = self._ensure_user(user_id, first_name, language_code, None)
            query_id = str(self._next_callback * 1_000_003)
            self._next_callback += 1
            self._callbacks[query_id] = False
            self._enqueue(
                "callback_query",
                {
                    "id": query_id,
                    "from": user,
                    "message": json.loads(json.dumps(message)),
                    "chat_instance": str(abs(chat_id) * 7 + 11),
                    "data": data,
                },
            )
            return query_id

    def channel_post(
        self, chat_id: int, text: str, *, title: str, username: str | None = None
    ) -> int:
        """A post appears in a channel the bot is in; returns its message_id."""
        with self._cond:
            chat = self._ensure_chat(chat_id, "channel", title, None, username)
            message: JSON = {
                "message_id": self._new_message_id(chat_id),
                "sender_chat": chat.to_api(),
                "chat": chat.to_api(),
                "date": int(time.time()),
                "text": text,
            }
            entities = [e for e in detect_entities(text) if e["type"] == "url"]
            if entities:
                message["entities"] = entities
            self._messages[chat_id, message["message_id"]] = message
            self._enqueue("channel_post", message)
            return message["message_id"]

    def bot_added_to_channel(
        self, chat_id: int, title: str, *, as_admin: bool = True, by_user_id: int = 1001
    ) -> int:
        """The bot is added to a channel; a my_chat_member update. Returns the update_id."""
        return self._bot_added(chat_id, title, "channel", as_admin=as_admin, by=by_user_id)

    def bot_added_to_group(
        self,
        chat_id: int,
        title: str,
        *,
        by_user_id: int = 1001,
        chat_type: str = "supergroup",
        as_admin: bool = False,
    ) -> int:
        """The bot is added to a group; a my_chat_member update. Returns the update_id."""
        return self._bot_added(chat_id, title, chat_type, as_admin=as_admin, by=by_user_id)

    def set_admins(self, chat_id: int, user_ids: list[int], *, creator: int | None = None) -> None:
        """Who getChatAdministrators/getChatMember report as administrators (and creator)."""
        with self._lock:
            self._admins[chat_id] = list(user_ids)
            if creator is not None:
                self._creators[chat_id] = creator
            for user_id in [*user_ids, *([creator] if creator is not None else [])]:
                self._ensure_user(user_id, f"Admin {user_id}", "en", None)

    # ---- fault injection ---------------------------------------------------------------

    def block(self, chat_id: int, *, notify: bool = False) -> None:
        """The user blocks the bot (or kicks it from the group): sends get 403."""
        with self._cond:
            self._blocked.add(chat_id)
            chat = self._chats.get(chat_id)
            if notify and chat is not None:
                by = chat_id if chat.type == "private" else 1001
                update = self._member_update(chat, by, "kicked")
                self._bot_status[chat_id] = "kicked"
                self._enqueue("my_chat_member", update)

    def unblock(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.discard(chat_id)

    def migrate(self, chat_id: int, new_chat_id: int, *, announce: bool = False) -> None:
        """The group becomes a supergroup; calls with the old id get ChatMigrated."""
        with self._cond:
            old = self._chats.get(chat_id)
            title = old.title if old else None
            self._migrated[chat_id] = new_chat_id
            new = self._ensure_chat(new_chat_id, "supergroup", title, None, None)
            self._members[new_chat_id] = set(self._members.get(chat_id, set()))
            if announce and old is not None:
                now = int(time.time())
                self._enqueue(
                    "message",
                    {
                        "message_id": self._new_message_id(chat_id),
                        "chat": old.to_api(),
                        "date": now,
                        "migrate_to_chat_id": new_chat_id,
                    },
                )
                self._enqueue(
                    "message",
                    {
                        "message_id": self._new_message_id(new_chat_id),
                        "chat": new.to_api(),
                        "date": now,
                        "migrate_from_chat_id": chat_id,
                    },
                )

    def fail_next(self, method: str, count: int = 1, status: int | str = 502) -> None:
        """The next ``count`` calls of ``method`` fail with HTTP ``status``.

        ``"drop"`` closes the connection before processing; ``"drop_after"`` processes the
        call (the message is delivered) and then closes without answering.
        """
        with self._lock:
            self._faults.setdefault(method.lower(), deque()).extend([status] * count)

    def force_retry_after(self, chat_id: int, seconds: int, count: int = 1) -> None:
        """The next ``count`` sends to ``chat_id`` get 429 retry_after=``seconds``."""
        with self._lock:
            self._forced_retry.setdefault(chat_id, deque()).extend([seconds] * count)

    def hold_answers(self) -> None:
        """Calls are still carried out (a message is delivered) but answered only after
        :meth:`release_answers`: the client's requests stay in flight meanwhile."""
        self._answers_open.clear()

    def release_answers(self) -> None:
        self._answers_open.set()

    def expire_presses(self) -> None:
        """Presses not answered yet grow too old to answer, as when the bot was busy or
        restarting: Telegram refuses a late answerCallbackQuery (after about 15 s)."""
        with self._cond:
            for query_id, answered in self._callbacks.items():
                if not answered:
                    self._callbacks[query_id] = True

    # ---- inspection --------------------------------------------------------------------

    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[Sent]:
        with self._lock:
            return [
                s
                for s in self._sent
                if (chat_id is None or s.chat_id == chat_id)
                and (method is None or s.method == method)
            ]

    def rejected(self) -> list[Rejected]:
        with self._lock:
            return list(self._rejected)

    def calls(self) -> list[str]:
        """Every API method called, in order, as the client spelled it."""
        with self._lock:
            return list(self._calls)

    def errors(self) -> list[str]:
        """Tracebacks of emulator bugs (answered with 500); tests should assert it is empty."""
        with self._lock:
            return list(self._errors)

    def commands(self) -> dict[tuple[str, str], list[JSON]]:
        """Commands keyed by (scope, language_code); chat scopes read ``"chat:<id>"``."""
        with self._lock:
            return {key: list(value) for key, value in self._commands.items()}

    def descriptions(self) -> dict[tuple[str, str], str]:
        """setMyDescription/ShortDescription/Name, keyed by (kind, language_code)."""
        with self._lock:
            return dict(self._descriptions)

    def callback_answers(self) -> list[JSON]:
        with self._lock:
            return list(self._callback_answers)

    def chat_actions(self) -> list[tuple[int, str]]:
        with self._lock:
            return list(self._chat_actions)

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The message as it is now (after edits), or None if deleted/unknown."""
        with self._lock:
            found = self._messages.get((chat_id, message_id))
            return json.loads(json.dumps(found)) if found is not None else None

    def take_updates(self) -> list[JSON]:
        """The waiting updates, handed over and confirmed at once, as getUpdates and the next
        offset would: for tests that feed them to ``Application.process_update`` in-process."""
        with self._cond:
            taken, self._updates = self._updates, []
            return json.loads(json.dumps(taken))

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot through getUpdates' offset."""
        with self._lock:
            return len(self._updates)

    @property
    def webhook(self) -> JSON:
        with self._lock:
            return dict(self._webhook)

    def wait_for(
        self,
        predicate: Callable[[list[Sent]], object],
        timeout: float = 10.0,
        *,
        chat_id: int | None = None,
        method: str | None = None,
    ) -> list[Sent]:
        """Block until ``predicate(sent(chat_id, method))`` is truthy; AssertionError if not."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                current = self.sent(chat_id, method)
                if predicate(current):
                    return current
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._dump(f"wait_for timed out after {timeout}s"))
                self._cond.wait(remaining)

    async def async_wait_for(
        self,
        predicate: Callable[[list[Sent]], object],
        timeout: float = 10.0,  # noqa: ASYNC109 - same signature as wait_for on purpose
        *,
        chat_id: int | None = None,
        method: str | None = None,
    ) -> list[Sent]:
        """``wait_for`` for tests whose bot runs on the same event loop (does not block it)."""
        import asyncio

        deadline = time.monotonic() + timeout
        while True:
            current = self.sent(chat_id, method)
            if predicate(current):
                return current
            if time.monotonic() >= deadline:
                raise AssertionError(self._dump(f"async_wait_for timed out after {timeout}s"))
            await asyncio.sleep(0.01)

    def _dump(self, headline: str) -> str:
        with self._lock:
            lines = [headline, f"sent ({len(self._sent)}):"]
            lines += [
                f"  {s.method} chat={s.chat_id} id={s.message_id} text={s.text!r:.200}"
                for s in self._sent[-20:]
            ]
            lines.append(f"rejected ({len(self._rejected)}):")
            lines += [f"  {r.method} {r.error_code} {r.description}" for r in self._rejected[-20:]]
            lines.append(f"pending updates: {len(self._updates)}")
            lines.append(f"last calls: {self._calls[-15:]}")
            if self._errors:
                lines.append(f"emulator errors: {self._errors[-3:]}")
            return "\n".join(lines)

    # ---- internal state helpers (lock held) ---------------------------------------------

    def _ensure_chat(
        self,
        chat_id: int,
        chat_type: str | None,
        title: str | None,
        first_name: str | None,
        username: str | None,
    ) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_type is None:
                if chat_id > 0:
                    chat_type = "private"
                else:
                    chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
            if (chat_type == "private") != (chat_id > 0):
                raise ValueError(f"chat id {chat_id} does not fit a {chat_type} chat")
            chat = _Chat(chat_id, chat_type, title, first_name, username)
            self._chats[chat_id] = chat
        elif title and chat.type != "private":
            chat.title = title
        return chat

    def _ensure_user(
        self, user_id: int, first_name: str, language_code: str, username: str | None
    ) -> JSON:
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            user["language_code"] = language_code
        if username:
            user["username"] = username
        self._users[user_id] = user
        return user

    def _new_message_id(self, chat_id: int) -> int:
        value = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = value + 1
        return value

    def _enqueue(self, kind: str, payload: JSON) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, kind: payload})
        self._cond.notify_all()
        return update_id

    def _bot_added(
        self, chat_id: int, title: str, chat_type: str, *, as_admin: bool, by: int
    ) -> int:
        with self._cond:
            chat = self._ensure_chat(chat_id, chat_type, title, None, None)
            self._ensure_user(by, f"User {by}", "en", None)
            status = "administrator" if as_admin else "member"
            update = self._member_update(chat, by, status)
            self._bot_status[chat_id] = status
            self._blocked.discard(chat_id)
            return self._enqueue("my_chat_member", update)

    def _member_update(self, chat: _Chat, by: int, status: str) -> JSON:
        old = self._bot_status.get(chat.id, "left" if status != "kicked" else "member")
        user = self._users.get(by) or self._ensure_user(by, f"User {by}", "en", None)
        return {
            "chat": chat.to_api(),
            "from": user,
            "date": int(time.time()),
            "old_chat_member": self._member_json(self.bot_user, old, chat),
            "new_chat_member": self._member_json(self.bot_user, status, chat),
        }

    @staticmethod
    def _member_json(user: JSON, status: str, chat: _Chat) -> JSON:
        data: JSON = {"user": user, "status": status}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(
                dict.fromkeys(
                    (
                        "can_be_edited",
                        "is_anonymous",
                        "can_promote_members",
                    ),
                    False,
                )
            )
            data.update(
                dict.fromkeys(
                    (
                        "can_manage_chat",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_delete_stories",
                        "can_pin_messages",
                    ),
                    True,
                )
            )
            if chat.type == "channel":
                data["can_post_messages"] = True
                data["can_edit_messages"] = True
        elif status == "kicked":
            data["until_date"] = 0
        return data

    # ---- HTTP entry ----------------------------------------------------------------------

    def _handle_http(
        self, verb: str, path: str, content_type: str, body: bytes, conn: socket.socket
    ) -> tuple[int, str, bytes] | object:
        path, _, query = path.partition("?")
        path = unquote(path)  # httpx sends the token's ':' as %3A in file downloads
        if path.startswith("/file/bot"):
            return self._serve_file(path.removeprefix("/file/bot"))
        match = re.fullmatch(r"/bot([^/]+)/([A-Za-z_]+)/?", path)
        if match is None:
            return self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        token, method = match.groups()
        raw: JSON = dict(parse_qsl(query, keep_blank_values=True))
        files: dict[str, tuple[str, bytes]] = {}
        typed = False
        try:
            ctype = content_type.split(";", maxsplit=1)[0].strip().lower()
            if verb == "POST" and body:
                if ctype == "application/json":
                    loaded = json.loads(body)
                    if not isinstance(loaded, dict):
                        raise _bad("request body must be a JSON object")
                    raw.update(loaded)
                    typed = True
                elif ctype == "multipart/form-data":
                    boundary = re.search(r'boundary="?([^";]+)"?', content_type)
                    if boundary is None:
                        raise _bad("multipart boundary missing")
                    fields, files = _parse_multipart(body, boundary.group(1).encode())
                    raw.update(fields)
                else:
                    raw.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        except ApiError as exc:
            return self._error(method, raw, exc)
        except ValueError as exc:
            return self._error(method, raw, _bad(f"can't parse request: {exc}"))
        if token != self.token:
            return self._error(method, raw, ApiError(401, "Unauthorized"))
        return self._api(method, raw, files, conn, typed=typed)

    def _api(
        self,
        method: str,
        raw: JSON,
        files: dict[str, tuple[str, bytes]],
        conn: socket.socket,
        *,
        typed: bool,
    ) -> tuple[int, str, bytes] | object:
        with self._cond:
            self._calls.append(method)
            fault = self._faults.get(method.lower())
            status = fault.popleft() if fault else None
            self._cond.notify_all()
        if status == "drop":
            with self._lock:
                self._rejected.append(Rejected(method, raw, 0, "(connection dropped)"))
            return _DROP
        if isinstance(status, int):
            try:
                phrase = HTTPStatus(status).phrase
            except ValueError:
                phrase = "Error"
            return self._error(method, raw, ApiError(status, phrase))
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            return self._error(method, raw, ApiError(404, "Not Found"))
        try:
            params = _decode_params(raw, typed=typed)
            result = handler(params, files, conn)
        except ApiError as exc:
            return self._error(method, raw, exc)
        except Exception as exc:  # an emulator bug: answer 500, keep the traceback
            with self._lock:
                self._errors.append(traceback.format_exc())
            return self._error(method, raw, ApiError(500, f"Internal Server Error: {exc!r}"))
        if status == "drop_after":
            return _DROP
        return self._json(200, {"ok": True, "result": result})

    def _error(self, method: str, raw: JSON, exc: ApiError) -> tuple[int, str, bytes]:
        with self._cond:
            self._rejected.append(Rejected(method, raw, exc.code, exc.description))
            self._cond.notify_all()
        body: JSON = {"ok": False, "error_code": exc.code, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return self._json(exc.code, body)

    @staticmethod
    def _json(status: int, body: JSON) -> tuple[int, str, bytes]:
        return status, "application/json", json.dumps(body, ensure_ascii=False).encode("utf-8")

    def _serve_file(self, rest: str) -> tuple[int, str, bytes]:
        token, _, file_path = rest.partition("/")
        if token != self.token:
            return self._json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        with self._lock:
            for file_id, (_, content, _) in self._files.items():
                if file_path == f"documents/{file_id}":
                    return 200, "application/octet-stream", content
        return self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    # ---- checks shared by methods (lock held) -------------------------------------------

    def _chat_for(self, params: JSON, *, sending: bool) -> _Chat:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if isinstance(chat_id, str):
            found = [c for c in self._chats.values() if c.username and f"@{c.username}" == chat_id]
            if not found:
                raise _bad("chat not found")
            chat_id = found[0].id
        if chat_id in self._migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        chat = self._chats.get(chat_id)
        if chat is None:
            raise _bad("chat not found")
        if sending and chat_id in self._blocked:
            raise ApiError(403, self._forbidden_text(chat))
        return chat

    @staticmethod
    def _forbidden_text(chat: _Chat) -> str:
        if chat.type == "private":
            return "Forbidden: bot was blocked by the user"
        if chat.type == "channel":
            return "Forbidden: bot is not a member of the channel chat"
        return f"Forbidden: bot was kicked from the {chat.type} chat"

    def _formatted(
        self, params: JSON, text_key: str, entities_key: str, *, limit: int, too_long: str
    ) -> tuple[str, list[JSON]]:
        """Parse text (per parse_mode), strip, measure in UTF-16 like Telegram."""
        text = params.get(text_key)
        if text is None:
            text = ""
        if not isinstance(text, str):
            text = str(text)
        parse_mode = (params.get("parse_mode") or "").strip()
        if parse_mode.lower() == "html":
            try:
                plain, entities = parse_html(text, strict_ampersand=self.strict_ampersand)
            except EntityParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
        elif parse_mode.lower() in {"", "markdown", "markdownv2"}:
            plain, entities = text, list(params.get(entities_key) or [])
        else:
            raise _bad("unsupported parse_mode")
        plain, entities = strip_formatted(plain, entities)
        if utf16_len(plain) > limit:
            raise _bad(too_long)
        return plain, entities

    def _markup(self, params: JSON) -> JSON | None:
        """Validate an inline keyboard the way Telegram does; None when absent."""
        markup = params.get("reply_markup")
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return markup  # reply keyboards, remove/force reply: accepted as is
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad('can\'t parse inline keyboard: field "inline_keyboard" must be an Array')
        buttons = [b for row in rows for b in row]
        if len(buttons) > 100:
            raise _bad("reply markup is too long")
        for button in buttons:
            if not isinstance(button, dict):
                raise _bad(
                    "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                )
            if not isinstance(button.get("text"), str):
                raise _bad(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if not button["text"].strip():
                raise _bad("BUTTON_TEXT_EMPTY")  # approximated wording
            actions = [key for key in _BUTTON_ACTIONS if key in button]
            if not actions:
                raise _bad(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if len(actions) > 1:
                raise _bad(
                    "can't parse inline keyboard button: exactly one of the optional fields "
                    f"must be used, got {actions}"
                )  # approximated wording
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                    raise _bad("BUTTON_DATA_INVALID")
            if "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not re.fullmatch(
                    r"(?:(?:https?|tg)://)?[^\s/]+\.[^\s/]+(?:/\S*)?|tg://\S+", url
                ):
                    raise _bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
        return markup

    def _check_rate(self, chat: _Chat, *, count_global: bool) -> None:
        """Raise 429 when the chat's or the global sliding window is full."""
        now = time.monotonic()
        forced = self._forced_retry.get(chat.id)
        if forced:
            seconds = forced.popleft()
            raise self._retry(seconds)
        limit, window = self.chat_rate if chat.type == "private" else self.group_rate
        chat_window = self._chat_windows.setdefault(chat.id, deque())
        for events, (cap, span) in (
            (chat_window, (limit, window)),
            *(((self._global_window, self.global_rate),) if count_global else ()),
        ):
            while events and events[0] <= now - span:
                events.popleft()
            if len(events) >= cap + self.burst:
                wait = events[len(events) - cap - self.burst] + span - now
                raise self._retry(max(1, math.ceil(wait)))

    @staticmethod
    def _retry(seconds: int) -> ApiError:
        return ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})

    def _count(self, chat: _Chat, *, count_global: bool) -> float:
        now = time.monotonic()
        self._chat_windows.setdefault(chat.id, deque()).append(now)
        if count_global:
            self._global_window.append(now)
        return now

    def _record(self, sent: Sent) -> None:
        self._sent.append(sent)
        self._cond.notify_all()

    def _record_text(
        self,
        method: str,
        chat: _Chat,
        params: JSON,
        message: JSON,
        at: float,
        plain: str,
        entities: list[JSON],
        markup: JSON | None,
    ) -> None:
        """A text the bot sent or edited, as the user sees it."""
        self._record(
            Sent(
                method=method,
                chat_id=chat.id,
                text=params.get("text"),
                parse_mode=params.get("parse_mode"),
                reply_markup=markup,
                document=None,
                message_id=message["message_id"],
                at=at,
                plain_text=plain,
                entities=tuple(entities),
                params=params,
            )
        )

    def _reply_check(self, chat: _Chat, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id"):
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
            }
        if not reply:
            return None
        target = self._messages.get((chat.id, int(reply.get("message_id", 0))))
        if target is None and not reply.get("allow_sending_without_reply"):
            raise _bad("message to be replied not found")
        return target

    def _bot_message(self, chat: _Chat, **content: Any) -> JSON:
        message: JSON = {
            "message_id": self._new_message_id(chat.id),
            "from": self.bot_user,
            "chat": chat.to_api(),
            "date": int(time.time()),
        }
        if chat.type == "channel":
            message.pop("from")
            message["sender_chat"] = chat.to_api()
        message.update({k: v for k, v in content.items() if v not in (None, [])})
        self._messages[chat.id, message["message_id"]] = message
        self._bot_messages.add((chat.id, message["message_id"]))
        return message

    # ---- Bot API methods: each takes (params, files, conn) ------------------------------

    def _m_getme(self, params: JSON, files: object, conn: object) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _m_logout(self, params: JSON, files: object, conn: object) -> bool:
        return True

    _m_close = _m_logout

    def _m_setwebhook(self, params: JSON, files: object, conn: object) -> bool:
        url = params.get("url") or ""
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        with self._lock:
            self._webhook = {"url": url, **{k: v for k, v in params.items() if k != "url"}}
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _m_deletewebhook(self, params: JSON, files: object, conn: object) -> bool:
        with self._lock:
            self._webhook = {"url": ""}
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _m_getwebhookinfo(self, params: JSON, files: object, conn: object) -> JSON:
        with self._lock:
            info: JSON = {
                "url": self._webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
            if self._webhook.get("allowed_updates"):
                info["allowed_updates"] = self._webhook["allowed_updates"]
            return info

    def _m_getupdates(
        self, params: JSON, files: object, conn: socket.socket
    ) -> list[JSON] | object:
        timeout = max(0, int(params.get("timeout") or 0))
        limit = min(100, max(1, int(params.get("limit") or 100)))
        offset = params.get("offset")
        allowed = params.get("allowed_updates")
        deadline = time.monotonic() + timeout
        with self._cond:
            if self._webhook.get("url"):
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use "
                    "deleteWebhook to delete the webhook first",
                )
            if isinstance(allowed, list):
                self._allowed_updates = set(allowed) if allowed else set(_DEFAULT_UPDATE_TYPES)
            self._poll_generation += 1
            generation = self._poll_generation
            self._cond.notify_all()
            while True:
                if offset is not None and offset >= 0:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                self._updates = [
                    u
                    for u in self._updates
                    if next(iter(u.keys() - {"update_id"})) in self._allowed_updates
                ]
                if offset is not None and offset < 0:
                    ready = self._updates[offset:]
                else:
                    ready = self._updates
                if ready or self._stopping or time.monotonic() >= deadline:
                    return json.loads(json.dumps(ready[:limit]))
                if _client_gone(conn):
                    return []  # the client went away (PTB cancelled the poll)
                if generation != self._poll_generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that "
                        "only one bot instance is running",
                    )
                self._cond.wait(min(0.05, max(0.0, deadline - time.monotonic())))

    def _m_setmycommands(self, params: JSON, files: object, conn: object) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands specified")
        for command in commands:
            name = command.get("command") if isinstance(command, dict) else None
            if not isinstance(name, str) or not _COMMAND_NAME_RE.fullmatch(name.lower()):
                raise _bad("BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")  # approximated wording
        key = self._command_key(params)
        with self._lock:
            if commands:
                self._commands[key] = [
                    {"command": c["command"].lower(), "description": c["description"]}
                    for c in commands
                ]
            else:
                self._commands.pop(key, None)
        return True

    def _m_getmycommands(self, params: JSON, files: object, conn: object) -> list[JSON]:
        with self._lock:
            return list(self._commands.get(self._command_key(params), []))

    def _m_deletemycommands(self, params: JSON, files: object, conn: object) -> bool:
        with self._lock:
            self._commands.pop(self._command_key(params), None)
        return True

    def _command_key(self, params: JSON) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
            raise _bad("can't parse BotCommandScope JSON object")
        kind = scope["type"]
        known = {
            "default",
            "all_private_chats",
            "all_group_chats",
            "all_chat_administrators",
            "chat",
            "chat_administrators",
            "chat_member",
        }
        if kind not in known:
            raise _bad("unsupported bot command scope type")
        if kind.startswith("chat"):
            kind = f"{kind}:{scope.get('chat_id')}"
            if scope["type"] == "chat_member":
                kind += f":{scope.get('user_id')}"
        language = params.get("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        return kind, language

    def _describe(self, params: JSON, key: str, kind: str, limit: int) -> bool:
        value = params.get(key) or ""
        if len(value) > limit:
            raise _bad(f"{key.replace('_', ' ')} is too long")
        with self._lock:
            self._descriptions[kind, params.get("language_code") or ""] = value
        return True

    def _m_setmydescription(self, params: JSON, files: object, conn: object) -> bool:
        return self._describe(params, "description", "description", 512)

    def _m_setmyshortdescription(self, params: JSON, files: object, conn: object) -> bool:
        return self._describe(params, "short_description", "short_description", 120)

    def _m_setmyname(self, params: JSON, files: object, conn: object) -> bool:
        return self._describe(params, "name", "name", 64)

    def _m_getmydescription(self, params: JSON, files: object, conn: object) -> JSON:
        with self._lock:
            key = ("description", params.get("language_code") or "")
            return {"description": self._descriptions.get(key, "")}

    def _m_getmyshortdescription(self, params: JSON, files: object, conn: object) -> JSON:
        with self._lock:
            key = ("short_description", params.get("language_code") or "")
            return {"short_description": self._descriptions.get(key, "")}

    def _m_sendmessage(self, params: JSON, files: object, conn: object) -> JSON:
        with self._cond:
            chat = self._chat_for(params, sending=True)
            if not str(params.get("text") or "").strip():
                raise _bad("message text is empty")
            plain, entities = self._formatted(
                params, "text", "entities", limit=TEXT_LIMIT, too_long="message is too long"
            )
            if not plain:
                raise _bad("message text is empty")
            markup = self._markup(params)
            reply = self._reply_check(chat, params)
            self._check_rate(chat, count_global=True)
            at = self._count(chat, count_global=True)
            message = self._bot_message(
                chat, text=plain, entities=entities, reply_markup=markup, reply_to_message=reply
            )
            self._record_text("sendMessage", chat, params, message, at, plain, entities, markup)
            return message

    def _m_senddocument(
        self, params: JSON, files: dict[str, tuple[str, bytes]], conn: object
    ) -> JSON:
        with self._cond:
            chat = self._chat_for(params, sending=True)
            document = self._document(params, files)
            caption, entities = self._formatted(
                params,
                "caption",
                "caption_entities",
                limit=CAPTION_LIMIT,
                too_long="message caption is too long",
            )
            markup = self._markup(params)
            reply = self._reply_check(chat, params)
            self._check_rate(chat, count_global=True)
            at = self._count(chat, count_global=True)
            file_id, (filename, content, mime) = document
            self._files[file_id] = (filename, content, mime)
            message = self._bot_message(
                chat,
                document={
                    "file_id": file_id,
                    "file_unique_id": f"u{file_id}",
                    "file_name": filename,
                    "mime_type": mime,
                    "file_size": len(content),
                },
                caption=caption or None,
                caption_entities=entities,
                reply_markup=markup,
                reply_to_message=reply,
            )
            self._record(
                Sent(
                    method="sendDocument",
                    chat_id=chat.id,
                    text=params.get("caption"),
                    parse_mode=params.get("parse_mode"),
                    reply_markup=markup,
                    document=(filename, content),
                    message_id=message["message_id"],
                    at=at,
                    plain_text=caption or None,
                    entities=tuple(entities),
                    params={k: v for k, v in params.items() if k != "document"},
                )
            )
            return message

    def _document(
        self, params: JSON, files: dict[str, tuple[str, bytes]]
    ) -> tuple[str, tuple[str, bytes, str]]:
        value = params.get("document")
        upload = files.get("document")
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            filename, content = upload
            if not content:
                raise _bad("file must be non-empty")
            if len(content) > UPLOAD_LIMIT:
                raise ApiError(413, "Request Entity Too Large")
            file_id = f"DOC{len(self._files) + 1:06d}"
            return file_id, (filename or "document", content, _guess_mime(filename))
        if isinstance(value, str) and value in self._files:
            return value, self._files[value]
        if not value:
            raise _bad("there is no document in the request")
        raise _bad("wrong file identifier/HTTP URL specified")

    def _m_getfile(self, params: JSON, files: object, conn: object) -> JSON:
        with self._lock:
            file_id = params.get("file_id")
            if file_id not in self._files:
                raise _bad("invalid file_id")
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self._files[file_id][1]),
                "file_path": f"documents/{file_id}",
            }

    def _editable(self, params: JSON) -> tuple[_Chat, JSON]:
        if params.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")  # inline messages are not emulated
        chat = self._chat_for(params, sending=True)
        key = (chat.id, int(params.get("message_id") or 0))
        message = self._messages.get(key)
        if message is None:
            raise _bad("message to edit not found")
        if key not in self._bot_messages:
            raise _bad("message can't be edited")
        return chat, message

    def _m_editmessagetext(self, params: JSON, files: object, conn: object) -> JSON:
        with self._cond:
            chat, message = self._editable(params)
            if "text" not in message:
                raise _bad("there is no text in the message to edit")
            if not str(params.get("text") or "").strip():
                raise _bad("message text is empty")
            plain, entities = self._formatted(
                params, "text", "entities", limit=TEXT_LIMIT, too_long="MESSAGE_TOO_LONG"
            )
            if not plain:
                raise _bad("message text is empty")
            markup = self._markup(params)
            if (
                plain == message.get("text")
                and entities == message.get("entities", [])
                and markup == message.get("reply_markup")
            ):
                raise _bad(_NOT_MODIFIED)
            self._check_rate(chat, count_global=False)
            at = self._count(chat, count_global=False)
            message["text"] = plain
            message["edit_date"] = int(time.time())
            for key, value in (("entities", entities), ("reply_markup", markup)):
                if value:
                    message[key] = value
                else:
                    message.pop(key, None)  # no reply_markup in an edit removes the keyboard
            self._record_text("editMessageText", chat, params, message, at, plain, entities, markup)
            return json.loads(json.dumps(message))

    def _m_editmessagereplymarkup(self, params: JSON, files: object, conn: object) -> JSON:
        with self._cond:
            chat, message = self._editable(params)
            markup = self._markup(params)
            if markup == message.get("reply_markup"):
                raise _bad(_NOT_MODIFIED)
            self._check_rate(chat, count_global=False)
            at = self._count(chat, count_global=False)
            if markup:
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            message["edit_date"] = int(time.time())
            self._record(
                Sent(
                    method="editMessageReplyMarkup",
                    chat_id=chat.id,
                    text=None,
                    parse_mode=None,
                    reply_markup=markup,
                    document=None,
                    message_id=message["message_id"],
                    at=at,
                    params=params,
                )
            )
            return json.loads(json.dumps(message))

    def _m_deletemessage(self, params: JSON, files: object, conn: object) -> bool:
        with self._cond:
            chat = self._chat_for(params, sending=False)
            key = (chat.id, int(params.get("message_id") or 0))
            if key not in self._messages:
                raise _bad("message to delete not found")
            del self._messages[key]
            self._bot_messages.discard(key)
            self._record(
                Sent(
                    method="deleteMessage",
                    chat_id=chat.id,
                    text=None,
                    parse_mode=None,
                    reply_markup=None,
                    document=None,
                    message_id=key[1],
                    at=time.monotonic(),
                    params=params,
                )
            )
            return True

    def _m_answercallbackquery(self, params: JSON, files: object, conn: object) -> bool:
        with self._cond:
            query_id = str(params.get("callback_query_id") or "")
            if self._callbacks.get(query_id, True):
                raise _bad("query is too old and response timeout expired or query ID is invalid")
            text = params.get("text") or ""
            if len(text) > CALLBACK_TEXT_LIMIT:
                raise _bad("MESSAGE_TOO_LONG")
            self._callbacks[query_id] = True
            answer = {"callback_query_id": query_id, "at": time.monotonic()}
            answer.update({k: v for k, v in params.items() if k != "callback_query_id"})
            self._callback_answers.append(answer)
            self._cond.notify_all()
            return True

    def _m_sendchataction(self, params: JSON, files: object, conn: object) -> bool:
        with self._lock:
            chat = self._chat_for(params, sending=True)
            action = params.get("action")
            if action not in _CHAT_ACTIONS:
                raise _bad("wrong parameter action in request")
            self._chat_actions.append((chat.id, action))
            return True

    def _m_getchat(self, params: JSON, files: object, conn: object) -> JSON:
        with self._lock:
            chat = self._chat_for(params, sending=False)
            return {
                **chat.to_api(),
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }

    def _status(self, chat: _Chat, user_id: int) -> str | None:
        if user_id == self.bot_id:
            return self._bot_status.get(chat.id, "member")
        if self._creators.get(chat.id) == user_id:
            return "creator"
        if user_id in self._admins.get(chat.id, []):
            return "administrator"
        if chat.type == "private":
            return "member" if user_id == chat.id else None
        if user_id in self._members.get(chat.id, set()):
            return "member"
        return "left" if user_id in self._users else None

    def _m_getchatmember(self, params: JSON, files: object, conn: object) -> JSON:
        with self._lock:
            chat = self._chat_for(params, sending=False)
            user_id = int(params.get("user_id") or 0)
            status = self._status(chat, user_id)
            if status is None:
                raise _bad("user not found")
            user = self.bot_user if user_id == self.bot_id else self._users[user_id]
            return self._member_json(user, status, chat)

    def _m_getchatadministrators(self, params: JSON, files: object, conn: object) -> list[JSON]:
        with self._lock:
            chat = self._chat_for(params, sending=False)
            if chat.type == "private":
                raise _bad("there are no administrators in the private chat")
            result = []
            creator = self._creators.get(chat.id)
            if creator is not None:
                result.append(self._member_json(self._users[creator], "creator", chat))
            for user_id in self._admins.get(chat.id, []):
                if user_id != creator:
                    result.append(self._member_json(self._users[user_id], "administrator", chat))
            if self._bot_status.get(chat.id) == "administrator":
                result.append(self._member_json(self.bot_user, "administrator", chat))
            return result


def _guess_mime(filename: str) -> str:
    import mimetypes

    return mimetypes.guess_type(filename or "")[0] or "application/octet-stream"


@contextlib.contextmanager
def running(token: str, **options: Any) -> Iterator[Emulator]:
    """``with running(TOKEN) as emu:`` — start and always stop an emulator."""
    emulator = Emulator(token, **options)
    with emulator:
        yield emulator
