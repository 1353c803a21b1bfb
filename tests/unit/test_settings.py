"""One Settings for the bot and the command line: one default per setting, every setting
settable in the config file and in the environment, the environment winning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_in_process import Ran, run_cli

from claimwatch.config import ENV, ConfigError, Settings, load
from claimwatch.sources.feeds import PollLimits
from claimwatch.sources.fetch import Limits

ROOT = Path(__file__).resolve().parents[2]

# A value for each setting the file gives, another the environment gives; both differ from
# the default, so a setting read from the wrong place (or not at all) shows.
FILE_VALUES: dict[str, tuple[str, str]] = {
    "token": ('"111:from-the-file"', "222:from-the-env"),
    "db": ('"/file/cw.db"', "/env/cw.db"),
    "api_url": ('"http://127.0.0.1:1"', "http://127.0.0.1:2"),
    "admins": ("[1, 2]", "3,4"),
    "tz": ('"Asia/Makassar"', "Asia/Jayapura"),
    "webhook_secret": ('"file-secret"', "env-secret"),
    "chat_rate": ('"2/1"', "3/1"),
    "group_rate": ('"10/60"', "11/60"),
    "global_rate": ('"20/1"', "21/1"),
    "outbox_poll": ("0.5", "0.25"),
    "allow_hosts": ('["intranet.example"]', "10.0.0.7"),
    "feed_check": ("5", "6"),
    "sources": ('"admins"', "everyone"),
    "heartbeat": ("5", "7"),
    "fetch_timeout": ("3", "4"),
    "fetch_max_bytes": ("1000", "2000"),
    "feed_items": ("10", "11"),
    "feed_concurrency": ("2", "3"),
    "feed_pages": ("5", "6"),
    "feed_deadline": ("30", "31"),
    "busy_timeout": ("2.5", "0.5"),
}
# How each setting reads back, for the file's value and the environment's.
READ_BACK = {
    "token": ("111:from-the-file", "222:from-the-env"),
    "db": ("/file/cw.db", "/env/cw.db"),
    "api_url": ("http://127.0.0.1:1", "http://127.0.0.1:2"),
    "admins": (frozenset({1, 2}), frozenset({3, 4})),
    "tz": ("Asia/Makassar", "Asia/Jayapura"),
    "webhook_secret": ("file-secret", "env-secret"),
    "chat_rate": ((2, 1.0), (3, 1.0)),
    "group_rate": ((10, 60.0), (11, 60.0)),
    "global_rate": ((20, 1.0), (21, 1.0)),
    "outbox_poll": (0.5, 0.25),
    "allow_hosts": (frozenset({"intranet.example"}), frozenset({"10.0.0.7"})),
    "feed_check": (5.0, 6.0),
    "sources": ("admins", "everyone"),
    "heartbeat": (5.0, 7.0),
    "fetch_timeout": (3.0, 4.0),
    "fetch_max_bytes": (1000, 2000),
    "feed_items": (10, 11),
    "feed_concurrency": (2, 3),
    "feed_pages": (5, 6),
    "feed_deadline": (30.0, 31.0),
    "busy_timeout": (2.5, 0.5),
}


def _value(settings: Settings, name: str) -> object:
    value = getattr(settings, name)
    if name == "tz":
        return value.key
    if name.endswith("_rate"):
        return (value.count, value.seconds)
    return value


def _config(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "claimwatch.toml"
    path.write_text("".join(f"{name} = {FILE_VALUES[name][0]}\n" for name in names))
    return path


def test_every_setting_is_in_the_tables_of_this_test() -> None:
    settable = set(ENV.values()) - {"token_file"}  # the token's file: tested on its own
    assert settable == set(FILE_VALUES) == set(READ_BACK)


@pytest.mark.parametrize("name", sorted(FILE_VALUES))
def test_a_setting_from_the_file_and_the_environment_wins(tmp_path: Path, name: str) -> None:
    var = next(var for var, setting in ENV.items() if setting == name)
    config = _config(tmp_path, [name])
    base = {"CLAIMWATCH_CONFIG": str(config)}
    if name != "token":
        base["TELEGRAM_BOT_TOKEN"] = "123:abc"  # noqa: S105 (fake)
    from_file = load(base)
    assert _value(from_file, name) == READ_BACK[name][0]
    from_env = load({**base, var: FILE_VALUES[name][1]})
    assert _value(from_env, name) == READ_BACK[name][1]
    assert _value(load({"TELEGRAM_BOT_TOKEN": "123:abc"}), name) != READ_BACK[name][0]


def test_the_fetch_and_poll_limits_follow_the_file(tmp_path: Path) -> None:
    """CLAIMWATCH_FETCH_TIMEOUT and the CLAIMWATCH_FEED_* knobs could not be set from the
    file before: the limits the fetcher and the poller get now come from it too."""
    names = ["fetch_timeout", "fetch_max_bytes", "feed_items", "feed_pages", "feed_deadline"]
    settings = load({"CLAIMWATCH_CONFIG": str(_config(tmp_path, names))}, need_token=False)
    assert settings.fetch == Limits(connect_timeout=3.0, read_timeout=3.0, deadline=9.0,
                                    max_bytes=1000)  # fmt: skip
    assert settings.poll == PollLimits(items=10, feeds=4, pages=5, deadline=30.0)


def test_one_default_each() -> None:
    """Nothing set: the defaults of Settings, and those of the limits it fills."""
    assert load({}, need_token=False) == Settings()
    assert Settings().fetch == Limits() and Settings().poll == PollLimits()
    assert Settings().db == "claimwatch.db"


def test_the_command_line_reads_no_token() -> None:
    settings = load({"TELEGRAM_BOT_TOKEN_FILE": "/no/such/file"}, need_token=False)
    assert settings.token == ""
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN_FILE"):
        load({"TELEGRAM_BOT_TOKEN_FILE": "/no/such/file"})


def test_a_wrong_limit_in_the_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "claimwatch.toml"
    config.write_text('fetch_timeout = "soon"\n')
    with pytest.raises(ConfigError, match="CLAIMWATCH_FETCH_TIMEOUT"):
        load({"CLAIMWATCH_CONFIG": str(config)}, need_token=False)


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "3601"])
def test_a_busy_timeout_that_cannot_be_is_named(value: str) -> None:
    with pytest.raises(ConfigError, match="CLAIMWATCH_BUSY_TIMEOUT"):
        load({"CLAIMWATCH_BUSY_TIMEOUT": value}, need_token=False)


def test_the_busy_timeout_reaches_sqlite_in_milliseconds() -> None:
    assert Settings().busy_timeout_ms == 10_000
    assert load({"CLAIMWATCH_BUSY_TIMEOUT": "0.25"}, need_token=False).busy_timeout_ms == 250


def test_every_setting_is_in_the_readme_table() -> None:
    """Each variable documented with the key the config file gives it under."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| `([a-z_]+)` \|", section, re.MULTILINE))
    assert rows == ENV


def _cli(env: dict[str, str], *args: str) -> Ran:
    """``claimwatch ARGS`` in this process, in the environment ``env`` only."""
    return run_cli(*args, env=env)


def test_the_command_line_takes_its_database_from_the_file(tmp_path: Path) -> None:
    config = tmp_path / "claimwatch.toml"
    config.write_text(f'db = "{tmp_path / "from-file.db"}"\n')
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CLAIMWATCH_CONFIG": str(config)}
    assert _cli(env, "migrate").returncode == 0
    assert (tmp_path / "from-file.db").exists()
    env["CLAIMWATCH_DB"] = str(tmp_path / "from-env.db")
    assert _cli(env, "migrate").returncode == 0
    assert (tmp_path / "from-env.db").exists()


def test_the_command_line_names_a_wrong_setting_in_one_line(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CLAIMWATCH_FEED_PAGES": "two",
           "CLAIMWATCH_DB": str(tmp_path / "cw.db")}  # fmt: skip
    proc = _cli(env, "claims")
    assert proc.returncode == 1
    assert proc.stderr.startswith("claimwatch: CLAIMWATCH_FEED_ITEMS")
    assert len(proc.stderr.strip().splitlines()) == 1
