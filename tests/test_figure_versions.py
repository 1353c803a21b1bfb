"""Two sources giving one count two ways raise a figure conflict on the earlier version,
named for whoever gives the later figure (issue 10, figure conflicts)."""

from __future__ import annotations

from claimwatch.engine.pipeline import ingest
from claimwatch.storage.api import Database

CROWD_EN = (
    "Thousands rallied in the capital on Sunday against the new labour law. "
    "The Metro police put the size of the crowd at 6,000. "
    "The Workers Alliance said 70,000 people joined the march, and vowed to return next week."
)
CROWD_ID = (
    "Ribuan nelayan berunjuk rasa di depan kantor gubernur, Senin (3/3). "
    "Panitia aksi mengklaim peserta yang datang lebih dari 20 ribu orang. "
    '"Paling banyak 4.000 orang," kata Kapolresta Kota Baru, Kombes Anton Wirawan.'
)
BOUND_KEPT = (
    "Banjir bandang melanda tiga desa, Selasa (4/3). "
    "Kepala BPBD mengatakan sedikitnya 40 rumah rusak berat akibat banjir. "
    "Kepala desa menyebut 55 rumah rusak berat di desanya."
)
PARTS = (
    "The storm killed 31 people across the province, the disaster agency said. "
    "Nineteen of them died in the port city, the mayor said, and 12 in the hills."
)


async def test_police_and_organisers_disagree_on_a_crowd(store: Database) -> None:
    result = await ingest(store, CROWD_EN, source="Wire", published="2025-03-02")
    assert [(f.kind, f.by) for f in result.flags] == [("figure_conflict", "Workers Alliance")]
    (flag,) = result.flags
    assert "6,000" in flag.claim_text


async def test_a_bare_number_against_a_bound_it_breaks(store: Database) -> None:
    result = await ingest(store, CROWD_ID, source="Koran", published="2025-03-03")
    assert [f.kind for f in result.flags] == ["figure_conflict"]
    (flag,) = result.flags
    assert "20 ribu" in flag.claim_text and "Kapolresta" in flag.by


async def test_a_figure_that_satisfies_a_bound_is_no_conflict(store: Database) -> None:
    result = await ingest(store, BOUND_KEPT, source="Koran", published="2025-03-04")
    assert [f.kind for f in result.flags if f.kind == "figure_conflict"] == []


async def test_parts_of_a_count_in_one_article_are_not_versions(store: Database) -> None:
    result = await ingest(store, PARTS, source="Wire", published="2025-03-05")
    assert [f.kind for f in result.flags if f.kind == "figure_conflict"] == []


async def test_a_later_article_contradicts_an_earlier_claim(store: Database) -> None:
    await ingest(
        store,
        "The Manpower Ministry said the factory will lay off 1,500 workers at its plant in Batam.",
        source="Wire",
        published="2025-03-01",
    )
    later = await ingest(
        store,
        "The union said the factory in Batam will lay off 4,000 workers at its plant.",
        source="Daily",
        published="2025-03-02",
    )
    assert [(f.kind, f.by) for f in later.flags] == [("figure_conflict", "union")]
    assert "1,500" in later.flags[0].claim_text


async def test_a_number_without_its_noun_answers_the_version_before_it(store: Database) -> None:
    text = (
        "Panitia Festival Danau Toba mengklaim pengunjung mencapai 1,2 juta orang. "
        '"Hanya 90 ribu," kata Kapolres Samosir, AKBP Rudi Hartono, kepada wartawan.'
    )
    result = await ingest(store, text, source="Koran", published="2025-03-06")
    assert [f.kind for f in result.flags] == ["figure_conflict"]
    assert "1,2 juta" in result.flags[0].claim_text


async def test_a_toll_given_again_in_a_later_article_conflicts_when_it_changed(
    store: Database,
) -> None:
    await ingest(
        store,
        "Basarnas said six people died when the boat capsized off Lombok on Monday.",
        source="Wire",
        published="2025-03-03",
    )
    later = await ingest(
        store,
        "The Lombok police chief said nine people died when the boat capsized on Monday.",
        source="Daily",
        published="2025-03-04",
    )
    assert [f.kind for f in later.flags] == ["figure_conflict"]


async def test_a_speaker_correcting_a_circulating_figure(store: Database) -> None:
    text = (
        "Direktur Perlindungan WNI, Hendra Wijaya, menyebut WNI di kapal itu berjumlah "
        "lima orang, tidak sama dengan kabar yang beredar, yakni 11 orang.\n"
        '"Jumlahnya lima orang, bukan 11 orang," kata Hendra.'
    )
    result = await ingest(store, text, source="Koran", published="2025-03-07")
    assert [f.kind for f in result.flags] == ["figure_conflict"]
    assert "11 orang" in result.flags[0].claim_text and "Hendra" in result.flags[0].by


async def test_one_shared_word_and_the_same_story_in_the_headlines(store: Database) -> None:
    await ingest(
        store,
        "Buruh Demo di Kantor Gubernur Tolak Upah Baru\n"
        '"Ada 30.000 buruh dari kawasan industri yang ikut dalam aksi," kata koordinator aksi '
        "Yusuf Hamdani.",
        source="Koran",
        published="2025-03-10",
        lang="id",
    )
    later = await ingest(
        store,
        "Polisi: Demo Buruh di Kantor Gubernur Hanya 3.000 Orang\n"
        "Kapolresta Kota Baru memperkirakan massa aksi pada Senin sekitar 3.000 orang.",
        source="Harian",
        published="2025-03-10",
        lang="id",
    )
    assert [f.kind for f in later.flags] == ["figure_conflict"]
    assert "30.000" in later.flags[0].claim_text


async def test_a_source_correcting_its_own_count_in_a_later_article(store: Database) -> None:
    await ingest(
        store,
        "The navy said 9 foreign trawlers were seen near the atoll during the standoff.",
        source="Wire",
        published="2025-05-01",
    )
    later = await ingest(
        store,
        '"We counted 11 foreign trawlers, not 9," the navy said on Monday.',
        source="Daily",
        published="2025-05-05",
    )
    assert [f.kind for f in later.flags] == ["figure_conflict"]
    assert "9 foreign trawlers" in later.flags[0].claim_text


async def test_a_later_article_retelling_a_flagged_dispute_raises_nothing(store: Database) -> None:
    first = await ingest(
        store,
        "Panitia aksi mengklaim 40.000 orang petani ikut berunjuk rasa di Alun-alun Kota Baru.",
        source="Koran",
        published="2025-06-01",
    )
    assert first.flags == []
    answer = await ingest(
        store,
        "Polres Kota Baru menyebut petani yang berunjuk rasa di Alun-alun hanya 3.000 orang.",
        source="Koran",
        published="2025-06-02",
    )
    assert [f.kind for f in answer.flags] == ["figure_conflict"]
    retold = await ingest(
        store,
        "Farmers rally over land. Police put the crowd at about 3,000, while organizers "
        "said 40,000 people took part.",
        source="Wire",
        published="2025-06-05",
    )
    assert [f.kind for f in retold.flags if f.kind == "figure_conflict"] == []


async def test_a_sample_of_a_count_is_no_version_of_it(store: Database) -> None:
    await ingest(
        store,
        "Hackers said they stole 12 million patient records from the hospital group. "
        "The gang leaked a sample of 5,000 rows on its site.",
        source="Wire",
        published="2025-07-01",
    )
    later = await ingest(
        store,
        "The hospital group said records of 2 million patients had been stolen.",
        source="Daily",
        published="2025-07-04",
    )
    claims = [f.claim_text for f in later.flags if f.kind == "figure_conflict"]
    assert all("sample" not in c for c in claims)


async def test_a_corrected_figure_told_in_full_later_is_the_claim(store: Database) -> None:
    text = (
        "Menurut Basarnas, korban longsor di Desa Sukamaju berjumlah 14 orang, bukan 16. "
        '"Dua orang yang dilaporkan hilang sudah ditemukan selamat," kata Kepala Basarnas '
        "Kota Baru, Rudi Hartono. "
        "Angka itu berbeda dengan data awal. Pagi tadi sempat beredar kabar ada 16 orang "
        "tertimbun longsor."
    )
    result = await ingest(store, text, source="Koran", published="2025-08-01")
    figure_flags = [f for f in result.flags if f.kind == "figure_conflict"]
    assert len(figure_flags) == 1
    assert "16 orang" in figure_flags[0].claim_text


async def test_a_new_figure_against_a_claim_already_disputed(store: Database) -> None:
    await ingest(
        store,
        "Posts on social media claim that nine children died of food poisoning in Kota Baru.",
        source="Wire",
        published="2025-09-01",
    )
    answer = await ingest(
        store,
        "The Kota Baru health office said two children died of food poisoning in Kota Baru.",
        source="Daily",
        published="2025-09-02",
    )
    assert [f.kind for f in answer.flags] == ["figure_conflict"]
    update = await ingest(
        store,
        "A third child died, bringing the number of food poisoning deaths in Kota Baru to "
        "three, the Kota Baru health office said.",
        source="Daily",
        published="2025-09-04",
    )
    assert [f.kind for f in update.flags] == ["figure_conflict"]


async def test_a_toll_of_the_same_story_told_in_other_words(store: Database) -> None:
    await ingest(
        store,
        "Landslide buries village in Kota Baru hills, three dead\n"
        "A landslide buried part of a village in the Kota Baru hills on Monday. "
        "Three people died and nine were hurt, the disaster agency said.",
        source="Wire",
        published="2025-10-01",
    )
    later = await ingest(
        store,
        "Kota Baru hills landslide death toll rises to eight\n"
        "Searchers pulled five more bodies from the mud on Tuesday, raising the toll to "
        "eight, the regent said.",
        source="Daily",
        published="2025-10-02",
    )
    assert [f.kind for f in later.flags] == ["figure_conflict"]
    assert "Three people died" in later.flags[0].claim_text


async def test_narration_before_a_claim_is_no_answer_to_its_figure(store: Database) -> None:
    text = (
        "Harga beras di Kota Baru masih lebih murah dari harga pasar, meski sudah naik "
        "Rp 1.000 pada Januari lalu.\n"
        "Di media sosial beredar kabar bahwa harga beras dinaikkan Rp 4.000 per karung."
    )
    result = await ingest(store, text, source="Koran", published="2025-11-01")
    assert [f.kind for f in result.flags if f.kind == "figure_conflict"] == []


async def test_a_rally_held_again_counts_a_new_crowd(store: Database) -> None:
    await ingest(
        store,
        "The Drivers Union said 40,000 drivers joined the rally in Kota Baru on Saturday.",
        source="Wire",
        published="2025-12-01",
    )
    later = await ingest(
        store,
        "Drivers rally again in Kota Baru\n"
        "The Drivers Union said 55,000 drivers joined Saturday's rally in Kota Baru.",
        source="Wire",
        published="2025-12-08",
    )
    assert [f.kind for f in later.flags if f.kind == "figure_conflict"] == []


async def test_an_unattributed_claim_that_says_it_is_one_is_answered(store: Database) -> None:
    await ingest(
        store,
        "Relawan Klaim 500 Surat Suara Rusak di TPS 9 Kota Baru\n"
        "Video soal surat suara rusak di TPS 9 Kota Baru viral di media sosial.",
        source="Koran",
        published="2025-12-10",
    )
    later = await ingest(
        store,
        "KPU Kota Baru menyebut surat suara rusak di TPS 9 Kota Baru berjumlah 40 lembar.",
        source="Koran",
        published="2025-12-12",
    )
    assert [f.kind for f in later.flags if f.kind == "figure_conflict"] == ["figure_conflict"]


async def test_a_count_in_another_language_found_by_its_concepts(store: Database) -> None:
    await ingest(
        store,
        "Militer Kota Baru menyebut tiga rudal balistik diluncurkan dari pesisir utara.",
        source="Koran",
        published="2025-12-15",
    )
    later = await ingest(
        store,
        '"Our radar data show that only one missile was launched," the coastal '
        "observatory said in a statement.",
        source="Wire",
        published="2025-12-16",
    )
    assert [f.kind for f in later.flags if f.kind == "figure_conflict"] == ["figure_conflict"]
    assert "tiga rudal" in later.flags[0].claim_text
