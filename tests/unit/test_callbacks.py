"""Button data: what the bot builds reads back the same; forged data reads as nothing."""

from __future__ import annotations

import pytest

from claimwatch.bot.callbacks import (
    MAX_ID,
    ActorPick,
    Callback,
    ClaimAction,
    ClaimButton,
    KindToggle,
    PageButton,
    TopicAction,
    TopicButton,
    build,
    parse,
    parse_id,
)
from claimwatch.storage.api import FLAG_KINDS

BUILT: list[tuple[Callback, str]] = [
    (ClaimButton(ClaimAction.TIMELINE, 12), "tl:12"),
    (ClaimButton(ClaimAction.FOLLOW, MAX_ID), f"fo:{MAX_ID}"),
    (PageButton("0a1b2c3d", 5), "cp:0a1b2c3d:5"),
    (ActorPick("korea-utara"), "sa:korea-utara"),
    *[(TopicButton(action, 7), f"{action.value}:7") for action in TopicAction],
    *[(KindToggle(3, kind), f"kt:3:{i}") for i, kind in enumerate(FLAG_KINDS)],
]


@pytest.mark.parametrize(("value", "data"), BUILT, ids=[d for _, d in BUILT])
def test_every_button_reads_back_as_built(value: Callback, data: str) -> None:
    assert build(value) == data  # the format of buttons already sent: they keep working
    assert parse(data) == value
    assert len(data.encode()) <= 64


FORGED = [
    "",
    ":",
    "tl",
    "tl:",
    "tl:abc",
    "tl:99999999999999999999999",
    f"tl:{MAX_ID + 1}",
    "tl:-1",
    "tl:0",
    "tl:+1",
    "tl: 1",
    "tl:1 ",
    "tl:1_000",
    "tl:1\n",
    "tl:١٢",  # Arabic-Indic digits: int() takes them
    "tl:²",  # isdigit() takes it, int() does not
    "tl:1:2",
    "fo:1:",
    "zz:1",
    "TL:1",
    "mu",
    "mu:x",
    "sm:1:2",
    "kt:1",
    "kt:1:4",
    "kt:1:-1",
    "kt:1:01",
    "kt:1:٣",
    "kt:abc:1",
    "kt:1:2:3",
    "cp:0a1b2c3d",
    "cp:0A1B2C3D:5",
    "cp:zzzzzzzz:5",
    "cp:0a1b2c3d:-5",
    "cp:0a1b2c3d:99999",
    "cp:0a1b2c3d:5:5",
    "sa:",
    "sa:no-such-actor",
    "sa:Korea Utara",
    "sa:korea-utara:1",
    "sa:../../etc",
    "tl:1" + "0" * 70,  # past Telegram's 64 bytes
    "mu:1\x00",
    "sr:🙂",
]


@pytest.mark.parametrize("data", FORGED)
def test_forged_data_reads_as_nothing(data: str) -> None:
    assert parse(data) is None


def test_no_data_at_all_reads_as_nothing() -> None:
    assert parse(None) is None


def test_build_refuses_what_parse_would_refuse() -> None:
    for value in (
        ClaimButton(ClaimAction.TIMELINE, 0),
        TopicButton(TopicAction.MUTE, MAX_ID + 1),
        PageButton("nothex!!", 0),
        ActorPick("no-such-actor"),
    ):
        with pytest.raises(ValueError, match="not a valid button"):
            build(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("007", 7), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), ("0", None),
     ("-3", None), ("²", None), ("١٢", None), ("1_0", None), (" 1", None), ("", None)],
)  # fmt: skip
def test_ids_are_ascii_digits_within_sqlite_range(text: str, expected: int | None) -> None:
    assert parse_id(text) == expected
