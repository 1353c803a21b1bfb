"""What users do with the bot, in process: topics, alerts and their buttons, /claims pages,
/check and the tipline, /export, groups and their administrators, channels as sources,
migrated groups.

Articles are ingested from a connection of their own (as ``claimwatch ingest`` writes from
another process); the bot's outbox worker sends the alerts they raise. The end-to-end
versions, through ``claimwatch run`` and long polling, are in tests/e2e/.
"""

from __future__ import annotations

import csv
import io
import json

from e2e.emulator import Sent

from claimwatch.engine.pipeline import IngestResult, ingest
from claimwatch.matchers.lexicon import seed_text
from claimwatch.storage import open_database

from .conftest import Harness, until

ANA = 5001  # a private chat (chat id == user id)
DESK = -1001234567890  # a newsroom supergroup
GROUP, SUPERGROUP = -4242, -1009999999999
CHANNEL = -1001111111111
ADMIN, MEMBER = 7001, 7002
HOSTILE = (
    '<script>alert("x")</script> & <b>not bold</b> &amp;amp; שלום عالم 🇮🇩👍🏽 '
    "Pyongyang membantah mengirim tentara ke Rusia. "
)
# A fresh answer: North Korea's own denial is in the seed article, and a re-report of an
# answer already flagged raises no new flag (issue 10, part 4).
DENIAL = "Moskow membantah Korea Utara telah mengirim pasukan ke Rusia, kata kantor berita TASS."


async def _ingest(
    harness: Harness, text: str, source: str, published: str | None = "2024-10-22"
) -> IngestResult:
    """An article written by another connection to the bot's file, as the CLI writes it;
    the bot's worker finds its alerts at its next look."""
    store = await open_database(harness.db)
    try:
        return await ingest(store, text, source=source, published=published)
    finally:
        await store.close()


def _buttons(sent: Sent | dict[str, object] | None) -> list[str]:
    markup = sent.reply_markup if isinstance(sent, Sent) else (sent or {}).get("reply_markup")
    rows = (markup or {}).get("inline_keyboard", [])  # type: ignore[union-attr]
    return [b.get("callback_data", "") for row in rows for b in row]


def _alerts(harness: Harness, chat_id: int) -> list[Sent]:
    """Alert messages: those with the Timeline and the Follow buttons."""
    return [
        s
        for s in harness.emulator.sent(chat_id, "sendMessage")
        if any(b.startswith("tl:") for b in _buttons(s))
        and any(b.startswith("fo:") for b in _buttons(s))
    ]


def _no_refusals(harness: Harness, expected: str = "\0") -> None:
    bad = [
        r
        for r in harness.emulator.rejected()
        if r.error_code == 400 and expected not in r.description
    ]
    assert not bad, bad


def _text(harness: Harness, chat_id: int, message_id: int) -> str:
    return str((harness.emulator.message(chat_id, message_id) or {}).get("text", ""))


async def test_group_settings_are_for_admins_and_check_is_for_everyone(harness: Harness) -> None:
    await _ingest(harness, seed_text("seed_article_id.txt"), "seed", None)
    harness.emulator.add_chat(DESK, chat_type="supergroup", title="Meja Redaksi")
    harness.emulator.set_admins(DESK, [ADMIN])
    member = {"user_id": MEMBER, "chat_type": "supergroup"}
    refused = await harness.ask(DESK, "/subscribe@claimwatch_test_bot korut", **member)
    assert "administrators" in (refused[-1].plain_text or "")
    assert harness.rows("SELECT COUNT(*) FROM subscriptions") == [(0,)]
    checked = await harness.ask(
        DESK, "/check Pyongyang membantah mengirim tentara ke Rusia", **member
    )
    assert "1.500" in (checked[-1].plain_text or "")
    done = await harness.ask(DESK, "/subscribe korut", user_id=ADMIN, chat_type="supergroup")
    assert "Korea Utara" in (done[-1].plain_text or "")
    _no_refusals(harness)


async def test_hostile_text_goes_through_check_and_alerts(harness: Harness) -> None:
    await harness.say(ANA, "/start", language_code="id")
    subscribed = await harness.ask(ANA, "/subscribe Pyongyang", language_code="id")
    assert "Korea Utara" in (subscribed[-1].plain_text or "")
    await _ingest(harness, seed_text("seed_article_id.txt"), 'seed <b>"x"</b> & co', None)
    long_text = (HOSTILE * 80)[:10_000]
    await harness.say(ANA, "/check " + long_text, language_code="id")
    await harness.say(ANA, long_text, language_code="id")  # plain text: the tipline
    # A new answerer (the seed's own Korea Utara denial, repeated, would raise no new flag).
    await _ingest(
        harness,
        "Moskow membantah <script>alert(1)</script> Korea Utara telah mengirim 1.500 tentara "
        "ke Rusia & menyebutnya \u202ehoaks\u202c 🇰🇵🔥, kata TASS.",
        "<i>hostile</i> & co",
        None,
    )
    flags = harness.rows("SELECT COUNT(*) FROM flags")[0][0]  # the seed's and this one
    harness.services.wake()
    await until(lambda: len(_alerts(harness, ANA)) >= flags, what="the alerts")
    await harness.delivered()
    alerts = [a.plain_text or "" for a in _alerts(harness, ANA)]
    assert len(alerts) == flags
    hostile = [a for a in alerts if "hoaks" in a]
    assert len(hostile) == 1
    assert "<script>alert(1)</script>" in hostile[0] and "🇰🇵🔥" in hostile[0]
    answers = harness.texts(ANA)
    checks = [a for a in answers if "Anda mengirim" in a]
    assert len(checks) >= 2  # /check and the plain text were both answered
    assert any("1.500" in a for a in answers[1:])  # the check found the troop claim
    assert all(len(a.encode("utf-16-le")) // 2 <= 4096 for a in answers)
    _no_refusals(harness)


async def test_topic_buttons_paging_and_export(harness: Harness) -> None:
    await _ingest(harness, seed_text("seed_article_id.txt"), "seed")
    # /subscribe without a topic offers the most active actors as buttons
    menu = (await harness.ask(ANA, "/subscribe"))[-1]
    assert "sa:korea-utara" in _buttons(menu)
    await harness.press(ANA, menu.message_id or 0, "sa:korea-utara")
    assert "Korea Utara" in harness.texts(ANA)[-1]

    # /subs: a row of buttons per topic; digest-only, then the kinds menu, then one kind off
    subs = (await harness.ask(ANA, "/subs"))[-1]
    listing = subs.message_id or 0
    sub_id = next(b for b in _buttons(subs) if b.startswith("sm:")).split(":")[1]
    await harness.press(ANA, listing, f"sm:{sub_id}")
    assert "digest only" in _text(harness, ANA, listing)
    await harness.press(ANA, listing, f"sk:{sub_id}")
    assert f"kt:{sub_id}:0" in _buttons(harness.emulator.message(ANA, listing))
    await harness.press(ANA, listing, f"kt:{sub_id}:1")  # drop confirmations
    mode, kinds = harness.rows("SELECT mode, flag_kinds FROM subscriptions")[0]
    assert mode == "digest" and kinds == "denial,reversal,figure_conflict"

    # /claims pages with buttons; the next page edits the message in place
    first = (await harness.ask(ANA, "/claims"))[-1]
    nav = [b for b in _buttons(first) if b.startswith("cp:")]
    assert nav, _buttons(first)
    await harness.press(ANA, first.message_id or 0, nav[0])
    assert "(6–" in _text(harness, ANA, first.message_id or 0)

    # /export: a CSV and a JSON document of the chat's flags and claims
    await harness.say(ANA, "/export")
    docs = harness.emulator.sent(ANA, "sendDocument")
    assert len(docs) == 2
    names = {d.document[0]: d.document[1] for d in docs if d.document}
    rows = list(csv.DictReader(io.StringIO(names["claimwatch-flags.csv"].decode("utf-8-sig"))))
    exported = json.loads(names["claimwatch-export.json"])
    assert rows and {r["kind"] for r in rows} == {"denial"}
    assert len(exported["flags"]) == len(rows) and exported["claims"]
    _no_refusals(harness)


async def test_channel_posts_are_articles_and_alerts_follow_a_migrated_group(
    harness: Harness,
) -> None:
    await _ingest(harness, seed_text("seed_article_id.txt"), "seed")
    emulator = harness.emulator
    emulator.add_chat(GROUP, chat_type="group", title="Meja")
    emulator.set_admins(GROUP, [ADMIN])
    await harness.ask(GROUP, "/subscribe Pyongyang", user_id=ADMIN, chat_type="group")
    emulator.migrate(GROUP, SUPERGROUP)  # the bot learns it only from a refused send

    emulator.add_chat(CHANNEL, chat_type="channel", title="Kabar Dunia", username="kabardunia")
    emulator.bot_added_to_channel(CHANNEL, "Kabar Dunia", as_admin=True)
    await harness.process()
    assert harness.rows("SELECT is_source FROM chats WHERE id = ?", CHANNEL) == [(1,)]
    await harness.post(CHANNEL, DENIAL, title="Kabar Dunia", username="kabardunia")
    await until(lambda: _alerts(harness, SUPERGROUP), what="the alert in the supergroup")
    text = _alerts(harness, SUPERGROUP)[0].plain_text or ""
    assert "Korea Utara" in text and "1.500" in text and "Kabar Dunia" in text
    ids = {r[0] for r in harness.rows("SELECT chat_id FROM subscriptions")}
    url = harness.rows("SELECT url FROM articles WHERE source = 'Kabar Dunia'")
    assert ids == {SUPERGROUP}
    assert url[0][0].startswith("https://t.me/kabardunia/")
    _no_refusals(harness, expected="upgraded to a supergroup")


async def test_follow_from_an_alert_brings_the_next_answer(harness: Harness) -> None:
    await harness.ask(ANA, "/subscribe Korea Selatan", language_code="en")
    await _ingest(harness, seed_text("seed_article_id.txt"), "seed")
    harness.services.wake()
    await until(lambda: _alerts(harness, ANA), what="the first alert")
    await harness.delivered()
    alert = next(a for a in _alerts(harness, ANA) if "1.500" in (a.plain_text or ""))  # troops
    claim_id = next(b for b in _buttons(alert) if b.startswith("fo:")).split(":")[1]
    # Follow from the alert; a later denial of that claim is an alert through the follow
    await harness.press(ANA, alert.message_id or 0, f"fo:{claim_id}", language_code="en")
    assert f"Following claim #{claim_id}" in harness.texts(ANA)[-1]
    await harness.ask(ANA, "/unsubscribe Korea Selatan", language_code="en")
    await harness.delivered()
    before = len(_alerts(harness, ANA))
    await _ingest(harness, DENIAL, "KCNA", None)
    harness.services.wake()
    await until(lambda: len(_alerts(harness, ANA)) > before, what="the alert of the follow")
    await harness.delivered()
    states = dict(harness.rows("SELECT state, COUNT(*) FROM outbox GROUP BY state"))
    assert set(states) == {"sent"}, states
    assert len(_alerts(harness, ANA)) == states["sent"]
    _no_refusals(harness)


async def test_many_topics_and_the_label_buttons(harness: Harness) -> None:
    topics = ["nikel", "sawit", "banjir", "gempa", "pajak", "subsidi", "tambang", "hutan",
              "pemilu", "vaksin", "inflasi", "rupiah", "bandara", "kereta", "pelabuhan",
              "beras", "cabai", "listrik", "minyak", "batubara", "korupsi", "polisi", "hakim",
              "jaksa", "nelayan", "petani", "buruh", "guru", "dokter", "tsunami"]  # fmt: skip
    for word in topics:
        await harness.ask(ANA, f"/subscribe {word}")
    listing = (await harness.ask(ANA, "/subs"))[-1]
    assert "tsunami" in (listing.plain_text or "")
    assert len(_buttons(listing)) <= 100
    label = next(b for b in _buttons(listing) if b.startswith("sx:"))
    pressed = await harness.press(ANA, listing.message_id or 0, label)
    assert "text" not in harness.answer(pressed)  # an answer, and nothing else
    assert harness.texts(ANA)[-1] == (listing.plain_text or "")
    _no_refusals(harness)
