"""One flag per answerer: migration 0011 and the pipeline's grouping of the statements that
raise a flag by who answers. Sentences written for these tests."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from claimwatch.engine.pipeline import ingest
from claimwatch.engine.topics import resolve_topic
from claimwatch.matchers.planning.answerers import (
    ArticleSentences,
    _capital_only_first,
    _clause_like,
    introduced_as,
)
from claimwatch.storage import open_database
from claimwatch.storage.api import Database
from claimwatch.storage.schema import shipped_migrations, split_sql

NOW = "2026-05-01T00:00:00+00:00"


def _database_before_0011(path: Path) -> None:
    """A database as the claimwatch before migration 0011 left it, with an article, a claim,
    two statements, a flag and the alert it queued for a chat following the claim."""
    folder = resources.files("claimwatch.storage").joinpath("migrations")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name in shipped_migrations():
        if name >= "0011":
            break
        for statement in split_sql(folder.joinpath(name).read_text(encoding="utf-8")):
            conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, NOW))
    conn.executescript(
        f"""
        INSERT INTO articles (id, source, published, ingested_at, lang, content_hash, text)
        VALUES (7, 'S', '{NOW}', '{NOW}', 'en', 'h', 'text');
        INSERT INTO claims (id, text, key, lang, by_name, article_id, first_seen, updated_at)
        VALUES (3, 'the mill dumps waste', 'mill dumps waste', 'en', 'Farmers', 7,
                '{NOW}', '{NOW}');
        INSERT INTO statements (id, article_id, position, text, content, lang, stance)
        VALUES (11, 7, 0, 'a', 'a', 'en', 'deny'), (12, 7, 1, 'b', 'b', 'en', 'deny');
        INSERT INTO chats (id, type, created_at, updated_at) VALUES (5, 'private', '{NOW}',
                                                                      '{NOW}');
        INSERT INTO subscriptions (id, chat_id, kind, value, label, created_at)
        VALUES (1, 5, 'claim', '3', 'the mill', '{NOW}');
        INSERT INTO flags (id, kind, claim_id, statement_id, article_id, by_name, by_who,
                           score, published, created_at, by_state)
        VALUES (42, 'denial', 3, 11, 7, 'Ministry', 'ministry', 0.9, '{NOW}', '{NOW}', NULL);
        """
    )
    conn.close()


async def test_0011_keeps_flags_and_alerts_and_allows_one_flag_per_answerer(
    db_path: Path,
) -> None:
    _database_before_0011(db_path)
    store = await open_database(db_path)
    try:
        assert store.migrated == ["0011_flag_answerers.sql"]
        [kept] = await store.claims.get_flags([42])
        assert (kept.kind, kept.claim_id, kept.by) == ("denial", 3, "Ministry")
        async with store.transaction():
            # The same answerer again: the same flag, no second alert.
            assert (
                await store.claims.add_flag(
                    kind="denial",
                    claim_id=3,
                    statement_id=12,
                    article_id=7,
                    by_name="Ministry",
                    by_who="ministry",
                    score=0.8,
                    published=NOW,
                )
                is None
            )
            # Another answerer of the same claim in the same article: a flag of its own.
            second = await store.claims.add_flag(
                kind="denial",
                claim_id=3,
                statement_id=12,
                article_id=7,
                by_name="Police",
                by_who="police",
                score=0.8,
                published=NOW,
            )
        assert second is not None and second > 42
    finally:
        await store.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The alert queued before the migration is kept; the new flag queued one, once.
        assert conn.execute("SELECT flag_id, dedupe FROM outbox ORDER BY id").fetchall() == [
            (42, "flag:42"),
            (second, f"flag:{second}"),
        ]
        schema = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'flags' OR name LIKE '%flags%'"
            )
        }
        assert {
            "flags",
            "flags_published",
            "flags_claim",
            "flags_alert",
            "subscription_flags",
        } <= schema
        assert conn.execute("SELECT COUNT(*) FROM flags").fetchone() == (2,)


async def _denials(store: Database, *texts: str) -> list[tuple[str, str]]:
    result = None
    for day, text in enumerate(texts, start=1):
        result = await ingest(store, text, source=f"S{day}", published=f"2026-05-{day:02d}")
    assert result is not None
    return sorted((f.kind, f.by) for f in result.flags)


_TWO_ANSWERERS = (
    "Warga mengatakan pabrik PT Sinar Kertas membuang limbah ke Sungai Citarum sejak Januari.",
    "Direktur PT Sinar Kertas Bambang Susilo membantah bahwa pabrik PT Sinar Kertas membuang "
    "limbah ke Sungai Citarum sejak Januari.\n"
    "Kepala Dinas Lingkungan Hidup Karawang Sri Wahyuni juga membantah bahwa pabrik PT Sinar "
    "Kertas membuang limbah ke Sungai Citarum sejak Januari.",
)


async def test_two_answerers_of_one_claim_raise_a_flag_each(store: Database) -> None:
    flags = await _denials(store, *_TWO_ANSWERERS)
    assert [kind for kind, _by in flags] == ["denial", "denial"]


async def test_one_answerer_under_two_names_raises_one_flag(store: Database) -> None:
    flags = await _denials(
        store,
        "Residents said the Northgate paper mill had dumped waste into the Pine River since "
        "January.",
        "Northgate Paper denied that the Northgate paper mill had dumped waste into the Pine "
        "River since January.\n"
        "The company's chief communications officer, Laura Whitcombe, also denied that the "
        "Northgate paper mill had dumped waste into the Pine River since January.",
    )
    assert [kind for kind, _by in flags] == ["denial"]


def test_a_person_introduced_beside_the_body_is_the_body() -> None:
    person, body = {"andi", "pratama"}, {"polda", "sumbar"}
    assert introduced_as(
        person,
        body,
        ArticleSentences("Kabid Humas Polda Sumbar Kombes Andi Pratama memastikan kabar itu."),
    )
    assert introduced_as(
        person, body, ArticleSentences("Andi Pratama, spokesman of Polda Sumbar, said so.")
    )
    # A clause between the two: the person speaks about the body, not for it.
    assert not introduced_as(
        person, body, ArticleSentences("Andi Pratama kemudian memeriksa gudang milik Polda Sumbar.")
    )


def test_an_officer_speaks_as_the_body_only_in_an_office_held_now() -> None:
    person, body = {"budi", "santoso"}, {"sukamaju", "textil"}

    def office(text: str) -> bool:
        return introduced_as(person, body, ArticleSentences(text), office=True)

    assert office("Direktur PT Sukamaju Textil, Budi Santoso, mengakui pabrik itu tutup.")
    assert office("Budi Santoso, spokesman of PT Sukamaju Textil, admitted it.")
    # a past office, a lawyer, or no office named at all: not the body's voice
    assert not office("Budi Santoso, mantan Direktur PT Sukamaju Textil, mengakui hal itu.")
    assert not office("Budi Santoso, former director of PT Sukamaju Textil, admitted it.")
    assert not office("Budi Santoso, kuasa hukum PT Sukamaju Textil, mengakui hal itu.")
    assert not office("Budi Santoso, a lawyer for PT Sukamaju Textil, admitted it.")
    assert not office("Budi Santoso dan PT Sukamaju Textil sama-sama mengakui hal itu.")
    assert not office("Mantan Direktur PT Sukamaju Textil Budi Santoso mengakui hal itu.")
    # without the office requirement such spans still group the answerers of one flag
    assert introduced_as(
        person, body, ArticleSentences("Budi Santoso, kuasa hukum PT Sukamaju Textil, mengakui.")
    )


def test_a_clause_taken_for_a_speaker_names_no_answerer() -> None:
    assert _clause_like("Jakarta earlier this month to ease tensions")
    assert not _clause_like("Direktur PT Sinar Kertas Bambang Susilo")
    assert not _clause_like("Kepala Dinas Tenaga Kerja dan Transmigrasi")


def test_a_role_capitalised_only_as_first_word_is_no_name() -> None:
    assert _capital_only_first("Media setempat")
    assert _capital_only_first("The company")
    assert not _capital_only_first("Reuters")
    assert not _capital_only_first("Polres Bogor")


async def test_each_answerers_flag_is_alerted_once(db_path: Path) -> None:
    store = await open_database(db_path)
    try:
        await store.chats.ensure(9, type_="private", title=None, lang="id")
        found = resolve_topic("Citarum limbah")
        assert found is not None
        await store.chats.add_subscription(
            9, kind=found.kind, value=found.value, label=found.label, terms=found.terms
        )
        await _denials(store, *_TWO_ANSWERERS)
        counts = await store.outbox.counts(9)
        again = await ingest(store, _TWO_ANSWERERS[1], source="S2", published="2026-05-02")
        assert again.flags == []
        assert await store.outbox.counts(9) == counts == {"pending": 2}
    finally:
        await store.close()
