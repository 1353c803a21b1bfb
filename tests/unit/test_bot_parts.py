"""Pure parts of the bot: settings, HTML rendering and splitting, digest schedules."""

from __future__ import annotations

import html
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from claimwatch.bot.digests import Schedule, ScheduleError, last_slot, parse_schedule
from claimwatch.bot.i18n import lang_of
from claimwatch.bot.render_html import alert_blocks, split_message, visible_length
from claimwatch.config import ConfigError, Rate, load
from claimwatch.storage.api import FlagRow

HOSTILE = '<script>alert("x")</script> & <b>bold</b> &amp; שלום مرحبا 🇮🇩👍🏽 '


def test_missing_token_says_what_to_set() -> None:
    with pytest.raises(ConfigError, match=r"TELEGRAM_BOT_TOKEN.*claimwatch demo"):
        load({})


def test_settings_from_env_and_file(tmp_path: Path) -> None:
    config = tmp_path / "claimwatch.toml"
    config.write_text('db = "/data/cw.db"\nadmins = [1, 2]\ntz = "Asia/Makassar"\n')
    token_file = tmp_path / "token"
    token_file.write_text("123:secret-token\n")
    settings = load(
        {
            "CLAIMWATCH_CONFIG": str(config),
            "TELEGRAM_BOT_TOKEN_FILE": str(token_file),
            "CLAIMWATCH_DB": "/other.db",  # the environment wins over the file
            "CLAIMWATCH_CHAT_RATE": "20/1",
        }
    )
    assert settings.token == "123:secret-token"  # noqa: S105 (a fake token)
    assert settings.db == "/other.db" and settings.admins == {1, 2}
    assert settings.tz.key == "Asia/Makassar" and settings.chat_rate == Rate(20, 1.0)
    assert "secret" not in repr(settings)
    assert settings.bot_url == "https://api.telegram.org/bot"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TELEGRAM_BOT_TOKEN": "nonsense"}, "does not look like"),
        ({"TELEGRAM_BOT_TOKEN": "1:a", "CLAIMWATCH_TZ": "Mars/Base"}, "unknown time zone"),
        ({"TELEGRAM_BOT_TOKEN": "1:a", "CLAIMWATCH_ADMINS": "me"}, "user ids"),
        ({"TELEGRAM_BOT_TOKEN": "1:a", "CLAIMWATCH_CHAT_RATE": "fast"}, "20/60"),
        ({"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_API_URL": "ftp://x"}, "http"),
    ],
)
def test_wrong_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load(env)


def test_language_codes() -> None:
    assert [lang_of(c) for c in ("id", "id-ID", "ms", "en", "en-US", None, "ru")] == [
        "id", "id", "id", "en", "en", "en", "en",
    ]  # fmt: skip


def _flag(text: str) -> FlagRow:
    return FlagRow(1, "denial", 2, text, "Korea <Selatan>", 3, text, "Korea & Utara", 90.0,
                   "2024-10-22T00:00:00+00:00", "src <x>", 'https://e.org/"a"')  # fmt: skip


def test_alert_escapes_everything_outside() -> None:
    blocks = alert_blocks(_flag(HOSTILE), None, "en", ZoneInfo("Asia/Jakarta"))
    text = "\n".join(blocks)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "Korea &amp; Utara" in text and 'href="https://e.org/&quot;a&quot;"' in text


def test_split_never_exceeds_the_limit_and_loses_nothing() -> None:
    blocks = [f"<b>{i}</b> " + html.escape(HOSTILE * 3) for i in range(200)]
    parts = split_message(blocks)
    assert len(parts) > 1
    assert all(visible_length(p) <= 4096 for p in parts)
    joined = "\n".join(html.unescape(p.replace("<b>", "").replace("</b>", "")) for p in parts)
    assert joined.count("שלום") == 600


def test_one_block_longer_than_a_message_is_cut_as_plain_text() -> None:
    giant = "<i>" + html.escape("kata " * 3000 + "🇮🇩" * 1500) + "</i>"
    parts = split_message(["<b>head</b>", giant])
    assert all(visible_length(p) <= 4096 for p in parts)
    assert sum(html.unescape(p).count("🇮🇩") for p in parts) == 1500
    assert sum(html.unescape(p).count("kata") for p in parts) == 3000


def test_schedules_parse_in_both_languages() -> None:
    assert parse_schedule(["daily", "07:30"]) == Schedule("daily", time(7, 30))
    assert parse_schedule(["weekly", "senin", "08.00", "always"]) == Schedule(
        "weekly", time(8, 0), 0, True
    )
    for bad in ([], ["hourly"], ["daily", "25:00"], ["weekly", "08:00"], ["daily"]):
        with pytest.raises(ScheduleError):
            parse_schedule(bad)


def test_last_slot_in_the_chats_time_zone() -> None:
    jakarta = ZoneInfo("Asia/Jakarta")  # UTC+7
    now = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 08:00 in Jakarta, a Friday
    daily = Schedule("daily", time(7, 30))
    assert last_slot(daily, jakarta, now) == datetime(2026, 11, 27, 0, 30, tzinfo=UTC)
    later = Schedule("daily", time(9, 0))
    assert last_slot(later, jakarta, now) == datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    monday = Schedule("weekly", time(8, 0), day=0)
    assert last_slot(monday, jakarta, now) == datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
