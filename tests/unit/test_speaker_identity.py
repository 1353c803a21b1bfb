"""Two levels of who speaks: the body itself for "the same speaker", its state for whose
claim a reply names. Sentences written for these tests."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.matchers.actors import gazetteer
from claimwatch.matchers.decide import FlagKind, Relation, decide
from claimwatch.matchers.model import Stance
from claimwatch.matchers.statements import StatementReader
from claimwatch.storage.api import Database


def _speakers(text: str) -> list[str | None]:
    _lang, statements = StatementReader().read(text, "id")
    return [st.speaker_actor for st in statements]


def test_a_body_speaks_as_itself_and_belongs_to_its_state() -> None:
    gaz = gazetteer()
    assert gaz.speaker("kemlu-ri").id == "kemlu-ri"
    assert gaz.identity("kemlu-ri").id == "indonesia"
    assert gaz.state("kremlin") == "rusia"
    assert gaz.state("someone unknown") == "someone unknown"
    members = gaz.members("rusia")
    assert members[0] == "rusia"
    assert {"kremlin", "sergei-lavrov", "kemhan-rusia"} <= set(members)
    assert "kemlu-ri" not in members


def test_a_spokesperson_speaks_for_the_body_and_an_embassy_for_its_state() -> None:
    assert _speakers(
        "Juru bicara Kemlu mengatakan bahwa seluruh warga negara Indonesia di kota itu selamat."
    ) == ["kemlu-ri"]
    assert _speakers(
        "Kedutaan Besar China membantah bahwa kapal itu memasuki perairan Sukamaju."
    ) == ["china"]


def test_a_speaker_denying_what_it_said_in_the_same_article_raises_no_reversal() -> None:
    # "Produk itu tidak terbukti menangkal flu ... membantah klaim bahwa produk itu ampuh":
    # the same point made twice, not a turn.
    again = decide(Stance.DENY, "bpom", "bpom", {}, claimed_here=True)
    assert again.flag is None and again.relation is Relation.RESTATES
    earlier = decide(Stance.DENY, "bpom", "bpom", {})
    assert earlier.flag is FlagKind.REVERSAL
    retracted = decide(Stance.RETRACT, "bpom", "bpom", {}, claimed_here=True)
    assert retracted.flag is FlagKind.REVERSAL


async def test_one_ministry_denying_another_is_a_denial_not_a_reversal(store: Database) -> None:
    first = await ingest(
        store,
        "Kemhan mengatakan bahwa tiga kapal perang asing memasuki perairan Natuna pekan lalu.",
        source="Antara",
        published="2026-01-05",
    )
    assert first.new_claims
    second = await ingest(
        store,
        "Kemlu membantah bahwa tiga kapal perang asing memasuki perairan Natuna pekan lalu.",
        source="Kompas",
        published="2026-01-06",
    )
    assert [(f.kind, f.by) for f in second.flags] == [("denial", "Kementerian Luar Negeri RI")]
    third = await ingest(
        store,
        "Kemhan kini membantah bahwa tiga kapal perang asing memasuki perairan Natuna.",
        source="Tempo",
        published="2026-01-07",
    )
    assert [(f.kind, f.by) for f in third.flags] == [("reversal", "Kementerian Pertahanan RI")]


async def test_a_denial_of_a_states_claim_finds_the_claim_of_its_body(store: Database) -> None:
    await ingest(
        store,
        "Kremlin mengatakan bahwa pasukan Ukraina menembaki sebuah pembangkit listrik di Kursk.",
        source="Antara",
        published="2026-02-01",
    )
    reply = await ingest(
        store,
        "Kyiv dengan tegas membantah klaim Rusia tersebut dan menyebutnya propaganda.",
        source="Kompas",
        published="2026-02-02",
    )
    assert [f.kind for f in reply.flags] == ["denial"]
    claim = await store.claims.get(reply.flags[0].claim_id)
    assert claim is not None and claim.by_who == "kremlin"


async def test_a_flag_quotes_the_attributed_answer_not_the_headline(store: Database) -> None:
    await ingest(
        store,
        "Sebuah akun media sosial menyebut empat warga meninggal karena demam berdarah di sebuah "
        "rumah sakit di Sukamaju.",
        source="Akun",
        published="2026-03-01",
    )
    answer = await ingest(
        store,
        "Dinkes Sukamaju Pastikan Tak Ada Warga Meninggal karena Demam Berdarah\n"
        "Dinas Kesehatan Kota Sukamaju membantah kabar empat warga meninggal karena demam "
        "berdarah di sebuah rumah sakit di Sukamaju.",
        source="Kompas",
        published="2026-03-02",
    )
    assert [(f.kind, f.by) for f in answer.flags] == [("denial", "Dinas Kesehatan Kota Sukamaju")]
    assert answer.flags[0].statement_text.startswith("Dinas Kesehatan Kota Sukamaju membantah")


def test_indonesian_bodies_parties_and_companies_are_known_speakers() -> None:
    gaz = gazetteer()
    assert _speakers("Bareskrim Polri membantah bahwa penyidik menerima suap dari tersangka.") == [
        "bareskrim"
    ]
    assert gaz.state("bareskrim") == "indonesia"  # through Polri
    assert gaz.state("polda-metro-jaya") == "indonesia"
    assert _speakers("Partai Gerindra membantah bahwa ketua umumnya akan mundur.") == ["gerindra"]
    assert gaz.state("gerindra") == "gerindra"  # a party's word is not the state's
    assert [a.id for a in gaz.find("Pertamina Patra Niaga dan PLN")] == [
        "pertamina-patra-niaga",
        "pln",
    ]


def test_restating_anothers_claim_in_passing_is_no_stand_to_turn_from() -> None:
    # "Penjaga pantai itu mengatakan kapalnya mengusir kapal nelayan" was linked to the
    # fishermen's claim; its later denial of the claim is a denial, not a reversal.
    restated = {"nelayan": Stance.ASSERT, "penjaga-pantai": Stance.ASSERT}
    assert decide(Stance.DENY, "penjaga-pantai", "nelayan", restated).flag is FlagKind.DENIAL
    confirmed = {"nelayan": Stance.ASSERT, "penjaga-pantai": Stance.CONFIRM}
    assert decide(Stance.DENY, "penjaga-pantai", "nelayan", confirmed).flag is FlagKind.REVERSAL


async def test_an_answer_given_before_raises_no_flag_again(store: Database) -> None:
    await ingest(
        store,
        "Kemhan mengatakan bahwa dua kapal selam asing terlihat di perairan Sabang pekan lalu.",
        source="Antara",
        published="2026-05-01",
    )
    first = await ingest(
        store,
        "Kemlu membantah bahwa dua kapal selam asing terlihat di perairan Sabang pekan lalu.",
        source="Kompas",
        published="2026-05-02",
    )
    assert [f.kind for f in first.flags] == ["denial"]
    again = await ingest(
        store,
        "Kemlu sebelumnya membantah bahwa dua kapal selam asing terlihat di perairan Sabang.",
        source="Tempo",
        published="2026-05-03",
    )
    assert again.flags == []


async def test_a_spokesman_speaks_for_the_body(store: Database) -> None:
    gaz = gazetteer()
    assert gaz.speaker("dmitry-peskov").id == "kremlin"
    assert gaz.speaker("vladimir-putin").id == "vladimir-putin"  # a leader is themself
    await ingest(
        store,
        "Kremlin mengatakan bahwa pasukan Rusia telah merebut desa Pokrovka di Donetsk.",
        source="TASS",
        published="2026-06-01",
    )
    turned = await ingest(
        store,
        "Peskov kini membantah bahwa pasukan Rusia telah merebut desa Pokrovka di Donetsk.",
        source="Reuters",
        published="2026-06-02",
    )
    assert [(f.kind, f.by) for f in turned.flags] == [("reversal", "Kremlin")]


async def test_a_speaker_who_says_it_misspoke_reverses_its_claim(store: Database) -> None:
    await ingest(
        store,
        "Trade Minister Budi Santoso said rice imports would be halted from January.",
        source="Antara",
        published="2026-07-01",
    )
    misspoke = await ingest(
        store,
        "Trade Minister Budi Santoso said on Monday he had misspoken when he said rice imports "
        "would be halted from January.",
        source="Reuters",
        published="2026-07-02",
    )
    assert [f.kind for f in misspoke.flags] == ["reversal"]
    await ingest(
        store,
        "Menteri Perindustrian Sari Wulan mengatakan pabrik baja di Cilegon akan ditutup "
        "mulai Maret.",
        source="Antara",
        published="2026-07-03",
    )
    salah_ucap = await ingest(
        store,
        "Sari Wulan mengaku salah ucap saat menyebut pabrik baja di Cilegon akan ditutup mulai "
        "Maret.",
        source="Kompas",
        published="2026-07-04",
    )
    assert [f.kind for f in salah_ucap.flags] == ["reversal"]
