"""A re-reported answer raises no new flag, whatever the later article calls the answerer.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

from claimwatch.engine.gather import ask
from claimwatch.engine.pipeline import StatementOut, _Reading, ingest
from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.coref import wording_of
from claimwatch.matchers.decide import FlagKind
from claimwatch.matchers.keys import key_tokens
from claimwatch.matchers.model import Stance, Statement
from claimwatch.matchers.planning import ArticlePlanner, Context
from claimwatch.matchers.planning.answerers import same_answerer, told_on
from claimwatch.storage.api import Database


async def _flags(store: Database, *texts: str) -> list[list[tuple[str, str]]]:
    out = []
    for day, text in enumerate(texts, start=1):
        result = await ingest(store, text, source=f"S{day}", published=f"2026-05-{day:02d}")
        out.append([(f.kind, f.by) for f in result.flags])
    return out


def test_a_shorter_wording_of_a_known_bodys_name_is_that_body() -> None:
    names = gazetteer().names("kemenkes-ri")
    assert wording_of("the Health Ministry", names)
    assert not wording_of("the ministry", names)  # a bare role could be anyone's
    assert not wording_of("Education Ministry", names)


def test_one_answerer_under_several_names() -> None:
    assert same_answerer("kemenkes-ri", "Kemenkes", "health ministry", "Health Ministry")
    assert same_answerer("china", "China", "penjaga-pantai-china", "China's coast guard")
    assert same_answerer("rina hartati", "Rina Hartati", "hartati", "Hartati")
    # Two bodies of one state answer separately.
    assert not same_answerer("kemenkes-ri", "Kemenkes", "kesdm-ri", "ESDM")
    assert not same_answerer("rina hartati", "Rina Hartati", "rina gunawan", "Rina Gunawan")


async def test_a_denial_retold_under_a_shorter_name_is_no_new_flag(store: Database) -> None:
    flags = await _flags(
        store,
        "Serikat petani mengatakan PT Agro Lestari membuang limbah ke Sungai Cimanuk sejak Maret.",
        "Direktur PT Agro Lestari Rina Hartati membantah bahwa PT Agro Lestari membuang limbah "
        "ke Sungai Cimanuk sejak Maret.",
        "Pekan lalu Hartati membantah bahwa PT Agro Lestari membuang limbah ke Sungai Cimanuk "
        "sejak Maret.",
    )
    assert [kind for kind, _by in flags[1]] == ["denial"]
    assert flags[2] == []


async def test_a_headline_answer_and_its_text_are_one_answer_to_one_claim(store: Database) -> None:
    flags = await _flags(
        store,
        "Harbor Foods is planning to close 14 stores in Ohio and cut about 600 jobs, people "
        "familiar with the matter said.",
        "Harbor Foods CEO calls store closure report 'false'\n"
        "Harbor Foods chief executive Dana Whitfield said on Monday that a report of 600 job "
        "cuts at the company was false.",
    )
    assert [kind for kind, _by in flags[1]] == ["denial"]


async def test_an_unnamed_retelling_of_an_answer_is_no_new_flag(store: Database) -> None:
    flags = await _flags(
        store,
        "Serikat petani mengatakan PT Agro Lestari membuang limbah ke Sungai Cimanuk sejak Maret.",
        "Direktur PT Agro Lestari Rina Hartati membantah bahwa PT Agro Lestari membuang limbah "
        "ke Sungai Cimanuk sejak Maret.",
        '"Kabar bahwa PT Agro Lestari membuang limbah ke Sungai Cimanuk sejak Maret itu tidak '
        'benar."',
    )
    assert [kind for kind, _by in flags[1]] == ["denial"]
    assert flags[2] == []


async def test_a_denial_answers_the_report_not_the_companys_own_quote_after_it(
    store: Database,
) -> None:
    flags = await _flags(
        store,
        "Drivers say Metro Kencana to raise bus fare to Rp 9.000 in Bandung\n"
        "Bus drivers said Metro Kencana will raise the fare on its Bandung routes to Rp 9.000 "
        "from next week.",
        "Metro Kencana denies plan to raise bus fare\n"
        "Metro Kencana Ltd has denied news that it will raise the ticket price at its "
        "city terminals to Rp 9.000.\n"
        '"Metro Kencana has not raised the ticket price at its city terminals and will not '
        "raise it,\" the company's spokesman, Yoga Pratama, told reporters on Tuesday.",
        "Metro Kencana admits bus fare rise\n"
        "Metro Kencana Ltd acknowledged on Friday that it raised the bus fare on its Bandung "
        "routes to Rp 9.000.",
    )
    assert [kind for kind, _by in flags[1]] == ["denial"]
    assert [kind for kind, _by in flags[2]] == ["reversal"]


async def test_a_denial_restating_a_stored_claim_in_other_words_answers_that_claim(
    store: Database,
) -> None:
    first = await ingest(
        store,
        "Union leaders said Harbor Foods intends to cut some 600 jobs at its Ohio "
        "and Kentucky warehouses by March as online grocery orders slow sharply.",
        source="S1",
        published="2026-05-01",
    )
    later = await ingest(
        store,
        "Harbor Foods spokeswoman Dana Whitfield denied that the company planned to cut 600 jobs.",
        source="S2",
        published="2026-05-03",
    )
    assert [(f.kind, f.claim_id) for f in later.flags] == [("denial", first.new_claims[0])]


def test_an_answer_dated_to_a_day_already_reported_is_told_again() -> None:
    st = Statement(
        0,
        "Korea Utara pada Kamis (4/6) menyebut laporan itu rekayasa.",
        "laporan itu rekayasa",
        "id",
        Stance.DENY,
        speaker="Korea Utara",
        speaker_actor="korea-utara",
    )
    out = StatementOut(1, st)
    told = [("denial", 7, "korea-utara", "North Korea")]
    wednesday = "2026-03-05T00:00:00+00:00"
    assert told_on(out, None, FlagKind.DENIAL, wednesday, told)
    assert not told_on(out, None, FlagKind.CONFIRMATION, wednesday, told)
    assert not told_on(out, None, FlagKind.DENIAL, None, told)  # said in this article
    assert not told_on(out, None, FlagKind.DENIAL, wednesday, [("denial", 7, "rusia", "Rusia")])


async def test_a_reply_in_the_sentence_stating_a_claim_answers_that_claim(store: Database) -> None:
    flags = await _flags(
        store,
        "The Teamsters union said Harbor Foods fired 300 drivers at its Ohio depots last month.",
        "Harbor Foods dismissed as a fabrication reports that it fired 300 drivers at its Ohio "
        "depots.",
        "Ohio lawmakers said they will hold hearings on warehouse safety next month.\n"
        "The Teamsters union has said Harbor Foods fired 300 drivers at its Ohio depots, while "
        "Harbor Foods has called the report a fabrication.",
    )
    assert [kind for kind, _by in flags[1]] == ["denial"]
    assert flags[2] == []  # the denial retold, not a denial of the lawmakers


async def test_a_conflicting_figure_retold_by_nobody_is_no_new_flag(store: Database) -> None:
    flags = await _flags(
        store,
        "Polisi mengatakan sekitar 5.000 orang ikut demo buruh di Monas pada Sabtu.",
        "Panitia aksi mengatakan sekitar 50.000 orang ikut demo buruh di Monas pada Sabtu.",
        "Demo Buruh di Monas Diikuti 50.000 Orang\n"
        "Sekitar 50.000 orang ikut demo buruh di Monas pada Sabtu menurut laporan yang beredar.",
    )
    assert [kind for kind, _by in flags[1]] == ["figure_conflict"]
    assert flags[2] == []


async def test_an_admission_in_other_words_turns_from_the_denied_claim(store: Database) -> None:
    flags = await _flags(
        store,
        "Serikat pekerja mengatakan PT Agro Lestari akan memecat 900 karyawan di pabrik "
        "Karawang bulan depan.",
        "Manajemen PT Agro Lestari membantah akan memecat 900 karyawan di pabrik Karawang.",
        "Direktur PT Agro Lestari Rina Hartati akhirnya mengakui ratusan karyawan di Karawang "
        "akan menerima surat resmi dari bagian personalia sebelum libur Lebaran tahun ini.",
    )
    assert [kind for kind, _by in flags[1]] == ["denial"]
    assert [kind for kind, _by in flags[2]] == ["reversal"]


async def test_the_answers_of_earlier_articles_are_read_once_an_article(store: Database) -> None:
    """Each admission of an article asks which claim its speaker denied before: the flags
    of the last months are read once an article, the claims they name in one batch."""
    await _flags(
        store,
        "Serikat pekerja mengatakan PT Agro Lestari akan memecat 900 karyawan di pabrik "
        "Karawang bulan depan.",
        "Manajemen PT Agro Lestari membantah akan memecat 900 karyawan di pabrik Karawang.",
    )
    reads: list[str] = []
    answers_since, get_claim = store.claims.answers_since, store.claims.get

    async def counted_answers(*args: Any, **kwargs: Any) -> Any:
        reads.append("answers")
        return await answers_since(*args, **kwargs)

    async def counted_claim(claim_id: int) -> Any:
        reads.append("claim")
        return await get_claim(claim_id)

    store.claims.answers_since = counted_answers  # type: ignore[method-assign]
    store.claims.get = counted_claim  # type: ignore[method-assign]
    published = "2026-05-03T00:00:00+00:00"
    context = Context(99, published)
    run = ArticlePlanner(context, 99, published, _Reading("", "id", [], {}, {}))
    found = []
    key = key_tokens("karyawan pabrik Karawang", "id")
    for text in (
        "Manajemen PT Agro Lestari mengakui pemecatan karyawan pabrik Karawang.",
        "Manajemen PT Agro Lestari juga mengakui karyawan pabrik Karawang dipecat.",
    ):
        st = Statement(0, text, text, "id", Stance.CONFIRM, speaker="Manajemen PT Agro Lestari")
        claim = await ask(store, context, lambda st=st: run.denied_before(st, key))
        found.append(claim.text if claim else None)
    assert found == ["PT Agro Lestari akan memecat 900 karyawan di pabrik Karawang bulan depan"] * 2
    assert reads == ["answers"]


def test_a_body_named_with_its_officials_role_or_in_another_word_order_is_one_wording() -> None:
    from claimwatch.matchers.planning.answerers import _within

    assert _within("a transport ministry official", "the Ministry of Transport")
    assert _within("ministry", "Ministry of Transport")
    assert not _within("a transport ministry official", "the Ministry of Health")
    assert not _within("union official", "ministry official")


def test_a_headlines_short_name_is_the_body_its_text_names_in_full() -> None:
    from claimwatch.matchers.planning.answerers import fuller_answerer

    def st(position: int, text: str, speaker: str) -> Statement:
        return Statement(
            position=position,
            text=text,
            content=text,
            lang="en",
            speaker=speaker,
            speaker_phrase=speaker,
            stance=Stance.ASSERT,
        )

    headline = "Port to close for a week, authority says"
    body = [
        st(0, headline, "authority"),
        st(1, "The port will close for a week, the harbour authority said.", "harbour authority"),
    ]
    assert fuller_answerer(body[0], None, headline, body) == [
        ("harbour authority", "harbour authority")
    ]
    assert fuller_answerer(body[1], None, headline, body) == []  # not the headline
    other = [body[0], st(1, "The port will close, the mayor said.", "mayor")]
    assert fuller_answerer(body[0], None, headline, other) == []


async def test_an_admission_told_again_as_a_confirmation_is_no_new_turn(
    store: Database,
) -> None:
    """The company admitted the layoffs (a reversal). The same admission told again, as a
    confirmation of that claim (the other language's report of the turn), is old news; a
    claim about other news of the company, sharing only its name, is not covered."""
    await _flags(
        store,
        "Serikat pekerja mengatakan PT Harapan Baja akan melakukan PHK terhadap 900 buruh di "
        "pabrik Cilegon bulan depan.",
        "Manajemen PT Harapan Baja membantah akan melakukan PHK terhadap 900 buruh di pabrik "
        "Cilegon.",
        "Manajemen PT Harapan Baja akhirnya mengakui akan merumahkan ratusan buruh di "
        "pabrik Cilegon.",
        "Wali kota mengatakan PT Harapan Baja membangun gudang baru di Serang.",
    )
    layoffs, other = await store.claims.get(1), await store.claims.get(2)
    assert layoffs is not None and "PHK" in layoffs.text
    assert other is not None and "gudang" in other.text
    published = "2026-05-09T00:00:00+00:00"
    context = Context(99, published)
    run = ArticlePlanner(context, 99, published, _Reading("", "en", [], {}, {}))
    run.pending = {(FlagKind.CONFIRMATION, 1): [], (FlagKind.CONFIRMATION, 2): []}
    admitted = await ask(store, context, run.admitted_before)
    assert [name for _who, name in admitted[(FlagKind.CONFIRMATION, 1)]] == [
        "Manajemen PT Harapan Baja"
    ]
    assert (FlagKind.CONFIRMATION, 2) not in admitted


def test_the_company_is_the_company_whose_officer_spoke() -> None:
    from claimwatch.matchers.planning.answerers import names_a_company, the_company

    assert the_company("The company") and the_company("perusahaan tersebut")
    assert not the_company("the union")
    assert names_a_company("Direktur Keuangan PT Harapan Baja")
    assert not names_a_company("Ketua Serikat Pekerja Harapan")


async def test_a_denial_given_again_answers_the_claim_it_denied_not_a_retelling_here(
    store: Database,
) -> None:
    flags = await _flags(
        store,
        "Aliansi Warga Pesisir mengatakan aparat menangkap 25 nelayan yang berunjuk rasa di "
        "dermaga Tanjung Pasir dan menyita perahu mereka pada Senin (4/5).",
        "Polres Pelabuhan membantah aparat menangkap nelayan di dermaga itu.",
        "Aliansi Warga Pesisir mengatakan nelayan yang ditangkap masih ditahan di Polres "
        "Pelabuhan tanpa didampingi pengacara. Polres Pelabuhan kembali membantah adanya "
        "penangkapan nelayan.",
    )
    assert flags[1] == [("denial", "Polres Pelabuhan")]
    assert flags[2] == []  # the same answer to the same arrests, told again
